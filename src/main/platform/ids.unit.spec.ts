import { validate, version } from 'uuid';
import { describe, expect, it, vi } from 'vitest';
import { newId } from './ids';

describe('newId', () => {
  it('given many ids made at once, when made, then each is a valid v7 and sorts after the one before', () => {
    const ids = Array.from({ length: 5_000 }, () => newId());
    for (const id of ids) {
      expect(validate(id)).toBe(true);
      expect(version(id)).toBe(7);
    }
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
  });

  it('given more ids than one draw of entropy holds, when made, then no two share their random tail', () => {
    // The last 42 bits are random bytes (the counter's low 6 bits share their first byte): a repeat means reused entropy.
    const tails = new Set(Array.from({ length: 20_000 }, () => newId().slice(-12)));
    expect(tails.size).toBe(20_000);
  });

  it('given a later millisecond, when an id is made, then it carries that millisecond', async () => {
    const before = Date.now();
    await new Promise((done) => setTimeout(done, 5));
    const id = newId();
    const msecs = parseInt(id.replaceAll('-', '').slice(0, 12), 16);
    expect(msecs).toBeGreaterThan(before);
    expect(msecs).toBeLessThanOrEqual(Date.now());
  });

  it('given a clock that goes back, when ids are made, then they still sort by when they were made', () => {
    const now = vi.spyOn(Date, 'now');
    try {
      const ids = [5_000_000, 4_000_000, 4_000_000, 5_000_001, 1].map((ms) => {
        now.mockReturnValue(ms);
        return newId();
      });
      for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    } finally {
      now.mockRestore();
    }
  });
});
