import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { SessionTab } from '../../../shared/views/appView';
import { ArchiveRestore, GitFork, LoaderCircle, Plus, X } from 'lucide-react';
import { focusLost } from '../common/focusLost';
import { isolate } from '../../../shared/text/isolate';
import { shortcutText } from '../useWindowShortcuts';
import { useTabStripScroll } from './tabStripScroll';

interface Props {
  /** Stays the same array while no tab is opened, closed or renamed (`sessionTabs`). */
  sessions: readonly SessionTab[];
  activeId: string | undefined;
  canReopen: boolean;
  onSelect(id: string): void;
  /** Absent in a window on one session, which opens no other (oneSessionWindow.ts). */
  onNew: (() => void) | undefined;
  onClose(id: string): void;
  onReopen(): void;
  /** `expectedVersion`: the session's version when renaming began, so a newer name is never overwritten. */
  onRename(id: string, title: string, expectedVersion: number): void;
  /** The session's version now: read when renaming begins, not passed on every event. */
  versionOf(id: string): number;
}

export const tabId = (sessionId: string): string => `tab-${sessionId}`;

/**
 * Focuses a session's tab once this window shows it, for an action whose control goes away as the
 * tab changes (a fork from the Timeline): the new tab may arrive with the stream after the command's
 * answer, so this waits up to ~2 s of frames. Focus the person moved elsewhere meanwhile is left alone.
 */
export function focusTabWhenShown(sessionId: string, from = document.activeElement, frames = 120): void {
  if (document.activeElement !== from && !focusLost()) return;
  const tab = document.getElementById(tabId(sessionId));
  if (tab?.getAttribute('aria-selected') === 'true') tab.focus();
  else if (frames > 0) requestAnimationFrame(() => focusTabWhenShown(sessionId, from, frames - 1));
}

/**
 * Sessions as tabs, after the ARIA tabs pattern: one tab stop, arrows move between tabs and show
 * them, Home/End jump, F2 or a double-click renames, Delete closes. Memoized: given stable callbacks,
 * only a tab opened, closed, renamed or shown renders the strip again.
 */
export const SessionTabs = memo(function SessionTabs({ sessions, activeId, canReopen, onSelect, onNew, onClose, onReopen, onRename, versionOf }: Props) {
  /** The tab being renamed, with the version its title was read at. */
  const [renaming, setRenamingAt] = useState<{ id: string; version: number } | undefined>();
  const setRenaming = (id: string | undefined) => {
    const s = id === undefined ? undefined : sessions.find((t) => t.id === id);
    setRenamingAt(s && { id: s.id, version: versionOf(s.id) });
  };
  const list = useRef<HTMLDivElement>(null);
  // The shown tab is never out of sight in a strip scrolled sideways: opened, switched to, restored or resized.
  useTabStripScroll(list, activeId === undefined ? undefined : tabId(activeId), sessions);

  // Focus in the strip follows the shown tab: a tab closed by Delete hands it to the tab shown now, an
  // undone close to the tab brought back, instead of dropping it on the page with the removed button.
  const hadFocus = useRef(false);
  const newButton = useRef<HTMLButtonElement>(null);
  const reopenButton = useRef<HTMLButtonElement>(null);
  const shownBefore = useRef(activeId);
  useEffect(() => {
    const changed = shownBefore.current !== undefined && shownBefore.current !== activeId;
    shownBefore.current = activeId;
    // The last tab closed (Alt+W in its editor, Delete on it): "New session" is what is left to do (Reopen, in a window on one session).
    if (activeId === undefined && changed && sessions.length === 0 && focusLost()) (newButton.current ?? reopenButton.current)?.focus();
    if (activeId === undefined || !hadFocus.current || !(focusLost() || list.current?.contains(document.activeElement))) return;
    if (changed || focusLost()) list.current?.querySelector<HTMLElement>(`#${CSS.escape(tabId(activeId))}`)?.focus();
  }, [activeId, sessions]);

  const focusTab = (id: string) => requestAnimationFrame(() => list.current?.querySelector<HTMLElement>(`#${CSS.escape(tabId(id))}`)?.focus());
  const onKeyDown = (e: KeyboardEvent, index: number, s: SessionTab) => {
    const go = (i: number) => {
      const target = sessions[(i + sessions.length) % sessions.length];
      if (!target) return;
      e.preventDefault();
      onSelect(target.id);
      focusTab(target.id);
    };
    if (e.key === 'ArrowRight') go(index + 1);
    else if (e.key === 'ArrowLeft') go(index - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(sessions.length - 1);
    else if (e.key === 'F2') {
      e.preventDefault();
      setRenaming(s.id);
    } else if (e.key === 'Delete') {
      e.preventDefault();
      onClose(s.id);
    }
  };

  return (
    <div className="tabs">
      <div
        role="tablist"
        aria-label="Sessions"
        ref={list}
        onFocus={() => (hadFocus.current = true)}
        // Focus leaving for nothing (its button removed, or the window) still counts as the strip's.
        onBlur={(e) => (hadFocus.current = e.relatedTarget === null || list.current?.contains(e.relatedTarget) === true)}
      >
        {sessions.map((s, i) => (
          <div key={s.id} className={`tab ${s.id === activeId ? 'selected' : ''}`} role="presentation">
            {renaming?.id === s.id ? (
              <RenameInput
                title={s.title}
                onDone={(title) => {
                  setRenaming(undefined);
                  if (title !== undefined && title.trim() && title.trim() !== s.title) onRename(s.id, title.trim(), renaming.version);
                  focusTab(s.id);
                }}
              />
            ) : (
              <button
                role="tab"
                id={tabId(s.id)}
                aria-selected={s.id === activeId}
                aria-controls="session-panel"
                tabIndex={s.id === activeId ? 0 : -1}
                onClick={() => onSelect(s.id)}
                onDoubleClick={() => setRenaming(s.id)}
                onKeyDown={(e) => onKeyDown(e, i, s)}
                title={`${isolate(s.title)}${s.forked ? ' — a fork' : ''}${s.running ? ' — running a query' : ''} — double-click or F2 to rename`}
                aria-busy={s.running}
              >
                {/* a fork's mark before its title: the title's end, "(fork)", is what a narrow tab cuts */}
                {s.forked && <GitFork aria-hidden="true" className="tab-fork" />}
                {/* isolated: a title's bidi controls (U+202E) stay in it */}
                <bdi>{s.title}</bdi>
              </button>
            )}
            {/* beside the title, not in it: the tab's name stays its title */}
            {s.running && <LoaderCircle aria-hidden="true" className="spin tab-running" />}
            <button className="close" aria-label={`Close ${s.title}`} tabIndex={-1} onClick={() => onClose(s.id)} title={`Close (${shortcutText('closeActive')})`}>
              <X aria-hidden="true" />
            </button>
          </div>
        ))}
      </div>
      {onNew && (
        <button ref={newButton} className="new-session" onClick={onNew} aria-label="New session" title={`New session (${shortcutText('newSession')})`}>
          <Plus aria-hidden="true" />
          <span className="topbar-label">New session</span>
        </button>
      )}
      {/* a box giving back (not a circular arrow, read as "refresh") */}
      <button ref={reopenButton} className="reopen-session" onClick={onReopen} disabled={!canReopen} aria-label="Reopen closed session" title={`Reopen closed session (${shortcutText('reopen')})`}>
        <ArchiveRestore aria-hidden="true" />
      </button>
    </div>
  );
});

function RenameInput({ title, onDone }: { title: string; onDone(title: string | undefined): void }) {
  const [value, setValue] = useState(title);
  const done = useRef(false);
  const finish = (result: string | undefined) => {
    if (done.current) return;
    done.current = true;
    onDone(result);
  };
  return (
    <input
      className="rename"
      aria-label="Session name"
      autoFocus
      value={value}
      maxLength={200}
      onFocus={(e) => e.currentTarget.select()}
      onChange={(e) => setValue(e.target.value)}
      onBlur={() => finish(value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') finish(value);
        else if (e.key === 'Escape') finish(undefined);
      }}
    />
  );
}
