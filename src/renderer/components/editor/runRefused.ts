/**
 * Why Ctrl/Cmd+Enter ran nothing, and what to do instead. The Run button says it by being disabled
 * while the session's query runs; a key cannot, so the editor says this (as DBeaver and DataGrip
 * refuse a second run with a hint).
 */
export const RUN_REFUSED = 'A query is running: wait for it to finish, or cancel it (Cancel in the status bar, or Ctrl/Cmd+.) and run again.';
