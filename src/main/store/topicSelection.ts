import type Database from 'better-sqlite3';
import { matchTopic, patternPrefix } from '../../shared/contracts/topics';

/**
 * The one place a topic pattern becomes SQL: every read by pattern (envelopes, replay frames) takes
 * its WHERE … ORDER BY … LIMIT from here. Each variant is an ordered walk that stops at LIMIT, and
 * each selects exactly what matchTopic selects (a property test holds it to that).
 * Topics are ASCII (isValidTopic), so every topic under `a/` sorts in [`a/`, `a/` + U+FFFF).
 */
const SELECTIONS = {
  // The (topic, global_seq) index: reads exactly this topic's rows after the cursor, nothing else.
  exact: `FROM events WHERE topic = @topic AND global_seq > @afterSeq ORDER BY global_seq LIMIT @limit`,
  // `a/*`: walk the primary key from the cursor, keep the direct children of `a/`. An index range
  // would have to sort every matching row of every batch; this stops at LIMIT.
  children: `FROM events NOT INDEXED WHERE global_seq > @afterSeq AND topic > @prefix AND topic < @high
             AND instr(substr(topic, @childStart), '/') = 0 ORDER BY global_seq LIMIT @limit`,
  // `a/**`: `a` itself and everything under `a/`.
  subtree: `FROM events NOT INDEXED WHERE global_seq > @afterSeq AND (topic = @base OR (topic > @prefix AND topic < @high))
            ORDER BY global_seq LIMIT @limit`,
  // Anything else (`*`, `*/x`, `a/*/b`): matched by the one shared matchTopic, row by row.
  other: `FROM events WHERE global_seq > @afterSeq AND topic_matches(@pattern, topic) ORDER BY global_seq LIMIT @limit`,
  // `**`: everything.
  all: `FROM events WHERE global_seq > @afterSeq ORDER BY global_seq LIMIT @limit`,
} as const;
export type SelectionKind = keyof typeof SELECTIONS;
export const SELECTION_KINDS = Object.keys(SELECTIONS) as SelectionKind[];

/** `FROM … LIMIT @limit` for one kind, with @afterSeq and @limit left for the caller to bind. */
export const selectionSql = (kind: SelectionKind): string => SELECTIONS[kind];

/** Which selection a pattern takes, and the parameters it binds besides @afterSeq and @limit. */
export function selectionFor(pattern: string): { kind: SelectionKind; params: Record<string, string | number> } {
  if (pattern === '**') return { kind: 'all', params: {} };
  const { prefix, exact } = patternPrefix(pattern);
  if (exact) return { kind: 'exact', params: { topic: pattern } };
  const rest = pattern.slice(prefix.length);
  if (prefix !== '' && rest === '*') return { kind: 'children', params: { prefix, high: `${prefix}\uffff`, childStart: prefix.length + 1 } };
  if (prefix !== '' && rest === '**') return { kind: 'subtree', params: { base: prefix.slice(0, -1), prefix, high: `${prefix}\uffff` } };
  return { kind: 'other', params: { pattern } };
}

/** The SQL function the `other` selection calls: the shared matchTopic, so SQL never has a matcher of its own. */
export function defineTopicMatches(db: Database.Database): void {
  db.function('topic_matches', { deterministic: true }, (pattern: unknown, topic: unknown) =>
    typeof pattern === 'string' && typeof topic === 'string' && matchTopic(pattern, topic) ? 1 : 0,
  );
}

/**
 * One prepared statement per selection kind, run by pattern. `select` is a column list, or makes the
 * whole statement around a selection (to aggregate what it selects). `.raw()` statements return
 * arrays; others return objects.
 */
export class PatternRead<R> {
  private readonly byKind: Record<SelectionKind, Database.Statement>;

  constructor(db: Database.Database, select: string | ((selection: string) => string), raw: boolean) {
    const entries = SELECTION_KINDS.map((kind) => {
      const statement = db.prepare(typeof select === 'string' ? `SELECT ${select} ${selectionSql(kind)}` : select(selectionSql(kind)));
      return [kind, raw ? statement.raw(true) : statement] as const;
    });
    this.byKind = Object.fromEntries(entries) as Record<SelectionKind, Database.Statement>;
  }

  /** Rows matching `pattern` with global_seq > afterSeq, oldest first, at most `limit`. */
  all(pattern: string, afterSeq: number, limit: number, extra: Record<string, string | number> = {}): R[] {
    const { kind, params } = selectionFor(pattern);
    return this.byKind[kind].all({ ...params, ...extra, afterSeq, limit }) as R[];
  }

  /** SQLite's plan for `pattern` (EXPLAIN QUERY PLAN details). */
  plan(db: Database.Database, pattern: string, extra: Record<string, string | number> = {}): string[] {
    const { kind, params } = selectionFor(pattern);
    const explain = db.prepare(`EXPLAIN QUERY PLAN ${this.byKind[kind].source}`);
    return (explain.all({ ...params, ...extra, afterSeq: 0, limit: 1 }) as { detail: string }[]).map((r) => r.detail);
  }
}
