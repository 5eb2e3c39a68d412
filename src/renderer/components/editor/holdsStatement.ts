/** Why Run is disabled, and what Ctrl/Cmd+Enter says, when what it would run holds no statement (statementSpans.ts `holdsStatement`). */
export const NOTHING_TO_RUN = 'Nothing to run: the editor holds no statement, only blanks or comments.';
export const NOTHING_SELECTED_TO_RUN = 'Nothing to run: the selection holds no statement, only blanks or comments.';
