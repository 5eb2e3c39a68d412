/**
 * Where the focus goes after a field's × removed it (the × leaves the page with its chip): the ×
 * of the chip now in its place, else of the chip before it, else (no chip left) the picker, the
 * list's next thing to do. `left` is the fields left; every chip has a × (no row field is a pivot of totals).
 */
export function focusAfterRemoval(removed: number, left: number): { readonly removeOf: number } | 'picker' {
  if (left === 0) return 'picker';
  return { removeOf: Math.min(removed, left - 1) };
}

/** The element `focusAfterRemoval` names, in a field list (`PivotFieldList`) as re-rendered. */
export function focusTarget(list: HTMLElement, target: ReturnType<typeof focusAfterRemoval>): HTMLElement | null {
  if (target === 'picker') return list.querySelector<HTMLElement>('.pivot-picker');
  return list.querySelectorAll<HTMLElement>('.pivot-chip')[target.removeOf]?.querySelector<HTMLElement>('button') ?? list.querySelector<HTMLElement>('.pivot-picker');
}
