import { useState, type KeyboardEvent } from 'react';

interface Props {
  sessionId: string;
  running: boolean;
  onRun(sql: string): void;
  onCancel(): void;
}

/** Keyed by session: each session keeps its own draft across reloads. */
export function SqlEditor({ sessionId, running, onRun, onCancel }: Props) {
  const draftKey = `sextant:draft:${sessionId}`;
  const [sql, setSql] = useState(() => localStorage.getItem(draftKey) ?? '');
  const update = (value: string) => {
    setSql(value);
    localStorage.setItem(draftKey, value);
  };
  const run = () => {
    if (sql.trim() && !running) onRun(sql);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run();
    }
  };
  return (
    <div className="editor">
      <textarea aria-label="SQL editor" spellCheck={false} value={sql} onChange={(e) => update(e.target.value)} onKeyDown={onKeyDown} placeholder="select * from cars limit 10" />
      <div className="toolbar">
        <button onClick={run} disabled={running || !sql.trim()} title="Run (Ctrl/Cmd+Enter)">
          Run
        </button>
        <button onClick={onCancel} disabled={!running}>
          Cancel
        </button>
      </div>
    </div>
  );
}
