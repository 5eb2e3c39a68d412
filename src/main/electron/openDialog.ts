import { dialog } from 'electron';
import { SESSION_LOG_EXTENSION } from '../../shared/contracts/sessionLog';
import { askingWindow } from './askingWindow';

/** The file types "Open dataset…" and "Locate…" offer; the catalog decides what it can really read. */
export const DATASET_FILTERS: Electron.FileFilter[] = [
  { name: 'Datasets', extensions: ['csv', 'tsv', 'txt', 'gz', 'parquet', 'json', 'ndjson', 'jsonl', 'arrow', 'feather', 'duckdb', 'db'] },
  { name: 'All files', extensions: ['*'] },
];

/**
 * The desktop's "Import session…": the OS open dialog for a session log, sheet-attached to the
 * window that asked; main reads the file it names. Undefined when the person dismissed it.
 */
export function showImportOpenDialog(contentsId: number): Promise<string | undefined> {
  return openOne(contentsId, {
    title: 'Import session',
    // `.sextant.ndjson` as a filter is its last part: Electron matches extensions after the last dot.
    filters: [
      { name: 'Sextant session log', extensions: [SESSION_LOG_EXTENSION.split('.').pop() ?? 'ndjson'] },
      { name: 'All files', extensions: ['*'] },
    ],
    properties: ['openFile'],
  });
}

/**
 * "Locate…" for a dataset an import listed as not found: the OS open dialog, sheet-attached to the
 * window that asked; main checks the file it names against the dataset's fingerprint. Undefined when dismissed.
 */
export function showLocateOpenDialog(contentsId: number, datasetName: string): Promise<string | undefined> {
  return openOne(contentsId, { title: `Locate “${datasetName}”`, filters: DATASET_FILTERS, properties: ['openFile'] });
}

/** One file from the OS open dialog, attached to the asking window when it is still there; undefined when dismissed. */
async function openOne(contentsId: number, options: Electron.OpenDialogOptions): Promise<string | undefined> {
  const win = askingWindow(contentsId);
  const { canceled, filePaths } = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
  return canceled ? undefined : filePaths[0];
}
