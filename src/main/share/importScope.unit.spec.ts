import { describe, expect, it } from 'vitest';
import type { AppView } from '../../shared/views/appView';
import { outsideScope } from '../core/connectionScope';

const view: AppView = { sessions: {}, datasets: {} };
const noExports = () => false;

describe('who may import a session', () => {
  it('given the overview window, then it may upload and import', () => {
    expect(outsideScope({ kind: 'all' }, { method: 'importChunk', uploadId: 'u', index: 0, text: '' }, view, noExports)).toBeUndefined();
    expect(outsideScope({ kind: 'all' }, { method: 'importSession', source: { kind: 'upload', uploadId: 'u' } }, view, noExports)).toBeUndefined();
  });

  it('given a window on one session, then neither, since an import opens a session of its own', () => {
    const scoped = { kind: 'session', sessionId: 'mine' } as const;
    expect(outsideScope(scoped, { method: 'importChunk', uploadId: 'u', index: 0, text: '' }, view, noExports)).toMatch(/imports/);
    expect(outsideScope(scoped, { method: 'importSession', source: { kind: 'openDialog' } }, view, noExports)).toMatch(/imports/);
  });
});
