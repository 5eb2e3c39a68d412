import { describe, expect, it } from 'vitest';
import { ProtocolClient } from '../../../test/support/protocolClient';
import { useTestCore } from '../../../test/support/useTestCore';

/**
 * The catalog's `availability` frame (which datasets are not on this machine) is not a tick the
 * next one replaces: it queues for a client under backpressure, like an event (docs/streams.md).
 */
describe('availability frames under flow control (real core)', () => {
  const started = useTestCore('each', { flowLimits: { window: 2 } });

  it('which datasets are not here reaches a client that stalled, once it acknowledges; a download’s tick does not wait', async () => {
    const core = started.core();
    const c = new ProtocolClient((channel) => core.connect(channel));
    c.autoAck = false;
    await c.request({ method: 'subscribe', subscriptionId: 'cat', pattern: 'catalog' });
    await c.until((f) => f.some((x) => x.kind === 'live'));
    const frames = () => c.frames.filter((f) => f.kind === 'progress').map((f) => (f.kind === 'progress' ? f.progress.kind : ''));
    // snapshot + live fill the window: nothing more goes until the client acknowledges
    core.bus.publishProgress({ kind: 'download', topic: 'catalog', datasetId: 'd', source: 'http://x/y.csv', receivedBytes: 1 });
    core.bus.publishProgress({ kind: 'availability', topic: 'catalog', notHere: ['d1'] });
    expect(frames()).toEqual([]);
    c.ack();
    await c.until(() => frames().includes('availability'));
    expect(frames()).toEqual(['availability']);
  });
});
