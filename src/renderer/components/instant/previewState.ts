import type { AppError, Result } from '../../../shared/contracts/errors';
import type { PreviewAnswer } from '../../../shared/instant/preview';

export type RowsAnswer = Extract<PreviewAnswer, { kind: 'rows' }>;
export type RefusedAnswer = Extract<PreviewAnswer, { kind: 'refused' }>;
export type InvalidAnswer = Extract<PreviewAnswer, { kind: 'invalid' }>;

/** What a preview was asked for: the editor's text and the cursor in it. */
export interface PreviewAsk {
  readonly sql: string;
  readonly cursor: number;
}

/**
 * What the preview pane shows. `rows` is the last good preview: an `invalid` answer or a failed
 * call leaves it on screen beside the message, so a typo mid-word does not blank the grid.
 */
export interface PreviewState {
  /** The newest request's number; only its answer is shown. */
  readonly latest: number;
  /** The text the newest request carried. */
  readonly asked: PreviewAsk | undefined;
  readonly pending: boolean;
  readonly rows: RowsAnswer | undefined;
  /** The text `rows` was the preview of (its statement span is an offset into it). */
  readonly rowsSql: string;
  /** Why the newest statement shows no fresh rows: refused, invalid, or the call failed. */
  readonly problem: RefusedAnswer | InvalidAnswer | { readonly kind: 'failed'; readonly error: AppError } | undefined;
  /** The text `problem` is about (an invalid answer's position is an offset into it). */
  readonly problemSql: string;
  /** The cursor is on no statement. */
  readonly empty: boolean;
}

export const initialPreview: PreviewState = { latest: 0, asked: undefined, pending: false, rows: undefined, rowsSql: '', problem: undefined, problemSql: '', empty: false };

export type PreviewAction =
  | { readonly type: 'asked'; readonly seq: number; readonly ask: PreviewAsk }
  | { readonly type: 'answered'; readonly seq: number; readonly result: Result<PreviewAnswer> }
  /** Requests up to `seq` were cancelled (Run, the switch turned off): an answer of theirs that still arrives is not shown. */
  | { readonly type: 'cancelled'; readonly seq: number }
  | { readonly type: 'reset' };

export function previewReducer(state: PreviewState, action: PreviewAction): PreviewState {
  switch (action.type) {
    case 'asked':
      return action.seq > state.latest ? { ...state, latest: action.seq, asked: action.ask, pending: true } : state;
    case 'answered':
      return answered(state, action.seq, action.result);
    case 'cancelled':
      return { ...state, latest: Math.max(state.latest, action.seq), pending: false };
    case 'reset':
      // a blank pane; the request number stays, so no answer from before the reset is shown
      return { ...initialPreview, latest: state.latest };
  }
}

/**
 * Only the answer of the newest request, while it is still awaited, is shown (not after a cancel or a
 * reset); an interrupted call is no answer (a newer one is on its way, or none is wanted).
 */
function answered(state: PreviewState, seq: number, result: Result<PreviewAnswer>): PreviewState {
  if (!state.pending || seq !== state.latest) return state;
  if (!result.ok) {
    if (result.error.code === 'INTERRUPTED') return state;
    return { ...state, pending: false, problem: { kind: 'failed', error: result.error }, problemSql: state.asked?.sql ?? '' };
  }
  const answer = result.value;
  switch (answer.kind) {
    case 'rows':
      return { ...state, pending: false, rows: answer, rowsSql: state.asked?.sql ?? '', problem: undefined, empty: false };
    case 'invalid':
      return { ...state, pending: false, problem: answer, problemSql: state.asked?.sql ?? '', empty: false };
    case 'refused':
      // the statement writes or reaches outside: rows of another statement beside that would mislead
      return { ...state, pending: false, rows: undefined, problem: answer, problemSql: state.asked?.sql ?? '', empty: false };
    case 'none':
      return { ...state, pending: false, rows: undefined, problem: undefined, empty: true };
  }
}

/** Whether an edit needs a new preview: the text or the cursor moved since the last request. */
export const needsPreview = (last: PreviewAsk | undefined, next: PreviewAsk): boolean =>
  last === undefined || last.sql !== next.sql || last.cursor !== next.cursor;

/** Where to underline an `invalid` answer, when its position is known and the editor still holds the text it was about. */
export function inlineError(state: PreviewState, editorText: string): { readonly position: number; readonly message: string } | undefined {
  const p = state.problem;
  if (p?.kind !== 'invalid' || p.position === undefined || state.problemSql !== editorText) return undefined;
  return p.position <= editorText.length ? { position: p.position, message: p.message } : undefined;
}
