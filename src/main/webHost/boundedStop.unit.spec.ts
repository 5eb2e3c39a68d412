import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stopMessage, stopWithin, type StopStep } from './boundedStop';

const step = (name: string, close: () => Promise<void>, log: string[]): StopStep => ({
  name,
  close: () => {
    log.push(name);
    return close();
  },
});
const never = (): Promise<void> => new Promise(() => undefined);

describe('stopping the web host within a bound', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('given steps that close, then each closes in order and the stop is clean at once', async () => {
    const log: string[] = [];
    const outcome = await stopWithin([step('the web host', async () => undefined, log), step('the core', async () => undefined, log)], 5_000);
    expect(log).toEqual(['the web host', 'the core']);
    expect(outcome).toEqual({ unfinished: [], failed: [] });
    expect(stopMessage(outcome, 5_000)).toBeUndefined();
  });

  it('given a close that never settles, then after the bound it gives up, naming that step and those after it', async () => {
    const log: string[] = [];
    const stopped = stopWithin([step('the web host', never, log), step('the core', async () => undefined, log)], 5_000);
    let outcome: Awaited<typeof stopped> | undefined;
    void stopped.then((o) => (outcome = o));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(outcome).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(outcome).toEqual({ unfinished: ['the web host', 'the core'], failed: [] });
    expect(stopMessage(outcome!, 5_000)).toBe(
      'Sextant stopped without closing cleanly: the web host and the core did not finish closing within 5 s. Everything it acknowledged is in the event store (each command is on disk before it is acknowledged).',
    );
  });

  it('given a close that fails, then the next still closes, and the message says which failed and why', async () => {
    const log: string[] = [];
    const outcome = await stopWithin([step('the web host', () => Promise.reject(new Error('EADDRINUSE')), log), step('the core', async () => undefined, log)], 5_000);
    expect(log).toEqual(['the web host', 'the core']);
    expect(stopMessage(outcome, 5_000)).toMatch(/^Sextant stopped without closing cleanly: the web host failed to close \(EADDRINUSE\)\. /);
  });
});
