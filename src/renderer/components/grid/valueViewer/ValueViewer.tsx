import { ChevronDown, ChevronUp, Copy, X } from 'lucide-react';
import { useEffect, useId, useMemo, useRef, type KeyboardEvent } from 'react';
import type { Column } from '../../../../shared/contracts/events';
import { copyText } from '../../common/clipboard';
import { formatCount } from '../../format';
import { shownNote, shownValue } from './shownValue';
import { viewerKey } from './viewerKeys';

interface Props {
  column: Column;
  /** DuckDB's whole text of the cell (a page carries it uncut), null for SQL NULL, undefined while its page is on its way. */
  value: string | null | undefined;
  /** The cell's row (0-based) of `rows`. */
  row: number;
  rows: number;
  /** Bumped to put focus in the viewer again (Shift+Enter on the grid while it is open). */
  focusRequest: number;
  /** Next (1) or previous (-1) row: the grid moves its active cell, which the viewer shows. */
  onStep(by: 1 | -1): void;
  /** Escape or Close: the grid takes focus back on its active cell. */
  onClose(): void;
  onNotice(message: string): void;
}

/**
 * The "Cell value" panel under the grid: the active cell's whole value, JSON and nested values laid
 * out, in a read-only text box (arrows, selection and Ctrl+C work in it as in any text), with the
 * row it is on, Previous/Next row, Copy value and Close. It follows the grid's active cell, so a
 * click on another cell shows that one.
 */
export function ValueViewer({ column, value, row, rows, focusRequest, onStep, onClose, onNotice }: Props) {
  const text = useRef<HTMLTextAreaElement>(null);
  const noteId = useId();
  const shown = useMemo(() => (value === undefined ? undefined : shownValue(value, column.type)), [value, column.type]);
  useEffect(() => text.current?.focus(), [focusRequest]);
  // another cell starts at its top, not where the last one was scrolled to
  useEffect(() => {
    text.current?.scrollTo({ top: 0 });
    text.current?.setSelectionRange(0, 0);
  }, [shown]);

  const step = (by: 1 | -1) => {
    if (row + by >= 0 && row + by < rows) onStep(by);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const action = viewerKey(e);
    if (!action) return;
    e.preventDefault();
    e.stopPropagation();
    if (action === 'close') onClose();
    else step(action === 'next' ? 1 : -1);
  };
  const copy = async () => {
    if (value === undefined) return;
    if (value === null) return onNotice('Nothing to copy: the value is NULL.');
    onNotice((await copyText(value)) ? 'Copied the value' : 'The clipboard refused the copy.');
  };

  // the row first: a STRUCT's long type is cut at the panel's edge, the row never
  const where = `Row ${formatCount(row + 1)} of ${formatCount(rows)} · ${column.type}`;
  return (
    <section className="value-viewer" role="region" aria-label="Cell value" onKeyDown={onKeyDown}>
      <header className="value-viewer-head">
        <h2 className="value-viewer-title" title={column.name}>
          {column.name}
        </h2>
        <span className="muted value-viewer-where" title={where}>
          {where}
        </span>
        {/* aria-disabled, not disabled: a button disabled under focus drops it on the page */}
        <button className="icon-button" aria-label="Previous row" title="Previous row (Alt+↑)" aria-keyshortcuts="Alt+ArrowUp" aria-disabled={row === 0} onClick={() => step(-1)}>
          <ChevronUp aria-hidden="true" />
        </button>
        <button className="icon-button" aria-label="Next row" title="Next row (Alt+↓)" aria-keyshortcuts="Alt+ArrowDown" aria-disabled={row >= rows - 1} onClick={() => step(1)}>
          <ChevronDown aria-hidden="true" />
        </button>
        <button className="icon-text" aria-disabled={value === undefined} onClick={() => void copy()}>
          <Copy aria-hidden="true" /> Copy value
        </button>
        <button className="icon-button" aria-label="Close value" title="Close (Escape)" onClick={onClose}>
          <X aria-hidden="true" />
        </button>
      </header>
      <textarea
        ref={text}
        className={`value-viewer-text ${shown?.form === 'null' ? 'null' : ''}`}
        aria-label="Value"
        aria-describedby={noteId}
        readOnly
        spellCheck={false}
        value={shown?.text ?? ''}
      />
      <p id={noteId} className="muted value-viewer-note">
        {shown ? shownNote(shown) : 'Loading…'}
      </p>
    </section>
  );
}
