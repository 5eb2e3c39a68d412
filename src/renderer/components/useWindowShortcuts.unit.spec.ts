import { describe, expect, it } from 'vitest';
import { onShortcut, shortcutText, type TabShortcut, type WindowShortcutActions } from './useWindowShortcuts';

/** Presses the keys a tooltip names ("Alt+Shift+T", "Ctrl/Cmd+W" as Ctrl) and answers which action ran. */
function press(text: string, macOption = false): string | undefined {
  const parts = text.split('+');
  const key = parts.at(-1)!;
  let ran: string | undefined;
  const actions: WindowShortcutActions = {
    newSession: () => (ran = 'newSession'),
    reopen: () => (ran = 'reopen'),
    closeActive: () => (ran = 'closeActive'),
    cycleTab: () => (ran = 'cycleTab'),
    focusAddDataset: () => (ran = 'focusAddDataset'),
    runEditor: () => (ran = 'runEditor'),
    runStatement: () => (ran = 'runStatement'),
  };
  const shift = parts.includes('Shift');
  onShortcut(
    // macOS's Option changes the character (Option+T is "†"), not the physical key
    { key: macOption ? '†' : shift ? key : key.toLowerCase(), code: `Key${key.toUpperCase()}`, ctrlKey: parts.includes('Ctrl/Cmd'), metaKey: false, altKey: parts.includes('Alt'), shiftKey: shift, defaultPrevented: false, preventDefault: () => {} },
    actions,
  );
  return ran;
}

const ACTIONS: readonly TabShortcut[] = ['newSession', 'closeActive', 'reopen'];

describe('shortcutText', () => {
  it('given the app in a browser, which keeps Ctrl/Cmd+T, W and Shift+T, then tooltips name the Alt keys', () => {
    expect(ACTIONS.map((a) => shortcutText(a, true))).toEqual(['Alt+T', 'Alt+W', 'Alt+Shift+T']);
  });

  it('given the desktop window, then tooltips name Ctrl/Cmd', () => {
    expect(ACTIONS.map((a) => shortcutText(a, false))).toEqual(['Ctrl/Cmd+T', 'Ctrl/Cmd+W', 'Ctrl/Cmd+Shift+T']);
  });

  it('given any place, when the keys a tooltip names are pressed, then they run its action', () => {
    for (const inBrowser of [true, false]) for (const action of ACTIONS) expect(press(shortcutText(action, inBrowser))).toBe(action);
  });

  it('given a Mac, where Option+T types "†", when the Alt keys a tooltip names are pressed, then they run its action', () => {
    for (const action of ACTIONS) expect(press(shortcutText(action, true), true)).toBe(action);
  });
});

describe('running the editor from anywhere in the window', () => {
  it('given Ctrl/Cmd+Enter, when pressed outside the editor, then the editor runs its selection or text', () => {
    expect(press('Ctrl/Cmd+Enter')).toBe('runEditor');
  });

  it('given Ctrl/Cmd+Shift+Enter, when pressed outside the editor, then only the statement at its caret runs', () => {
    expect(press('Ctrl/Cmd+Shift+Enter')).toBe('runStatement');
  });
});
