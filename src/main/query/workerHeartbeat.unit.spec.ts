import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AppError } from '../../shared/contracts/errors';
import { WorkerHeartbeat } from './workerHeartbeat';

describe('WorkerHeartbeat', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const watch = () => {
    const sent: unknown[] = [];
    const hung: AppError[] = [];
    let recovered = 0;
    const heartbeat = new WorkerHeartbeat({ postMessage: (m: unknown) => sent.push(m) }, 300, (e) => hung.push(e), () => recovered++);
    return { sent, heartbeat, hung, recovered: () => recovered };
  };

  it('keeps no timer while nothing is owed, and beats only while something is', () => {
    const { sent, heartbeat } = watch();
    expect(vi.getTimerCount()).toBe(0);
    heartbeat.busy();
    heartbeat.busy();
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([{ type: 'heartbeat', beat: 1 }]);
    heartbeat.idle();
    expect(vi.getTimerCount()).toBe(0);
    vi.advanceTimersByTime(10_000);
    expect(sent).toHaveLength(1);
  });

  it('a loop that answers is never taken for hung, however long the work', () => {
    const { sent, heartbeat, hung } = watch();
    heartbeat.busy();
    for (let beat = 1; beat <= 50; beat++) {
      vi.advanceTimersByTime(200);
      heartbeat.answered(beat);
    }
    expect(sent).toHaveLength(50);
    expect(hung).toEqual([]);
  });

  it('a beat unanswered for the limit is a hang, said once; its answer, however late, is the recovery', () => {
    const { sent, heartbeat, hung, recovered } = watch();
    heartbeat.busy();
    vi.advanceTimersByTime(100 + 299);
    expect(hung).toEqual([]);
    heartbeat.answered(0); // a stale answer counts for nothing
    vi.advanceTimersByTime(1);
    expect(hung.map((e) => e.code)).toEqual(['WORKER_UNRESPONSIVE']);
    expect(hung[0]!.message).toMatch(/has not responded/);

    // Hung: nothing owed any more, yet it is still watched, with no new beat piling up in its port.
    heartbeat.idle();
    vi.advanceTimersByTime(10_000);
    expect(vi.getTimerCount()).toBe(1);
    expect(sent).toEqual([{ type: 'heartbeat', beat: 1 }]);
    expect(hung).toHaveLength(1);

    heartbeat.answered(1);
    expect(recovered()).toBe(1);
    heartbeat.idle();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a stopped heartbeat never beats again', () => {
    const { sent, heartbeat, hung } = watch();
    heartbeat.busy();
    vi.advanceTimersByTime(200);
    heartbeat.stop();
    expect(vi.getTimerCount()).toBe(0);
    heartbeat.busy();
    vi.advanceTimersByTime(10_000);
    expect(sent).toHaveLength(1);
    expect(hung).toEqual([]);
  });
});
