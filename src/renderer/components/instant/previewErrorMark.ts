import { StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';
import { errorRange } from '../editor/errorPosition';

/** The preview's syntax or binder error to underline: DuckDB's message at an offset of the editor's text. */
export interface PreviewErrorMark {
  readonly position: number;
  readonly message: string;
}

/** Sets (or with undefined, clears) the preview's error underline. */
export const setPreviewError = StateEffect.define<PreviewErrorMark | undefined>();

/**
 * The instant preview's error, underlined in the editor at DuckDB's position. Kept apart from the
 * lint diagnostics a failed Run sets, so neither clears the other; edits move the mark with the text
 * until the next preview answers.
 */
export const previewErrorMark: Extension = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(marks, tr) {
    let next = marks.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setPreviewError)) continue;
      next = Decoration.none;
      const mark = e.value;
      if (!mark) continue;
      const doc = tr.state.doc.toString();
      const found = errorRange({ message: mark.message, details: { position: mark.position } }, doc);
      // at the very end (an unfinished statement) the character before it is marked
      const range = found && found.from >= found.to && found.from > 0 ? { from: found.from - 1, to: found.from } : found;
      if (!range || range.from >= range.to) continue;
      next = Decoration.set([Decoration.mark({ class: 'cm-preview-error', attributes: { title: mark.message } }).range(range.from, Math.min(range.to, doc.length))]);
    }
    return next;
  },
  provide: (f) => EditorView.decorations.from(f),
});
