import { DuckDBTypeId, type DuckDBType } from '@duckdb/node-api';

/**
 * A result column's type as a person writes it: DuckDB reports JSON as a VARCHAR with the alias
 * JSON, and a type's toString() drops the alias, so a JSON column was labelled VARCHAR and a JSON
 * list VARCHAR[]. Lists and arrays are named from their element's name, which keeps its alias;
 * other nested types read as toString() (a STRUCT's JSON field still reads VARCHAR).
 */
export function columnTypeName(type: DuckDBType): string {
  if (type.alias !== undefined) return type.alias;
  switch (type.typeId) {
    case DuckDBTypeId.LIST:
      return `${columnTypeName(type.valueType)}[]`;
    case DuckDBTypeId.ARRAY:
      return `${columnTypeName(type.valueType)}[${type.length}]`;
    default:
      return type.toString();
  }
}
