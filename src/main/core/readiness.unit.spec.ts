import { describe, expect, it } from 'vitest';
import { appError, ok, type AppError } from '../../shared/contracts/errors';
import { Readiness } from './readiness';

/** A start the test ends: `up()` or `fail(reason)`. */
function starting(explain: (failure: unknown) => AppError = () => appError('e-start', 'WORKER_CRASHED', 'DuckDB could not start: no disk')) {
  let up!: () => void;
  let fail!: (reason: unknown) => void;
  const start = new Promise<void>((resolve, reject) => {
    up = resolve;
    fail = reject;
  });
  return { readiness: new Readiness(start, explain), up, fail };
}

describe('the readiness gate', () => {
  it('given a start under way, when work is asked, then it runs once the start is up, in the order asked', async () => {
    const { readiness, up } = starting();
    const ran: string[] = [];
    const first = readiness.hold(() => (ran.push('first'), ok(1)));
    const second = readiness.hold(() => Promise.resolve((ran.push('second'), ok(2))));
    await Promise.resolve();
    expect(ran).toEqual([]);
    up();
    expect(await Promise.all([first, second])).toEqual([ok(1), ok(2)]);
    expect(ran).toEqual(['first', 'second']);
    expect(await readiness.outcome()).toEqual(ok(undefined));
  });

  it('given a start that is up, when work is asked, then it runs at once, in the same turn', async () => {
    const { readiness, up } = starting();
    up();
    await readiness.settled;
    let ran = false;
    void readiness.hold(() => ((ran = true), ok(undefined)));
    expect(ran).toBe(true);
  });

  it('given a start that failed, then held and later work are refused with its one explained error and never run', async () => {
    const explained: unknown[] = [];
    const { readiness, fail } = starting((failure) => (explained.push(failure), appError('e-start', 'WORKER_CRASHED', 'DuckDB could not start: no disk')));
    let ran = 0;
    const held = readiness.hold(() => (ran++, ok(undefined)));
    fail(new Error('no disk'));
    const refusal = { ok: false, error: { id: 'e-start', code: 'WORKER_CRASHED', message: 'DuckDB could not start: no disk' } };
    expect(await held).toEqual(refusal);
    expect(await readiness.hold(() => (ran++, ok(undefined)))).toEqual(refusal);
    expect(await readiness.outcome()).toEqual(refusal);
    expect(ran).toBe(0);
    expect(explained).toEqual([new Error('no disk')]);
  });

  it('given work that needs nothing of DuckDB (afterStart), then it is held while starting in its place, and runs after a failed start unless refused', async () => {
    const { readiness, fail } = starting();
    const ran: string[] = [];
    const held = readiness.hold(() => (ran.push('held'), ok(1)));
    const after = readiness.afterStart(() => (ran.push('after'), ok(2)));
    await Promise.resolve();
    expect(ran).toEqual([]);
    fail(new Error('no disk'));
    expect(await after).toEqual(ok(2));
    expect((await held).ok).toBe(false);
    expect(ran).toEqual(['after']);
    expect(await readiness.afterStart(() => ok(3))).toEqual(ok(3));
    expect(await readiness.afterStart(() => ok(4), () => true)).toEqual({ ok: false, error: { id: 'e-start', code: 'WORKER_CRASHED', message: 'DuckDB could not start: no disk' } });
  });
});

