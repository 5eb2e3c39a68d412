import { Fragment } from 'react';
import { cellLines, invisibleMarks } from './cellText';

/**
 * A cell's text on one line, each line break drawn as a muted ↵, a long value cut after its first
 * CELL_CHARS characters (the whole value is in its copy and "Show value"), and a value of only
 * spaces or zero-width characters as muted marks, so it does not look like an empty one.
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
  if (lines.length === 1) return <>{lines[0]}</>;
  return (
    <>
      {lines.map((line, i) => (
        <Fragment key={i}>
          {i > 0 && (
            <span className="grid-break" aria-hidden="true">
              ↵
            </span>
          )}
          {line}
        </Fragment>
      ))}
    </>
  );
}
