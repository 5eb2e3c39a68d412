/**
 * The read-only `sextant` schema a person can query (docs/share.md, "History as data"): its views
 * and their columns. The worker creates the views from this, and the editor offers them for
 * completion, so the two cannot drift apart.
 */
export const HISTORY_SCHEMA = 'sextant';

/** `sextant.` or `"sextant".` as a qualifier (any case), or `USE sextant`: not a path or a word that merely contains it. */
const NAMES_HISTORY = new RegExp(`(?:^|[^\\w$"])"?${HISTORY_SCHEMA}"?\\s*\\.|\\buse\\s+"?${HISTORY_SCHEMA}"?(?![\\w$])`, 'i');

/**
 * Whether a statement may read the history schema. The schema's rows are filled on first use
 * (src/main/history/historyFeed.ts), so this errs towards yes: a false yes costs one fill, a
 * false no would show an empty history.
 */
export const namesHistorySchema = (sql: string): boolean => NAMES_HISTORY.test(sql);

export interface HistoryColumn {
  readonly name: string;
  readonly type: string;
}

export const HISTORY_VIEWS = {
  queries: [
    { name: 'query_id', type: 'VARCHAR' },
    { name: 'session_id', type: 'VARCHAR' },
    { name: 'sql', type: 'VARCHAR' },
    { name: 'started_at', type: 'TIMESTAMP WITH TIME ZONE' },
    { name: 'finished_at', type: 'TIMESTAMP WITH TIME ZONE' },
    { name: 'duration_ms', type: 'DOUBLE' },
    { name: 'rows', type: 'BIGINT' },
    { name: 'status', type: 'VARCHAR' },
    { name: 'error_code', type: 'VARCHAR' },
    { name: 'error_message', type: 'VARCHAR' },
    { name: 'datasets_read', type: 'VARCHAR[]' },
  ],
  sessions: [
    { name: 'session_id', type: 'VARCHAR' },
    { name: 'title', type: 'VARCHAR' },
    { name: 'opened_at', type: 'TIMESTAMP WITH TIME ZONE' },
    { name: 'closed_at', type: 'TIMESTAMP WITH TIME ZONE' },
    { name: 'status', type: 'VARCHAR' },
  ],
  datasets: [
    { name: 'dataset_id', type: 'VARCHAR' },
    { name: 'name', type: 'VARCHAR' },
    { name: 'source', type: 'VARCHAR' },
    { name: 'format', type: 'VARCHAR' },
    { name: 'status', type: 'VARCHAR' },
    { name: 'requested_at', type: 'TIMESTAMP WITH TIME ZONE' },
    { name: 'registered_at', type: 'TIMESTAMP WITH TIME ZONE' },
    { name: 'error_code', type: 'VARCHAR' },
  ],
  events: [
    { name: 'global_seq', type: 'BIGINT' },
    { name: 'type', type: 'VARCHAR' },
    { name: 'topic', type: 'VARCHAR' },
    { name: 'aggregate_type', type: 'VARCHAR' },
    { name: 'aggregate_id', type: 'VARCHAR' },
    { name: 'aggregate_seq', type: 'BIGINT' },
    { name: 'occurred_at', type: 'TIMESTAMP WITH TIME ZONE' },
    { name: 'payload', type: 'JSON' },
  ],
} as const satisfies Record<string, readonly HistoryColumn[]>;

export type HistoryView = keyof typeof HISTORY_VIEWS;
