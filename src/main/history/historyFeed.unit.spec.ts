import { describe, expect, it } from 'vitest';
import { AppErrorException, appError } from '../../shared/contracts/errors';
import { silentLogger } from '../platform/logger';
import { Bus } from '../streams/bus';
import { HistoryFeed } from './historyFeed';

describe('the history feed when the worker refuses a batch', () => {
  it('given a fill whose batch fails, then the statement waiting for it fails with why, and the next one fills the tables anew', async () => {
    const batches: unknown[] = [];
    let refuse = true;
    const queryWorker = {
      threadGeneration: 1,
      request: (r: { type: string }) => {
        if (r.type !== 'history') return Promise.resolve([]);
        batches.push(r);
        if (!refuse) return Promise.resolve({});
        refuse = false;
        return Promise.reject(new AppErrorException(appError('e-1', 'INTERNAL', 'Conversion Error: invalid timestamp')));
      },
    };
    // an empty log: the fill is one batch that resets the tables
    const feed = new HistoryFeed(queryWorker as never, { batchesAfter: function* () {} } as never, new Bus(), silentLogger());
    const waiting = feed.prerequisite('select * from sextant.queries');
    await expect(waiting).rejects.toMatchObject({ error: { id: 'e-1', message: /^The query history \(sextant\) could not be brought up to date: Conversion Error: invalid timestamp\./ } });
    await expect(feed.prerequisite('select * from sextant.queries')).resolves.toBeUndefined();
    expect(batches).toHaveLength(2);
    // filled now: a statement no longer waits
    expect(feed.prerequisite('select * from sextant.queries')).toBeUndefined();
    feed.close();
  });
});
