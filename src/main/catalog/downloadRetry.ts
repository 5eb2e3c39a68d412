/**
 * Which failed download tries are tried again. Only a failure that may pass by itself is: silence
 * (a try abandoned for it), a connection reset or timed out, a body cut short, a server error (5xx)
 * or "too many requests" (429, and 408 "request timeout"). A redirect loop, any other 4xx, a TLS or
 * certificate failure, a name that does not resolve or a refused connection would fail the same
 * way every time: said at once, not after five tries (105 requests for a redirect loop).
 */

/** A try ended by an HTTP status: thrown by the download, read here. */
export class HttpStatusFailure extends Error {
  constructor(
    readonly status: number,
    readonly statusText: string,
    /** Seconds or an HTTP date, as the server's Retry-After said, if it did. */
    readonly retryAfter?: string,
  ) {
    super(`the server answered ${status}${statusText ? ` ${statusText}` : ''}`);
  }
}

/** The body ended before the length the server announced. */
export class CutShortFailure extends Error {}

/** Socket and resolver codes of a failure that may not happen again (the cause's code of fetch's "fetch failed"). */
const TRANSIENT_CODES = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'EAI_AGAIN']);

const codeOf = (value: unknown): string | undefined =>
  value !== null && typeof value === 'object' && 'code' in value && typeof value.code === 'string' ? value.code : undefined;

export const retriedStatus = (status: number): boolean => status >= 500 || status === 429 || status === 408;

/** Whether a try that failed with `error` is worth another: true only for a failure that may pass. */
export function retried(error: unknown): boolean {
  if (error instanceof HttpStatusFailure) return retriedStatus(error.status);
  if (error instanceof CutShortFailure) return true;
  // the try's own idle timer (a removal's abort never gets here: it ends the download)
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) return true;
  const cause = error instanceof Error ? error.cause : undefined;
  const code = codeOf(cause) ?? codeOf(error);
  return code !== undefined && TRANSIENT_CODES.has(code);
}

/**
 * How long to wait before try `next` (2, 3…): `base` (1 s), twice it, four times… up to 8 times, or
 * what a 429's or 503's Retry-After asks, at most 30 s: a server that is busy is not asked again at once.
 */
export function retryDelayMs(next: number, error: unknown, base = 1_000, now: number = Date.now()): number {
  const backoff = base * Math.min(8, 2 ** Math.max(0, next - 2));
  const after = error instanceof HttpStatusFailure ? error.retryAfter?.trim() : undefined;
  if (!after) return backoff;
  const asked = /^\d+$/.test(after) ? Number(after) * 1000 : Date.parse(after) - now;
  return Number.isFinite(asked) ? Math.min(30_000, Math.max(0, asked)) : backoff;
}
