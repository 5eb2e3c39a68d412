import { describe, expect, it } from 'vitest';
import { countOf, formatCount, formatElapsed, formatMs, formatWhen } from './format';

const NBSP = '\u00a0';

describe('countOf', () => {
  it('groups the count and puts the noun in the right number', () => {
    expect(countOf(1, 'row')).toBe(`1${NBSP}row`);
    expect(countOf(0, 'row')).toBe(`0${NBSP}rows`);
    expect(countOf(3_000_000, 'row')).toBe(`3,000,000${NBSP}rows`);
    expect(countOf(2, 'query', 'queries')).toBe(`2${NBSP}queries`);
  });

  it('holds the number to its noun with a no-break space, so a narrow list never puts "columns" on a line of its own', () => {
    expect(countOf(5, 'column')).toBe('5\u00a0columns');
    expect(countOf(5, 'column')).not.toContain(' ');
  });
});

describe('formatMs', () => {
  it('groups whole milliseconds as the row counts beside it are grouped', () => {
    expect(formatMs(999)).toBe(`999${NBSP}ms`);
    expect(formatMs(1000)).toBe(`1,000${NBSP}ms`);
    expect(formatMs(6160)).toBe(`6,160${NBSP}ms`);
    expect(formatMs(125_000)).toBe(`125,000${NBSP}ms`);
  });

  it('rounds to the millisecond, across the grouping boundary too', () => {
    expect(formatMs(0.4)).toBe(`0${NBSP}ms`);
    expect(formatMs(133.6)).toBe(`134${NBSP}ms`);
    expect(formatMs(999.5)).toBe(`1,000${NBSP}ms`);
  });

  it('holds the number to "ms" with a no-break space', () => {
    expect(formatMs(134)).not.toContain(' ');
  });

  it('never shows a negative duration, nor "-0", nor "NaN": an unknown one is a dash', () => {
    expect(formatMs(-0.3)).toBe(`0${NBSP}ms`);
    expect(formatMs(-5)).toBe(`0${NBSP}ms`);
    expect(formatMs(Number.NaN)).toBe('—');
    expect(formatMs(Number.POSITIVE_INFINITY)).toBe('—');
  });
});

describe('formatCount', () => {
  it('groups in thousands, whatever the locale of the machine', () => {
    expect(formatCount(1_461)).toBe('1,461');
  });
});

describe('formatElapsed and formatWhen hold their parts together', () => {
  it('given a clock of 5.3 s or 2 min 5 s, then its number and unit are joined by no-break spaces', () => {
    expect(formatElapsed(5300)).toBe('5.3\u00a0s');
    expect(formatElapsed(125_000)).toBe('2\u00a0min 5\u00a0s');
  });

  it('given a time of day, then no space in it can break a line ("PM" stayed alone on one)', () => {
    const now = new Date('2026-12-05T14:03:04');
    const when = formatWhen(now.toISOString(), now);
    expect(when).toMatch(/\d/);
    expect(when).not.toMatch(/[ \u202f]/);
  });
});
