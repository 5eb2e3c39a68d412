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

  it("a TLS failure says so in words, not in OpenSSL's", () => {
    const openssl = (code: string) => fetchFailed(Object.assign(new Error('801C4508B17F0000:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:ssl3_record.c:350:'), { code }));
    expect(fetchFailure(openssl('ERR_SSL_WRONG_VERSION_NUMBER'), 30_000)).toBe('the server did not answer in https on that port (is the address http://?)');
    expect(fetchFailure(openssl('ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE'), 30_000)).toBe('a secure (https) connection to the server could not be made (ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE)');
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
