import { randomFillSync, randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';

/**
 * Entropy for ids, drawn from the OS 256 ids at a time, as Node's `randomUUID` pools its own.
 * `uuid`'s v7 draws fresh bytes from `crypto.getRandomValues` for every id: 10–70 µs of main's
 * time, twice per command (its id and its event's), on the path of every click.
 */
const POOL_BYTES = 16 * 256;
const pool = new Uint8Array(POOL_BYTES);
let used = POOL_BYTES;

function randomBytes16(): Uint8Array {
  if (used === POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  return pool.subarray(used, (used += 16));
}

/** The millisecond and counter of the last id: within one millisecond ids count up, so they still sort by creation. */
const last = { msecs: -Infinity, seq: 0 };

/**
 * Ids of things that are ordered in time (sessions, queries, datasets, events): UUIDv7 sorts by
 * creation. The clock rule is `uuid`'s own (a new millisecond starts a random 31-bit counter, the
 * same millisecond counts up, a wrapped counter moves to the next millisecond); only where the
 * random bytes come from differs.
 */
export const newId = (): string => {
  const random = randomBytes16();
  const now = Date.now();
  if (now > last.msecs) {
    last.msecs = now;
    last.seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
  } else {
    last.seq = (last.seq + 1) | 0;
    if (last.seq === 0) last.msecs++;
  }
  return uuidv7({ random, msecs: last.msecs, seq: last.seq });
};

/** Error ids only need to be unique and quotable. */
export const newErrorId = (): string => randomUUID();
