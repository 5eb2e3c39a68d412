import { describe, expect, it } from 'vitest';
import { CutShortFailure, HttpStatusFailure, retried, retryDelayMs } from './downloadRetry';

const fetchFailed = (message: string, code?: string) => new TypeError('fetch failed', { cause: Object.assign(new Error(message), code ? { code } : {}) });

describe('which failed download tries are tried again', () => {
  it('given a failure that may pass (silence, a reset, a timeout, a body cut short), then it is tried again', () => {
    expect(retried(new DOMException('This operation was aborted', 'AbortError'))).toBe(true);
    expect(retried(fetchFailed('read ECONNRESET', 'ECONNRESET'))).toBe(true);
    expect(retried(fetchFailed('other side closed', 'UND_ERR_SOCKET'))).toBe(true);
    expect(retried(fetchFailed('connect ETIMEDOUT', 'ETIMEDOUT'))).toBe(true);
    expect(retried(fetchFailed('Connect Timeout Error', 'UND_ERR_CONNECT_TIMEOUT'))).toBe(true);
    expect(retried(new CutShortFailure('the connection closed after 10 of 20 bytes'))).toBe(true);
  });

  it('given a server error or "too many requests", then it is tried again; given any other status, then not', () => {
    for (const status of [500, 502, 503, 504, 429, 408]) expect(retried(new HttpStatusFailure(status, ''))).toBe(true);
    for (const status of [400, 401, 403, 404, 410, 451]) expect(retried(new HttpStatusFailure(status, ''))).toBe(false);
  });

  it('given a failure that would happen again (a redirect loop, TLS, a name not found, a refused connection, a URL fetch refuses), then it is said at once', () => {
    expect(retried(fetchFailed('redirect count exceeded'))).toBe(false);
    expect(retried(fetchFailed('certificate has expired', 'CERT_HAS_EXPIRED'))).toBe(false);
    expect(retried(fetchFailed('self-signed certificate', 'DEPTH_ZERO_SELF_SIGNED_CERT'))).toBe(false);
    expect(retried(fetchFailed('wrong version number', 'ERR_SSL_WRONG_VERSION_NUMBER'))).toBe(false);
    expect(retried(fetchFailed('getaddrinfo ENOTFOUND example.invalid', 'ENOTFOUND'))).toBe(false);
    expect(retried(fetchFailed('connect ECONNREFUSED 127.0.0.1:9', 'ECONNREFUSED'))).toBe(false);
    expect(retried(new TypeError('Request cannot be constructed from a URL that includes credentials: https://u:pw@h/'))).toBe(false);
    expect(retried(new Error('something else'))).toBe(false);
  });
});

describe('how long before the next try', () => {
  it('given no word from the server, then it waits 1 s, 2 s, 4 s, then 8 s at most', () => {
    const e = fetchFailed('read ECONNRESET', 'ECONNRESET');
    expect([2, 3, 4, 5, 6].map((n) => retryDelayMs(n, e))).toEqual([1000, 2000, 4000, 8000, 8000]);
    expect(retryDelayMs(3, e, 10)).toBe(20);
  });

  it("given a Retry-After in seconds or as a date, then it waits that long, at most 30 s", () => {
    expect(retryDelayMs(2, new HttpStatusFailure(503, '', '3'))).toBe(3000);
    expect(retryDelayMs(2, new HttpStatusFailure(429, '', '3600'))).toBe(30_000);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(retryDelayMs(2, new HttpStatusFailure(503, '', 'Wed, 01 Jan 2025 00:00:05 GMT'), 1000, now)).toBe(5000);
    expect(retryDelayMs(2, new HttpStatusFailure(503, '', 'soon'))).toBe(1000);
  });
});
