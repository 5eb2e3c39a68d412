import { describe, expect, it } from 'vitest';
import { approx, estimatedCount, floatText, groupDigits, leftOutText, percent, readableNumber, shownMean, shownNumber, shownRounded } from './profileText';

describe('profile figures on screen', () => {
  it('groups digits without parsing, so values beyond 2^53 and long decimals stay exact', () => {
    expect(groupDigits('9007199254740993')).toBe('9,007,199,254,740,993');
    expect(groupDigits('-1234567.0123456789')).toBe('-1,234,567.0123456789');
    expect(groupDigits('999')).toBe('999');
    expect(groupDigits('1.5e+20')).toBe('1.5e+20');
    expect(groupDigits('2024-01-01')).toBe('2024-01-01');
  });
  it('reads shares as percentages, never a non-zero share as 0%', () => {
    expect(percent(0)).toBe('0%');
    expect(percent(0.00001)).toBe('<0.1%');
    expect(percent(0.0034)).toBe('0.3%');
    expect(percent(1)).toBe('100%');
  });
  it('reads averages with grouped thousands and at most two decimals, what is no finite number as it is', () => {
    expect(readableNumber('23.514572864321615')).toBe('23.51');
    expect(readableNumber('7.815984312565782')).toBe('7.82');
    expect(readableNumber('-1234567.125')).toBe('-1,234,567.13');
    expect(readableNumber('999999999999999')).toBe('999,999,999,999,999');
    // beyond a quadrillion or below a ten-thousandth: three significant digits, scientific
    expect(readableNumber('1.5e+20')).toBe('1.5e+20');
    expect(readableNumber('1e308')).toBe('1e+308');
    expect(readableNumber('-1.7976931348623157e308')).toBe('-1.8e+308');
    expect(readableNumber('5e-7')).toBe('5e-7');
    expect(readableNumber('1.23456e-200')).toBe('1.23e-200');
    // below 1, three significant digits rather than two decimals
    expect(readableNumber('0.012345')).toBe('0.0123');
    expect(readableNumber('0.5149')).toBe('0.515');
    expect(readableNumber('0')).toBe('0');
    expect(readableNumber('42.0')).toBe('42');
    expect(readableNumber('inf')).toBe('inf');
    expect(readableNumber('-inf')).toBe('-inf');
  });
});

describe('a DOUBLE’s figures, in a card as in the pivot (floatText)', () => {
  it('given a DOUBLE column’s quartiles, when shown, then each has two decimals and grouped thousands, not DuckDB’s mixed precision', () => {
    expect(['357.0', '712.1428571428571', '1068.857142857143'].map((q) => shownNumber(q, 'DOUBLE')).join(' · ')).toBe('357.00 · 712.14 · 1,068.86');
    expect(shownNumber('0.0', 'FLOAT')).toBe('0.00');
    expect(shownNumber('0.001234', 'DOUBLE')).toBe('0.00123');
    expect(shownNumber('-1.7976931348623157e+308', 'DOUBLE')).toBe('-1.8e+308');
    expect(shownNumber('inf', 'DOUBLE')).toBe('inf');
    expect(shownNumber(null, 'DOUBLE')).toBe('—');
  });
  it('given an integer or DECIMAL column’s min, max or quartile, when shown, then it stays exact, digits grouped', () => {
    expect(shownNumber('9007199254740993', 'BIGINT')).toBe('9,007,199,254,740,993');
    expect(shownNumber('123456789.0123456789', 'DECIMAL(38,10)')).toBe('123,456,789.0123456789');
  });
  it('given a DOUBLE mean or std dev of 1.76e20, when shown, then it reads as the pivot reads it, not 21 digits of which 4 are made up', () => {
    expect(shownMean('1.763668414462081e+20', 'DOUBLE')).toBe('1.76e+20');
    expect(shownMean('1.763668414462081e+20', 'HUGEINT')).toBe('1.76e+20');
    expect(floatText('1.763668414462081e+20')).toBe('1.76e+20');
    expect(shownMean('23.5', 'DOUBLE')).toBe('23.50');
    // an integer column’s mean near 2^53 keeps its digits beside its exact min and max
    expect(shownMean('9007199254741094.0', 'BIGINT')).toBe('9,007,199,254,741,094');
    expect(shownMean(null, 'DOUBLE')).toBe('—');
  });
});

describe('a profile card’s means, estimates and what it left out', () => {
  it('given a mean of a tight column near 2^53, when shown, then every whole digit is grouped, not "9.01e+15"', () => {
    expect(shownRounded('9007199254741094.0')).toBe('9,007,199,254,741,094');
    // beyond 1e17 grouping would pad with made-up zeros ("-12,345,678,901,234,567,000")
    expect(shownRounded('-1.2345678901234567e+19')).toBe('-1.23e+19');
    expect(shownRounded('12345678901234567')).toBe('12,345,678,901,234,568');
    // as before below a quadrillion, and scientific where digits stop being readable
    expect(shownRounded('23.514572864321615')).toBe('23.51');
    expect(shownRounded('1e308')).toBe('1e+308');
    expect(shownRounded('1.5e+21')).toBe('1.5e+21');
    expect(shownRounded('5e-7')).toBe('5e-7');
    expect(shownRounded(null)).toBe('—');
    // the pivot's and the charts' formatter is unchanged
    expect(readableNumber('9007199254741094.0')).toBe('9.01e+15');
  });
  it('given a count in a sample, when estimated for all rows, then it is scaled by the non-null counts and marked with ≈ at three significant digits', () => {
    // flights' ORD: 55,461 of 1,000,408 sampled rows, 3,000,000 in all (166,341 really)
    expect(estimatedCount(55_461, 3_000_000, 1_000_408)).toBe('≈166,000');
    expect(estimatedCount(7, 300, 100)).toBe('≈21');
    expect(estimatedCount(0, 300, 100)).toBe('0');
    expect(approx('3 · 4 · 5')).toBe('≈3 · 4 · 5');
  });
  it('given NaNs and infinities, when a card says what it left out, then it names each kind it found', () => {
    expect(leftOutText({ nan: 2, inf: 1, negInf: 0 }, false)).toBe('2 NaN, 1 inf left out');
    expect(leftOutText({ nan: 0, inf: 1, negInf: 1234 }, false)).toBe('1 inf, 1,234 -inf left out');
    expect(leftOutText({ nan: 0, inf: 0, negInf: 1 }, true)).toBe('1 -infinity left out');
    expect(leftOutText({ nan: 0, inf: 0, negInf: 0 }, false)).toBe('');
  });
});
