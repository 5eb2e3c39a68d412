import { useEffect, useRef, useState } from 'react';
import type { Column } from '../../../shared/contracts/events';
import { holdsNumbers } from '../../../shared/explore/columnKind';
import { clamp } from './gridGeometry';
import { columnsKey, widthMemory } from './widthMemory';

const CHAR_PX = 7.4;
export const MIN_WIDTH = 40;
export const MAX_WIDTH = 2000;

/** A header cell's padding (8 + 8) and right border, as styles/grid.css draws `.grid-th` (the pivot's too). */
export const HEADER_BOX = 16 + 1;
/** A sort button's 14 px icon and the 4 px gap before it. */
export const SORT_ICON = 14 + 4;
/**
 * A header's room beside its label, and 2 px for rounding. Guessed per character, the name was cut
 * ("emp_max") by as much as the icon.
 */
export const HEADER_CHROME = HEADER_BOX + SORT_ICON + 2;

/** Width in px of a header's name (bold, system font) or type line (small, monospace). */
export type MeasureText = (text: string, line: 'name' | 'type') => number;

/** Wide enough for the column's name and type line beside the sort button. */
export function initialWidth(c: Column, measure: MeasureText = measureText): number {
  const label = Math.max(measure(c.name, 'name'), measure(c.type, 'type'));
  return clamp(Math.ceil(Math.max(label + HEADER_CHROME, holdsNumbers(c.type) ? 90 : 120)), 60, 360);
}

let context: OffscreenCanvasRenderingContext2D | null | undefined;
let fonts: { name: string; type: string } | undefined;

/** Measured in the fonts the header uses (`.grid-th .col-name`, `.col-type`); outside a browser (unit tests), generous per-character guesses. */
export function measureText(text: string, line: 'name' | 'type'): number {
  context ??= typeof OffscreenCanvas === 'undefined' ? null : new OffscreenCanvas(1, 1).getContext('2d');
  if (!context) return text.length * (line === 'name' ? 9 : 6.2);
  // read once: a style read while rendering may force a style pass, and --mono never changes
  fonts ??= { name: '600 12px system-ui, sans-serif', type: `10px ${getComputedStyle(document.documentElement).getPropertyValue('--mono').trim() || 'monospace'}` };
  context.font = fonts[line];
  return context.measureText(text).width;
}

/** Wide enough for the header and the longest value among the first rows at hand, within bounds. */
export function fitWidth(c: Column, col: number, cell: (row: number, col: number) => string | null | undefined): number {
  let longest = 4;
  for (let r = 0; r < 200; r++) {
    const v = cell(r, col);
    if (v === undefined) break;
    longest = Math.max(longest, (v ?? 'NULL').length);
  }
  return clamp(Math.round(Math.max(initialWidth(c), longest * CHAR_PX + 20)), 60, 420);
}

/**
 * Column widths: sized from names and types when the columns change, fitted to the content once
 * the first rows are here, then the person's to resize. The same columns arriving again (the
 * query completed) change nothing, so someone scrolling meanwhile stays put. Widths the person set
 * are remembered for the result (widthMemory.ts), so a tab switched back to keeps them.
 */
export function useColumnWidths(queryId: string, columns: readonly Column[], cell: (row: number, col: number) => string | null | undefined) {
  const key = columnsKey(columns);
  const [kept] = useState(() => widthMemory.recall(queryId, key));
  // Rows already at hand on mount (pages kept from a tab shown before): fitted in the first render,
  // not in a second one of every cell. Widths the person set are never fitted again.
  const fitted = useRef(kept !== undefined || cell(0, 0) !== undefined);
  const [widths, setWidths] = useState<readonly number[]>(() => kept ?? columns.map((c, i) => (fitted.current ? fitWidth(c, i, cell) : initialWidth(c))));
  // The widths the first render made are for these columns already: sizing them again on mount gave
  // a new array and rendered the whole grid once more, on every tab switch (the grid mounts anew).
  const sizedFor = useRef(key);
  useEffect(() => {
    if (sizedFor.current === key) return;
    sizedFor.current = key;
    setWidths(columns.map((c) => initialWidth(c)));
    fitted.current = false;
  }, [key]);

  const firstValue = cell(0, 0);
  useEffect(() => {
    if (fitted.current || firstValue === undefined) return;
    fitted.current = true;
    setWidths(columns.map((c, i) => fitWidth(c, i, cell)));
  }, [firstValue, columns, cell]);

  const set = (col: number, width: number) => {
    fitted.current = true; // a resize before the first rows came is the person's, not to be fitted over
    // from the latest widths, not this render's: a drag keeps the handler it began with
    setWidths((current) => {
      const next = current.map((x, i) => (i === col ? clamp(width, MIN_WIDTH, MAX_WIDTH) : x));
      widthMemory.remember(queryId, sizedFor.current, next);
      return next;
    });
  };
  return {
    widths,
    resize: set,
    resizeBy: (col: number, delta: number) => set(col, (widths[col] ?? 120) + delta),
    fit: (col: number) => {
      const c = columns[col];
      if (c) set(col, fitWidth(c, col, cell));
    },
  };
}
