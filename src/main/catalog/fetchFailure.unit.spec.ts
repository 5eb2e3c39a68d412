import { describe, expect, it } from 'vitest';
import { fetchFailure } from './fetchFailure';

const fetchFailed = (cause: unknown) => new TypeError('fetch failed', { cause });

describe('why a fetch got no answer', () => {
  it('says what the cause code means, not "fetch failed"', () => {
    expect(fetchFailure(fetchFailed(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' })), 30_000)).toBe('the server refused the connection');
    expect(fetchFailure(fetchFailed(Object.assign(new Error('getaddrinfo ENOTFOUND example.invalid'), { code: 'ENOTFOUND' })), 30_000)).toBe(
      'the host name could not be found (is the machine offline?)',
    );
    expect(fetchFailure(fetchFailed(Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' })), 30_000)).toBe("the server's certificate has expired");
  });

  it('a try abandoned for silence says how long nothing arrived', () => {
    expect(fetchFailure(new DOMException('This operation was aborted', 'AbortError'), 30_000)).toBe('nothing arrived for 30 seconds');
  });

  it("an unknown cause is given in its own words; an error with no cause as it is", () => {
    expect(fetchFailure(fetchFailed(new Error('other side spoke Gopher')), 30_000)).toBe('other side spoke Gopher');
    expect(fetchFailure(fetchFailed(undefined), 30_000)).toBe('fetch failed');
    expect(fetchFailure('odd', 30_000)).toBe('odd');
  });
});
