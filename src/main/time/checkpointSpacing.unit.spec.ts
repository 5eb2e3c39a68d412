import { describe, expect, it } from 'vitest';
import { checkpointSpacing, evenlySpaced, growingSpacing, isCheckpoint, type CheckpointSpacing } from './checkpointSpacing';

/** The checkpoints a spacing keeps, followed from a session's start up to `until`. */
const chain = (spacing: CheckpointSpacing, until: number): number[] => {
  const seqs: number[] = [];
  for (let seq = spacing(0); seq <= until; seq = spacing(seq)) seqs.push(seq);
  return seqs;
};

describe('checkpoint spacing', () => {
  describe('given even spacing', () => {
    it('when asked after any seq, then the next multiple is the next checkpoint', () => {
      const every4 = evenlySpaced(4);
      expect([0, 1, 3, 4, 7, 8].map(every4)).toEqual([4, 4, 4, 8, 8, 12]);
      expect(chain(every4, 13)).toEqual([4, 8, 12]);
    });
  });

  describe("given the app's spacing", () => {
    it('when a session is young, then a checkpoint is kept every 100 events up to 12,000', () => {
      expect(chain(checkpointSpacing, 12_000)).toEqual(Array.from({ length: 120 }, (_, i) => (i + 1) * 100));
    });

    it('when it grows, then the spacing grows with it, a 60th of the seq in hundreds, and stops at 1,000', () => {
      const after = (seq: number) => checkpointSpacing(seq) - seq;
      expect([12_000, 18_000, 30_000, 54_000, 60_000, 99_000, 1_000_000].map(after)).toEqual([200, 300, 500, 900, 1000, 1000, 1000]);
    });

    it('when a band’s spacing does not divide it, then the band’s end is a checkpoint all the same', () => {
      // 42,000–48,000 is spaced by 700: 47,600 + 700 would skip 48,000, where spacing by 800 starts.
      expect(chain(checkpointSpacing, 48_800).filter((seq) => seq > 46_000)).toEqual([46_200, 46_900, 47_600, 48_000, 48_800]);
    });

    it('when asked after any seq, then the answer is the first checkpoint of the chain after it, and only those are checkpoints', () => {
      const seqs = chain(checkpointSpacing, 41_000); // past the last seq asked
      let next = 0;
      for (let seq = 0; seq < 40_000; seq++) {
        if (seqs[next]! <= seq) next++;
        expect(checkpointSpacing(seq)).toBe(seqs[next]);
        expect(isCheckpoint(checkpointSpacing, seq)).toBe(seq > 0 && seqs[next - 1] === seq);
      }
    });

    it('when travelling to any seq from 6,000 on, then at most a 60th of it is folded after a checkpoint', () => {
      const seqs = chain(checkpointSpacing, 200_000);
      for (const [i, seq] of seqs.entries()) {
        const gap = seq - (seqs[i - 1] ?? 0);
        expect(gap).toBeGreaterThanOrEqual(100);
        expect(gap).toBeLessThanOrEqual(Math.max(100, seq / 60));
      }
    });
  });

  it('given other figures, then bands follow them', () => {
    expect(chain(growingSpacing({ step: 2, divisor: 3, max: 4 }), 24)).toEqual([2, 4, 6, 8, 10, 12, 16, 18, 20, 24]);
  });
});
