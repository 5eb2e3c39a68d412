import { describe, expect, it } from 'vitest';
import { binEdge, binEdgeText, binIndex, edgeIndexAbove, niceStep, stepDecimals } from './numberBin';

/** k × step as decimal text, from the step's text: the oracle knows decimals, not doubles. */
function decimal(k: number, step: string): string {
  const [whole = '', frac = ''] = step.split('.');
  const n = BigInt(`${whole}${frac}`) * BigInt(k);
  if (!frac) return n.toString();
  const abs = (n < 0n ? -n : n).toString().padStart(frac.length + 1, '0');
  return `${n < 0n ? '-' : ''}${abs.slice(0, -frac.length)}.${abs.slice(-frac.length)}`;
}

describe('number bins (numberBin.ts)', () => {
  const steps = ['0.2', '0.1', '0.05', '0.0000001', '0.5', '1', '5', '20', '2000000000000000000'];

  it('given a step, when an edge is written, then it is the decimal k × step, read back as the same double', () => {
    for (const step of steps) {
      for (const k of [-7, -1, 0, 1, 3, 6, 7, 12, 14, 23, 46, 1001]) {
        expect(binEdge(k, Number(step)), `${k} × ${step}`).toBe(Number(decimal(k, step)));
        expect(Number(binEdgeText(k, Number(step)))).toBe(Number(decimal(k, step)));
      }
    }
    expect(binEdgeText(6, 0.2)).toBe('1.2');
    expect(binEdgeText(12, 0.2)).toBe('2.4');
    expect(stepDecimals(0.2)).toBe(1);
    expect(stepDecimals(1e-7)).toBe(7);
    expect(stepDecimals(500)).toBe(0);
  });

  it('given a value on or beside a decimal edge, when binned, then its bin is the k with edge(k) <= x < edge(k + 1)', () => {
    for (const step of steps) {
      for (let k = -30; k <= 30; k++) {
        const edge = Number(decimal(k, step));
        const s = Number(step);
        expect(binIndex(edge, s), `${edge} at ${step}`).toBe(k);
        // the doubles either side of the edge
        const below = edge - Math.max(Math.abs(edge), Number.MIN_VALUE) * Number.EPSILON;
        if (below < edge) expect(binIndex(below, s), `just under ${edge}`).toBe(k - 1);
        expect(edgeIndexAbove(edge, s)).toBe(k);
        expect(edgeIndexAbove(edge + s / 3, s)).toBe(k + 1);
      }
    }
    // floor(x / step) misplaces these
    expect([binIndex(1.4, 0.2), binIndex(2.4, 0.2), binIndex(0.3, 0.1), binIndex(-0.2, 0.1)]).toEqual([7, 12, 3, -2]);
  });

  it('given a raw width, when made nice, then it is 1, 2 or 5 × 10ⁿ as the decimal double, whole for integers', () => {
    expect(niceStep(0.195, false)).toBe(0.2);
    expect(niceStep(7.5e-8, false)).toBe(1e-7);
    expect(niceStep(3e-8, false)).toBe(5e-8);
    expect(niceStep(0.3, true)).toBe(1);
    expect(niceStep(1.05e18, false)).toBe(2e18);
  });
});
