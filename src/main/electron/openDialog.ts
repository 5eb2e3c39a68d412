import { BrowserWindow, dialog, webContents } from 'electron';
import { SESSION_LOG_EXTENSION } from '../../shared/contracts/sessionLog';

/** The file types "Open dataset…" and "Locate…" offer; the catalog decides what it can really read. */
export const DATASET_FILTERS: Electron.FileFilter[] = [
  { name: 'Datasets', extensions: ['csv', 'tsv', 'txt', 'gz', 'parquet', 'json', 'ndjson', 'jsonl', 'arrow', 'feather', 'duckdb', 'db'] },
  { name: 'All files', extensions: ['*'] },
];

/**
 * The desktop's "Import session…": the OS open dialog for a session log, sheet-attached to the
 * window that asked; main reads the file it names. Undefined when the person dismissed it.
 */
export async function showImportOpenDialog(contentsId: number): Promise<string | undefined> {
  const contents = webContents.fromId(contentsId);
  const win = contents ? BrowserWindow.fromWebContents(contents) : null;
  const options: Electron.OpenDialogOptions = {
    title: 'Import session',
    // `.sextant.ndjson` as a filter is its last part: Electron matches extensions after the last dot.
    filters: [
      { name: 'Sextant session log', extensions: [SESSION_LOG_EXTENSION.split('.').pop() ?? 'ndjson'] },
      { name: 'All files', extensions: ['*'] },
    ],
    properties: ['openFile'],
  };
  const { canceled, filePaths } = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return canceled ? undefined : filePaths[0];
}

/**
 * "Locate…" for a dataset an import listed as not found: the OS open dialog, sheet-attached to the
 * window that asked; main checks the file it names against the dataset's fingerprint. Undefined when dismissed.
 */
export async function showLocateOpenDialog(contentsId: number, datasetName: string): Promise<string | undefined> {
  const contents = webContents.fromId(contentsId);
  const win = contents ? BrowserWindow.fromWebContents(contents) : null;
  const options: Electron.OpenDialogOptions = { title: `Locate “${datasetName}”`, filters: DATASET_FILTERS, properties: ['openFile'] };
  const { canceled, filePaths } = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return canceled ? undefined : filePaths[0];
}
