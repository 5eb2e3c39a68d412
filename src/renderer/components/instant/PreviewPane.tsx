import { AlertCircle, ChevronRight, Info, LoaderCircle, ShieldOff, Zap } from 'lucide-react';
import { countOf, formatCount } from '../format';
import { holdsNumbers } from '../../../shared/explore/columnKind';
import { CellText } from '../grid/CellText';
import { cellTitle } from '../grid/cellText';
import { CopyIdButton } from '../status/CopyIdButton';
import { previewBudgetNote, previewEmptyText, previewMessage, previewStatus } from './previewText';
import type { PreviewState, RowsAnswer } from './previewState';

/**
 * The instant preview under the editor: where the statement is (the breadcrumb), whether it ran on a
 * sample, and its first rows with their columns' types. An error or a refusal is said above the
 * grid; after an error the last good rows stay.
 */
export function PreviewPane({ state, onNotice }: { state: PreviewState; onNotice(message: string): void }) {
  const { rows, problem } = state;
  const status = previewStatus(state);
  const budgetNote = previewBudgetNote(state);
  const empty = previewEmptyText(state);
  return (
    // busy while a newer preview runs (up to its 2 s budget): the last rows stay, marked as being replaced
    <section className="preview-pane" aria-label="Instant preview" aria-busy={state.pending}>
      <div className="preview-head">
        <Zap aria-hidden="true" className="preview-icon" />
        {rows ? <Breadcrumb rows={rows} sql={state.rowsSql} /> : <span className="preview-title">Preview</span>}
        {rows?.sample && (
          <span className="preview-sample">
            <Info aria-hidden="true" />
            {/* a system sample of whole vectors: the size it aims at, not a count */}
            preview on a sample of about {countOf(rows.sample.rows, 'row')}
          </span>
        )}
        <span className="preview-meta muted">{status}</span>
        {state.pending && (
          <span className="preview-busy">
            <LoaderCircle aria-hidden="true" className="spin" />
            Previewing…
          </span>
        )}
      </div>
      {budgetNote && (
        <p className="preview-budget">
          <Info aria-hidden="true" />
          <span>{budgetNote}</span>
        </p>
      )}
      {problem?.kind === 'refused' && (
        <p className="preview-refused">
          <ShieldOff aria-hidden="true" />
          <span>Not previewed: {problem.reason}</span>
        </p>
      )}
      {problem?.kind === 'invalid' && (
        <p className="preview-error">
          <AlertCircle aria-hidden="true" />
          <span className="preview-error-body">
            <span className="preview-error-message">{previewMessage(problem.message)}</span> <span className="error-id">(error id {problem.errorId})</span>
          </span>
          <CopyIdButton id={problem.errorId} onNotice={onNotice} />
        </p>
      )}
      {problem?.kind === 'failed' && (
        <p className="preview-error">
          <AlertCircle aria-hidden="true" />
          <span className="preview-error-body">
            <span className="preview-error-message">Preview failed: {problem.error.message}</span> <span className="error-id">(error id {problem.error.id})</span>
          </span>
          <CopyIdButton id={problem.error.id} onNotice={onNotice} />
        </p>
      )}
      {rows ? <PreviewGrid rows={rows} stale={problem !== undefined} /> : empty && <p className="preview-empty muted">{empty}</p>}
    </section>
  );
}

/** Statement › CTE › CTE: which step of the statement the rows are of. */
function Breadcrumb({ rows, sql }: { rows: RowsAnswer; sql: string }) {
  const line = sql.slice(0, rows.statement.from).split('\n').length;
  const crumbs = [`Statement on line ${line}`, ...rows.steps];
  return (
    <nav aria-label="Preview step" className="preview-crumbs">
      <ol>
        {crumbs.map((c, i) => (
          <li key={i} aria-current={i === crumbs.length - 1 ? 'step' : undefined}>
            {i > 0 && <ChevronRight aria-hidden="true" className="crumb-sep" />}
            <span className={i > 0 ? 'crumb-cte' : undefined}>{c}</span>
          </li>
        ))}
      </ol>
    </nav>
  );
}

/** At most PREVIEW_ROWS rows: a plain table, no virtualization; header cells carry name and DuckDB type like the results grid. */
function PreviewGrid({ rows, stale }: { rows: RowsAnswer; stale: boolean }) {
  const count = rows.values[0]?.length ?? 0;
  return (
    <div className={`preview-scroll ${stale ? 'stale' : ''}`}>
      <table role="grid" aria-label="Preview" aria-readonly="true" aria-rowcount={count + 1} aria-colcount={rows.columns.length} className="preview-grid" tabIndex={0}>
        <thead>
          <tr role="row" aria-rowindex={1}>
            <th className="gutter-cell" aria-hidden="true">
              #
            </th>
            {rows.columns.map((c, i) => (
              <th key={i} role="columnheader" aria-colindex={i + 1} className={holdsNumbers(c.type) ? 'num' : undefined} title={`${c.name} · ${c.type}`}>
                <span className="col-name">{c.name}</span> <span className="col-type">{c.type}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: count }, (_, r) => (
            <tr key={r} role="row" aria-rowindex={r + 2}>
              <td className="gutter-cell" aria-hidden="true">
                {formatCount(r + 1)}
              </td>
              {rows.columns.map((c, i) => {
                const v = rows.values[i]?.[r] ?? null;
                // drawn as the results grid draws a cell: cut, line breaks as ↵, invisible and control characters as marks
                return (
                  <td key={i} role="gridcell" aria-colindex={i + 1} className={v === null ? 'null' : holdsNumbers(c.type) ? 'num' : undefined} title={cellTitle(v)}>
                    {v === null ? 'NULL' : <CellText value={v} />}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
