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
});
