import type Database from 'better-sqlite3';

/** The row that says what a snapshot is: the view at `seq` without its histories (see docs/store.md, "Snapshots"). */
export const HEAD_NAME = 'view';

export interface SnapshotRow {
  readonly seq: number;
  readonly schemaVersion: number;
  readonly body: string;
}

export interface SnapshotPart {
  readonly name: string;
  readonly seq: number;
  readonly body: string;
}

/**
 * Snapshots of main's view, kept in their own table beside the event log: disposable (delete the
 * rows and the next start folds the whole log, nothing else changes), written in their own
 * transactions, never touching `events`. Created here, not by a migration: a file without the
 * table is simply a file without snapshots, and dropping it changes nothing but speed.
 *
 * A snapshot is a head row (name `view`) at its seq, plus parts (name `history/<session id>`) it
 * refers to by (name, seq). A part is written once and stays valid for later heads while its
 * session's history does not change, so a snapshot writes only what changed since the last one.
 * Parts go in first, the head last: a crash between them leaves unreferenced parts that the next
 * commit deletes, and the previous head still loads.
 */
export class ViewSnapshots {
  private readonly stmts;

  constructor(private readonly db: Database.Database) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS view_snapshots (
        name           TEXT NOT NULL,
        seq            INTEGER NOT NULL,
        schema_version INTEGER NOT NULL,
        body           TEXT NOT NULL,
        PRIMARY KEY (name, seq)
      ) STRICT
    `);
    this.stmts = {
      heads: db.prepare<[string], SnapshotRow>('SELECT seq, schema_version AS schemaVersion, body FROM view_snapshots WHERE name = ? ORDER BY seq DESC'),
      part: db.prepare<[string, number], SnapshotRow>('SELECT seq, schema_version AS schemaVersion, body FROM view_snapshots WHERE name = ? AND seq = ?'),
      keys: db.prepare<[], { name: string; seq: number }>('SELECT name, seq FROM view_snapshots'),
      insert: db.prepare<[string, number, number, string]>('INSERT OR REPLACE INTO view_snapshots (name, seq, schema_version, body) VALUES (?, ?, ?, ?)'),
      delete: db.prepare<[string, number]>('DELETE FROM view_snapshots WHERE name = ? AND seq = ?'),
    };
  }

  /** False once the store has closed: a late write has nowhere to go. */
  get open(): boolean {
    return this.db.open;
  }

  /** Head rows, newest first. There is one unless a commit was cut off, so reading them all costs nothing. */
  heads(): SnapshotRow[] {
    return this.stmts.heads.all(HEAD_NAME);
  }

  part(name: string, seq: number): SnapshotRow | undefined {
    return this.stmts.part.get(name, seq);
  }

  /** Writes parts in one transaction. Nothing refers to them until `commit`. */
  writeParts(parts: readonly SnapshotPart[], schemaVersion: number): void {
    this.db.transaction(() => {
      for (const p of parts) this.stmts.insert.run(p.name, p.seq, schemaVersion, p.body);
    })();
  }

  /**
   * Makes the head at `seq` the snapshot, in one transaction: writes it, then deletes every other
   * head and every part it does not refer to (older heads' leftovers, a crashed write's orphans).
   */
  commit(head: SnapshotRow, refs: ReadonlyMap<string, number>): void {
    this.db.transaction(() => {
      this.stmts.insert.run(HEAD_NAME, head.seq, head.schemaVersion, head.body);
      for (const { name, seq } of this.stmts.keys.all()) {
        const keep = name === HEAD_NAME ? seq === head.seq : refs.get(name) === seq;
        if (!keep) this.stmts.delete.run(name, seq);
      }
    })();
  }
}
