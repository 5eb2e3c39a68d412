import { useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { keyStep } from './paneWidths';

export interface SashValue {
  readonly now: number;
  readonly min: number;
  readonly max: number;
  readonly text: string;
}

export interface SashProps {
  /** Its accessible name: what it resizes ("Resize datasets"). */
  readonly label: string;
  /** +1 when dragging right widens what it resizes (a pane on the left, the grid), -1 when it narrows it (a pane on the right). */
  readonly grows: 1 | -1;
  /** The width in px of what it resizes, now. */
  measure(): number;
  /** While dragging: the width to show, without a React render per pointer move; `undefined` puts back what was there. */
  onLive(px: number | undefined, from: number): void;
  /** The width chosen (a drag's end, an arrow key), or `undefined` for the layout's default (a double-click). */
  onCommit(px: number | undefined, from: number): void;
  /** aria-valuenow, -min, -max and -valuetext as the window stands: asked when it gains focus and after each change. */
  describe(): SashValue;
  readonly className: string;
}

/**
 * A vertical separator on a resizable edge, as VS Code's sashes: drag it, or focus it and press
 * Left/Right (Shift for bigger steps); a double-click or Enter goes back to the default, Escape
 * during a drag back to where it began. The ARIA window-splitter pattern.
 */
export function Sash({ label, grows, measure, onLive, onCommit, describe, className }: SashProps) {
  const drag = useRef<{ pointerId: number; startX: number; startPx: number; px: number } | undefined>(undefined);
  // measured, not worked out from what was stored: the CSS holds a width to the window
  const [value, setValue] = useState<SashValue>();
  const described = useRef(describe);
  described.current = describe;
  const tell = () => setValue(described.current());
  /** After a change: once React and the browser have laid it out. */
  const frame = useRef(0);
  const tellLater = () => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(tell);
  };
  useLayoutEffect(() => {
    tell();
    return () => cancelAnimationFrame(frame.current);
  }, []);
  // a window resized changes a default width, or holds a chosen one narrower
  useEffect(() => {
    const resized = () => tellLater();
    addEventListener('resize', resized);
    return () => removeEventListener('resize', resized);
  }, []);
  /** `from`: the width when the change began, which the room it may take is judged from. */
  const choose = (px: number | undefined, from = measure()) => {
    onCommit(px, from);
    tellLater();
  };
  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
    const startPx = measure();
    drag.current = { pointerId: e.pointerId, startX: e.clientX, startPx, px: startPx };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    d.px = d.startPx + grows * (e.clientX - d.startX);
    onLive(d.px, d.startPx);
  };
  const onPointerUp = (e: PointerEvent<HTMLDivElement>) => {
    const d = drag.current;
    if (!d || d.pointerId !== e.pointerId) return;
    drag.current = undefined;
    // a drag back to where it began chooses nothing: what it showed on the way goes
    if (d.px !== d.startPx) choose(d.px, d.startPx);
    else onLive(undefined, d.startPx);
  };
  /** A drag the browser took away (a capture lost, a cancelled pointer): back to where it began. */
  const onDragLost = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current?.pointerId !== e.pointerId) return;
    drag.current = undefined;
    onLive(undefined, measure());
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === 'Escape' && drag.current) {
      e.preventDefault();
      drag.current = undefined;
      onLive(undefined, measure());
      return;
    }
    if (e.key === 'Enter') {
      e.preventDefault();
      choose(undefined);
      return;
    }
    const step = keyStep(e.key, e.shiftKey);
    if (step === undefined) return;
    e.preventDefault();
    const from = measure();
    choose(from + grows * step, from);
  };
  return (
    <div
      className={`sash ${className}`}
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={value?.now}
      aria-valuemin={value?.min}
      aria-valuemax={value?.max}
      aria-valuetext={value?.text}
      title={`${label}: drag, or arrow keys; double-click for the default`}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onDragLost}
      onLostPointerCapture={onDragLost}
      onDoubleClick={() => choose(undefined)}
      onFocus={tell}
      onKeyDown={onKeyDown}
    />
  );
}
