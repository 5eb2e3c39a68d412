import { TriangleAlert } from 'lucide-react';

/**
 * Shown when this window's draft save was refused because another window saved a draft since: the
 * person's text stays in the editor until they choose. Keep mine saves it over the other; Take
 * theirs puts the other window's text in the editor (undoable, so theirs is not lost either).
 */
export function DraftConflictBar({ onKeepMine, onTakeTheirs }: { onKeepMine(): void; onTakeTheirs(): void }) {
  return (
    <div className="draft-conflict" role="alert">
      <TriangleAlert aria-hidden="true" />
      <span className="draft-conflict-text">This session changed in another window. Your text is kept here until you choose.</span>
      <button onClick={onKeepMine} title="Save your text over the one saved in the other window">
        Keep mine
      </button>
      <button onClick={onTakeTheirs} title="Put the text saved in the other window in the editor (Ctrl/Cmd+Z brings yours back)">
        Take theirs
      </button>
    </div>
  );
}
