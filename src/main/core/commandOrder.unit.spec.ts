import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { commandOrder } from './commandOrder';

type Command = { readonly type: string; readonly n?: number };

/** A dispatch that notes what it was handed, and whose appends settle only when the test says. */
function recorder() {
  const handed: string[] = [];
  const pending: (() => void)[] = [];
  const dispatch = (c: Command) => {
    handed.push(c.n === undefined ? c.type : `${c.type} ${c.n}`);
    return new Promise<string>((resolve) => pending.push(() => resolve(c.type)));
  };
  return { handed, settleAll: () => pending.splice(0).forEach((s) => s()), dispatch };
}

describe('commandOrder: one connection’s commands reach main in the order they came', () => {
  it('given a StartQuery and, before its ack, a CancelQuery, then the start is handed over first and the cancel right behind it', async () => {
    const r = recorder();
    const send = commandOrder(r.dispatch);
    const answers = [send({ type: 'StartQuery' }), send({ type: 'CancelQuery' })];
    expect(r.handed).toEqual([]);
    await nextTurn();
    await Promise.resolve();
    expect(r.handed).toEqual(['StartQuery', 'CancelQuery']);
    r.settleAll();
    expect(await Promise.all(answers)).toEqual(['StartQuery', 'CancelQuery']);
  });

  it('given nothing waits ahead, then a cancel is handed over at once, in the same turn (its interrupt frees DuckDB’s cores)', () => {
    const r = recorder();
    void commandOrder(r.dispatch)({ type: 'CancelQuery' });
    expect(r.handed).toEqual(['CancelQuery']);
  });

  it('given earlier commands whose appends have not finished, then a cancel does not wait for them: only for its place in the line', async () => {
    const r = recorder();
    const send = commandOrder(r.dispatch);
    void send({ type: 'SaveDraft', n: 1 });
    void send({ type: 'SaveDraft', n: 2 });
    await nextTurn();
    await Promise.resolve();
    expect(r.handed).toEqual(['SaveDraft 1', 'SaveDraft 2']);
    // both appends still running: the cancel goes at once
    void send({ type: 'CancelQuery' });
    expect(r.handed).toEqual(['SaveDraft 1', 'SaveDraft 2', 'CancelQuery']);
  });

  it('given many commands in one read, then all are handed over in order within one turn, a cancel among them in its place', async () => {
    const r = recorder();
    const send = commandOrder(r.dispatch);
    for (let n = 0; n < 50; n++) void send(n === 25 ? { type: 'CancelQuery', n } : { type: 'SaveDraft', n });
    await nextTurn();
    for (let i = 0; i < 10; i++) await Promise.resolve();
    expect(r.handed).toEqual(Array.from({ length: 50 }, (_, n) => (n === 25 ? `CancelQuery ${n}` : `SaveDraft ${n}`)));
  });
});
