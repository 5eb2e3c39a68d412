/**
 * Values of the right shape that DuckDB's types still do not hold, for the filter boxes
 * (filterInput.ts): beyond them a cast gives NULL or fails, and the filter would match no row.
 */

/** The one time past 23:59:59 DuckDB casts to a TIME (`'24:00:00'::TIME`, the end of a day); `24:00:01` it refuses. */
export const END_OF_DAY = /^24:00(?::00(?:\.0{1,9})?)?$/;

/** The largest finite FLOAT (REAL) or DOUBLE: beyond it DuckDB casts a number to NULL. */
export const floatMax = (type: string): number => (/^(?:FLOAT|REAL)$/i.test(type.trim()) ? 3.4028234663852886e38 : Number.MAX_VALUE);

/** Why a number's text is beyond a float type (`1e309` on DOUBLE), with the type's bound as `±1.8e308`; undefined when within. */
export function beyondFloat(value: string, type: string, quoted: (value: string) => string): string | undefined {
  const max = floatMax(type);
  return Math.abs(Number(value)) > max ? `${quoted(value)} is beyond the range of ${type} (±${max.toPrecision(2).replace('e+', 'e')})` : undefined;
}
