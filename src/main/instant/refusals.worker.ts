/**
 * Why a statement that is not a query never previews, in a person's words, by its first keyword.
 * The decision itself is DuckDB's parser's (only SELECT-family statements serialize); this only
 * names the reason.
 */
const WHY: Readonly<Record<string, string>> = {
  COPY: 'COPY reads or writes files',
  EXPORT: 'EXPORT DATABASE writes files',
  IMPORT: 'IMPORT DATABASE reads files and creates tables',
  CREATE: 'CREATE changes the database',
  INSERT: 'INSERT changes the database',
  UPDATE: 'UPDATE changes the database',
  DELETE: 'DELETE changes the database',
  DROP: 'DROP changes the database',
  ALTER: 'ALTER changes the database',
  TRUNCATE: 'TRUNCATE changes the database',
  MERGE: 'MERGE changes the database',
  ATTACH: 'ATTACH opens another database',
  DETACH: 'DETACH closes a database',
  USE: 'USE changes the default database',
  INSTALL: 'INSTALL downloads an extension',
  LOAD: 'LOAD loads an extension',
  FORCE: 'FORCE INSTALL downloads an extension',
  SET: 'SET changes a setting',
  RESET: 'RESET changes a setting',
  PRAGMA: 'PRAGMA may change settings',
  CALL: 'CALL runs a procedure',
  CHECKPOINT: 'CHECKPOINT writes the database file',
  VACUUM: 'VACUUM rewrites the database',
  BEGIN: 'BEGIN starts a transaction',
  COMMIT: 'COMMIT ends a transaction',
  ROLLBACK: 'ROLLBACK ends a transaction',
  EXPLAIN: 'EXPLAIN shows a plan, not rows',
  PREPARE: 'PREPARE defines a statement',
  EXECUTE: 'EXECUTE runs a prepared statement',
  DEALLOCATE: 'DEALLOCATE drops a prepared statement',
};

export function refusalFor(firstKeyword: string | undefined): string {
  const why = firstKeyword ? WHY[firstKeyword] : undefined;
  const lead = why ?? (firstKeyword ? `${firstKeyword} is not a query` : 'This is not a query');
  return `${lead}: a preview runs only queries that read (SELECT, FROM, WITH, VALUES). Run it to execute it.`;
}
