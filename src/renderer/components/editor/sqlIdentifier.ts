/**
 * DuckDB's reserved and type_function keywords (`duckdb_keywords()`): written bare, one of these is
 * read as syntax (`select order`, `from left`) or a literal (`true`, `null`), never as a name.
 */
const NOT_A_NAME: ReadonlySet<string> = new Set(
  `all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create default deferrable
  desc describe distinct do else end except false fetch for foreign from group having in initially intersect into lambda lateral
  leading limit not null offset on only or order pivot pivot_longer pivot_wider placing primary qualify references returning
  select show some summarize symmetric table then to trailing true union unique unpivot using variadic when where window with
  anti asof at authorization binary by collation columns concurrently cross freeze full generated glob ilike inner is isnull join
  left like map natural notnull outer overlaps positional right semi similar struct tablesample try_cast unpack verbose`.split(/\s+/),
);

/**
 * A table or column name as the editor inserts it: bare when DuckDB reads it as that name (identifiers
 * are case-insensitive, so `Miles_per_Gallon` stays bare), otherwise double-quoted with `"` doubled.
 */
export function sqlIdentifier(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !NOT_A_NAME.has(name.toLowerCase()) ? name : `"${name.replaceAll('"', '""')}"`;
}
