import { describe, expect, it } from 'vitest';
import { formatBytes } from './formatBytes';

describe('formatBytes', () => {
  it('names bytes in the right number, then binary units with one decimal, grouped', () => {
    expect(formatBytes(0)).toBe('0\u00a0bytes');
    expect(formatBytes(1)).toBe('1\u00a0byte');
    expect(formatBytes(1023)).toBe('1,023\u00a0bytes');
    expect(formatBytes(1024)).toBe('1\u00a0KB');
    expect(formatBytes(16_499_115)).toBe('15.7\u00a0MB');
    expect(formatBytes(5 * 2 ** 40 * 1500)).toBe('7,500\u00a0TB');
  });
});
