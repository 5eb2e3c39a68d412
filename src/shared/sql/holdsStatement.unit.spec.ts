import { describe, expect, it } from 'vitest';
import { holdsStatement, statementSpans } from './statementSpans';

const NOTHING = ['', '   ', '\n\t\r\n', '-- a note', '-- a note\n', '/* a note */', '/* /* nested */ still a comment */', '/* unclosed select 1', ';', ' ;\n; ', '\u00a0\u3000', '-- one\n/* two */ ; -- three'];
const SOMETHING = ['select 1', '  x', '-- a note\nselect 1', '/* a */ select 1', '/* /* nested */ */ select 1', "'a string'", '-', '/', '-1', 'é', '😀', ';select 1', '\u2028x'];

describe('holdsStatement', () => {
  it('given nothing but blanks, comments and semicolons, then there is nothing to run', () => {
    for (const sql of NOTHING) expect(holdsStatement(sql), JSON.stringify(sql)).toBe(false);
  });
  it('given any code, then there is something to run', () => {
    for (const sql of SOMETHING) expect(holdsStatement(sql), JSON.stringify(sql)).toBe(true);
  });
  it('given any of these texts, then it agrees with the statement split Run uses', () => {
    for (const sql of [...NOTHING, ...SOMETHING]) expect(holdsStatement(sql), JSON.stringify(sql)).toBe(statementSpans(sql).length > 0);
  });
  it('given a long script of code, then it answers from its first word, not after reading it all', () => {
    // Asked on every keystroke. Timed against the whole split of the same text, interleaved, so a
    // loaded machine slows both alike (unit specs share modules, so a vi.mock count is unreliable):
    // reading all 1 MB takes tens of ms, reading to its first word microseconds.
    const script = ';;\n'.repeat(3) + 'select 1;\n'.repeat(100_000);
    const time = (f: () => unknown): number => {
      const t0 = performance.now();
      f();
      return performance.now() - t0;
    };
    const first: number[] = [];
    const whole: number[] = [];
    for (let i = 0; i < 5; i++) {
      first.push(time(() => expect(holdsStatement(script)).toBe(true)));
      whole.push(time(() => statementSpans(script)));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[2]!;
    expect(median(first)).toBeLessThan(median(whole) / 20);
  });
});
