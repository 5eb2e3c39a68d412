/**
 * A second process for the crash-mid-import test, run with `node --import tsx importChild.ts <store> <log>`.
 * It reads and checks the session log, opens the store, and makes SQLite stop half-way through the
 * import's inserts (a TEMP trigger on the event at the middle calls a function that prints `mid`
 * and then blocks), so the parent's kill -9 lands inside the import's transaction, not before or after it.
 */
import { readFileSync, writeSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { EventStore } from '../../src/main/store/eventStore';
import { upcasters } from '../../src/main/store/upcasters';
import { readSessionLog } from '../../src/main/share/sessionLogReader';

const [path, logFile] = process.argv.slice(2);
if (!path || !logFile) {
  process.stderr.write('usage: importChild.ts <store> <log>\n');
  process.exit(2);
}
const say = (line: string): void => void writeSync(1, `${line}\n`);
const read = await readSessionLog(readFileSync(logFile, 'utf8'), upcasters, () => 'child');
if (!read.ok) throw new Error(read.error.message);
const store = new EventStore(path);
// The store's own connection: a TEMP trigger lives on the connection that made it.
const db = (store as unknown as { db: Database.Database }).db;
// The connection is busy inside the insert: the function may not query, so it is handed the seq.
db.function('pause_import', (seq: unknown) => {
  say(`mid ${String(seq)}`);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
  return 0;
});
const middle = store.lastSeq() + Math.floor(read.value.events.length / 2);
db.exec(`CREATE TEMP TRIGGER pause_mid_import AFTER INSERT ON main.events WHEN NEW.global_seq = ${middle} BEGIN SELECT pause_import(NEW.global_seq); END`);
say('importing');
store.importEvents(read.value.events);
say('imported');
