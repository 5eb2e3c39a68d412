import type Database from 'better-sqlite3';
import { AppErrorException, appError } from '../../shared/contracts/errors';
import { storeTooNew } from './schema';

/**
 * Sextant's mark in the SQLite header (PRAGMA application_id, bytes 68–71): "SXTN" in ASCII, so
 * `xxd -s 68 -l 4 events.sqlite` shows it. Not in SQLite's registry of ids (magic.txt); set when a
 * store is created, and on a store of an earlier build (which had none) the first time it opens.
 */
export const SEXTANT_APPLICATION_ID = 0x5358544e;

/** The columns of `events` as every build since schema 1 made them: how an unmarked store of an earlier build is told apart. */
const EVENT_COLUMNS = ['global_seq', 'event_id', 'aggregate_type', 'aggregate_id', 'aggregate_seq', 'event_type', 'schema_version', 'topic', 'payload', 'metadata', 'occurred_at'];
/** Tables an earlier build may have left beside `events` (SQLite's own `sqlite_*` ones are always allowed). */
const EARLIER_TABLES = new Set(['events', 'view_snapshots', 'imported_aggregates']);

/** What the header and schema of a file say, read before anything writes to it. */
export interface StoreFacts {
  readonly applicationId: number;
  readonly userVersion: number;
  /** Every table and view, SQLite's own tables included. */
  readonly tables: readonly string[];
  readonly eventColumns: readonly string[];
}

export type StoreKind =
  /** No tables at all (a file just made): Sextant may create its store in it. */
  | { readonly kind: 'empty' }
  /** Carries Sextant's mark. */
  | { readonly kind: 'sextant' }
  /** Sextant's tables at a schema this build knows, without the mark: a store of a build before the mark. */
  | { readonly kind: 'earlier' }
  | { readonly kind: 'too-new'; readonly version: number }
  | { readonly kind: 'foreign' };

/** Whose file this is, from its facts alone. Anything not provably Sextant's is foreign. */
export function classifyStore(facts: StoreFacts, known: number): StoreKind {
  if (facts.applicationId === SEXTANT_APPLICATION_ID) return facts.userVersion > known ? { kind: 'too-new', version: facts.userVersion } : { kind: 'sextant' };
  if (facts.applicationId !== 0) return { kind: 'foreign' };
  if (facts.userVersion === 0 && facts.tables.length === 0) return { kind: 'empty' };
  const own = facts.tables.every((t) => t.startsWith('sqlite_') || EARLIER_TABLES.has(t));
  const events = EVENT_COLUMNS.every((c) => facts.eventColumns.includes(c));
  return facts.userVersion >= 1 && facts.userVersion <= known && own && events ? { kind: 'earlier' } : { kind: 'foreign' };
}

export function readStoreFacts(db: Database.Database): StoreFacts {
  const tables = db.prepare<[], { name: string }>("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name").all().map((r) => r.name);
  return {
    applicationId: db.pragma('application_id', { simple: true }) as number,
    userVersion: db.pragma('user_version', { simple: true }) as number,
    tables,
    eventColumns: tables.includes('events') ? db.prepare<[], { name: string }>("SELECT name FROM pragma_table_info('events')").all().map((r) => r.name) : [],
  };
}

/**
 * Reads whose file `path` is and refuses, before anything writes to it, one that is not Sextant's
 * (another program's database: migrating it in place would mix Sextant's tables into it) or one a
 * newer Sextant wrote. Answers whether the caller must mark it once it is at the current schema.
 */
export function checkStoreIdentity(db: Database.Database, path: string, known: number, errorId: () => string): { readonly mark: boolean } {
  const facts = readStoreFacts(db);
  const found = classifyStore(facts, known);
  if (found.kind === 'too-new') throw storeTooNew(found.version, known, errorId());
  if (found.kind === 'foreign') {
    // (An error code of its own, STORE_FOREIGN, needs shared/contracts/errors.ts; until then `details.reason` says it.)
    throw new AppErrorException(appError(errorId(), 'STORE_UNAVAILABLE', foreignStoreMessage(path, facts), { details: { path, reason: 'foreign', applicationId: facts.applicationId, userVersion: facts.userVersion } }));
  }
  return { mark: found.kind !== 'sextant' };
}

export function foreignStoreMessage(path: string, facts: StoreFacts): string {
  const tables = facts.tables.filter((t) => !t.startsWith('sqlite_'));
  const shown = tables.length > 5 ? `${tables.slice(0, 5).join(', ')}…` : tables.join(', ');
  const holds = tables.length === 0 ? 'no tables' : `${tables.length === 1 ? 'the table' : 'the tables'} ${shown}`;
  const what = facts.applicationId !== 0 ? `it carries another program's mark, application_id ${facts.applicationId}` : `it holds ${holds} and no Sextant mark`;
  return `The file ${path} is not a Sextant event store (${what}), so it was left untouched. Pick another --data-dir, or move the file out of the data folder, and start again.`;
}

/** Sets the mark, in its own transaction, on a store just created or brought over from an earlier build. */
export function markAsSextant(db: Database.Database): void {
  db.transaction(() => db.pragma(`application_id = ${SEXTANT_APPLICATION_ID}`)).immediate();
}
