import { StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';
import { previewErrorRange } from './previewErrorRange';

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
      const range = previewErrorRange(tr.state.doc.toString(), mark.position);
      if (!range) continue;
      // the title is the message's first line; the pane shows the rest
      const title = mark.message.split('\n')[0] ?? '';
      next = Decoration.set([Decoration.mark({ class: 'cm-preview-error', attributes: { title } }).range(range.from, range.to)]);
    }
    return next;
  },
  provide: (f) => EditorView.decorations.from(f),
});
