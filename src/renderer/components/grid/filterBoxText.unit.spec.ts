import { describe, expect, it } from 'vitest';
import type { PageFilter } from '../../../shared/contracts/pageView';
import { parseFilterInput } from '../../../shared/explore/filterInput';
import { errorWithApplied, filterBoxOf, filterHint } from './filterBoxText';

describe('what a filter box says it takes', () => {
  it('given a number column, then ranges and comparisons, each of which reads as a filter', () => {
    const hint = filterHint('BIGINT');
    expect(hint.placeholder).toBe('>5, 10..20');
    expect(hint.title).toMatch(/^Filter \(BIGINT\):\n/);
    for (const typed of ['>5', '10..20', '10..<20', '!=10', 'null']) expect(hint.title + hint.placeholder).toContain(typed);
    expect(parseFilterInput('10..<20', 0, 'BIGINT').ok).toBe(true);
  });
  it('given a date, a timestamp or a time, then an example range of that type, which reads', () => {
    expect(filterHint('DATE').placeholder).toBe('>=2024-01-01');
    expect(parseFilterInput('2024-01-01..2024-02-01', 0, 'DATE').ok).toBe(true);
    expect(parseFilterInput('2024-01-01..2024-01-31', 0, 'TIMESTAMP').ok).toBe(true);
    expect(filterHint('TIMESTAMP').placeholder).toBe('>=2024-01-01');
    expect(filterHint('TIME').placeholder).toBe('09:00..17:00');
    expect(parseFilterInput('09:00..17:00', 0, 'TIME').ok).toBe(true);
  });
  it('given text (or a type without an order), then contains, =exact, ~ and null; no ranges', () => {
    for (const type of ['VARCHAR', 'UUID']) {
      const hint = filterHint(type);
      expect(hint.placeholder).toBe('text, =exact, null');
      expect(hint.title).toContain('=text — the whole value');
      expect(hint.title).toContain('~text');
      expect(hint.title).not.toContain('..');
    }
    expect(filterHint('BOOLEAN').placeholder).toBe('true, false, null');
  });
  it('given plain text, then it says > searches, as text has no order here (a “>a” that found nothing used to say nothing)', () => {
    expect(filterHint('VARCHAR').title).toContain('text has no order here: >a searches for “>a”');
    expect(parseFilterInput('>a', 0, 'VARCHAR')).toEqual({ ok: true, filters: [{ column: 0, op: 'contains', value: '>a' }] });
  });
  it('given an ENUM or an INTERVAL, then text’s grammar and comparisons in DuckDB’s order, each example of which reads', () => {
    const mood = "ENUM('sad', 'ok', 'happy')";
    const hint = filterHint(mood);
    expect(hint.title).toContain('=text — the whole value');
    expect(hint.title).toContain('>sad  <=happy — in the declared order: sad, ok, happy');
    expect(hint.title).not.toContain('no order');
    for (const typed of ['>sad', '<=happy', 'sad..happy']) expect(parseFilterInput(typed, 0, mood).ok).toBe(true);
    expect(filterHint('INTERVAL').placeholder).toBe('>1 day, =1 day');
    expect(filterHint('INTERVAL').title).toContain('>1 day  <=2 hours — by length');
    for (const typed of ['>1 day', '<=2 hours', '1 hour..2 days', '1 hour..<2 days', '=1 day']) expect(parseFilterInput(typed, 0, 'INTERVAL').ok).toBe(true);
  });
  it('given a timestamp, then a date alone is the whole day, = included', () => {
    expect(filterHint('TIMESTAMP').title).toContain('a date alone is the whole day (2024-01-01, <=, >, a range’s end)');
  });
});

describe('a filter box’s error while the column’s filter before it still applies', () => {
  const year: PageFilter[] = [
    { column: 2, op: 'ge', value: '1975-01-01' },
    { column: 2, op: 'le', value: '1978-01-01' },
  ];
  it('given a range on Year and then “1975” typed, then the error says the range still applies', () => {
    expect(errorWithApplied('“1975” is not a date (YYYY-MM-DD)', year, 'DATE')).toBe('“1975” is not a date (YYYY-MM-DD) — still showing rows for 1975-01-01..1978-01-01');
  });
  it('given no filter on the column, then the error alone', () => {
    expect(errorWithApplied('“x” is not a number', [], 'DOUBLE')).toBe('“x” is not a number');
  });
  it('given filters no box can say, or a long value, then their count, or the value cut short', () => {
    const values: PageFilter[] = [{ column: 0, op: 'in', values: ['a', 'b', 'c'] }];
    expect(errorWithApplied('bad', values, 'VARCHAR')).toBe('bad — still showing rows for one of 3\u00a0values');
    const long: PageFilter[] = [{ column: 0, op: 'eq', value: 'y'.repeat(100) }];
    expect(errorWithApplied('bad', long, 'VARCHAR')).toBe(`bad — still showing rows for =${'y'.repeat(39)}…`);
  });
});

describe('filterBoxOf', () => {
  it('given filters one box can say, then their text is the box’s value', () => {
    expect(filterBoxOf([{ column: 0, op: 'gt', value: '5' }], 'INTEGER')).toEqual({ text: '>5' });
  });
  it('given bars brushed on a chart, then the box is empty and their count is a summary, never text a key could change', () => {
    expect(filterBoxOf([{ column: 0, op: 'in', values: ['USA', 'Japan'] }], 'VARCHAR')).toEqual({ text: '', summary: 'one of 2\u00a0values' });
  });
});
