import type { FileBridge } from '../../../shared/contracts/fileBridge';

/** What a drop carries, as much of DataTransfer as is needed. */
export interface DroppedData {
  readonly files: ArrayLike<File>;
  getData(format: string): string;
}

/**
 * Turns a drop into dataset sources. Files give their path where the app can learn it (Electron's
 * preload); a dragged link or a file:// URI gives its URL or path. Files whose path stays unknown
 * (any browser) are named in `unresolved`, so the UI can say what to do instead.
 */
export function droppedSources(data: DroppedData, bridge: FileBridge | undefined): { sources: string[]; unresolved: string[] } {
  const sources: string[] = [];
  const unresolved: string[] = [];
  for (const file of Array.from(data.files)) {
    const path = bridge?.pathForFile(file);
    if (path) sources.push(path);
    else unresolved.push(file.name);
  }
  if (data.files.length === 0) {
    for (const line of data.getData('text/uri-list').split(/\r?\n/)) {
      const uri = line.trim();
      if (!uri || uri.startsWith('#')) continue;
      const source = sourceFromUri(uri);
      if (source) sources.push(source);
    }
  }
  return { sources, unresolved };
}

function sourceFromUri(uri: string): string | undefined {
  try {
    const url = new URL(uri);
    if (url.protocol === 'file:') return decodeURIComponent(url.pathname.replace(/^\/([A-Za-z]:)/, '$1'));
    if (url.protocol === 'http:' || url.protocol === 'https:') return url.href;
  } catch {
    // not a URL: nothing to add
  }
  return undefined;
}
