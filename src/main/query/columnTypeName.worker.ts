import type { DuckDBType } from '@duckdb/node-api';

/**
 * A result column's type as a person writes it: DuckDB reports JSON as a VARCHAR with the alias
 * JSON, and the type's toString() drops the alias, so a JSON column was labelled VARCHAR.
 * (An alias nested in a LIST or STRUCT, `JSON[]`, still reads as VARCHAR: toString() of the parts.)
 */
export const columnTypeName = (type: Pick<DuckDBType, 'alias' | 'toString'>): string => type.alias ?? type.toString();
