import { beforeEach, describe, expect, it, vi } from 'vitest';

/*
 * The OS dialogs as the desktop shows them: what each offers, that it opens on the window whose page
 * asked (a sheet), and what a dismissal gives back. Electron's modules are stood in for: they only
 * run inside Electron.
 */
const electron = vi.hoisted(() => {
  const windows = new Map<number, { id: number }>([[7, { id: 70 }]]);
  return {
    shown: [] as { kind: 'save' | 'open'; window: unknown; options: Record<string, unknown> }[],
    answer: { canceled: false, filePath: '/chosen/file', filePaths: ['/chosen/file'] },
    webContents: { fromId: (id: number) => (windows.has(id) ? { id } : undefined) },
    BrowserWindow: { fromWebContents: (contents: { id: number }) => windows.get(contents.id) ?? null },
  };
});
vi.mock('electron', () => {
  const show = (kind: 'save' | 'open') => (...args: unknown[]) => {
    const [window, options] = args.length === 2 ? args : [undefined, args[0]];
    electron.shown.push({ kind, window, options: options as Record<string, unknown> });
    return Promise.resolve(electron.answer);
  };
  return { webContents: electron.webContents, BrowserWindow: electron.BrowserWindow, dialog: { showSaveDialog: show('save'), showOpenDialog: show('open') } };
});

const { showExportSaveDialog } = await import('./saveDialog');
const { showImportOpenDialog, showLocateOpenDialog } = await import('./openDialog');

describe('the desktop’s save and open dialogs', () => {
  beforeEach(() => {
    electron.shown.length = 0;
    electron.answer = { canceled: false, filePath: '/chosen/file', filePaths: ['/chosen/file'] };
  });

  it('saves an export where the person chose, offering its own extension, on the asking window', async () => {
    expect(await showExportSaveDialog(7, 'flights.parquet')).toBe('/chosen/file');
    expect(electron.shown).toEqual([
      {
        kind: 'save',
        window: { id: 70 },
        options: { title: 'Export result', defaultPath: 'flights.parquet', filters: [{ name: 'PARQUET', extensions: ['parquet'] }], properties: ['createDirectory', 'showOverwriteConfirmation'] },
      },
    ]);
  });

  it('opens a session log, offering session logs first, and a dataset’s file for Locate… named after it', async () => {
    expect(await showImportOpenDialog(7)).toBe('/chosen/file');
    expect(await showLocateOpenDialog(7, 'cars')).toBe('/chosen/file');
    const [log, locate] = electron.shown;
    expect(log).toMatchObject({ kind: 'open', window: { id: 70 }, options: { title: 'Import session', properties: ['openFile'] } });
    expect((log!.options.filters as { extensions: string[] }[]).map((f) => f.extensions)).toEqual([['ndjson'], ['*']]);
    expect(locate).toMatchObject({ kind: 'open', window: { id: 70 }, options: { title: 'Locate “cars”', properties: ['openFile'] } });
    expect((locate!.options.filters as { extensions: string[] }[])[0]!.extensions).toEqual(expect.arrayContaining(['csv', 'parquet', 'json', 'arrow', 'duckdb']));
  });

  it('gives nothing back when the person dismisses a dialog', async () => {
    electron.answer = { canceled: true, filePath: '', filePaths: [] };
    expect(await showExportSaveDialog(7, 'a.csv')).toBeUndefined();
    expect(await showImportOpenDialog(7)).toBeUndefined();
    expect(await showLocateOpenDialog(7, 'cars')).toBeUndefined();
  });

  it('still opens, unattached, when the asking window is already gone', async () => {
    expect(await showImportOpenDialog(99)).toBe('/chosen/file');
    expect(await showExportSaveDialog(99, 'a.csv')).toBe('/chosen/file');
    expect(electron.shown.map((s) => s.window)).toEqual([undefined, undefined]);
  });
});
