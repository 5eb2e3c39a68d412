/**
 * Why a control that changes the session does nothing while the window shows the past (the past
 * is read-only, docs/time.md): said by Undo, Redo and the history's "Put in editor" and "Repeat
 * query", so none pretends there is nothing to do.
 */
export const PAST_PAUSED = 'Not while the past is shown: go back to now first';
