/**
 * Which item a key moves to in a menu whose enabled items are `labels`, from item `index` (-1: none
 * focused), after the WAI-ARIA menu pattern: arrows step and wrap, Home and End go to the first and
 * last, a printable character to the next item whose label starts with it (wrapping round).
 * undefined: the key is not the menu's to handle (Enter and Space press the item itself).
 */
export function menuKeyTarget(key: string, index: number, labels: readonly string[]): number | undefined {
  const n = labels.length;
  if (n === 0) return undefined;
  if (key === 'ArrowDown') return (index + 1) % n;
  if (key === 'ArrowUp') return index <= 0 ? n - 1 : index - 1;
  if (key === 'Home') return 0;
  if (key === 'End') return n - 1;
  if ([...key].length !== 1 || !key.trim()) return undefined; // named keys (Escape, F2) and Space
  const letter = key.toLocaleLowerCase();
  for (let step = 1; step <= n; step++) {
    const i = (index + step + n) % n;
    if (labels[i]!.trim().toLocaleLowerCase().startsWith(letter)) return i;
  }
  return undefined;
}
