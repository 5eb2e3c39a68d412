import type { EditorState } from '@codemirror/state';
import type { ErrorRange } from './errorPosition';
import { holdsStatement } from '../../../shared/sql/statementSpans';
import { statementAt } from './statementAt';

/**
 * What a run takes: `selection` the selection when there is one, otherwise the whole text (Run,
 * Ctrl/Cmd+Enter); `statement` the statement at the caret (Ctrl/Cmd+Shift+Enter, statementAt.ts).
 */
export type RunScope = 'selection' | 'statement';

/** The text a run takes, as ranges of the editor's text (none: no statement at the caret). */
export function runRanges(state: EditorState, scope: RunScope): ErrorRange[] {
  if (scope === 'statement') {
    const at = statementAt(state.doc.toString(), state.selection.main.head);
    return at ? [at] : [];
  }
  const selected = state.selection.ranges.filter((r) => !r.empty);
  return selected.length > 0 ? selected.map(({ from, to }) => ({ from, to })) : [{ from: 0, to: state.doc.length }];
}

/** The text of `ranges`: several selected ranges run as one script, a line apart. */
export const runText = (state: EditorState, ranges: readonly ErrorRange[]): string => ranges.map((r) => state.sliceDoc(r.from, r.to)).join('\n');

/** Why Run is disabled, and what Ctrl/Cmd+Enter says, when what it would run holds no statement (statementSpans.ts `holdsStatement`). */
export const NOTHING_TO_RUN = 'Nothing to run: the editor holds no statement, only blanks or comments.';
export const NOTHING_SELECTED_TO_RUN = 'Nothing to run: the selection holds no statement, only blanks or comments.';

/**
 * Why a run of `scope` would run nothing, or undefined when it would run something. Run is then
 * disabled with this as its tooltip, and Ctrl/Cmd+Enter says it: a key cannot be disabled.
 */
export function nothingToRun(state: EditorState, scope: RunScope, ranges = runRanges(state, scope)): string | undefined {
  if (holdsStatement(runText(state, ranges))) return undefined;
  return scope === 'selection' && state.selection.ranges.some((r) => !r.empty) ? NOTHING_SELECTED_TO_RUN : NOTHING_TO_RUN;
}
