import { describe, expect, it } from 'vitest';
import type { EventEnvelope } from '../../shared/contracts/events';
import { Bus, type BusMessage } from './bus';

const event = (globalSeq: number, topic = 'session/a'): EventEnvelope => ({
  type: 'SessionRenamed',
  payload: { title: `t${globalSeq}` },
  globalSeq,
  eventId: `e${globalSeq}`,
  aggregateType: 'QuerySession',
  aggregateId: topic.split('/')[1] ?? 'a',
  aggregateSeq: globalSeq,
  schemaVersion: 1,
  topic,
  metadata: { commandId: 'c', correlationId: 'c', issuedBy: 'user' },
  occurredAt: '2025-01-01T00:00:00.000Z',
});
const seqs = (ms: BusMessage[]) => ms.flatMap((m) => (m.kind === 'event' ? [m.event.globalSeq] : []));

describe('Bus', () => {
  it('delivers to every listener in publish order', () => {
    const bus = new Bus();
    const a: BusMessage[] = [];
    const b: BusMessage[] = [];
    bus.subscribe((m) => a.push(m));
    bus.subscribe((m) => b.push(m));
    bus.publishEvents([event(1), event(2)]);
    bus.publishProgress({ kind: 'query', topic: 'session/a', sessionId: 'a', queryId: 'q', elapsedMs: 5 });
    expect(seqs(a)).toEqual([1, 2]);
    expect(b.map((m) => m.kind)).toEqual(['event', 'event', 'progress']);
  });

  it('a listener that publishes while called does not let later listeners see seq N+1 before N', () => {
    const bus = new Bus();
    const early: BusMessage[] = [];
    const late: BusMessage[] = [];
    bus.subscribe((m) => early.push(m));
    // A reaction that appends synchronously (as a system command could), registered before `late`.
    bus.subscribe((m) => {
      if (m.kind === 'event' && m.event.globalSeq === 1) bus.publishEvents([event(2)]);
    });
    bus.subscribe((m) => late.push(m));
    bus.publishEvents([event(1)]);
    expect(seqs(early)).toEqual([1, 2]);
    expect(seqs(late)).toEqual([1, 2]);
  });

  it('isolates a failing listener and reports it', () => {
    const errors: unknown[] = [];
    const bus = new Bus((e) => errors.push(e));
    const got: BusMessage[] = [];
    bus.subscribe(() => {
      throw new Error('boom');
    });
    bus.subscribe((m) => got.push(m));
    bus.publishEvents([event(1)]);
    expect(seqs(got)).toEqual([1]);
    expect(errors).toHaveLength(1);
    bus.publishEvents([event(2)]); // still delivering after a failure
    expect(seqs(got)).toEqual([1, 2]);
  });

  it('unsubscribing removes exactly that registration', () => {
    const bus = new Bus();
    const got: number[] = [];
    const listener = (m: BusMessage) => m.kind === 'event' && got.push(m.event.globalSeq);
    const off1 = bus.subscribe(listener);
    bus.subscribe(listener);
    expect(bus.size).toBe(2);
    off1();
    bus.publishEvents([event(1)]);
    expect(got).toEqual([1]);
    expect(bus.size).toBe(1);
  });

  it('given a window subscribed after a service, when an event is published, then the window hears it first and both still hear nested events in order', () => {
    const bus = new Bus();
    const heard: string[] = [];
    // A service that reacts by appending (as the runner does), subscribed before any window.
    bus.subscribe((m) => {
      if (m.kind !== 'event') return;
      heard.push(`service ${m.event.globalSeq}`);
      if (m.event.globalSeq === 1) bus.publishEvents([event(2)]);
    });
    const offWindow = bus.subscribe((m) => m.kind === 'event' && heard.push(`window ${m.event.globalSeq}`), { forWindow: true });
    bus.publishEvents([event(1)]);
    expect(heard).toEqual(['window 1', 'service 1', 'window 2', 'service 2']);
    offWindow();
    expect(bus.size).toBe(1);
  });

  it('given a window whose listener throws or leaves while hearing, when an event is published, then the services and the other windows still hear it', () => {
    const errors: unknown[] = [];
    const bus = new Bus((e) => errors.push(e));
    const heard: string[] = [];
    bus.subscribe((m) => m.kind === 'event' && heard.push('service'));
    const offLeaving = bus.subscribe(
      (m) => {
        heard.push('leaving');
        offLeaving();
        return m;
      },
      { forWindow: true },
    );
    bus.subscribe(() => {
      throw new Error('a broken window');
    }, { forWindow: true });
    bus.subscribe((m) => m.kind === 'event' && heard.push('window'), { forWindow: true });
    bus.publishEvents([event(1)]);
    bus.publishEvents([event(2)]);
    expect(heard).toEqual(['leaving', 'window', 'service', 'window', 'service']);
    expect(errors).toHaveLength(2);
  });
});
