import { PostgreSQL, SQLDialect } from '@codemirror/lang-sql';
import { FUNCTION_NAMES, RESERVED_KEYWORDS, TYPE_NAMES, UNRESERVED_KEYWORDS } from '../../../shared/sql/duckdbWords';

/** Words as lang-sql reads them, split at single spaces: the generated lists break lines, and a `\nall` is no `all`. */
const words = (list: string, keep: (word: string) => boolean = () => true): string => list.split(/\s+/).filter((w) => w && keep(w)).join(' ');

/** DuckDB's functions less its own internals (`__internal_compress_integral_ubigint`…): no person's query calls them, and they sorted first. */
const PUBLIC_FUNCTIONS = words(FUNCTION_NAMES, (name) => !name.startsWith('__internal'));

/**
 * DuckDB's SQL: PostgreSQL's syntax (strings, comments, operators), with DuckDB's own words, as
 * DuckDB lists them (`duckdb_keywords()`, `duckdb_functions()`, `duckdb_types()`, generated into
 * shared/sql/duckdbWords.ts), so completion offers what DuckDB has, not the SQL standard's
 * (`dlurlscheme`, `xmlschema`). Identifiers are case-insensitive in DuckDB, so completing
 * `Miles_per_Gallon` must not wrap it in quotes.
 */
export const DuckDB = SQLDialect.define({
  ...PostgreSQL.spec,
  caseInsensitiveIdentifiers: true,
  keywords: words(`${RESERVED_KEYWORDS} ${UNRESERVED_KEYWORDS}`),
  builtin: PUBLIC_FUNCTIONS,
  types: words(TYPE_NAMES),
});
