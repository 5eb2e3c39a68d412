import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../../test/support/testCore';
import { writeEventLog } from './eventLogWriter';
import { FileSink } from './fileSink';

describe('the event log writer', () => {
  const dir = tempDir('sextant-eventlog-');
  afterAll(() => dir.remove());

  it('given events stored after the export began, then it writes only those its header counted', async () => {
    // The session had 3 events when the export began; 2 more arrived while it read (a live session).
    const lines = [1, 2, 3, 4, 5].map((n) => ({ globalSeq: 10 + n, aggregateSeq: n, json: JSON.stringify({ n }) }));
    const store = {
      aggregateVersion: () => 3,
      readAggregate: () => [],
      logLines: (_pattern: string, after: number, limit: number) => ({ lines: lines.filter((l) => l.globalSeq > after).slice(0, limit) }),
    };
    const path = join(dir.path, 'log.ndjson');
    const sink = new FileSink(path);
    const written = await writeEventLog(store, { sessionId: 's', title: 't', datasetIds: [], exportedAt: 'now' }, sink);
    await sink.close();
    const text = readFileSync(path, 'utf8').trimEnd().split('\n');
    expect(written).toBe(3);
    expect(JSON.parse(text[0]!)).toMatchObject({ eventCount: 3 });
    expect(text.slice(1)).toEqual(['{"n":1}', '{"n":2}', '{"n":3}']);
  });
});
