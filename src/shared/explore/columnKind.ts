/**
 * What a DuckDB column type means for exploring it: how a filter box reads its values and which
 * statistics its profile gets. The one place that reads DuckDB type names for that purpose.
 */
export type ColumnKind =
  | { readonly kind: 'integer'; readonly min: bigint; readonly max: bigint }
  | { readonly kind: 'decimal'; readonly precision: number; readonly scale: number }
  | { readonly kind: 'float' }
  | { readonly kind: 'date' }
  | { readonly kind: 'timestamp'; readonly withTimeZone: boolean }
  | { readonly kind: 'time' }
  | { readonly kind: 'boolean' }
  | { readonly kind: 'text' }
  /** Anything else (INTERVAL, UUID, BLOB, lists, structs, maps, …): compared as text or for equality. */
  | { readonly kind: 'other' };

const signed = (bits: number) => ({ kind: 'integer', min: -(1n << BigInt(bits - 1)), max: (1n << BigInt(bits - 1)) - 1n }) as const;
const unsigned = (bits: number) => ({ kind: 'integer', min: 0n, max: (1n << BigInt(bits)) - 1n }) as const;

const INTEGERS: Readonly<Record<string, ColumnKind>> = {
  TINYINT: signed(8),
  SMALLINT: signed(16),
  INTEGER: signed(32),
  BIGINT: signed(64),
  HUGEINT: signed(128),
  UTINYINT: unsigned(8),
  USMALLINT: unsigned(16),
  UINTEGER: unsigned(32),
  UBIGINT: unsigned(64),
  UHUGEINT: unsigned(128),
};

/** Reads the type name DuckDB reports for a column (`DESCRIBE`, a result's columns). */
export function columnKind(duckdbType: string): ColumnKind {
  const t = duckdbType.trim().toUpperCase();
  const integer = INTEGERS[t];
  if (integer) return integer;
  const decimal = /^(?:DECIMAL|NUMERIC)\((\d+),\s*(\d+)\)$/.exec(t);
  if (decimal) return { kind: 'decimal', precision: Number(decimal[1]), scale: Number(decimal[2]) };
  switch (t) {
    case 'FLOAT':
    case 'REAL':
    case 'DOUBLE':
      return { kind: 'float' };
    case 'DATE':
      return { kind: 'date' };
    case 'TIMESTAMP':
    case 'TIMESTAMP_S':
    case 'TIMESTAMP_MS':
    case 'TIMESTAMP_NS':
    case 'DATETIME':
      return { kind: 'timestamp', withTimeZone: false };
    case 'TIMESTAMP WITH TIME ZONE':
    case 'TIMESTAMPTZ':
      return { kind: 'timestamp', withTimeZone: true };
    case 'TIME':
      return { kind: 'time' };
    case 'BOOLEAN':
      return { kind: 'boolean' };
    // a JSON document is text to a person: a filter box's words and its `=`/`!=` compare its text (filterSql.ts)
    case 'VARCHAR':
    case 'TEXT':
    case 'STRING':
    case 'JSON':
      return { kind: 'text' };
    default:
      // ENUMs hold text a person reads and filters like text
      return t.startsWith('ENUM(') ? { kind: 'text' } : { kind: 'other' };
  }
}

/** Numbers, dates, timestamps and times have an order a filter can use (`>`, ranges). */
export const isOrdered = (k: ColumnKind): boolean =>
  k.kind === 'integer' || k.kind === 'decimal' || k.kind === 'float' || k.kind === 'date' || k.kind === 'timestamp' || k.kind === 'time';

/** Integers, DECIMALs and floats: what a chart's brush compares as DOUBLE (filterSql.ts). */
export const isNumeric = (k: ColumnKind): boolean => k.kind === 'integer' || k.kind === 'decimal' || k.kind === 'float';

/** Whether a column holds numbers (not lists of them): right-aligned in a grid so that digits line up. */
export const holdsNumbers = (duckdbType: string): boolean => isNumeric(columnKind(duckdbType));

/** Whether a column holds exact numbers (an integer or a DECIMAL), whose DOUBLE figures (a mean) a person compares with their exact digits (wholeDigitsText). */
export const holdsExactNumbers = (duckdbType: string): boolean => ['integer', 'decimal'].includes(columnKind(duckdbType).kind);

/**
 * Whether DuckDB sums values of this type in a HUGEINT that a few values near its range (±1.7e38)
 * overflow, failing the query: a HUGEINT, or a DECIMAL wider than 18 digits. A pivot's and a
 * chart's Average and a profile's mean of such a column are summed in halves where they are whole
 * (halvesSum.ts), else as DOUBLEs (pivotParts.ts, chartAggregate.ts, profileAggregates.ts): one
 * rule, one answer.
 */
export function sumsNearHugeintRange(duckdbType: string): boolean {
  const k = columnKind(duckdbType);
  return (k.kind === 'integer' && k.min < -(1n << 63n)) || (k.kind === 'decimal' && k.precision > 18);
}
