import { describe, expect, it } from 'vitest';
import type { Command } from '../../shared/contracts/commands';
import { inForkWords } from './forkCommand';

const fork: Extract<Command, { type: 'ForkSession' }> = {
  type: 'ForkSession',
  sessionId: 'fork-1',
  title: 'Session 1 (fork)',
  from: { sessionId: 'session-1', seq: 42, title: 'Session 1', occurredAt: '2026-12-04T10:00:00.000Z' },
  draft: '',
  datasetIds: [],
  history: [],
};

describe('inForkWords', () => {
  it('given the store refuses a fork as too large, when said in a fork’s words, then its numbers are grouped as every other count is', () => {
    const refused = { id: 'err-1', code: 'PAYLOAD_TOO_LARGE', message: 'too large', details: { size: 1_441_316 } };
    const said = inForkWords(refused, fork);
    expect(said.message).toBe(
      "This session's history at that point is too long to fork (1,441,316 characters; a fork can carry about 1,048,576). Nothing was stored.",
    );
    expect(said).toMatchObject({ id: 'err-1', details: { size: 1_441_316, sessionId: 'session-1', seq: 42 } });
  });

  it('given another refusal, then it is passed on as it is', () => {
    const other = { id: 'err-2', code: 'STORE_FULL', message: 'The disk is full.' };
    expect(inForkWords(other, fork)).toBe(other);
  });
});
