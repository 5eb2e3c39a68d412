import { Fragment } from 'react';
import { cellLines } from './cellText';

/**
 * A cell's text on one line, each line break drawn as a muted ↵, a long value cut after its first
 * CELL_CHARS characters (the whole value is in its copy and "Show value").
 */
export function CellText({ value }: { value: string }) {
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
