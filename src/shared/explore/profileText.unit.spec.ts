import { describe, expect, it } from 'vitest';
import { groupDigits, percent, readableNumber } from './profileText';

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
