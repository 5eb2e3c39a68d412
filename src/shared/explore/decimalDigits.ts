/** A number typed for a DECIMAL column, plain (`-12.50`) or in scientific notation (`1e-10`, as the app prints small and large figures). */
const PLAIN = /^[+-]?(\d*)(?:\.(\d*))?$/;
const SCIENTIFIC = /^[+-]?(\d*)(?:\.(\d*))?e([+-]?\d+)$/i;

/**
 * How many digits `value` has before and after the point, as DuckDB's cast to DECIMAL reads it, or
 * undefined when it is no number. A plain value counts its decimals as typed (`1.50` has two: a
 * DECIMAL(…, 1) would round it); one in scientific notation counts those of the number it writes
 * (`1.50e1` is 15: none), since its digits depend on where the exponent puts the point.
 */
export function decimalDigits(value: string): { readonly whole: number; readonly fraction: number } | undefined {
  const plain = PLAIN.exec(value);
  if (plain) {
    const [, whole = '', fraction = ''] = plain;
    return whole === '' && fraction === '' ? undefined : { whole: whole.replace(/^0+/, '').length, fraction: fraction.length };
  }
  const sci = SCIENTIFIC.exec(value);
  if (!sci) return undefined;
  const [, whole = '', fraction = '', exponent = '0'] = sci;
  if (whole === '' && fraction === '') return undefined;
  const digits = whole + fraction;
  // the point's place in `digits` once the exponent moved it; a huge exponent is out of any DECIMAL
  const point = whole.length + Math.max(-1000, Math.min(1000, Number(exponent)));
  const before = point <= 0 ? '' : digits.slice(0, point).padEnd(point, '0');
  const after = point >= digits.length ? '' : '0'.repeat(Math.max(0, -point)) + digits.slice(Math.max(0, point));
  return { whole: before.replace(/^0+/, '').length, fraction: after.replace(/0+$/, '').length };
}
