import { memo, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { SessionTab } from '../../../shared/views/appView';
import { Plus, RotateCcw, X } from 'lucide-react';

interface Props {
  /** Stays the same array while no tab is opened, closed or renamed (`sessionTabs`). */
  sessions: readonly SessionTab[];
  activeId: string | undefined;
  canReopen: boolean;
  onSelect(id: string): void;
  onNew(): void;
  onClose(id: string): void;
  onReopen(): void;
  /** `expectedVersion`: the session's version when renaming began, so a newer name is never overwritten. */
  onRename(id: string, title: string, expectedVersion: number): void;
  /** The session's version now: read when renaming begins, not passed on every event. */
  versionOf(id: string): number;
}

export const tabId = (sessionId: string): string => `tab-${sessionId}`;

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
  // The shown tab is never out of sight in a strip scrolled sideways: opened, switched to or restored.
  useEffect(() => {
    if (activeId !== undefined) list.current?.querySelector(`#${CSS.escape(tabId(activeId))}`)?.parentElement?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
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
      <div role="tablist" aria-label="Sessions" ref={list}>
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
                title={`${s.title} — double-click or F2 to rename`}
              >
                {s.title}
              </button>
            )}
            <button className="close" aria-label={`Close ${s.title}`} tabIndex={-1} onClick={() => onClose(s.id)} title="Close (Ctrl/Cmd+W)">
              <X aria-hidden="true" />
            </button>
          </div>
        ))}
      </div>
      <button className="new-session" onClick={onNew} title="New session (Ctrl/Cmd+T)">
        <Plus aria-hidden="true" />
        New session
      </button>
      <button className="reopen-session" onClick={onReopen} disabled={!canReopen} aria-label="Reopen closed session" title="Reopen closed session (Ctrl/Cmd+Shift+T)">
        <RotateCcw aria-hidden="true" />
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
