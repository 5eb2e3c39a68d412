import { describe, expect, it } from 'vitest';
import { groupDigits, percent } from './profileText';

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
});
