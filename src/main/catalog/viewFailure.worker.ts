/** Most of a reason a catalog entry shows on one line; DuckDB's longer ones are cut with "…". */
const MAX = 200;

/**
 * Why a view of a database file cannot be read, for the catalog: the first line of DuckDB's error
 * without its class (`Catalog Error: `). The lines after it are its guesses ("Did you mean
 * "pg_am"?", "Candidate bindings: …"), which mislead more than they help beside a view's name.
 */
export function viewFailure(message: string): string {
  const first = (message.split('\n').find((l) => l.trim() !== '') ?? '').trim();
  const reason = first.replace(/^[A-Z][A-Za-z ]*Error: /, '') || 'DuckDB cannot read it.';
  return reason.length > MAX ? `${reason.slice(0, MAX - 1).trimEnd()}…` : reason;
}
