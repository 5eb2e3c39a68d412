import { useState, type DragEvent } from 'react';
import { droppedSources } from './droppedSources';

/**
 * Files dropped anywhere on the window are added as datasets. A browser does not say where a dropped
 * file is on disk; those are named in a notice that says what to do instead.
 */
export function useDatasetDrop(addDataset: (source: string) => unknown, onNotice: (message: string) => void) {
  const [dropping, setDropping] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDropping(false);
    const { sources, unresolved } = droppedSources(e.dataTransfer, window.sextant);
    for (const source of sources) void addDataset(source);
    if (unresolved.length > 0) {
      onNotice(
        `A browser does not tell Sextant where ${unresolved.join(', ')} ${unresolved.length === 1 ? 'is' : 'are'} on disk. ` +
          'Paste the full path into “Dataset path or URL”, or drop it on the desktop app.',
      );
    }
  };
  const onDragOver = (e: DragEvent) => {
    if (![...e.dataTransfer.types].some((t) => t === 'Files' || t === 'text/uri-list')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setDropping(true);
  };
  const onDragLeave = (e: DragEvent) => {
    if (e.currentTarget === e.target) setDropping(false);
  };
  return { dropping, onDrop, onDragOver, onDragLeave };
}
