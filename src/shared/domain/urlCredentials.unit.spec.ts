import { describe, expect, it } from 'vitest';
import { hasCredentials } from './urlCredentials';

describe('hasCredentials: a URL with a user name or password', () => {
  it('given user:password@, a user alone or a password alone, then it has them', () => {
    expect(hasCredentials('https://ana:hunter2@example.com/data.csv')).toBe(true);
    expect(hasCredentials('HTTP://ana@example.com/data.csv')).toBe(true);
    expect(hasCredentials('https://:hunter2@example.com/data.csv')).toBe(true);
  });

  it('given a password no parser reads (a / in it, a bad port), then it has them still', () => {
    expect(hasCredentials('https://ana:hun/ter2@example.com:99999/data.csv')).toBe(true);
    // unparsed, an @ anywhere before the query counts: which `/` ends the host cannot be told
    expect(hasCredentials('https://example.com:99999/x@y.csv')).toBe(true);
  });

  it('given an @ in the path, query or fragment, or a file path, then it has none', () => {
    expect(hasCredentials('https://example.com/users/@me/data.csv?by=a@b#c@d')).toBe(false);
    expect(hasCredentials('/home/ana@work/data.csv')).toBe(false);
  });
});
