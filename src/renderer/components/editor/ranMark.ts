import { StateEffect, StateField, type EditorState, type Extension } from '@codemirror/state';
import { Decoration, EditorView } from '@codemirror/view';
import type { ErrorRange } from './errorPosition';

/** How long the text a run took is highlighted: long enough to see, short enough not to linger. */
const FLASH_MS = 1000;

interface Ran {
  /** Where the text last run from this editor is (several for a selection of several ranges), kept through edits. */
  readonly ranges: readonly ErrorRange[];
  readonly flash: boolean;
}

const ranFrom = StateEffect.define<readonly ErrorRange[]>();
const flashOver = StateEffect.define<null>();
const flashMark = Decoration.mark({ class: 'cm-ran' });

/**
 * The text a run took, per editor state (so per session): briefly highlighted, so the person sees
 * what ran (the statement at the caret, the selection), and remembered where it is, so a failure's
 * position is underlined there rather than wherever the same text first occurs.
 */
const ranField = StateField.define<Ran>({
  create: () => ({ ranges: [], flash: false }),
  update(ran, tr) {
    let next = ran;
    if (tr.docChanged) {
      const ranges = ran.ranges.map((r) => {
        // text typed at either edge is not what ran
        const from = tr.changes.mapPos(r.from, 1);
        return { from, to: Math.max(from, tr.changes.mapPos(r.to, -1)) };
      });
      next = { ...ran, ranges };
    }
    for (const e of tr.effects) {
      if (e.is(ranFrom)) next = { ranges: e.value, flash: true };
      else if (e.is(flashOver)) next = { ...next, flash: false };
    }
    return next;
  },
  provide: (f) =>
    EditorView.decorations.from(f, (ran) =>
      ran.flash ? Decoration.set(ran.ranges.filter((r) => r.to > r.from).map((r) => flashMark.range(r.from, r.to)), true) : Decoration.none,
    ),
});

export const ranMark: Extension = ranField;

const timers = new WeakMap<EditorView, ReturnType<typeof setTimeout>>();

/** Records that `ranges` of the editor's text just ran, and highlights them for a moment. */
export function markRan(view: EditorView, ranges: readonly ErrorRange[]): void {
  clearTimeout(timers.get(view));
  view.dispatch({ effects: ranFrom.of(ranges) });
  timers.set(
    view,
    setTimeout(() => endRanFlash(view), FLASH_MS),
  );
}

/** Ends the highlight now (a state put away for another tab keeps none to show when it comes back). */
export function endRanFlash(view: EditorView): void {
  if (view.state.field(ranField, false)?.flash) view.dispatch({ effects: flashOver.of(null) });
}

/** Where the text last run from this editor state is now. */
export const ranRanges = (state: EditorState): readonly ErrorRange[] => state.field(ranField, false)?.ranges ?? [];
