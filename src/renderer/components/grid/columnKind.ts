/** Numbers are right-aligned so digits line up; DuckDB's type names decide what is a number. */
export const isNumericType = (type: string): boolean =>
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|REAL|DECIMAL|NUMERIC|INT\d*)\b/i.test(type);
