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
    // a whole read of these 1 MB takes tens of ms: a thousand would take many seconds
    const script = 'select 1;\n'.repeat(100_000);
    const started = performance.now();
    for (let i = 0; i < 1000; i++) holdsStatement(script);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
