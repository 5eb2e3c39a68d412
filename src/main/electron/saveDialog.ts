import { dialog } from 'electron';
import { extname } from 'node:path';
import { askingWindow } from './askingWindow';

/**
 * The desktop's answer to "where should this export go": the OS save dialog, sheet-attached to the
 * window that asked. Main shows it itself, so the renderer never names a path. Undefined when the
 * person dismissed it.
 */
export async function showExportSaveDialog(contentsId: number, suggestedName: string): Promise<string | undefined> {
  const win = askingWindow(contentsId);
  const ext = extname(suggestedName).slice(1);
  const options: Electron.SaveDialogOptions = {
    title: 'Export result',
    defaultPath: suggestedName,
    filters: [{ name: ext.toUpperCase(), extensions: [ext] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
  const { canceled, filePath } = win ? await dialog.showSaveDialog(win, options) : await dialog.showSaveDialog(options);
  return canceled || !filePath ? undefined : filePath;
}
