import { completionStatus } from '@codemirror/autocomplete';
import type { Extension } from '@codemirror/state';
import { EditorView } from '@codemirror/view';

/**
 * The completion list is never a Tab stop. Chromium makes a scrollable element without focusable
 * children focusable, so Tab put focus on the list, where Enter, Escape and typing did nothing
 * (they are the editor's keys). CodeMirror has no option for the list's attributes: set here after
 * every update that may have drawn one (the list is redrawn when it pages).
 */
export const unfocusableCompletionList: Extension = EditorView.updateListener.of((u) => {
  if (completionStatus(u.state) === null) return;
  for (const list of u.view.dom.querySelectorAll<HTMLElement>('.cm-tooltip-autocomplete > ul:not([tabindex])')) list.tabIndex = -1;
});
