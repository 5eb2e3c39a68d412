import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage } from '../../src/shared/contracts/protocol';
import { startTestCore, tempDir, type TestCore } from '../support/testCore';
import type { ServerChannel } from '../../src/main/transports/serverChannel';
import { answersTo, HOSTILE_COUNT as COUNT, HOSTILE_SEED as SEED, hostileMessages, whyWrong } from './hostileMessages';

/**
 * Main's end of an IPC connection as ipc.ts builds it: raw payloads in (a string, or undefined for
 * anything that is not one), text out. IPC has no size limit of its own, so this is where
 * serveChannel's checks are the only line of defence.
 */
function ipcLikeChannel(): { channel: ServerChannel; deliver(payload: string | undefined): void; replies: ServerMessage[] } {
  const listeners: ((text: string | undefined) => void)[] = [];
  const replies: ServerMessage[] = [];
  return {
    channel: { send: (text) => replies.push(JSON.parse(text) as ServerMessage), backlogBytes: () => 0, onMessage: (l) => void listeners.push(l), onClose: () => {} },
    deliver: (payload) => listeners.forEach((l) => l(payload)),
    replies,
  };
}

describe(`hostile input over IPC: ${COUNT} malformed, oversized, deeply nested and wrong-typed messages (seed ${SEED})`, () => {
  let dir: ReturnType<typeof tempDir>;
  let core: TestCore;
  beforeAll(async () => {
    dir = tempDir();
    core = await startTestCore(dir.path);
    await core.dispatch({ type: 'OpenSession', title: 'Before' });
  });
  afterAll(async () => {
    await core.close();
    dir.remove();
  });

  it('refuses every one with an error id under the right request id, changes nothing, and keeps serving', async () => {
    const before = JSON.stringify(core.store.readAfter(0, 1_000_000));
    const { channel, deliver, replies } = ipcLikeChannel();
    core.connect(channel);
    const messages = hostileMessages(SEED, COUNT);
    expect(new Set(messages.map((m) => m.kind)).size).toBeGreaterThanOrEqual(25);

    const unexpected: string[] = [];
    for (const m of messages) {
      const answers = await answersTo(
        () => replies,
        () => deliver(typeof m.payload === 'string' ? m.payload : undefined),
      );
      const problem = whyWrong(m, answers.length, answers[0]);
      if (problem) unexpected.push(`${m.kind}: ${problem}`);
    }
    expect([...new Set(unexpected)]).toEqual([]);
    expect(JSON.stringify(core.store.readAfter(0, 1_000_000))).toBe(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    // Still working, for this connection and a new one.
    const after = await core.dispatch({ type: 'OpenSession', title: 'After' });
    expect(after.ok).toBe(true);
  });
});
