import { describe, expect, it, vi } from 'vitest';
import { holdsStatement, statementSpans } from './statementSpans';

/** The tokens pulled from the lazy `tokens()` (holdsStatement reads it; `tokenize`, which statementSpans uses, is not counted). */
const pulled = vi.hoisted(() => ({ count: 0 }));
vi.mock('./sqlTokens', async (importOriginal) => {
  const real = await importOriginal<typeof import('./sqlTokens')>();
  return {
    ...real,
    *tokens(text: string) {
      for (const t of real.tokens(text)) {
        pulled.count++;
        yield t;
      }
    },
  };
});

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
    // asked on every keystroke: a whole read of these 1 MB takes tens of ms
    const script = ';;\n'.repeat(3) + 'select 1;\n'.repeat(100_000);
    pulled.count = 0;
    expect(holdsStatement(script)).toBe(true);
    expect(pulled.count).toBe(7); // six semicolons, then `select`
  });
});
