/**
 * Why a fetch got no answer, in words. Node's fetch says only "fetch failed"; what happened is its
 * cause's code (from the resolver, the socket or TLS). A try abandoned for silence is an abort.
 */
const REASONS: Readonly<Record<string, string>> = {
  ENOTFOUND: 'the host name could not be found (is the machine offline?)',
  EAI_AGAIN: 'the host name could not be looked up (is the machine offline?)',
  ECONNREFUSED: 'the server refused the connection',
  ECONNRESET: 'the server closed the connection',
  UND_ERR_SOCKET: 'the server closed the connection',
  ETIMEDOUT: 'the connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'the connection timed out',
  EHOSTUNREACH: 'the host cannot be reached',
  ENETUNREACH: 'the network cannot be reached (is the machine offline?)',
  CERT_HAS_EXPIRED: "the server's certificate has expired",
  DEPTH_ZERO_SELF_SIGNED_CERT: "the server's certificate is self-signed, so it is not trusted",
  SELF_SIGNED_CERT_IN_CHAIN: "the server's certificate is not trusted",
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: "the server's certificate is not trusted",
  ERR_TLS_CERT_ALTNAME_INVALID: "the server's certificate is for another host name",
  // an https:// address of a server that answers in plain http
  ERR_SSL_WRONG_VERSION_NUMBER: 'the server did not answer in https on that port (is the address http://?)',
};

/** Any other TLS failure: OpenSSL's own text (`0A00010B:SSL routines:…`) means nothing to a person. */
const TLS_FAILED = 'a secure (https) connection to the server could not be made';
const isTlsCode = (code: string | undefined): boolean => code !== undefined && /^(ERR_SSL_|ERR_TLS_|ERR_OSSL_)/.test(code);

const codeOf = (value: unknown): string | undefined =>
  value !== null && typeof value === 'object' && 'code' in value && typeof value.code === 'string' ? value.code : undefined;

/** `error` thrown by fetch or by reading its body; `idleMs` the silence after which a try is aborted. */
export function fetchFailure(error: unknown, idleMs: number): string {
  if (error instanceof Error && error.name === 'AbortError') return `nothing arrived for ${idleMs / 1000} seconds`;
  const cause = error instanceof Error ? error.cause : undefined;
  const code = codeOf(cause) ?? codeOf(error);
  const reason = REASONS[code ?? ''];
  if (reason) return reason;
  if (isTlsCode(code)) return `${TLS_FAILED} (${code})`;
  // an unknown cause says more than "fetch failed" does
  if (cause instanceof Error && cause.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}
