import { acceptCompletion, selectedCompletion } from '@codemirror/autocomplete';
import type { KeyBinding } from '@codemirror/view';

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
