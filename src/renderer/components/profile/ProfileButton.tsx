import { SquareSigma } from 'lucide-react';
import type { GridResult } from '../grid/useResultPages';

/** "Profile" in the grid's toolbar: opens or closes the current result's column profiles (a complete result only). */
export function ProfileButton({ result, open, onToggle }: { result: GridResult | undefined; open: boolean; onToggle(): void }) {
  const ready = result?.columns !== undefined && result.columns.length > 0;
  return (
    <button type="button" aria-pressed={open} disabled={!ready} title="Column profiles of this result" onClick={onToggle}>
      <SquareSigma aria-hidden="true" />
      Profile
    </button>
  );
}
