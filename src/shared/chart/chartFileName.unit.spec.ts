import { describe, expect, it } from 'vitest';
import { chartFileName } from './chartFileName';

describe('chartFileName', () => {
  it('given a chart, when exported, then the file is named after what it shows', () => {
    expect(chartFileName({ mark: 'Bar', x: 'origin', aggregate: 'Count' }, undefined, 'png')).toBe('Bar chart of count per origin.png');
    expect(chartFileName({ mark: 'Histogram', x: 'delay', aggregate: 'Count' }, undefined, 'svg')).toBe('Histogram of delay count per bin.svg');
    expect(chartFileName({ mark: 'Line', x: 'date', y: 'delay', color: 'origin', aggregate: 'Average' }, undefined, 'svg')).toBe('Line chart of average of delay over date by origin.svg');
  });

  it('given hostile or empty column names, then the name keeps only what is safe, and stays short', () => {
    const name = chartFileName({ mark: 'Bar', x: '../../etc/passwd"\u0000\r\n', aggregate: 'Count' }, undefined, 'png');
    expect(name).toBe('Bar chart of count per .. .. etc passwd.png');
    for (const ch of ['/', '\\', '"', '\u0000', '\r', '\n']) expect(name).not.toContain(ch);
    expect(chartFileName({ mark: 'Bar', x: 'x'.repeat(500), aggregate: 'Count' }, undefined, 'png')).toHaveLength(80 + '.png'.length);
  });
});
