import { describe, expect, it } from 'vitest';
import { brushesOf, brushRange, chartFilters, groupedText, selectionText } from './brushRange';

describe('brushRange', () => {
  it('given numbers and a step, when brushed either way, then the range snaps outwards to whole steps', () => {
    expect(brushRange(4.35, 8.05, { step: 0.1, dateOnly: false })).toEqual({ lo: '4.3', hi: '8.1' });
    expect(brushRange(8.05, 4.35, { step: 0.1, dateOnly: false })).toEqual({ lo: '4.3', hi: '8.1' });
    expect(brushRange(3, 3, { step: 2, dateOnly: false })).toEqual({ lo: '2', hi: '4' });
  });

  it('given instants, when brushed, then dates snap to whole days and timestamps to seconds, as DuckDB reads them', () => {
    const a = new Date(Date.UTC(2012, 0, 5, 13, 0, 0));
    const b = new Date(Date.UTC(2012, 1, 1, 1, 2, 3, 400));
    expect(brushRange(b, a, { dateOnly: true })).toEqual({ lo: '2012-01-05', hi: '2012-02-02' });
    expect(brushRange(a, b, { dateOnly: false })).toEqual({ lo: '2012-01-05 13:00:00', hi: '2012-02-01 01:02:04' });
  });

  it('given a category or nothing, when brushed, then there is no range', () => {
    expect(brushRange('SEA', 'SFO', { dateOnly: false })).toBeUndefined();
    expect(brushRange(Number.NaN, 1, { dateOnly: false })).toBeUndefined();
  });
});

describe('chartFilters', () => {
  const grid = { column: 2, op: 'eq', value: 'x' } as const;
  const recorded = { column: 0, op: 'range', lo: '1', hi: '2', chart: 0 } as const;

  it('given a brush being dragged, when the charts are drawn, then it replaces the recorded brush of its chart only', () => {
    const other = { column: 1, op: 'range', lo: '5', hi: '6', chart: 1 } as const;
    expect(chartFilters([grid, recorded, other], { chart: 0, brush: { chart: 0, column: 0, lo: '3', hi: '4' } })).toEqual([grid, other, { column: 0, op: 'range', lo: '3', hi: '4', chart: 0 }]);
    expect(chartFilters([grid, recorded, other], { chart: 0, brush: null })).toEqual([grid, other]);
    expect(chartFilters([grid, recorded], undefined)).toEqual([grid, recorded]);
  });

  it('given filters, when read for brushes, then only ranges and equalities that name a chart are brushes', () => {
    const clicked = { column: 2, op: 'eq', value: 'rain', chart: 1 } as const;
    expect(brushesOf([grid, recorded, clicked, { column: 0, op: 'range', lo: '1', hi: '2' }])).toEqual([{ chart: 0, column: 0, lo: '1', hi: '2' }, { chart: 1, column: 2, value: 'rain' }]);
  });

  it('given a category clicked on a chart, when the charts are drawn, then it is an equality that names its chart', () => {
    expect(chartFilters([grid], { chart: 1, brush: { chart: 1, column: 2, value: 'rain' } })).toEqual([grid, { column: 2, op: 'eq', value: 'rain', chart: 1 }]);
  });
});

describe('selectionText', () => {
  it('given a range of a number column, when described, then its ends read grouped in thousands with every digit', () => {
    expect(selectionText('fare', { lo: '-12345.25', hi: '1000000' }, true)).toBe('Selected fare from -12,345.25 to 1,000,000 (Escape clears)');
    expect(selectionText('temp_max', { lo: '9.2', hi: '24.3' }, true)).toBe('Selected temp_max from 9.2 to 24.3 (Escape clears)');
  });

  it('given a time range or a category, when described, then it reads as DuckDB writes it', () => {
    expect(selectionText('date', { lo: '2012-01-05', hi: '2012-02-02' }, false)).toBe('Selected date from 2012-01-05 to 2012-02-02 (Escape clears)');
    expect(selectionText('weather', { value: 'rain' }, false)).toBe('Selected weather = rain (Escape clears)');
    expect(groupedText('1e+21')).toBe('1e+21');
  });
});
