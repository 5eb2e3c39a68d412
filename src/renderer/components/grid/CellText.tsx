import { Fragment } from 'react';
import { cellLines, cellParts, invisibleMarks } from './cellText';

/**
 * A cell's text on one line, each line break drawn as a muted ↵, a long value cut after its first
 * CELL_CHARS characters (the whole value is in its copy and "Show value"), a value of only spaces
 * or zero-width characters as muted marks, so it does not look like an empty one, and a control
 * inside a value as a muted mark, so a bidi override cannot turn the text after it around.
 */
export function CellText({ value }: { value: string }) {
  const invisible = invisibleMarks(value);
  if (invisible)
    return (
      <span className="cell-invisible" title={invisible.title}>
        {invisible.marks}
      </span>
    );
  const lines = cellLines(value);
  if (lines.length === 1) return <Line line={lines[0]!} />;
  return (
    <>
      {lines.map((line, i) => (
        <Fragment key={i}>
          {i > 0 && (
            <span className="grid-break" aria-hidden="true">
              ↵
            </span>
          )}
          <Line line={line} />
        </Fragment>
      ))}
    </>
  );
}

/** A line's text, each control in it a muted mark whose tooltip names it (cellParts). */
function Line({ line }: { line: string }) {
  const parts = cellParts(line);
  if (parts.length === 1 && typeof parts[0] === 'string') return <>{parts[0]}</>;
  return (
    <>
      {parts.map((p, i) =>
        typeof p === 'string' ? (
          <Fragment key={i}>{p}</Fragment>
        ) : (
          <span key={i} className="cell-invisible" title={`${p.mark.slice(1, -1)}: a control character, drawn as its code`}>
            {p.mark}
          </span>
        ),
      )}
    </>
  );
}
