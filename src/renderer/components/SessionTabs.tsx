import type { SessionView } from '../../shared/views/appView';

interface Props {
  sessions: readonly SessionView[];
  activeId: string | undefined;
  onSelect(id: string): void;
  onNew(): void;
  onClose(id: string): void;
}

export function SessionTabs({ sessions, activeId, onSelect, onNew, onClose }: Props) {
  return (
    <div className="tabs">
      <div role="tablist" aria-label="Sessions">
        {sessions.map((s) => (
          <div key={s.id} className={`tab ${s.id === activeId ? 'selected' : ''}`}>
            <button role="tab" aria-selected={s.id === activeId} onClick={() => onSelect(s.id)}>
              {s.title}
            </button>
            <button className="close" aria-label={`Close ${s.title}`} onClick={() => onClose(s.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
      <button className="new-session" onClick={onNew}>
        New session
      </button>
    </div>
  );
}
