import { DuckDBDateValue, DuckDBTimestampValue, DuckDBTypeId, type DuckDBDataChunk, type DuckDBType } from '@duckdb/node-api';

/** DuckDB's infinite dates are ±(2^31 - 1) days and infinite timestamps ±(2^63 - 1) µs. */
const DATE_INFINITY = 2 ** 31 - 1;
const TIMESTAMP_INFINITY = 2n ** 63n - 1n;
const MICROS_PER_DAY = 86_400_000_000n;

const pad = (n: number | bigint, width: number): string => String(n).padStart(width, '0');

/**
 * Days since 1970-01-01 as DuckDB writes a date ("0044-03-15 (BC)"). Written here rather than
 * taken from node-api, whose text gives astronomical year 0 as "0000" where DuckDB writes
 * "0001 (BC)". The civil-from-days arithmetic is Howard Hinnant's, exact for any integer day.
 */
export function calendarDateText(days: number): string {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year > 0 ? `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}` : `${pad(1 - year, 4)}-${pad(month, 2)}-${pad(day, 2)} (BC)`;
}

const dateText = (d: DuckDBDateValue): string => (d.days === DATE_INFINITY ? 'infinity' : d.days === -DATE_INFINITY ? '-infinity' : calendarDateText(d.days));

/** Microseconds since the epoch as DuckDB writes a TIMESTAMP: the date, then the time with trailing fraction zeros dropped. */
function timestampText(t: DuckDBTimestampValue): string {
  if (t.micros === TIMESTAMP_INFINITY) return 'infinity';
  if (t.micros === -TIMESTAMP_INFINITY) return '-infinity';
  let days = t.micros / MICROS_PER_DAY;
  let inDay = t.micros % MICROS_PER_DAY;
  if (inDay < 0n) {
    days -= 1n;
    inDay += MICROS_PER_DAY;
  }
  const fraction = pad(inDay % 1_000_000n, 6).replace(/0+$/, '');
  const seconds = inDay / 1_000_000n;
  const time = `${pad(seconds / 3600n, 2)}:${pad((seconds / 60n) % 60n, 2)}:${pad(seconds % 60n, 2)}${fraction ? `.${fraction}` : ''}`;
  return `${calendarDateText(Number(days))} ${time}`;
}

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

/** Whether values of this type print in JS exactly as DuckDB casts them to VARCHAR (EXACT_IN_JS). */
export const typeTextInJs = (type: DuckDBType): boolean => EXACT_IN_JS.has(type.typeId);

/** A value node-api read, of a type `textInJs` accepts, as DuckDB's text; `double` when its column is a DOUBLE. */
export function itemText(v: unknown, double: boolean): string | null {
  if (v === null) return null;
  if (v instanceof DuckDBDateValue) return dateText(v);
  if (v instanceof DuckDBTimestampValue) return timestampText(v);
  return typeof v === 'number' && double ? doubleText(v) : String(v);
}

/** The first `limit` rows of a chunk as DuckDB's text, column-major; only for types `textInJs` accepts. */
export function chunkText(chunk: DuckDBDataChunk, limit: number): (string | null)[][] {
  const rows = Math.min(limit, chunk.rowCount);
  const out: (string | null)[][] = [];
  const doubles = Array.from({ length: chunk.columnCount }, (_, c) => chunk.getColumnVector(c).type.typeId === DuckDBTypeId.DOUBLE);
  for (let c = 0; c < chunk.columnCount; c++) {
    const vector = chunk.getColumnVector(c);
    const column: (string | null)[] = new Array<string | null>(rows);
    for (let r = 0; r < rows; r++) column[r] = itemText(vector.getItem(r), doubles[c]!);
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
  // Between 1e-4 and 1e16 (decimal exponents -4…15) both write fixed notation: String() is the
  // whole job but for the ".0" of an integral value.
  const magnitude = Math.abs(x);
  if (magnitude >= 1e-4 && magnitude < 1e16) return Number.isInteger(x) ? `${x}.0` : String(x);
  // Anything else is scientific in both; DuckDB writes at least two exponent digits ("1e-05").
  const [mantissa = '', exp = ''] = x.toExponential().split('e');
  return `${mantissa}e${exp.slice(0, 1)}${exp.slice(1).padStart(2, '0')}`;
}
