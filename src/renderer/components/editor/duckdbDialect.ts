import { PostgreSQL, SQLDialect } from '@codemirror/lang-sql';

/**
 * DuckDB's SQL is PostgreSQL's plus its own words. Identifiers are case-insensitive in DuckDB, so
 * completing `Miles_per_Gallon` must not wrap it in quotes.
 */
export const DuckDB = SQLDialect.define({
  ...PostgreSQL.spec,
  caseInsensitiveIdentifiers: true,
  keywords: `${PostgreSQL.spec.keywords ?? ''} qualify pivot unpivot summarize describe exclude replace columns asof positional anti semi union_by_name macro install load attach detach pragma copy export import`,
  builtin: `${PostgreSQL.spec.builtin ?? ''} read_csv read_csv_auto read_parquet read_json read_json_auto read_ndjson glob range generate_series unnest list_value struct_pack count_star approx_count_distinct string_agg list histogram median mode quantile_cont quantile_disc arg_max arg_min epoch strftime strptime date_trunc date_part regexp_matches regexp_replace`,
  types: `${PostgreSQL.spec.types ?? ''} hugeint uhugeint ubigint uinteger usmallint utinyint tinyint list struct map union uuid blob varchar double float`,
});

/** The dialect's keywords, to know when a dataset name must be quoted. */
export const DUCKDB_KEYWORDS: ReadonlySet<string> = new Set((DuckDB.spec.keywords ?? '').split(/\s+/).filter(Boolean));
