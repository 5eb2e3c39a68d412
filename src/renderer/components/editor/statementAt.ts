import { statementAt as sharedStatementAt } from '../../../shared/sql/statementAt';
import type { TextRange } from '../../../shared/sql/statementSpans';

/** Where a statement's own text is in the editor: a half-open character range. */
export type StatementRange = TextRange;

/**
 * What Ctrl/Cmd+Shift+Enter runs with the caret at `caret`: the statement at the caret
 * (src/shared/sql/statementAt.ts, the rule the instant preview follows too), without the blanks
 * and comments around it or its semicolon. Undefined when the text holds no statement.
 */
export const statementAt = (sql: string, caret: number): StatementRange | undefined => sharedStatementAt(sql, caret)?.code;
