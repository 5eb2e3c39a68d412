/**
 * Topics are `/`-separated paths (`session/<id>`, `catalog`). Patterns add `*` (exactly one
 * segment) and `**` (the rest, zero or more segments; only as the last segment).
 */
export const CATALOG_TOPIC = 'catalog';
export const ALL_SESSIONS_PATTERN = 'session/*';

export const sessionTopic = (sessionId: string): string => `session/${sessionId}`;

const SEGMENT = /^[A-Za-z0-9_.:-]+$/;

export function isValidTopic(topic: string): boolean {
  return topic.length > 0 && topic.length <= 256 && topic.split('/').every((s) => SEGMENT.test(s));
}

export function isValidPattern(pattern: string): boolean {
  if (pattern.length === 0 || pattern.length > 256) return false;
  const segments = pattern.split('/');
  return segments.every((s, i) => s === '*' || (s === '**' && i === segments.length - 1) || SEGMENT.test(s));
}

export function matchTopic(pattern: string, topic: string): boolean {
  if (pattern === topic) return true;
  const p = pattern.split('/');
  const t = topic.split('/');
  for (let i = 0; i < p.length; i++) {
    const seg = p[i];
    if (seg === '**') return true;
    if (i >= t.length) return false;
    if (seg !== '*' && seg !== t[i]) return false;
  }
  return p.length === t.length;
}

/**
 * The literal part of a pattern before its first wildcard, ending at a segment boundary.
 * The store turns it into an index range scan so replay never reads unrelated topics.
 * `exact` is true when the pattern has no wildcard at all.
 */
export function patternPrefix(pattern: string): { prefix: string; exact: boolean } {
  const segments = pattern.split('/');
  const firstWild = segments.findIndex((s) => s === '*' || s === '**');
  if (firstWild === -1) return { prefix: pattern, exact: true };
  const literal = segments.slice(0, firstWild);
  return { prefix: literal.length === 0 ? '' : `${literal.join('/')}/`, exact: false };
}
