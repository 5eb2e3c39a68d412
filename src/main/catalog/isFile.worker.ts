import { stat } from 'node:fs/promises';

/**
 * Whether `path` names a file as it is. A location holding `[`, `*` or `?` may be a file so named
 * (`report [v2].csv`) or a pattern: the disk decides, as the catalog did when it located it.
 */
export async function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}
