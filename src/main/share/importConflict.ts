import type { AppError } from '../../shared/contracts/errors';
import { isolate } from '../../shared/text/isolate';
import { countText } from '../../shared/text/counts';

/** What the words name: the session by its titles here and in the file, a dataset by its name in the file. */
export interface ConflictNames {
  readonly sessionId: string;
  /** The file's title for the session (its header's). */
  readonly fileTitle: string;
  /** The session's title in this log, when it holds the session. */
  readonly titleHere?: string;
  /** A dataset's name as the file registers it. */
  datasetName(datasetId: string): string | undefined;
}

/**
 * An IMPORT_CONFLICT said by what it is about (the store names only ids and seqs): the session or a
 * dataset under an id this log uses for another; the two histories parting after an event both hold
 * (events here the file lacks: a session that ran on here, or a file that was changed, whichever it
 * was made); or a file that starts past what this log holds. Other refusals stay as they are.
 */
export function conflictInWords(error: AppError, names: ConflictNames): AppError {
  const d = error.details;
  if (error.code !== 'IMPORT_CONFLICT' || d === undefined) return error;
  const expected = Number(d['expectedSeq']);
  const file = Number(d['fileSeq']);
  const id = String(d['aggregateId']);
  const subject = subjectOf(d['aggregateType'], id, names);
  if (!subject) return error;
  const message =
    file === 1
      ? `This log holds another ${subject.kind} under the id of ${subject.named} in the file; nothing was imported.`
      : file < expected
        ? `${subject.named} here and in the file part ways after its event ${file - 1} (this log holds ${countText(expected - file, 'event')} from there: ${subject.own}), so the file cannot continue it. Nothing was imported.`
        : `The file continues ${subject.named} from its event ${file}, but this log holds ${expected === 1 ? 'none of its events' : `it only up to event ${expected - 1}`}: import the earlier export first. Nothing was imported.`;
  return { ...error, message: message.charAt(0).toUpperCase() + message.slice(1) };
}

function subjectOf(type: unknown, id: string, names: ConflictNames): { kind: string; named: string; own: string } | undefined {
  const quoted = (text: string) => `“${isolate(text)}”`;
  if (type === 'QuerySession' && id === names.sessionId) {
    const here = names.titleHere;
    // The tab's title first: the file's is said too when the two differ (a rename on either side).
    const named = here === undefined || here === names.fileTitle ? quoted(names.fileTitle) : `${quoted(here)} (${quoted(names.fileTitle)} in the file)`;
    return { kind: 'session', named, own: 'a query run, a rename, a close…' };
  }
  if (type === 'Dataset') {
    const name = names.datasetName(id);
    return { kind: 'dataset', named: name === undefined ? 'a dataset of the session' : `the dataset ${quoted(name)}`, own: 'a removal, a change of its file…' };
  }
  return undefined;
}
