import { describe, expect, it } from 'vitest';
import { brushFilters, closedChartFilterChanges, brushRange, chartFilters, groupedText, ownFilterChanges, selectionOf, selectionText } from './brushRange';

describe('brushRange', () => {
  it('given numbers and a step, when brushed either way, then the range snaps outwards to whole steps', () => {
    expect(brushRange(4.35, 8.05, { step: 0.1, dateOnly: false })).toEqual({ lo: '4.3', hi: '8.1' });
    expect(brushRange(8.05, 4.35, { step: 0.1, dateOnly: false })).toEqual({ lo: '4.3', hi: '8.1' });
    // floor(1.45 / 0.2) × 0.2 is 1.4000000000000001, and 2.4 ends on an edge: the decimal edges, the one under 2.4 kept
    expect(brushRange(1.45, 2.4, { step: 0.2, dateOnly: false })).toEqual({ lo: '1.4', hi: '2.4' });
    expect(brushRange(1.4, 1.4, { step: 0.2, dateOnly: false })).toEqual({ lo: '1.4', hi: '1.6' });
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
    const dragged = brushFilters(0, { x: 0 }, { x: { kind: 'range', lo: '3', hi: '4' } });
    expect(chartFilters([grid, recorded, other], { chart: 0, filters: dragged })).toEqual([grid, other, { column: 0, op: 'range', lo: '3', hi: '4', chart: 0 }]);
    expect(chartFilters([grid, recorded, other], { chart: 0, filters: [] })).toEqual([grid, other]);
    expect(chartFilters([grid, recorded], undefined)).toEqual([grid, recorded]);
  });

  it('given a category clicked on a chart, when the charts are drawn, then it is an equality that names its chart', () => {
    expect(chartFilters([grid], { chart: 1, filters: brushFilters(1, { x: 2 }, { x: { kind: 'categories', values: ['rain'] } }) })).toEqual([grid, { column: 2, op: 'eq', value: 'rain', chart: 1 }]);
  });

  it('given several bars brushed on a chart, when recorded, then they are one `in` of their values in drawn order naming the chart, and read back the same', () => {
    const brushed = { x: { kind: 'categories', values: ['sun', 'fog', 'rain'] } } as const;
    const filters = brushFilters(1, { x: 2 }, brushed);
    expect(filters).toEqual([{ column: 2, op: 'in', values: ['sun', 'fog', 'rain'], chart: 1 }]);
    expect(selectionOf([grid, ...filters], 1, { x: 2 })).toEqual({ ...brushed, y: undefined });
    // another chart's bars, or this chart's on a column it no longer shows, are not its selection
    expect(selectionOf(filters, 0, { x: 2 })).toBeUndefined();
    expect(selectionOf(filters, 1, { x: 4 })).toBeUndefined();
    expect(brushFilters(1, { x: 2 }, { x: { kind: 'categories', values: [] } })).toEqual([]);
  });
});

describe('a rectangle brush', () => {
  const rect = { x: { kind: 'range', lo: '10', hi: '20' }, y: { kind: 'range', lo: '0.5', hi: '1.5' } } as const;

  it('given a rectangle on a scatter of columns 3 (X) and 5 (Y), when recorded, then it is a range on each naming the chart, X’s last (the one a cube is built for)', () => {
    expect(brushFilters(1, { x: 3, y: 5 }, rect)).toEqual([
      { column: 5, op: 'range', lo: '0.5', hi: '1.5', chart: 1 },
      { column: 3, op: 'range', lo: '10', hi: '20', chart: 1 },
    ]);
    expect(brushFilters(1, { x: 3, y: 5 }, { y: rect.y })).toEqual([{ column: 5, op: 'range', lo: '0.5', hi: '1.5', chart: 1 }]);
    // a chart without a Y to brush records X only
    expect(brushFilters(1, { x: 3 }, rect)).toEqual([{ column: 3, op: 'range', lo: '10', hi: '20', chart: 1 }]);
  });

  it('given recorded filters, when a chart’s selection is read, then only its own ranges on its own X and Y are, and they read back as recorded', () => {
    const grid = { column: 5, op: 'range', lo: '0', hi: '9' } as const;
    const filters = [grid, ...brushFilters(1, { x: 3, y: 5 }, rect), { column: 4, op: 'range', lo: '1', hi: '2', chart: 0 } as const];
    expect(selectionOf(filters, 1, { x: 3, y: 5 })).toEqual(rect);
    expect(selectionOf(filters, 1, { x: 3 })).toEqual({ x: rect.x, y: undefined });
    expect(selectionOf(filters, 1, { x: 6, y: 5 })).toEqual({ x: undefined, y: rect.y });
    expect(selectionOf(filters, 2, { x: 3, y: 5 })).toBeUndefined();
    expect(selectionOf([{ column: 2, op: 'eq', value: 'rain', chart: 0 }], 0, { x: 2 })).toEqual({ x: { kind: 'categories', values: ['rain'] }, y: undefined });
  });

  it('given a chart’s brush on X, when a rectangle replaces it, then both columns change in one step and every other filter stays', () => {
    const grid = [{ column: 3, op: 'ge', value: '0' }, { column: 7, op: 'contains', value: 'a' }] as const;
    const before = [...grid, { column: 3, op: 'range', lo: '1', hi: '2', chart: 1 } as const, { column: 3, op: 'range', lo: '0', hi: '5', chart: 0 } as const];
    const next = brushFilters(1, { x: 3, y: 5 }, rect);
    const changes = ownFilterChanges(before, 1, next);
    expect([...changes.keys()]).toEqual([3, 5]);
    expect(changes.get(3)).toEqual([grid[0], { column: 3, op: 'range', lo: '0', hi: '5', chart: 0 }, next[1]]);
    expect(changes.get(5)).toEqual([next[0]]);
    // cleared: each column it was on keeps only what is not its own
    const cleared = ownFilterChanges([...grid, ...next], 1, []);
    expect(Object.fromEntries(cleared)).toEqual({ 3: [grid[0]], 5: [] });
  });

  it('given three charts each brushing, when the first is closed, then its brush goes and the others keep theirs under their new numbers, the grid’s filters untouched', () => {
    const grid = { column: 3, op: 'ge', value: '0' } as const;
    const filters = [grid, { column: 3, op: 'range', lo: '1', hi: '2', chart: 0 }, { column: 4, op: 'eq', value: 'rain', chart: 1 }, { column: 5, op: 'range', lo: '0', hi: '9', chart: 2 }] as const;
    expect(Object.fromEntries(closedChartFilterChanges(filters, 0))).toEqual({
      3: [grid],
      4: [{ column: 4, op: 'eq', value: 'rain', chart: 0 }],
      5: [{ column: 5, op: 'range', lo: '0', hi: '9', chart: 1 }],
    });
    // the last one closed: only its own column changes
    expect(Object.fromEntries(closedChartFilterChanges(filters, 2))).toEqual({ 5: [] });
    expect(closedChartFilterChanges([grid], 1).size).toBe(0);
  });

  it('given a rectangle, when described, then both ranges are said, each in its own column’s words', () => {
    expect(selectionText({ x: 'fare', y: 'date', numberX: true, numberY: false }, { x: { kind: 'range', lo: '1000', hi: '2500' }, y: { kind: 'range', lo: '2012-01-01', hi: '2012-02-01' } })).toBe(
      'Selected fare from 1,000 to under 2,500 and date from 2012-01-01 to under 2012-02-01 (Escape clears)',
    );
    expect(selectionText({ x: 'fare', y: 'tip', numberX: true, numberY: true }, { y: { kind: 'range', lo: '1200', hi: '1300' } })).toBe('Selected tip from 1,200 to under 1,300 (Escape clears)');
  });
});

describe('a rectangle over a category axis', () => {
  it('given a heatmap of origin (X, column 2) by delay (Y, column 4), when a rectangle is recorded, then X is the categories (`in`, or `eq` for one) and Y a range, Y’s first, each naming the chart', () => {
    const several = { x: { kind: 'categories', values: ['SEA', 'SFO'] }, y: { kind: 'range', lo: '10', hi: '30' } } as const;
    expect(brushFilters(0, { x: 2, y: 4 }, several)).toEqual([
      { column: 4, op: 'range', lo: '10', hi: '30', chart: 0 },
      { column: 2, op: 'in', values: ['SEA', 'SFO'], chart: 0 },
    ]);
    expect(brushFilters(0, { x: 2, y: 4 }, { ...several, x: { kind: 'categories', values: ['SEA'] } })).toEqual([
      { column: 4, op: 'range', lo: '10', hi: '30', chart: 0 },
      { column: 2, op: 'eq', value: 'SEA', chart: 0 },
    ]);
  });

  it('given a category Y and a number X, when recorded and read back after a reload, then each axis comes back as it was: X a range, Y categories', () => {
    const brushed = { x: { kind: 'range', lo: '5', hi: '15' }, y: { kind: 'categories', values: ['rain', 'fog'] } } as const;
    const grid = { column: 1, op: 'eq', value: 'sun' } as const;
    const filters = [grid, ...brushFilters(3, { x: 0, y: 1 }, brushed)];
    expect(filters.at(1)).toEqual({ column: 1, op: 'in', values: ['rain', 'fog'], chart: 3 });
    expect(selectionOf(filters, 3, { x: 0, y: 1 })).toEqual(brushed);
    // the grid's own equality on Y's column is not the chart's
    expect(selectionOf([grid], 3, { x: 0, y: 1 })).toBeUndefined();
  });

  it('given categories on both axes, when described, then each axis says its categories, joined by "and"', () => {
    const both = { x: { kind: 'categories', values: ['SEA', 'SFO', 'LAX'] }, y: { kind: 'categories', values: ['2001-01'] } } as const;
    expect(selectionText({ x: 'origin', y: 'month', numberX: false, numberY: false }, both)).toBe('Selected origin = SEA, SFO or LAX and month = 2001-01 (Escape clears)');
    // the empty text is named, as a pivot and a profile name it
    expect(selectionText({ x: 'name', numberX: false }, { x: { kind: 'categories', values: ['', 'a'] } })).toBe('Selected name = (empty) or a (Escape clears)');
    expect(selectionText({ x: 'weather', y: 'temp_max', numberX: false, numberY: true }, { x: { kind: 'categories', values: ['rain'] }, y: { kind: 'range', lo: '1000', hi: '1500.5' } })).toBe(
      'Selected weather = rain and temp_max from 1,000 to under 1,500.5 (Escape clears)',
    );
  });
});

describe('selectionText', () => {
  const axes = (x: string, numberX: boolean) => ({ x, numberX });

  it('given a range of a number column, when described, then its ends read grouped in thousands with every digit', () => {
    expect(selectionText(axes('fare', true), { x: { kind: 'range', lo: '-12345.25', hi: '1000000' } })).toBe('Selected fare from -12,345.25 to under 1,000,000 (Escape clears)');
    expect(selectionText(axes('temp_max', true), { x: { kind: 'range', lo: '9.2', hi: '24.3' } })).toBe('Selected temp_max from 9.2 to under 24.3 (Escape clears)');
  });

  it('given a brush over [56, 117), when described, then 117 reads as left out, as the filter box writes it (56..<117)', () => {
    expect(selectionText(axes('Horsepower', true), { x: { kind: 'range', lo: '56', hi: '117' } })).toBe('Selected Horsepower from 56 to under 117 (Escape clears)');
  });

  it('given a time range or a category, when described, then it reads as DuckDB writes it', () => {
    expect(selectionText(axes('date', false), { x: { kind: 'range', lo: '2012-01-05', hi: '2012-02-02' } })).toBe('Selected date from 2012-01-05 to under 2012-02-02 (Escape clears)');
    expect(selectionText(axes('weather', false), { x: { kind: 'categories', values: ['rain'] } })).toBe('Selected weather = rain (Escape clears)');
    expect(selectionText(axes('weather', false), { x: { kind: 'categories', values: ['sun', 'fog'] } })).toBe('Selected weather = sun or fog (Escape clears)');
    expect(selectionText(axes('weather', false), { x: { kind: 'categories', values: ['sun', 'fog', 'rain'] } })).toBe('Selected weather = sun, fog or rain (Escape clears)');
    expect(groupedText('1e+21')).toBe('1e+21');
  });
});
