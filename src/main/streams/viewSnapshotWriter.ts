import { setImmediate as nextTurn } from 'node:timers/promises';
import { toAppError } from '../../shared/contracts/errors';
import type { AppView, HistoryEntry, SessionView } from '../../shared/views/appView';
import { APP_VIEW_SCHEMA_VERSION } from '../../shared/views/appViewSchema';
import { newErrorId } from '../platform/ids';
import { logAppError, type Logger } from '../platform/logger';
import type { SnapshotPart, ViewSnapshots } from '../store/viewSnapshots';
import type { Bus } from './bus';
import { lastQuery } from './lazyHistory';
import type { Projections } from './projections';
import { historyPart, type SnapshotBase } from './viewSnapshotRestore';

export interface SnapshotPolicy {
  /** Write soon after this many events since the last snapshot (a start that folded as many counts too). */
  readonly everyEvents: number;
  /** How soon "soon" is: after the burst that crossed `everyEvents`, off the command path. */
  readonly soonMs: number;
  /** Otherwise write once the app has been idle this long with anything new. */
  readonly idleMs: number;
  /** Parts go to SQLite in transactions of about this many characters, with a turn of the event loop between. */
  readonly partChars: number;
  /** Stringifying yields to the event loop after this long. */
  readonly sliceMs: number;
}

export const defaultSnapshotPolicy: SnapshotPolicy = { everyEvents: 10_000, soonMs: 2_000, idleMs: 30_000, partChars: 4 * 2 ** 20, sliceMs: 15 };

/**
 * Writes snapshots of main's view (viewSnapshots.ts) off the command path: after enough events, when
 * the app has been idle, and at a clean shutdown. Commands never wait for it: it hears events on
 * the bus after they are stored, projected and acknowledged, and writes from a timer.
 *
 * Only what changed since the last snapshot is written: views are immutable and the fold copies
 * what it touches, so a session object that is still the same object has the same content, and its
 * history part is referred to again instead of written again. A write takes one view (it never
 * changes) and stringifies it in slices of `sliceMs`, so a first snapshot of a long log does not
 * hold main's event loop for the seconds it takes in all.
 */
export class ViewSnapshotWriter {
  private base: SnapshotBase | undefined;
  private pending: number;
  private timer: NodeJS.Timeout | undefined;
  private dueAt = Infinity;
  private writing: Promise<void> | undefined;
  private closed = false;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly snapshots: ViewSnapshots,
    private readonly projections: Projections,
    bus: Bus,
    private readonly log: Logger,
    start: { readonly base: SnapshotBase | undefined; readonly folded: number },
    private readonly policy: SnapshotPolicy = defaultSnapshotPolicy,
  ) {
    this.base = start.base;
    this.pending = start.folded;
    this.unsubscribe = bus.subscribe((m) => {
      if (m.kind === 'event') this.noteEvent();
    });
    if (this.pending >= policy.everyEvents) this.schedule(policy.soonMs, false);
  }

  /** The seq of the last snapshot this writer wrote or started from; 0 when there is none. */
  get seq(): number {
    return this.base?.seq ?? 0;
  }

  /** Writes a snapshot of the view as it is now, unless the last one already is; one write at a time. */
  write(): Promise<void> {
    this.writing ??= this.writeNow().finally(() => (this.writing = undefined));
    return this.writing;
  }

  /** At a clean shutdown: stops listening, then writes what is new, before the store closes. */
  async close(): Promise<void> {
    this.closed = true;
    this.unsubscribe();
    clearTimeout(this.timer);
    await this.writing;
    await this.write();
  }

  private noteEvent(): void {
    this.pending++;
    if (this.pending >= this.policy.everyEvents) this.schedule(this.policy.soonMs, false);
    else this.schedule(this.policy.idleMs, true);
  }

  /** Arms the timer `ms` from now; without `reset`, an earlier due time stands. */
  private schedule(ms: number, reset: boolean): void {
    if (this.closed) return;
    const at = Date.now() + ms;
    if (this.timer && !reset && this.dueAt <= at) return;
    clearTimeout(this.timer);
    this.dueAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.dueAt = Infinity;
      void this.write();
    }, ms);
    this.timer.unref();
  }

  private async writeNow(): Promise<void> {
    const { view, seq } = this.projections.current;
    if (seq === 0 || seq === this.base?.seq || !this.snapshots.open) return;
    const counted = this.pending;
    try {
      const refs = await this.writeParts(view, seq);
      if (!this.snapshots.open) return;
      this.snapshots.commit({ seq, schemaVersion: APP_VIEW_SCHEMA_VERSION, body: headBody(view, refs) }, refs);
      this.base = { view, seq, refs };
      this.pending = Math.max(0, this.pending - counted);
      this.log.debug({ seq }, 'view snapshot written');
    } catch (e) {
      // A snapshot is only a shortcut: a failed write leaves the last one (or none) and the log as they were.
      logAppError(this.log, 'warn', toAppError(e, newErrorId()), { seq });
    }
  }

  /** Writes the history parts that changed since the last snapshot; returns every part the new head refers to. */
  private async writeParts(view: AppView, seq: number): Promise<Map<string, number>> {
    const refs = new Map<string, number>();
    let batch: SnapshotPart[] = [];
    let chars = 0;
    let sliceStart = performance.now();
    const flush = () => {
      if (batch.length > 0 && this.snapshots.open) this.snapshots.writeParts(batch, APP_VIEW_SCHEMA_VERSION);
      batch = [];
      chars = 0;
    };
    for (const [id, session] of Object.entries(view.sessions)) {
      const name = historyPart(id);
      const kept = this.unchangedPart(id, session, name);
      if (kept !== undefined) {
        refs.set(name, kept);
        continue;
      }
      const body = JSON.stringify(session.history);
      batch.push({ name, seq, body });
      refs.set(name, seq);
      chars += body.length;
      if (chars >= this.policy.partChars) flush();
      if (performance.now() - sliceStart >= this.policy.sliceMs) {
        await nextTurn();
        sliceStart = performance.now();
      }
    }
    flush();
    return refs;
  }

  /** The seq of the last snapshot's part for this session when its history is unchanged since. */
  private unchangedPart(id: string, session: SessionView, name: string): number | undefined {
    const before = this.base?.view.sessions[id];
    const partSeq = this.base?.refs.get(name);
    if (before === undefined || partSeq === undefined) return undefined;
    // The same object: nothing read (a restored history stays unparsed). Another object: the fold
    // copied it, which read the history, so comparing the arrays is cheap.
    return before === session || before.history === session.history ? partSeq : undefined;
  }
}

/**
 * The head row's JSON: the view with each session's history replaced by the seq of its part, keys
 * in place, and each session's last query (what a start reads of every session).
 */
function headBody(view: AppView, refs: ReadonlyMap<string, number>): string {
  const sessions: Record<string, Record<string, unknown>> = {};
  const lastQueries: Record<string, HistoryEntry> = {};
  for (const [id, session] of Object.entries(view.sessions)) {
    const last = lastQuery(session);
    if (last) lastQueries[id] = last;
    const head: Record<string, unknown> = {};
    // Reading each key but `history` keeps a restored session's history unparsed.
    for (const key of Object.keys(session)) head[key] = key === 'history' ? refs.get(historyPart(id)) : (session as unknown as Record<string, unknown>)[key];
    sessions[id] = head;
  }
  // Removed datasets ride along: undoing a removal after a restart needs them (docs/undo.md).
  return JSON.stringify({ sessions, datasets: view.datasets, ...(view.removedDatasets ? { removedDatasets: view.removedDatasets } : {}), lastQueries });
}
