import { sqlIdentifier } from '../../../shared/sql/sqlIdentifier';
import type { MenuItem } from '../common/ContextMenu';

/** What the grid's menus can do; each menu picks what concerns where it was opened. */
export interface GridMenuActions {
  showValue(): void;
  copyCell(): void;
  copyRow(): void;
  copySelection(withHeader: boolean): void;
  copyText(text: string, said: string): void;
  profileColumn?(col: number): void;
  fit(col: number): void;
  resizeBy(col: number, px: number): void;
}

/** A column's own actions: its name as SQL writes it, its profile, its width (the resize handles' keyboard way). */
function columnItems(a: GridMenuActions, col: number, name: string): MenuItem[] {
  return [
    { label: 'Copy column name', run: () => a.copyText(sqlIdentifier(name), `Copied “${name}”`) },
    ...(a.profileColumn ? [{ label: 'Profile column', run: () => a.profileColumn!(col) }] : []),
    { label: 'Fit column to content', run: () => a.fit(col) },
    { label: 'Widen column', run: () => a.resizeBy(col, 32) },
    { label: 'Narrow column', run: () => a.resizeBy(col, -32) },
  ];
}

/** A cell's menu (right-click, the context-menu key): the active cell's value, its row, the selection, then its column. */
export function cellMenu(a: GridMenuActions, col: number, name: string): MenuItem[] {
  return [
    { label: 'Show value', run: a.showValue },
    { label: 'Copy cell', run: a.copyCell },
    { label: 'Copy row', run: a.copyRow },
    { label: 'Copy selection as TSV', run: () => a.copySelection(false) },
    { label: 'Copy selection with header', run: () => a.copySelection(true) },
    ...columnItems(a, col, name),
  ];
}

/** A header's menu: only its column's actions. A header is no cell: a value or row there would be another cell's. */
export const columnMenu = (a: GridMenuActions, col: number, name: string): MenuItem[] => columnItems(a, col, name);
