import { describe, expect, it } from 'vitest';
import { windowScope } from './windowScope';

describe('windowScope', () => {
  it('follows every session and the catalog by default', () => {
    expect(windowScope('?token=abc')).toEqual({ patterns: ['session/*', 'catalog'] });
  });

  it('follows only the named session (and the catalog) when opened on one', () => {
    expect(windowScope('?token=abc&session=0190a0b0-7c1e-7000-8000-00000000abcd')).toEqual({
      sessionId: '0190a0b0-7c1e-7000-8000-00000000abcd',
      patterns: ['session/0190a0b0-7c1e-7000-8000-00000000abcd', 'catalog'],
    });
  });

  it('refuses a session id that would widen the subscription into a pattern', () => {
    for (const bad of ['*', '**', 'a/b', 'a/*', '', '%2A']) {
      expect(windowScope(`?session=${encodeURIComponent(bad)}`).patterns, bad).toEqual(['session/*', 'catalog']);
    }
  });
});
