import { describe, expect, it } from 'vitest';
import { HEADER_CHROME, initialWidth, type MeasureText } from './columnWidths';

// Widths as Chromium measures the header's fonts on Linux: "Horsepower" in bold 12 px system-ui is 81.5 px.
const measured: Record<string, number> = { Horsepower: 81.5, BIGINT: 36.1, temp_max: 69.3, DOUBLE: 36.1, a: 8.1, 'TIMESTAMP WITH TIME ZONE': 144.5 };
const measure: MeasureText = (text) => measured[text] ?? 0;

describe('initialWidth', () => {
  it('holds the name, the sort icon and its gap, the padding and border: Horsepower was cut by 10 px', () => {
    // 16 px padding, 1 px border, 4 px gap, 14 px icon (styles/grid.css .grid-th, styles/result-view.css .sort-button)
    expect(HEADER_CHROME).toBeGreaterThanOrEqual(16 + 1 + 4 + 14);
    expect(initialWidth({ name: 'Horsepower', type: 'BIGINT' }, measure)).toBeGreaterThanOrEqual(81.5 + 16 + 1 + 4 + 14);
    expect(initialWidth({ name: 'Horsepower', type: 'BIGINT' }, measure)).toBe(Math.ceil(81.5 + HEADER_CHROME));
  });

  it('holds the type line when it is the longer one', () => {
    expect(initialWidth({ name: 'a', type: 'TIMESTAMP WITH TIME ZONE' }, measure)).toBe(Math.ceil(144.5 + HEADER_CHROME));
  });

  it('gives short names the usual minimum, narrower for numbers', () => {
    expect(initialWidth({ name: 'a', type: 'BIGINT' }, measure)).toBe(90);
    expect(initialWidth({ name: 'a', type: 'VARCHAR' }, measure)).toBe(120);
  });

  it('given a list of numbers, then the usual minimum: a list is not a number (the type is read as filters read it)', () => {
    for (const type of ['INTEGER[]', 'DOUBLE[]', 'DECIMAL(18,3)[]']) expect(initialWidth({ name: 'a', type }, measure), type).toBe(120);
    expect(initialWidth({ name: 'a', type: 'DECIMAL(18,3)' }, measure)).toBe(90);
  });

  it('stops at 360 px: a longer name ends in "…"', () => {
    expect(initialWidth({ name: 'x'.repeat(100), type: 'VARCHAR' }, (t) => t.length * 8)).toBe(360);
  });

  it('outside a browser, guesses generously per character rather than measuring', () => {
    expect(initialWidth({ name: 'temp_max', type: 'DOUBLE' })).toBeGreaterThanOrEqual(Math.ceil(69.3 + HEADER_CHROME));
    expect(initialWidth({ name: 'Horsepower', type: 'BIGINT' })).toBeGreaterThanOrEqual(Math.ceil(81.5 + HEADER_CHROME));
  });
});
