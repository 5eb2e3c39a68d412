import { PREVIEW_ROWS, type TextSpan } from '../../shared/instant/preview';
import { quoteIdent } from '../../shared/sql/sqlIdentifier';
import { locateWith, type LocatedWith } from './statementLocation.worker';
import type { Token } from '../../shared/sql/sqlTokens';

/**
 * The SQL a preview runs, built from stretches of the editor's text (so a DuckDB error in it can be
 * placed back in the editor) and a few words of its own: the statement, or the WITH clause up to
 * the CTE under the cursor then `SELECT * FROM "<cte>"`. It is prepared alone (its columns, named
 * as Run names them), then read under a LIMIT of one more than PREVIEW_ROWS (whether the statement
 * has more rows than are shown) with its columns renamed by position, so a repeated name is no
 * matter and each value can be cut in DuckDB (previewValues.worker.ts).
 */

/** A stretch of the preview SQL; `origin` is where it starts in the editor's text, when it comes from there. */
interface Piece {
  readonly text: string;
  readonly origin?: number;
}

export interface PreviewSql {
  readonly sql: string;
  /** Where offset `at` of `sql` is in the editor's text, when it came from there. */
  origin(at: number): number | undefined;
}

export interface PreviewQuery {
  /** The CTEs the cursor is inside, outermost first. */
  readonly steps: readonly string[];
  /** The statement, or the CTE step, alone: what is prepared for its columns. */
  readonly statement: PreviewSql;
  /** `SELECT <select> FROM (<statement>) AS <alias> LIMIT PREVIEW_ROWS + 1`; `alias` names the columns by position (`p(c0, c1)`). */
  shown(select: string, alias: string): PreviewSql;
}

const fromText = (text: string, span: TextSpan): Piece => ({ text: text.slice(span.from, span.to), origin: span.from });

/**
 * One level of CTEs the parser reported (names in order) and, for the CTE the cursor is in, the
 * level inside its body: what `previewSqlFor` needs from the parse tree.
 */
export type CteNames = (path: readonly string[]) => readonly string[];

/**
 * The preview SQL for the statement `span` of `text` with the cursor at `cursor`. `parserCtes(path)`
 * names, in order, the CTEs the parser found at `path` (the CTE names leading there, [] for the
 * statement): a level is only used when the located names equal the parser's, so a CTE the locator
 * misreads is never previewed as another.
 */
export function previewSqlFor(text: string, span: TextSpan, tokens: readonly Token[], cursor: number, parserCtes: CteNames): PreviewQuery {
  const steps: string[] = [];
  const levels: { withClause: LocatedWith; index: number }[] = [];
  let levelTokens = tokens;
  for (;;) {
    const withClause = locateWith(levelTokens);
    if (!withClause) break;
    const names = parserCtes(steps);
    if (names.length !== withClause.ctes.length || names.some((n, i) => n.toLowerCase() !== withClause.ctes[i]!.name)) break;
    const index = withClause.ctes.findIndex((c) => c.span.from <= cursor && cursor <= c.span.to);
    if (index === -1) break;
    const cte = withClause.ctes[index]!;
    steps.push(names[index]!);
    levels.push({ withClause, index });
    levelTokens = cte.bodyTokens;
  }
  const body = steps.length === 0 ? [fromText(text, span)] : stepPieces(text, levels, steps);
  return {
    steps,
    statement: assemble(body),
    shown: (select, alias) => assemble([{ text: `SELECT ${select} FROM (\n` }, ...body, { text: `\n) AS ${alias} LIMIT ${PREVIEW_ROWS + 1}` }]),
  };
}

/** For the innermost CTE: its WITH clause up to it, then SELECT * FROM it; each outer level wraps that as a subquery after its earlier CTEs. */
function stepPieces(text: string, levels: readonly { withClause: LocatedWith; index: number }[], steps: readonly string[]): Piece[] {
  let inner: Piece[] = [];
  for (let l = levels.length - 1; l >= 0; l--) {
    const { withClause, index } = levels[l]!;
    if (l === levels.length - 1) {
      inner = [fromText(text, { from: withClause.from, to: withClause.ctes[index]!.span.to }), { text: `\nSELECT * FROM ${quoteIdent(steps[l]!)}` }];
    } else if (index > 0) {
      inner = [fromText(text, { from: withClause.from, to: withClause.ctes[index - 1]!.span.to }), { text: '\nSELECT * FROM (\n' }, ...inner, { text: '\n)' }];
    }
  }
  return inner;
}

function assemble(pieces: readonly Piece[]): PreviewSql {
  const starts: number[] = [];
  let sql = '';
  for (const p of pieces) {
    starts.push(sql.length);
    sql += p.text;
  }
  return {
    sql,
    origin(at) {
      for (let i = pieces.length - 1; i >= 0; i--) {
        const start = starts[i]!;
        const piece = pieces[i]!;
        if (at >= start) return piece.origin !== undefined && at <= start + piece.text.length ? piece.origin + (at - start) : undefined;
      }
      return undefined;
    },
  };
}

/**
 * Where DuckDB's error points in `sql`, read from its message ("LINE 3: …" and a caret under the
 * place). DuckDB shows a window of a long line with "..." at its cut ends, so the shown text is
 * found in the line to place the caret.
 */
export function errorOffset(message: string, sql: string): number | undefined {
  const lines = message.split('\n');
  const at = lines.findIndex((l) => /^LINE \d+: /.test(l));
  if (at === -1) return undefined;
  const head = /^LINE (\d+): /.exec(lines[at]!)!;
  const caretLine = lines[at + 1] ?? '';
  const caret = caretLine.indexOf('^') - head[0].length;
  if (caret < 0) return undefined;
  const sqlLines = sql.split('\n');
  const lineNo = Number(head[1]) - 1;
  const line = sqlLines[lineNo];
  if (line === undefined) return undefined;
  let shown = lines[at]!.slice(head[0].length);
  let lead = 0;
  if (shown.startsWith('...')) {
    shown = shown.slice(3);
    lead = 3;
  }
  if (shown.endsWith('...')) shown = shown.slice(0, -3);
  const found = line.indexOf(shown);
  if (found === -1) return undefined;
  const lineStart = sqlLines.slice(0, lineNo).reduce((sum, l) => sum + l.length + 1, 0);
  return lineStart + found + Math.max(0, caret - lead);
}
