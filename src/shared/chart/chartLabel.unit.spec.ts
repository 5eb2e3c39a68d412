import { describe, expect, it } from 'vitest';
import { chartLabel, chartWords } from './chartLabel';

describe('chartLabel', () => {
  it('says what each chart shows', () => {
    expect(chartLabel({ mark: 'Histogram', x: 'dep_delay', aggregate: 'Count' })).toBe('Histogram of dep_delay, count per bin');
    expect(chartLabel({ mark: 'Bar', x: 'origin', y: 'delay', color: 'dest', aggregate: 'Average' })).toBe('Bar chart of average of delay per origin, by dest');
    expect(chartLabel({ mark: 'Line', x: 'date', y: 'delay', aggregate: 'Max' })).toBe('Line chart of max of delay over date');
    expect(chartLabel({ mark: 'Box', x: 'delay', aggregate: 'Count' })).toBe('Box plot of delay');
    const density = { columns: [{ role: 'x1' as const, kind: 'number' as const, label: 'a' }, { role: 'value' as const, kind: 'number' as const, label: 'count' }] };
    expect(chartLabel({ mark: 'Scatter', x: 'a', y: 'b', aggregate: 'Count' }, density)).toBe('Scatter plot of b against a, count per cell');
  });

  it('given a line or an area over categories, which is drawn as bars, then it is named as bars', () => {
    const bars = { columns: [{ role: 'x' as const, kind: 'category' as const, label: 'origin' }, { role: 'value' as const, kind: 'number' as const, label: 'average of delay' }] };
    expect(chartLabel({ mark: 'Line', x: 'origin', y: 'delay', aggregate: 'Average' }, bars)).toBe('Bar chart of average of delay per origin');
    expect(chartLabel({ mark: 'Area', x: 'origin', aggregate: 'Count' }, bars)).toBe('Bar chart of count per origin');
  });

  it('isolates a right-to-left column name, so that "per" and "by" stay where they are', () => {
    expect(chartLabel({ mark: 'Bar', x: 'עיר', y: 'delay', color: 'dest\u202e', aggregate: 'Sum' })).toBe('Bar chart of sum of delay per \u2068עיר\u2069, by \u2068dest\u202e\u2069');
  });
});

describe('chartWords', () => {
  it('given bars of counts with a Y, when another Y is picked, then the words say which Y (an undo step reads apart from the one before)', () => {
    const before = chartWords({ mark: 'Bar', x: 'weather', y: 'temp_max', aggregate: 'Count' });
    const after = chartWords({ mark: 'Bar', x: 'weather', y: 'precipitation', aggregate: 'Count' });
    expect(after).toBe('bar chart of count per weather (Y: precipitation, unused by Count)');
    expect(after).not.toBe(before);
    expect(chartWords({ mark: 'Bar', x: 'weather', aggregate: 'Count' })).toBe('bar chart of count per weather');
  });
  it('given a chart that draws its Y, or a mark without one, then only what it shows', () => {
    expect(chartWords({ mark: 'Line', x: 'date', y: 'delay', aggregate: 'Max' })).toBe('line chart of max of delay over date');
    expect(chartWords({ mark: 'Histogram', x: 'delay', y: 'distance', aggregate: 'Count' })).toBe('histogram of delay, count per bin');
    expect(chartWords({ mark: 'Scatter', x: 'a', y: 'b', aggregate: 'Count' })).toBe('scatter plot of b against a');
  });
});
