import { describe, expect, it } from 'vitest';
import { emptyRecord, getIn, recordOf, setIn, type SharedRecord } from './sharedRecord';

describe('a shared record', () => {
  it('reads back every key it was given, the latest value winning, across merges of its recent layer', () => {
    let r: SharedRecord<number> = emptyRecord();
    for (let i = 0; i < 500; i++) r = setIn(r, `k${i % 200}`, i);
    for (let k = 0; k < 200; k++) expect(getIn(r, `k${k}`)).toBe(k + 400 - (k < 100 ? 0 : 200));
    expect(getIn(r, 'missing')).toBeUndefined();
  });

  it('built whole from a list, reads back every key (the last of a repeated one winning) and grows like any other', () => {
    const whole = recordOf(Array.from({ length: 300 }, (_, i) => [`k${i % 250}`, i] as const));
    for (let k = 0; k < 250; k++) expect(getIn(whole, `k${k}`)).toBe(k < 50 ? k + 250 : k);
    let grown = whole;
    for (let i = 0; i < 100; i++) grown = setIn(grown, `n${i}`, i);
    expect([getIn(grown, 'k0'), getIn(grown, 'n99'), getIn(whole, 'n0')]).toEqual([250, 99, undefined]);
  });

  it('leaves every earlier version as it was', () => {
    const versions: SharedRecord<number>[] = [emptyRecord()];
    for (let i = 0; i < 300; i++) versions.push(setIn(versions.at(-1)!, `k${i}`, i));
    versions.forEach((v, n) => {
      expect(getIn(v, `k${n - 1}`)).toBe(n === 0 ? undefined : n - 1);
      expect(getIn(v, `k${n}`)).toBeUndefined();
    });
  });

  it('folds 10,000 keys without copying the whole record on each', () => {
    const t = performance.now();
    let r: SharedRecord<number> = emptyRecord();
    for (let i = 0; i < 10_000; i++) r = setIn(r, `q${i}`, i);
    expect(getIn(r, 'q9999')).toBe(9999);
    // A whole copy per key takes seconds here; the layered record takes tens of milliseconds.
    expect(performance.now() - t).toBeLessThan(1_000);
  });
});
