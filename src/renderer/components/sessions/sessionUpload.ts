import type { Result } from '../../../shared/contracts/errors';
import { IMPORT_CHUNK_CHARS, type ImportOutcome } from '../../../shared/contracts/sessionImport';
import type { SextantApi } from '../../../shared/contracts/protocol';

/**
 * A browser's import: the file's text goes to main in chunks (one API message is at most 1 MiB),
 * then main imports what it received. Main reads and checks it all before writing anything.
 */
export async function uploadSessionLog(api: SextantApi, text: string): Promise<Result<{ outcome?: ImportOutcome }>> {
  const uploadId = typeof crypto.randomUUID === 'function' ? crypto.randomUUID() : `u${Date.now()}${Math.random().toString(36).slice(2)}`;
  const chunks = Math.max(1, Math.ceil(text.length / IMPORT_CHUNK_CHARS));
  for (let i = 0; i < chunks; i++) {
    const sent = await api.importChunk(uploadId, i, text.slice(i * IMPORT_CHUNK_CHARS, (i + 1) * IMPORT_CHUNK_CHARS));
    if (!sent.ok) return sent;
  }
  return api.importSession({ kind: 'upload', uploadId });
}
