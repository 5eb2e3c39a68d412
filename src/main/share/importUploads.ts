import { appError, fail, ok, type Result } from '../../shared/contracts/errors';
import { MAX_IMPORT_CHARS } from '../../shared/contracts/sessionImport';
import { newErrorId, newId } from '../platform/ids';
import { grouped } from '../../shared/text/counts';

/** Uploads one connection may have under way at once. */
const MAX_UPLOADS = 4;

/**
 * The session logs one connection is uploading in chunks (a browser's import: one API message is at
 * most 1 MiB). Chunks must come in order; the whole is bounded, and taken once.
 */
export class ImportUploads {
  private readonly uploads = new Map<string, { parts: string[]; chars: number }>();
  /** The upload id of the text kept for a copy, if any (`keep`). */
  private kept: string | undefined;

  add(uploadId: string, index: number, text: string): Result<{ uploadId: string; chars: number }> {
    let upload = this.uploads.get(uploadId);
    if (index === 0) {
      if (!upload && this.uploads.size >= MAX_UPLOADS) return fail(appError(newErrorId(), 'INVALID_COMMAND', `At most ${MAX_UPLOADS} imports may upload at once on a connection.`));
      upload = { parts: [], chars: 0 };
      this.uploads.set(uploadId, upload);
    }
    if (!upload || index !== upload.parts.length) {
      this.uploads.delete(uploadId);
      return fail(appError(newErrorId(), 'INVALID_COMMAND', 'An import chunk arrived out of order; start the upload again.', { details: { uploadId, index } }));
    }
    if (upload.chars + text.length > MAX_IMPORT_CHARS) {
      this.uploads.delete(uploadId);
      return fail(appError(newErrorId(), 'PAYLOAD_TOO_LARGE', `A session log may be at most ${grouped(MAX_IMPORT_CHARS)} characters. Nothing was imported.`));
    }
    upload.parts.push(text);
    upload.chars += text.length;
    return ok({ uploadId, chars: upload.chars });
  }

  /**
   * A refused file's whole text, kept for "Import as a copy" under a new upload id: one at a time
   * (a later refusal's replaces it), so a connection holds at most one such file beside its uploads.
   */
  keep(text: string): string {
    if (this.kept !== undefined) this.uploads.delete(this.kept);
    this.kept = newId();
    this.uploads.set(this.kept, { parts: [text], chars: text.length });
    return this.kept;
  }

  /** The uploaded text, forgotten here once taken. */
  take(uploadId: string): Result<string> {
    const upload = this.uploads.get(uploadId);
    this.uploads.delete(uploadId);
    if (!upload) return fail(appError(newErrorId(), 'INVALID_COMMAND', 'No upload of that id on this connection; send the file again.', { details: { uploadId } }));
    return ok(upload.parts.join(''));
  }

  clear(): void {
    this.uploads.clear();
  }
}
