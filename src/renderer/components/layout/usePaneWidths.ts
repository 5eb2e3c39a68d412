import { useRef, useState, type CSSProperties, type RefObject } from 'react';
import type { SashProps } from './Sash';
import type { PanesShown } from './paneMemory';
import { chosenWidth, rememberWidth, room, storedWidths, type Layout, type Sized, type Widths } from './paneWidths';

export interface PaneWidths {
  /** On the app's frame: the side panes' chosen widths (a hidden pane's column stays 0). */
  readonly appStyle: CSSProperties;
  readonly app: RefObject<HTMLDivElement | null>;
  /** On the grid's row: its share of the row, once chosen (`grid-sized`). */
  readonly rowStyle: CSSProperties | undefined;
  readonly rowClass: string;
  readonly row: RefObject<HTMLDivElement | null>;
  sash(sized: Sized): SashProps;
}

/** The CSS variable each width is written to, and how it is written. */
const VARIABLE: Readonly<Record<Sized, string>> = { datasets: '--datasets-chosen', history: '--history-chosen', grid: '--grid-share' };
const css = (sized: Sized, value: number): string => (sized === 'grid' ? String(value) : `${Math.round(value)}px`);

/**
 * The widths a person drags the side panes and the grid to (paneWidths.ts keeps them). A drag moves
 * the CSS variable directly, so the window follows the pointer without rendering the app per move;
 * its end is the state, and remembered.
 */
export function usePaneWidths(shown: PanesShown): PaneWidths {
  const [widths, setWidths] = useState<Widths>(() => storedWidths());
  const app = useRef<HTMLDivElement>(null);
  const row = useRef<HTMLDivElement>(null);
  const holder = (sized: Sized) => (sized === 'grid' ? row.current : app.current);
  const measured = (sized: Sized): HTMLElement | null | undefined =>
    sized === 'grid' ? (row.current?.firstElementChild as HTMLElement | null) : app.current?.querySelector<HTMLElement>(`#${sized}-pane`);
  const width = (el: Element | null | undefined): number => el?.getBoundingClientRect().width ?? 0;
  /** `from`: the width when the drag or key began (measured again per move, a held pane could only shrink). */
  const layout = (sized: Sized, from = width(measured(sized))): Layout => {
    const r = row.current;
    const stacked = r !== null && getComputedStyle(r).display !== 'flex';
    return {
      window: app.current?.clientWidth ?? 0,
      otherPane: width(measured(sized === 'datasets' ? 'history' : 'datasets')),
      row: r?.clientWidth ?? 0,
      panels: stacked ? 1 : (r?.children.length ?? 1) - 1,
      current: from,
    };
  };
  /** px as the unit it is kept in, held to the room this window has. */
  // measured once a change begins, not per pointer move: each read after the last move's write forced a layout
  const begun = useRef<{ sized: Sized; from: number; layout: Layout }>(undefined);
  const layoutFrom = (sized: Sized, from: number): Layout => {
    if (begun.current?.sized !== sized || begun.current.from !== from) begun.current = { sized, from, layout: layout(sized, from) };
    return begun.current.layout;
  };
  const kept = (sized: Sized, px: number, from: number) => chosenWidth(sized, px, layoutFrom(sized, from));
  /** The px a kept value is drawn at. */
  const drawn = (sized: Sized, value: number) => (sized === 'grid' ? value * (row.current?.clientWidth ?? 0) : value);

  const show = (sized: Sized, value: number | undefined) => {
    const el = holder(sized);
    if (!el) return;
    if (value === undefined) el.style.removeProperty(VARIABLE[sized]);
    else el.style.setProperty(VARIABLE[sized], css(sized, value));
    if (sized === 'grid') el.classList.toggle('grid-sized', value !== undefined);
  };
  const commit = (sized: Sized, value: number | undefined) => {
    rememberWidth(sized, value);
    show(sized, value);
    setWidths((w) => ({ ...w, [sized]: value }));
  };

  const sash = (sized: Sized): SashProps => ({
    label: `Resize ${sized === 'grid' ? 'results grid' : sized}`,
    grows: sized === 'history' ? -1 : 1,
    className: `${sized}-sash`,
    measure: () => width(measured(sized)),
    onLive: (px, from) => {
      if (px !== undefined) return show(sized, kept(sized, px, from));
      begun.current = undefined; // the change is over
      show(sized, widths[sized]);
    },
    onCommit: (px, from) => {
      const value = px === undefined ? undefined : kept(sized, px, from);
      begun.current = undefined; // the change is over
      if (value === undefined) return commit(sized, undefined);
      // held back to where it was, a default stays the default (it follows the window; a stored one would not)
      if (widths[sized] === undefined && Math.abs(drawn(sized, value) - from) < 1) return show(sized, undefined);
      commit(sized, value);
    },
    // what it is now, as measured (a default differs by window width; the CSS may hold a chosen one narrower)
    describe: () => {
      const px = width(measured(sized));
      const now = layout(sized);
      // a window narrower than a pane's least holds it narrower still (35% of it): the range holds what is shown
      const { min, max } = ((r) => ({ min: Math.min(r.min, px), max: Math.max(r.max, px) }))(room(sized, now));
      const chosen = widths[sized] === undefined ? ', the default' : '';
      if (sized !== 'grid') return { now: Math.round(px), min: Math.round(min), max: Math.round(max), text: `${Math.round(px)} px${chosen}` };
      const percent = (v: number) => Math.round((100 * v) / Math.max(1, now.row));
      return { now: percent(px), min: percent(min), max: percent(max), text: `${percent(px)}% of the row${chosen}` };
    },
  });

  const variable = (sized: 'datasets' | 'history') => (shown[sized] && widths[sized] !== undefined ? { [VARIABLE[sized]]: css(sized, widths[sized]) } : {});
  return {
    app,
    appStyle: { ...variable('datasets'), ...variable('history') } as CSSProperties,
    row,
    rowStyle: widths.grid === undefined ? undefined : ({ [VARIABLE.grid]: css('grid', widths.grid) } as CSSProperties),
    rowClass: widths.grid === undefined ? '' : 'grid-sized',
    sash,
  };
}
