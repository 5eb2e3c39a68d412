/** Which of Undo or Redo a key press asks for: Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z or Ctrl/Cmd+Y. */
export function undoKeyOf(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): 'undo' | 'redo' | undefined {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return undefined;
  const key = e.key.toLowerCase();
  if (key === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && !e.shiftKey) return 'redo';
  return undefined;
}

/**
 * Whether the focus is where text is edited: the SQL editor (CodeMirror keeps undoing text there)
 * or any text field, whose own undo a person expects.
 */
export function editsText(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('.cm-editor')) return true;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  const tag = target.tagName;
  return tag === 'TEXTAREA' || tag === 'SELECT' || (tag === 'INPUT' && !['button', 'checkbox', 'radio', 'submit', 'reset'].includes((target as HTMLInputElement).type));
}
