import { AppErrorException, appError } from '../../shared/contracts/errors';
import type { EventType } from '../../shared/contracts/events';
import { newErrorId } from '../platform/ids';

/**
 * Turns the payload of one event type stored at `fromVersion` into its shape at `fromVersion + 1`.
 * Pure; never sees the row, only the payload. A change of an event's shape ships as one upcaster,
 * and the old rows stay as they were written (the log is append-only).
 */
export interface Upcaster {
  readonly eventType: EventType;
  readonly fromVersion: number;
  upcast(payload: unknown): unknown;
}

/**
 * Upcasters keyed by (event_type, schema_version). The current version of an event type is one
 * past its last upcaster (1 when it never changed); the store writes new events at that version
 * and lifts older rows through the chain on read, so nothing above the store sees an old shape.
 */
export class UpcasterRegistry {
  private readonly byKey = new Map<string, Upcaster>();
  private readonly current = new Map<string, number>();
  /** Whether every event type is still at version 1: a read then checks an integer per row, not a map. */
  readonly allAtFirstVersion: boolean;

  constructor(upcasters: readonly Upcaster[]) {
    for (const u of upcasters) {
      const key = `${u.eventType}@${u.fromVersion}`;
      if (this.byKey.has(key)) throw new Error(`two upcasters for ${key}`);
      this.byKey.set(key, u);
      this.current.set(u.eventType, Math.max(this.current.get(u.eventType) ?? 1, u.fromVersion + 1));
    }
    this.allAtFirstVersion = this.current.size === 0;
    // A gap would strand rows at the missing version: refuse the registry, not the row.
    for (const [type, version] of this.current) {
      for (let v = 1; v < version; v++) if (!this.byKey.has(`${type}@${v}`)) throw new Error(`no upcaster for ${type}@${v}`);
    }
  }

  currentVersion(eventType: string): number {
    return this.current.get(eventType) ?? 1;
  }

  /**
   * The payload at the current version. A row written by a newer build (a version this build has
   * no shape for) is refused with STORE_TOO_NEW rather than handed on in a shape nobody checks.
   */
  upcast(eventType: string, version: number, payload: unknown): unknown {
    const current = this.currentVersion(eventType);
    if (version === current) return payload;
    if (version > current || version < 1) {
      throw new AppErrorException(
        appError(
          newErrorId(),
          'STORE_TOO_NEW',
          `The event store holds a ${eventType} event at schema version ${version}, which this build of Sextant cannot read (it knows version ${current}). Update Sextant; the store was left untouched.`,
          { details: { eventType, storedVersion: version, knownVersion: current } },
        ),
      );
    }
    let p = payload;
    for (let v = version; v < current; v++) p = this.byKey.get(`${eventType}@${v}`)!.upcast(p);
    return p;
  }
}

/**
 * The registry the app runs with. Every event type is still at version 1: add an upcaster here
 * (with a test reading a row stored at the old version) when an event's payload changes shape.
 */
export const upcasters = new UpcasterRegistry([]);
