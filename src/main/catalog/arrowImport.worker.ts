/**
 * Arrow IPC files (file or stream format, `.arrow`/`.feather`/`.ipc`): DuckDB's arrow extension
 * cannot be installed offline, so the worker reads the file batch by batch with apache-arrow and
 * writes it once as Parquet in the data dir's dataset cache, which DuckDB then reads natively.
 * Values are taken from Arrow's raw buffers where its JS accessors would round them (64-bit
 * integers, timestamps, decimals); lists, fixed-size lists and structs keep their shape, with the
 * same exactness inside (a fixed-size list becomes a list: Parquet, the cache, has no other).
 * Maps and the rarer Arrow types become text.
 */
import { randomUUID } from 'node:crypto';
import { open } from 'node:fs/promises';
import {
  DuckDBArrayValue,
  DuckDBBlobValue,
  DuckDBDataChunk,
  DuckDBDateValue,
  DuckDBDecimalValue,
  DuckDBListValue,
  DuckDBStructValue,
  DuckDBTimestampValue,
  DuckDBTimeValue,
  type DuckDBConnection,
  type DuckDBInstance,
  type DuckDBValue,
} from '@duckdb/node-api';
import { DataType, makeVector, RecordBatchReader, TimeUnit, type Data, type Vector } from 'apache-arrow';
import { AppErrorException, appError } from '../../shared/contracts/errors';
import { quoteIdent } from '../../shared/sql/sqlIdentifier';
import { literal } from '../query/sql';
import { columnNames } from '../../shared/explore/openAsSql';

/** Rows per DuckDB data chunk (DuckDB's vector size). */
const CHUNK_ROWS = 2048;

interface ColumnPlan {
  readonly sqlType: string;
  /** Reads row `i` of one Arrow data buffer as a DuckDB value. */
  readonly read: (data: Data, vector: Vector, i: number) => DuckDBValue;
}

const UNIT_TO_MICROS: Record<TimeUnit, [bigint, bigint]> = {
  [TimeUnit.SECOND]: [1_000_000n, 1n],
  [TimeUnit.MILLISECOND]: [1_000n, 1n],
  [TimeUnit.MICROSECOND]: [1n, 1n],
  [TimeUnit.NANOSECOND]: [1n, 1_000n],
};

const toMicros = (v: bigint | number, unit: TimeUnit): bigint => {
  const [mul, div] = UNIT_TO_MICROS[unit];
  return (BigInt(v) * mul) / div;
};

/** Row `i` of a buffer of fixed-width values. A sliced Data's `values` already start at its offset. */
const rawAt = (data: Data, i: number): unknown => (data.values as ArrayLike<unknown>)[i];

/** An Arrow decimal is a little-endian two's-complement integer over 32-bit words. */
function decimalAt(data: Data, i: number, words: number): bigint {
  const values = data.values as Uint32Array;
  const start = i * words;
  let n = 0n;
  for (let w = words - 1; w >= 0; w--) n = (n << 32n) | BigInt(values[start + w] ?? 0);
  const bits = BigInt(words * 32);
  return n >= 1n << (bits - 1n) ? n - (1n << bits) : n;
}

const jsonText = (value: unknown): string =>
  JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? Array.from(v) : v));

/** Arrow's own accessor for one Data, made once: strings, binaries, dictionaries and floats read through it. */
const vectors = new WeakMap<Data, Vector>();
const vectorOf = (d: Data): Vector => {
  let v = vectors.get(d);
  if (!v) vectors.set(d, (v = makeVector(d)));
  return v;
};

/** Every value of a (list element) vector, NULLs included, through `p`. */
function readAll(p: ColumnPlan, vector: Vector): DuckDBValue[] {
  const out: DuckDBValue[] = [];
  for (const d of vector.data) for (let j = 0; j < d.length; j++) out.push(d.getValid(j) ? p.read(d, vectorOf(d), j) : null);
  return out;
}

function plan(t: DataType): ColumnPlan {
  if (DataType.isInt(t)) {
    const name = { 8: 'TINYINT', 16: 'SMALLINT', 32: 'INTEGER', 64: 'BIGINT' }[t.bitWidth];
    return { sqlType: `${t.isSigned ? '' : 'U'}${name}`, read: (d, _v, i) => rawAt(d, i) as number | bigint };
  }
  if (DataType.isFloat(t)) return { sqlType: t.precision === 2 ? 'DOUBLE' : 'FLOAT', read: (_d, v, i) => v.get(i) as number };
  if (DataType.isBool(t)) return { sqlType: 'BOOLEAN', read: (_d, v, i) => v.get(i) as boolean };
  if (DataType.isUtf8(t) || DataType.isLargeUtf8(t) || DataType.isDictionary(t)) return { sqlType: 'VARCHAR', read: (_d, v, i) => String(v.get(i)) };
  if (DataType.isBinary(t) || DataType.isLargeBinary(t) || DataType.isFixedSizeBinary(t)) {
    return { sqlType: 'BLOB', read: (_d, v, i) => new DuckDBBlobValue(v.get(i) as Uint8Array) };
  }
  if (DataType.isDate(t)) {
    // DateDay stores days; DateMillisecond stores milliseconds.
    return { sqlType: 'DATE', read: (d, _v, i) => new DuckDBDateValue(t.unit === 0 ? Number(rawAt(d, i)) : Number(BigInt(rawAt(d, i) as bigint) / 86_400_000n)) };
  }
  if (DataType.isTimestamp(t)) {
    return { sqlType: t.timezone ? 'TIMESTAMPTZ' : 'TIMESTAMP', read: (d, _v, i) => new DuckDBTimestampValue(toMicros(rawAt(d, i) as bigint, t.unit)) };
  }
  if (DataType.isTime(t)) return { sqlType: 'TIME', read: (d, _v, i) => new DuckDBTimeValue(toMicros(rawAt(d, i) as number | bigint, t.unit)) };
  if (DataType.isDecimal(t)) {
    if (t.precision > 38) return { sqlType: 'VARCHAR', read: (_d, v, i) => String(v.get(i)) };
    const words = t.bitWidth / 32;
    return { sqlType: `DECIMAL(${t.precision},${t.scale})`, read: (d, _v, i) => new DuckDBDecimalValue(decimalAt(d, i, words), t.precision, t.scale) };
  }
  if (DataType.isList(t) || DataType.isFixedSizeList(t)) {
    const child = plan(t.children[0]!.type as DataType);
    // A list element is its own slice of the child data: read it like a column of its own.
    if (DataType.isList(t)) return { sqlType: `${child.sqlType}[]`, read: (_d, v, i) => new DuckDBListValue(readAll(child, v.get(i) as Vector)) };
    return { sqlType: `${child.sqlType}[${t.listSize}]`, read: (_d, v, i) => new DuckDBArrayValue(readAll(child, v.get(i) as Vector)) };
  }
  if (DataType.isStruct(t)) {
    const names = arrowColumnNames(t.children.map((f) => f.name));
    const fields = t.children.map((f, k) => ({ name: names[k]!, plan: plan(f.type as DataType) }));
    return {
      sqlType: `STRUCT(${fields.map((f) => `${quoteIdent(f.name)} ${f.plan.sqlType}`).join(', ')})`,
      // A struct's children are sliced along with it: row i of the struct is row i of each child.
      read: (d, _v, i) => {
        const entries: Record<string, DuckDBValue> = {};
        fields.forEach((f, k) => {
          const child = d.children[k]!;
          entries[f.name] = child.getValid(i) ? f.plan.read(child, vectorOf(child), i) : null;
        });
        return new DuckDBStructValue(entries);
      },
    };
  }
  if (DataType.isMap(t)) return { sqlType: 'JSON', read: (_d, v, i) => jsonText((v.get(i) as { toJSON(): unknown }).toJSON()) };
  return { sqlType: 'VARCHAR', read: (_d, v, i) => String(v.get(i)) };
}

/**
 * Column names as DuckDB's own readers give them (a CSV's): a missing or empty name is `column<i>`,
 * a repeated one gets `_1`, `_2` as DuckDB compares names (shared/explore's `columnNames`). An Arrow
 * file with an empty name failed with "Cannot read properties of null", one with a repeated name with
 * DuckDB's "Column with name a already exists!".
 */
export function arrowColumnNames(names: readonly (string | null | undefined)[]): string[] {
  return columnNames(names.map((given, i) => ({ name: given ? given : `column${i}`, type: '' }))).names;
}

/**
 * Reads `source` and writes it as Parquet at `target`, on a connection of its own. Returns the
 * number of rows. Its appender stays open across the file's reads; on a connection shared with
 * other requests, a statement of theirs run in between closed it ("Attempting to execute an
 * unsuccessful or closed pending query result"), as when a start re-converted a lost copy while it
 * recreated the other datasets.
 */
export async function convertArrowToParquet(instance: DuckDBInstance, source: string, target: string): Promise<{ rows: number }> {
  const c = await instance.connect();
  try {
    return await convertOn(c, source, target);
  } finally {
    c.closeSync();
  }
}

async function convertOn(c: DuckDBConnection, source: string, target: string): Promise<{ rows: number }> {
  const file = await open(source);
  // The connection is the conversion's own: its temp table goes with it, so one name serves.
  const staging = quoteIdent('arrow_import');
  try {
    let reader: RecordBatchReader;
    try {
      reader = await RecordBatchReader.from(file);
      await reader.open();
    } catch (e) {
      throw new AppErrorException(appError(randomUUID(), 'DATASET_CORRUPT', `This is not a valid Arrow IPC file (${(e as Error).message}).`));
    }
    const fields = reader.schema.fields;
    if (fields.length === 0) throw new AppErrorException(appError(randomUUID(), 'DATASET_EMPTY', 'The Arrow file has no columns.'));
    const plans = fields.map((f) => plan(f.type as DataType));
    const names = arrowColumnNames(fields.map((f) => f.name));
    await c.run(`CREATE TEMP TABLE ${staging} (${names.map((name, i) => `${quoteIdent(name)} ${plans[i]!.sqlType}`).join(', ')})`);
    const appender = await c.createAppender(staging.slice(1, -1), 'main', 'temp');
    const types = plans.map((_, i) => appender.columnType(i));
    let rows = 0;
    try {
      for await (const batch of reader) {
        for (let start = 0; start < batch.numRows; start += CHUNK_ROWS) {
          const n = Math.min(CHUNK_ROWS, batch.numRows - start);
          const chunk = DuckDBDataChunk.create(types, n);
          plans.forEach((p, col) => {
            const vector = batch.getChildAt(col)!.slice(start, start + n);
            const values: DuckDBValue[] = new Array<DuckDBValue>(n);
            let base = 0;
            for (const data of vector.data) {
              for (let i = 0; i < data.length; i++) values[base + i] = data.getValid(i) ? p.read(data, vectorOf(data), i) : null;
              base += data.length;
            }
            chunk.setColumnValues(col, values);
          });
          appender.appendDataChunk(chunk);
          rows += n;
        }
      }
    } finally {
      appender.closeSync();
    }
    await c.run(`COPY temp.${staging} TO ${literal(target)} (FORMAT parquet)`);
    return { rows };
  } finally {
    await file.close();
  }
}
