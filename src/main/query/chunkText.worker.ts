import { DuckDBDateValue, DuckDBTypeId, type DuckDBDataChunk, type DuckDBType } from '@duckdb/node-api';

/** DuckDB's infinite dates are ±(2^31 - 1) days; node-api would print them as far-off calendar dates. */
const DATE_INFINITY = 2 ** 31 - 1;
const dateText = (d: DuckDBDateValue): string => (d.days === DATE_INFINITY ? 'infinity' : d.days === -DATE_INFINITY ? '-infinity' : d.toString());

/**
 * Types whose node-api values print exactly as DuckDB casts them to VARCHAR (node-api ports
 * DuckDB's own formatting for these, and doubles are written here the way DuckDB writes them;
 * chunkText.int.spec.ts checks both against DuckDB for random values, extremes and infinities
 * included). Anything else — FLOAT (DuckDB does not write its shortest digits), nested types,
 * intervals, blobs, time zones — is read back from DuckDB.
 */
const EXACT_IN_JS = new Set<DuckDBTypeId>([
  DuckDBTypeId.BOOLEAN,
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.BIGINT,
  DuckDBTypeId.HUGEINT,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
  DuckDBTypeId.UINTEGER,
  DuckDBTypeId.UBIGINT,
  DuckDBTypeId.UHUGEINT,
  DuckDBTypeId.VARCHAR,
  DuckDBTypeId.DATE,
  DuckDBTypeId.TIMESTAMP,
  DuckDBTypeId.DECIMAL,
  DuckDBTypeId.UUID,
  DuckDBTypeId.DOUBLE,
]);

export const textInJs = (types: readonly DuckDBType[]): boolean => types.every((t) => EXACT_IN_JS.has(t.typeId));

/** The first `limit` rows of a chunk as DuckDB's text, column-major; only for types `textInJs` accepts. */
export function chunkText(chunk: DuckDBDataChunk, limit: number): (string | null)[][] {
  const rows = Math.min(limit, chunk.rowCount);
  const out: (string | null)[][] = [];
  const doubles = Array.from({ length: chunk.columnCount }, (_, c) => chunk.getColumnVector(c).type.typeId === DuckDBTypeId.DOUBLE);
  for (let c = 0; c < chunk.columnCount; c++) {
    const vector = chunk.getColumnVector(c);
    const column: (string | null)[] = new Array<string | null>(rows);
    for (let r = 0; r < rows; r++) {
      const v = vector.getItem(r);
      column[r] = v === null ? null : v instanceof DuckDBDateValue ? dateText(v) : typeof v === 'number' && doubles[c] ? doubleText(v) : String(v);
    }
    out.push(column);
  }
  return out;
}

/**
 * A double as DuckDB writes it: the shortest digits that read back as the same value, in fixed
 * notation for decimal exponents -4…15 (with ".0" when integral) and scientific otherwise
 * ("1e+16", "1e-05"); nan, inf, -inf.
 */
export function doubleText(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  // JS gives the shortest digits that read back as the same double; only the notation differs.
  const [mantissa = '', exp = '0'] = x.toExponential().split('e');
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace(/^-/, '').replace('.', '');
  const e = Number(exp);
  const sign = negative ? '-' : '';
  if (e < -4 || e >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (e < 0) return `${sign}0.${'0'.repeat(-e - 1)}${digits}`;
  const int = digits.slice(0, e + 1).padEnd(e + 1, '0');
  const frac = digits.slice(e + 1);
  return `${sign}${int}.${frac || '0'}`;
}
