import { describe, expect, it } from 'vitest';
import { fromSamples } from '../bench/harness';
import { END, START, renderTable, replaceBlock } from '../bench/readmeTable';

const run = { commit: 'abc1234', date: '2026-12-01 18:00 UTC', cores: 2, loadAverage: 1.5, minutes: 20 };

describe("the README's benchmark table", () => {
  it('replaces only what sits between the markers', () => {
    const readme = `# Title\n\nbefore\n${START}\nold table\n${END}\nafter\n`;
    expect(replaceBlock(readme, 'new table')).toBe(`# Title\n\nbefore\n${START}\nnew table\n${END}\nafter\n`);
  });

  it('refuses a README without exactly one marked block', () => {
    expect(() => replaceBlock('no markers', 't')).toThrow();
    expect(() => replaceBlock(`${END}\n${START}`, 't')).toThrow();
    expect(() => replaceBlock(`${START}\n${END}\n${START}\n${END}`, 't')).toThrow();
  });

  it("shows each side's median with its min and max, the ratio against the goal and the run it came from", () => {
    const met = fromSamples('a.met', 'ms', [10, 12, 11, 30, 9], [10, 10, 10, 10, 10]);
    const missed = fromSamples('b.missed', 'ms', [30, 31, 29, 28, 32], [10, 11, 9, 10, 10]);
    const table = renderTable([met, missed], [{ name: 'a.met', what: 'A', goal: 1.2, run: () => Promise.resolve(met) }, { name: 'b.missed', what: 'B', goal: 2, run: () => Promise.resolve(missed) }], run);
    expect(table).toContain('`abc1234`');
    expect(table).toContain('| `a.met` | A | ≤ 1.2 | 1.1 ✓ | 11 (9–30) | 10 (10–10) | ms | 5 |');
    expect(table).toContain('| `b.missed` | B | ≤ 2 | 3 ✗ | 30 (28–32) | 10 (9–11) | ms | 5 |');
  });
});
