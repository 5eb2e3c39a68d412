import { acceptCompletion, completionStatus, selectedCompletion } from '@codemirror/autocomplete';
import type { Extension } from '@codemirror/state';
import { EditorView, type KeyBinding } from '@codemirror/view';

/**
 * Tab with the completion list open accepts the selected completion, as in VS Code and DataGrip.
 * With no list open Tab is left to the browser: it moves focus out of the editor, which never
 * indents on Tab (no keyboard trap). Within CodeMirror's interaction delay of the list opening,
 * acceptCompletion declines; Tab then does nothing rather than leave the editor under the list.
 */
export const tabAcceptsCompletion: KeyBinding = {
  key: 'Tab',
  run: (view) => {
    if (!selectedCompletion(view.state)) return false;
    acceptCompletion(view);
    return true;
  },
};

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
