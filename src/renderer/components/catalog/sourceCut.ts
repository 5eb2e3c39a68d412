/**
 * A source shown while it has no name (being added, or failed), split where it is cut when too long:
 * the head (folders, a URL's host) gives way first, with "…" in the middle, and the tail (the file
 * or folder name, a folder's trailing separator kept) stays, as VS Code shows long paths. Head and
 * tail together are the source, character for character.
 */
export function sourceCut(source: string): { readonly head: string; readonly tail: string } {
  const at = /[\\/][^\\/]+[\\/]?$/.exec(source)?.index;
  return at === undefined ? { head: '', tail: source } : { head: source.slice(0, at + 1), tail: source.slice(at + 1) };
}
