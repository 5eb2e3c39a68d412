import { describe, expect, it } from 'vitest';
import { AppErrorException, appError } from '../../shared/contracts/errors';
import type { Frame } from '../../shared/contracts/frames';
import { recordingLogger } from '../../../test/support/recordingLogger';
import { useTestCore } from '../../../test/support/useTestCore';
import { waitFor } from '../../../test/support/clientHarness';
import { Outbox } from './outbox';
import { defaultStreamLimits, StreamManager } from './streamManager';

describe('a catch-up the store fails (real core, real store)', () => {
  const started = useTestCore('each');

  it('given a damaged page met on the way, then a stale frame carrying that failure, its id the logged one, not "fell behind"', async () => {
    const core = started.core();
    const opened = await core.dispatch({ type: 'OpenSession', title: 'A' });
    if (!opened.ok) throw new Error(opened.error.message);
    const { log, errors } = recordingLogger();
    const damaged = new AppErrorException(appError('0190f0e2-0000-7000-8000-000000000001', 'STORE_CORRUPT', 'The event store is damaged (database disk image is malformed).'));
    // the seam runs right after catch-up's last read of the store: a read that failed there
    const streams = new StreamManager(core.store, core.bus, core.projections, log, defaultStreamLimits, {
      beforeLive: () => {
        throw damaged;
      },
    });
    const frames: Frame[] = [];
    const outbox = new Outbox({ sendFrames: (json) => void frames.push(...(JSON.parse(`[${json}]`) as Frame[])), backlogBytes: () => 0 });
    const sub = streams.subscribe('s', `session/${opened.value.aggregateId}`, undefined, outbox);
    try {
      await waitFor(() => frames.some((f) => f.kind === 'stale'), 'stale');
      expect(frames.at(-1)).toMatchObject({ kind: 'stale', error: { id: damaged.error.id, code: 'STORE_CORRUPT', message: damaged.error.message } });
      expect(errors.join('\n')).toContain(damaged.error.id);
      expect(sub.closed).toBe(true);
    } finally {
      streams.close();
    }
  });
});
