import type { AppError } from '../../shared/contracts/errors';
import { isolate } from '../../shared/text/isolate';
import { countText } from '../../shared/text/counts';

/**
 * An IMPORT_CONFLICT over the imported session itself, said by its title and what happened to it
 * (the store names only ids and seqs): the session went its own way here after an earlier import
 * (a query run, a rename, a close), so a later export cannot continue it; or the id is another
 * session's here; or the file starts past what this log holds. Other refusals stay as they are.
 */
export function conflictInWords(error: AppError, sessionId: string, title: string): AppError {
  const d = error.details;
  if (error.code !== 'IMPORT_CONFLICT' || d?.['aggregateType'] !== 'QuerySession' || d['aggregateId'] !== sessionId) return error;
  const expected = Number(d['expectedSeq']);
  const file = Number(d['fileSeq']);
  const named = `“${isolate(title)}”`;
  const message =
    file === 1
      ? `This log holds another session under the id of ${named} in the file; nothing was imported.`
      : file < expected
        ? `${named} has changed here since it was imported: ${countText(expected - file, 'event')} of its own here (a query run, a rename, a close…) after its event ${file - 1}, so the file’s later events cannot continue it. Nothing was imported.`
        : `The file continues ${named} from its event ${file}, but this log holds it only up to event ${expected - 1}: import the earlier export first. Nothing was imported.`;
  return { ...error, message };
}
