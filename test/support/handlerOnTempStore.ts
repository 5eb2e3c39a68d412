import { join } from 'node:path';
import { CommandHandler } from '../../src/main/commands/commandHandler';
import { silentLogger } from '../../src/main/platform/logger';
import { openEventStore, type EventStore } from '../../src/main/store/eventStore';
import { Bus } from '../../src/main/streams/bus';
import { Projections } from '../../src/main/streams/projections';
import { tempDir } from './testCore';

/**
 * A real event store in a temp dir, with the bus, main's projections and the command handler over
 * it, wired as AppCore wires them (a listener that throws fails the test); `cleanup` closes and
 * removes them.
 */
export function handlerOnTempStore(cleanup: (() => void | Promise<void>)[]) {
  const dir = tempDir();
  const store: EventStore = openEventStore(join(dir.path, 'events.sqlite'));
  cleanup.push(() => dir.remove(), () => store.close());
  const bus = new Bus((e) => {
    throw e;
  });
  const projections = new Projections();
  projections.rebuild(store);
  const handler = new CommandHandler(store, bus, silentLogger(), { projections });
  return { store, bus, projections, handler };
}
