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
    for (let turn = 0; turn < 2; turn++) {
      await nextTurn();
      await Promise.resolve();
    }
    expect(r.handed).toEqual(['SaveDraft 1', 'SaveDraft 2']);
    // both appends still running: the cancel goes at once
    void send({ type: 'CancelQuery' });
    expect(r.handed).toEqual(['SaveDraft 1', 'SaveDraft 2', 'CancelQuery']);
  });

  it('given many commands in one read, then they are handed over in order, one a turn of the event loop, a cancel right behind the command ahead of it', async () => {
    const r = recorder();
    const send = commandOrder(r.dispatch);
    for (let n = 0; n < 50; n++) void send(n === 25 ? { type: 'CancelQuery', n } : { type: 'SaveDraft', n });
    const turns: number[] = [];
    for (let turn = 0; r.handed.length < 50 && turn < 100; turn++) {
      await nextTurn();
      for (let i = 0; i < 10; i++) await Promise.resolve();
      turns.push(r.handed.length);
    }
    expect(r.handed).toEqual(Array.from({ length: 50 }, (_, n) => (n === 25 ? `CancelQuery ${n}` : `SaveDraft ${n}`)));
    // another party's turn comes between any two appends: never more than one command a turn (two when the cancel rides along)
    const perTurn = turns.map((handed, i) => handed - (turns[i - 1] ?? 0));
    expect(Math.max(...perTurn)).toBeLessThanOrEqual(2);
    expect(perTurn.filter((n) => n === 2)).toHaveLength(1);
  });
});
