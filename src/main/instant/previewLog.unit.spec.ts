import { describe, expect, it } from 'vitest';
import { recordingLogger } from '../../../test/support/recordingLogger';
import { appError } from '../../shared/contracts/errors';
import { PreviewService } from './previewService';

/** The editor shows a failed preview's error id with "Copy id": the id must be found in the log. */
describe('a failed preview in the log', () => {
  const service = (reply: () => Promise<never>) => {
    const { log, errors } = recordingLogger('info');
    const previews = new PreviewService({ request: reply } as never, { budgetMs: 5_000, sessionOpen: () => true, log });
    return { previews, lines: errors };
  };

  it('given SQL DuckDB refuses, when previewed, then the error shown is logged with its id', async () => {
    const { previews, lines } = service(() => Promise.reject(appError('e-1234', 'SQL_ERROR', 'Parser Error: syntax error at or near "form"')));
    const result = await previews.preview({ sessionId: 's1', sql: 'select * form t', cursor: 0 });
    expect(result.ok).toBe(false);
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toEqual([expect.objectContaining({ errorId: 'e-1234', code: 'SQL_ERROR', sessionId: 's1', msg: 'Parser Error: syntax error at or near "form"' })]);
  });

  it('given a preview replaced by a newer one, then nothing is logged: it was never shown', async () => {
    const { previews, lines } = service(() => new Promise<never>(() => {}));
    const first = previews.preview({ sessionId: 's1', sql: 'select 1', cursor: 0 });
    void previews.preview({ sessionId: 's1', sql: 'select 2', cursor: 0 });
    expect((await first).ok).toBe(false);
    previews.close();
    expect(lines).toEqual([]);
  });
});
