import { beforeEach, describe, expect, it, vi } from 'vitest';
import { addDataset, resultRows } from '../../../test/support/coreDatasets';
import { useSessionCore } from '../../../test/support/useSessionCore';
import { copyPath } from './datasetCopies';

/** Every file main opens for streaming: the DuckDB worker thread's own reads are not main's, and not seen here. */
const streamed = vi.hoisted(() => [] as string[]);
vi.mock('node:fs', async (original) => {
  const fs = await original<typeof import('node:fs')>();
  const createReadStream = ((path: Parameters<typeof fs.createReadStream>[0], options?: Parameters<typeof fs.createReadStream>[1]) => {
    streamed.push(String(path));
    return fs.createReadStream(path, options);
  }) as typeof fs.createReadStream;
  return { ...fs, default: { ...fs, createReadStream }, createReadStream };
});

/** Which thread reads a CSV to decide on a Windows-1252 copy (docs/query-engine.md): the worker, in its fingerprint's pass; never main. */
describe('a CSV read once, on the worker, to decide its encoding (real core, real files)', () => {
  const started = useSessionCore('sextant-cp1252-reads-');
  const { file } = started;
  beforeEach(() => void streamed.splice(0));

  it('given a UTF-8 CSV added, then main reads none of its bytes, and it is read as itself', async () => {
    const path = file('utf8.csv', Buffer.from(`item,price\n${'plain,five\n'.repeat(50_000)}naïve,€5\n`));
    const dataset = await addDataset(started.core(), path);
    expect(dataset).toMatchObject({ status: 'ready' });
    expect(dataset).not.toHaveProperty('reading');
    expect(dataset).not.toHaveProperty('location');
    expect(streamed.filter((p) => p === path)).toEqual([]);
    expect(await resultRows(started.core(), started.sessionId(), `select * from ${dataset.name} where item <> 'plain'`)).toEqual([['naïve', '€5']]);
  });

  it('given a Windows-1252 CSV added, then main reads it once, to convert it, and its fingerprint is its source’s', async () => {
    const bytes = Buffer.from(`item,price\n${'plain,five\n'.repeat(50_000)}na\xefve,\x805\n`, 'latin1');
    const path = file('cp1252.csv', bytes);
    const dataset = await addDataset(started.core(), path);
    expect(dataset).toMatchObject({ status: 'ready', reading: { encoding: 'windows-1252' }, location: copyPath(started.core().dataDir, dataset.id, 'csv') });
    expect(dataset.fingerprint?.bytes).toBe(bytes.length);
    expect(streamed.filter((p) => p === path)).toEqual([path]);
    expect(await resultRows(started.core(), started.sessionId(), `select * from ${dataset.name} where item <> 'plain'`)).toEqual([['naïve', '€5']]);
  });
});
