import { describe, expect, it } from 'vitest';
import type { Frame } from '../../shared/contracts/frames';
import { Outbox } from './outbox';

const live = (i: number): Frame => ({ kind: 'live', subscriptionId: 's', seq: i, storeId: 'x' });

function outbox(window: number, backlog = { bytes: 0 }) {
  const sent: Frame[] = [];
  const box = new Outbox(
    {
      sendFrames: (json) => sent.push(...(JSON.parse(`[${json}]`) as Frame[])),
      backlogBytes: () => backlog.bytes,
    },
    { window, maxBacklogBytes: 1000, backlogRecheckMs: 5 },
  );
  return { box, sent, backlog };
}

describe('Outbox (flow control)', () => {
  it('grants credit up to the window and gets it back as the client acknowledges', () => {
    const { box, sent } = outbox(3);
    expect(box.credit).toBe(3);
    box.send([live(1), live(2)]);
    expect(box.credit).toBe(1);
    expect(box.inFlight).toBe(2);
    expect(box.ack(1)).toBe(true);
    expect(box.credit).toBe(2);
    expect(sent.map((f) => (f.kind === 'live' ? f.seq : 0))).toEqual([1, 2]);
  });

  it('refuses an acknowledgement that goes backwards or beyond what was sent', () => {
    const { box } = outbox(10);
    box.send([live(1), live(2)]);
    expect(box.ack(3)).toBe(false);
    expect(box.ack(2)).toBe(true);
    expect(box.ack(1)).toBe(false);
    expect(box.ack(1.5)).toBe(false);
    expect(box.inFlight).toBe(0);
  });

  it('wakes waiters in arrival order once credit returns, and only while there is some', () => {
    const { box } = outbox(2);
    box.send([live(1), live(2)]);
    const woken: string[] = [];
    box.onCredit(() => {
      woken.push('a');
      box.send([live(3)]); // takes the one frame of credit
    });
    box.onCredit(() => woken.push('b'));
    box.ack(1);
    expect(woken).toEqual(['a']);
    box.ack(2);
    expect(woken).toEqual(['a', 'b']);
  });

  it('a cancelled waiter is not called', () => {
    const { box } = outbox(1);
    box.send([live(1)]);
    let called = false;
    const cancel = box.onCredit(() => (called = true));
    cancel();
    box.ack(1);
    expect(called).toBe(false);
  });

  it('whenCredit resolves false when the outbox closes first', async () => {
    const { box } = outbox(1);
    box.send([live(1)]);
    const waiting = box.whenCredit();
    box.close();
    expect(await waiting).toBe(false);
    expect(box.credit).toBe(0);
  });

  it('holds back while the transport’s byte backlog is too high, and looks again without an ack', async () => {
    const { box, backlog } = outbox(10, { bytes: 5000 });
    expect(box.credit).toBe(0);
    const waiting = box.whenCredit();
    backlog.bytes = 0; // the socket drained; no event says so
    expect(await waiting).toBe(true);
  });
});
