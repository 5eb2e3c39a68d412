import { Fragment } from 'react';
import { cellLines } from './cellText';

/** A cell's text on one line, each line break drawn as a muted ↵ (the value itself is in the cell's title and its copy). */
export function CellText({ value }: { value: string }) {
  const lines = cellLines(value);
  if (lines.length === 1) return <>{value}</>;
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
