import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ok } from '../../shared/contracts/errors';
import { silentLogger } from '../platform/logger';
import { Outbox } from '../streams/outbox';
import { ClientConnection, type ConnectionServices } from './clientConnection';

describe('a client connection', () => {
  it('lets a read sent beside a command go first: the command’s synchronous append waits a turn', async () => {
    const calls: string[] = [];
    const services = {
      log: silentLogger(),
      view: () => ({}),
      dispatch: () => {
        calls.push('dispatch');
        return Promise.resolve(ok({ aggregateId: 'a', lastSeq: 1 }));
      },
      fetchPage: (queryId: string) => {
        calls.push('fetchPage');
        return Promise.resolve(ok({ queryId, offset: 0, totalRows: 0, complete: true, columns: [], values: [] }));
      },
    } as unknown as ConnectionServices;
    const conn = new ClientConnection(services, new Outbox({ sendFrames: () => undefined, backlogBytes: () => 0 }));
    const queryId = randomUUID();
    const view = { orderBy: [{ column: 0, descending: true }], filter: [] };
    // as the grid sends them on a header click: the SetResultView, then the view's first page
    const sent = [
      conn.handle({ method: 'dispatch', command: { type: 'SetResultView', sessionId: randomUUID(), queryId, ...view } }),
      conn.handle({ method: 'fetchPage', queryId, offset: 0, limit: 100, ...view }),
    ];
    const answers = await Promise.all(sent);
    expect(answers.map((a) => a.ok)).toEqual([true, true]);
    expect(calls).toEqual(['fetchPage', 'dispatch']);
  });

  it('runs a read of the recorded session after the commands sent before it: an export sees the chart just set', async () => {
    const recorded: string[] = [];
    const services = {
      log: silentLogger(),
      view: () => ({}),
      dispatch: async (command: { type: string }) => {
        await new Promise((resolve) => setTimeout(resolve, 5)); // the append takes a while
        recorded.push(command.type);
        return ok({ aggregateId: 'a', lastSeq: recorded.length });
      },
      sessionExports: { export: () => Promise.resolve(ok({ exported: [...recorded] })) },
      timeline: () => Promise.resolve(ok({ seen: [...recorded] })),
    } as unknown as ConnectionServices;
    const conn = new ClientConnection(services, new Outbox({ sendFrames: () => undefined, backlogBytes: () => 0 }));
    const sessionId = randomUUID();
    const queryId = randomUUID();
    // as one read of the socket brings them: two chart changes, then the export and the timeline
    const sent = [
      conn.handle({ method: 'dispatch', command: { type: 'SetChart', sessionId, queryId, spec: { mark: 'Bar', x: 'weather', aggregate: 'Average', y: 'precipitation' } } }),
      conn.handle({ method: 'dispatch', command: { type: 'SetChart', sessionId, queryId, spec: { mark: 'Bar', x: 'weather', aggregate: 'Count' } } }),
      conn.handle({ method: 'exportSession', sessionId, format: 'markdown', target: { kind: 'download' } }),
      conn.handle({ method: 'timeline', sessionId }),
    ];
    const answers = await Promise.all(sent);
    expect(answers[2]).toEqual(ok({ exported: ['SetChart', 'SetChart'] }));
    expect(answers[3]).toEqual(ok({ seen: ['SetChart', 'SetChart'] }));
    // with nothing in flight, a read is not held back
    expect(await conn.handle({ method: 'timeline', sessionId })).toEqual(ok({ seen: ['SetChart', 'SetChart'] }));
  });
});
