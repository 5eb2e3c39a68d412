import type { ClientCommand, CommandAck } from '../../shared/contracts/commands';
import type { AppError, ErrorCode, Result } from '../../shared/contracts/errors';

/** Quiet time after the last keystroke before a draft is saved. */
export const DRAFT_SAVE_DELAY_MS = 1000;

interface SessionDrafts {
  /** Text typed and not yet sent. */
  pending?: string;
  /** A SaveDraft is on its way: the next waits for its answer and the version it brings. */
  inFlight: boolean;
  /** The session version the editor's text is based on: what a save expects. */
  base?: number;
  /** A save was refused because another window saved a draft since: the person chooses. */
  conflict: boolean;
  /** The last save failed (the store refused the write, the connection dropped): it is retried. */
  failing: boolean;
}

/** Refusals that mean there is nothing left to save the draft to. */
const SESSION_GONE: ReadonlySet<ErrorCode | (string & {})> = new Set<ErrorCode>(['SESSION_CLOSED', 'SESSION_NOT_FOUND']);

/**
 * Each session's draft saves of one window, debounced, one at a time, each carrying the version
 * its text was based on. A save refused because another window saved a draft since (VERSION_CONFLICT)
 * keeps the person's text and marks the session in conflict until they keep theirs or take the other;
 * nothing is saved over the other window's text in the meantime. No React here, so it is tested alone.
 */
export class DraftSaves {
  private readonly sessions = new Map<string, SessionDrafts>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly dispatch: (command: ClientCommand) => Promise<Result<CommandAck>>,
    /** The session's version as this window's view shows it now. */
    private readonly versionOf: (sessionId: string) => number | undefined,
    /** Called when a session's conflict or idleness changes, so the window renders again. */
    private readonly changed: () => void,
    /** Told once when saves start failing (not again for each retry), so the person sees why and its id. */
    private readonly failed: (error: AppError) => void,
    private readonly delayMs = DRAFT_SAVE_DELAY_MS,
  ) {}

  /** The editor's text changed (the person typed). */
  change(sessionId: string, sql: string): void {
    const s = this.get(sessionId);
    s.base ??= this.versionOf(sessionId);
    s.pending = sql;
    clearTimeout(this.timers.get(sessionId));
    this.timers.set(
      sessionId,
      setTimeout(() => this.flush(sessionId), this.delayMs),
    );
  }

  /** Sends what is pending at once (a run, a tab switch, the page hidden); all sessions without an id. */
  flush(sessionId?: string): void {
    for (const id of sessionId === undefined ? [...this.sessions.keys()] : [sessionId]) {
      clearTimeout(this.timers.get(id));
      this.timers.delete(id);
      const s = this.sessions.get(id);
      if (!s || s.pending === undefined || s.inFlight || s.conflict) continue;
      this.send(id, s, s.pending);
    }
  }

  /** True when nothing typed is unsaved and no choice is open: the editor may follow the stored draft. */
  idle(sessionId: string): boolean {
    const s = this.sessions.get(sessionId);
    return !s || (s.pending === undefined && !s.inFlight && !s.conflict);
  }

  inConflict(sessionId: string): boolean {
    return this.sessions.get(sessionId)?.conflict === true;
  }

  /**
   * Whether the editor may show the stored draft of `version`: nothing typed is unsaved, no choice
   * is open, and the view has caught up with this window's own last save (an answer can arrive
   * before the event, and the older draft must not replace the text just saved).
   */
  mayFollow(sessionId: string, version: number): boolean {
    const base = this.sessions.get(sessionId)?.base;
    return this.idle(sessionId) && (base === undefined || version >= base);
  }

  /** The editor shows the stored draft of `version`: later edits are based on it. */
  synced(sessionId: string, version: number): void {
    if (this.mayFollow(sessionId, version)) this.get(sessionId).base = version;
  }

  /** Keep mine: save the editor's text over the other window's, decided on the version shown now. */
  keepMine(sessionId: string, sql: string): void {
    const s = this.get(sessionId);
    s.conflict = false;
    s.base = this.versionOf(sessionId);
    s.pending = sql;
    this.changed();
    this.flush(sessionId);
  }

  /** Take theirs: drop the unsaved text; the editor is about to show the stored draft of the version shown now. */
  takeTheirs(sessionId: string): void {
    clearTimeout(this.timers.get(sessionId));
    this.timers.delete(sessionId);
    const s = this.get(sessionId);
    s.conflict = false;
    delete s.pending;
    s.base = this.versionOf(sessionId);
    this.changed();
  }

  private send(sessionId: string, s: SessionDrafts, sql: string): void {
    delete s.pending;
    s.inFlight = true;
    const expectedVersion = s.base;
    void this.dispatch({ type: 'SaveDraft', sessionId, sql, ...(expectedVersion !== undefined ? { expectedVersion } : {}) }).then(
      (result) => this.answered(sessionId, s, sql, result),
      () => this.answered(sessionId, s, sql, undefined),
    );
  }

  private answered(sessionId: string, s: SessionDrafts, sql: string, result: Result<CommandAck> | undefined): void {
    s.inFlight = false;
    let retry = false;
    if (result?.ok) {
      if (result.value.version !== undefined) s.base = result.value.version;
      s.failing = false;
    } else if (result?.error.code === 'VERSION_CONFLICT') {
      s.conflict = true;
      s.pending ??= sql; // what the person typed meanwhile is newer and is what they keep
    } else if (!(result && SESSION_GONE.has(result.error.code))) {
      // Not saved (a full disk, a dropped connection): the text stays unsaved, so the editor keeps it
      // over the stored draft, and goes again after the quiet time until a save gets through.
      s.pending ??= sql;
      retry = true;
      if (!s.failing && result) this.failed(result.error);
      s.failing = true;
    }
    // A session closed meanwhile loses nothing the person can still see.
    if (s.pending !== undefined && !s.conflict && !this.timers.has(sessionId)) {
      if (retry) this.timers.set(sessionId, setTimeout(() => this.flush(sessionId), this.delayMs));
      else this.flush(sessionId);
    }
    this.changed();
  }

  private get(sessionId: string): SessionDrafts {
    let s = this.sessions.get(sessionId);
    if (!s) this.sessions.set(sessionId, (s = { inFlight: false, conflict: false, failing: false }));
    return s;
  }
}
