import { describe, expect, it } from 'vitest';
import type { SessionView } from '../../shared/views/appView';
import { NEW_SESSION_WINDOW_ACCELERATOR, sessionWindowItems, sessionWindowsKey } from './sessionWindowMenu';

const session = (id: string, title: string): SessionView => ({ id, title, closed: false, version: 1, openedSeq: 1, activatedSeq: 1, draft: '', datasetIds: [], history: [] });

describe('the File menu’s session-window items', () => {
  it('opens a new session in its own window from a menu item with a keyboard shortcut', () => {
    let opened = 0;
    const [item] = sessionWindowItems([], { newSessionWindow: () => opened++, openSessionWindow: () => {} });
    expect(item).toMatchObject({ label: 'New Session in New Window', accelerator: NEW_SESSION_WINDOW_ACCELERATOR });
    (item!.click as () => void)();
    expect(opened).toBe(1);
  });

  it('lists the open sessions; choosing one opens a window on it', () => {
    const chosen: string[] = [];
    const [, list] = sessionWindowItems([session('a', 'Alpha'), session('b', 'Beta')], { newSessionWindow: () => {}, openSessionWindow: (s) => chosen.push(s.id) });
    const items = list!.submenu as { label: string; click: () => void }[];
    expect(items.map((i) => i.label)).toEqual(['Alpha', 'Beta']);
    items[1]!.click();
    expect(chosen).toEqual(['b']);
  });

  it('says so when no session is open', () => {
    const [, list] = sessionWindowItems([], { newSessionWindow: () => {}, openSessionWindow: () => {} });
    expect(list!.submenu).toEqual([{ label: 'No open session', enabled: false }]);
  });

  it('is rebuilt on what it lists: a title or an open session changed by any event, an undo too, and not on others', () => {
    const view = (...sessions: SessionView[]) => ({ sessions: Object.fromEntries(sessions.map((s) => [s.id, s])), datasets: {} });
    const before = sessionWindowsKey(view(session('a', 'Alpha'), session('b', 'Beta')));
    // an undone rename gives the old title back; an undone close opens the session again
    expect(sessionWindowsKey(view(session('a', 'Alpha'), session('b', 'Delays')))).not.toBe(before);
    expect(sessionWindowsKey(view(session('a', 'Alpha'), { ...session('b', 'Beta'), closed: true }))).not.toBe(before);
    // a query run or a draft saved leaves the list as it was
    expect(sessionWindowsKey(view(session('a', 'Alpha'), { ...session('b', 'Beta'), draft: 'select 1', version: 7 }))).toBe(before);
  });
});
