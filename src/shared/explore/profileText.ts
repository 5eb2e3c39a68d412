/**
 * How a profile's figures read, on screen and in the Markdown notebook. Values arrive as DuckDB's
 * own text and stay exact: digits are only grouped (a BIGINT beyond 2^53 or a DECIMAL(38,10) keeps
 * every digit), never parsed. FLOAT and DOUBLE figures and averages are the exception (floatText,
 * readableAverage): DOUBLEs a person reads rather than compares, rounded as the pivot rounds them.
 */
import { columnKind } from './columnKind';

const PLAIN_NUMBER = /^(-?)(\d+)(\.\d+)?$/;

/** "1234567.5" → "1,234,567.5"; anything not a plain decimal number (dates, exponents, inf) as it is. */
export function groupDigits(text: string): string {
  const m = PLAIN_NUMBER.exec(text);
  if (!m) return text;
  return `${m[1]}${m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${m[3] ?? ''}`;
}

const twoDecimals = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const threeSignificant = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });

/**
 * An average as a person reads it, in the pivot's cells and a profile's mean and standard deviation:
 * grouped thousands and at most two decimals ("23.514572864321615" → "23.51"), three significant
 * digits below 1 (so 0.0123 does not read "0.01"), and beyond a quadrillion or below a ten-thousandth,
 * where a row of digits stops being readable, three significant digits in scientific notation
 * ("1.8e+308", "5e-7"); text that is no finite number ("inf") as it is.
 */
export function readableNumber(text: string): string {
  const n = Number(text);
  if (!Number.isFinite(n)) return text;
  const size = Math.abs(n);
  // from the text, not parsed back: a rounded -1.8e+308 is past the DOUBLE range
  if (size >= 1e15 || (size > 0 && size < 1e-4)) return n.toExponential(2).replace(/\.?0+e/, 'e');
  return (size < 1 ? threeSignificant : twoDecimals).format(n);
}

const fixedTwo = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * A FLOAT or DOUBLE as the app writes it, in a pivot's cells (pivotNumberText) and a profile card's
 * figures alike: two decimals each, so values line up ("13.00" above "21.85"; "357.00 · 712.14 ·
 * 1,068.86", not DuckDB's "357.0 · 712.1428571428571"), with grouped thousands; where two decimals
 * would hide the value (a non-zero value under 0.005 reading "0.00") or a row of digits stops being
 * readable (a quadrillion and up: 1.76e20 is "1.76e+20", not 21 digits of which 4 are made up),
 * readableNumber's three significant digits. Text that is no finite number ("inf", "nan") as it is.
 */
export function floatText(text: string): string {
  const n = Number(text);
  const size = Math.abs(n);
  return Number.isFinite(n) && size < 1e15 && (n === 0 || size >= 0.005) ? fixedTwo.format(n) : readableNumber(text);
}

/** A share of the rows as a percentage with at most one decimal ("0.3%", "100%"); a share that is not 0 never reads "0%". */
export function percent(share: number): string {
  if (share > 0 && share < 0.001) return '<0.1%';
  return `${Math.round(share * 1000) / 10}%`;
}

/** A value or NULL as a person reads it. */
export const shown = (text: string | null): string => (text === null ? '—' : groupDigits(text));

/**
 * Below this, a mean's whole digits are grouped rather than written in scientific notation: up to
 * 17 digits, every one of them the DOUBLE's own (its shortest text has at most 17); beyond, grouping
 * pads with made-up zeros ("176,366,841,446,208,100,000").
 */
const WHOLE_DIGITS_BELOW = 1e17;

/**
 * A DOUBLE figure of an integer or DECIMAL column (a mean, a standard deviation, a pivot's Average)
 * from a quadrillion up to 1e17, with every whole digit grouped, as a person compares it with the
 * column's exact min and max ("9,007,199,254,741,094" beside min 9,007,199,254,740,994, not
 * "9.01e+15"); undefined for any other size, which the caller's own rule reads.
 */
export function wholeDigitsText(text: string): string | undefined {
  const n = Number(text);
  const size = Math.abs(n);
  return Number.isFinite(n) && size >= 1e15 && size < WHOLE_DIGITS_BELOW ? twoDecimals.format(n) : undefined;
}

/**
 * An integer or DECIMAL column's mean or standard deviation (a DOUBLE): readableNumber, but with
 * every whole digit grouped up to 1e17 (wholeDigitsText); scientific notation only beyond, or below
 * a ten-thousandth. A FLOAT column's figures are floatText's.
 */
export const readableAverage = (text: string): string => wholeDigitsText(text) ?? readableNumber(text);

/** A mean or a standard deviation as the notebook writes it: rounded (readableAverage), '—' when there is none. */
export const shownRounded = (text: string | null): string => (text === null ? '—' : readableAverage(text));

const isFloat = (duckdbType: string) => columnKind(duckdbType).kind === 'float';

/**
 * A number column's min, max or quartile as a card writes it: a FLOAT's or DOUBLE's by floatText (the
 * pivot's rule), an integer's or DECIMAL's exact, digits grouped; '—' for none.
 */
export const shownNumber = (text: string | null, duckdbType: string): string => (text === null ? '—' : isFloat(duckdbType) ? floatText(text) : groupDigits(text));

/** A number column's mean or standard deviation as a card writes it: a float column's by floatText, an integer's or DECIMAL's by readableAverage; '—' for none. */
export const shownMean = (text: string | null, duckdbType: string): string => (text === null ? '—' : isFloat(duckdbType) ? floatText(text) : readableAverage(text));

/** An estimate's mark, before the figure. */
export const approx = (text: string): string => `≈${text}`;

/**
 * A count in a sample scaled to all rows (`nonNull` over all rows / `sampleNonNull` in the sample)
 * as an estimate reads: three significant digits with "≈" ("≈166,000"), a sample's precision; 0 stays 0.
 */
export function estimatedCount(count: number, nonNull: number, sampleNonNull: number): string {
  if (count === 0 || sampleNonNull === 0) return '0';
  return approx(threeSignificant.format((count * nonNull) / sampleNonNull));
}

/** What a card left out of its figures ("2 NaN, 1 inf, 1 -inf left out"), or '' when nothing was. */
export function leftOutText({ nan, inf, negInf }: { nan: number; inf: number; negInf: number }, temporal: boolean): string {
  const count = (n: number) => groupDigits(String(n));
  const parts = [nan > 0 ? `${count(nan)} NaN` : '', inf > 0 ? `${count(inf)} ${temporal ? 'infinity' : 'inf'}` : '', negInf > 0 ? `${count(negInf)} ${temporal ? '-infinity' : '-inf'}` : ''];
  const said = parts.filter((p) => p !== '');
  return said.length === 0 ? '' : `${said.join(', ')} left out`;
}
