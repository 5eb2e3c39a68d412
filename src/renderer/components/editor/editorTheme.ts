import { HighlightStyle, syntaxHighlighting } from '@codemirror/language';
import { EditorView } from '@codemirror/view';
import { tags as t } from '@lezer/highlight';

/** Colours come from CSS variables, so the editor follows the OS light/dark theme with the rest. */
export const editorTheme = [
  EditorView.theme({
    '&': { backgroundColor: 'var(--bg)', color: 'var(--fg)', height: '100%', fontSize: '13px' },
    '.cm-content': { fontFamily: 'var(--mono)', caretColor: 'var(--fg)' },
    '.cm-gutters': { backgroundColor: 'var(--panel)', color: 'var(--muted)', borderRight: '1px solid var(--line)' },
    '.cm-activeLine': { backgroundColor: 'var(--active-line)' },
    '.cm-activeLineGutter': { backgroundColor: 'var(--active-line)' },
    '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'var(--selection) !important' },
    '.cm-tooltip': { backgroundColor: 'var(--panel)', color: 'var(--fg)', border: '1px solid var(--line)' },
    '.cm-tooltip-autocomplete ul li[aria-selected]': { backgroundColor: 'var(--accent)', color: 'var(--on-accent)' },
    '.cm-completionDetail': { color: 'var(--muted)', fontStyle: 'normal', marginLeft: '1em' },
    '.cm-tooltip-autocomplete ul li[aria-selected] .cm-completionDetail': { color: 'inherit', opacity: '0.85' },
    '.cm-lintRange-error': { backgroundImage: 'none', textDecoration: 'underline wavy var(--danger)', textUnderlineOffset: '3px' },
    '.cm-diagnostic-error': { borderLeftColor: 'var(--danger)' },
    // the text a run just took (ranMark.ts), for a moment
    '.cm-ran': { backgroundColor: 'var(--accent-soft)', boxShadow: '0 0 0 1px var(--accent-soft)' },
  }),
  syntaxHighlighting(
    HighlightStyle.define([
      { tag: t.keyword, color: 'var(--syntax-keyword)', fontWeight: '600' },
      { tag: [t.string, t.special(t.string)], color: 'var(--syntax-string)' },
      { tag: [t.number, t.bool, t.null], color: 'var(--syntax-number)' },
      { tag: [t.lineComment, t.blockComment], color: 'var(--muted)', fontStyle: 'italic' },
      { tag: [t.typeName, t.standard(t.name)], color: 'var(--syntax-type)' },
      { tag: t.operator, color: 'var(--syntax-operator)' },
      { tag: t.special(t.name), color: 'var(--syntax-type)' },
    ]),
  ),
];
