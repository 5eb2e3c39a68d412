import { useEffect, useState } from 'react';
import type { AppError } from '../../shared/contracts/errors';
import type { SextantApi } from '../../shared/contracts/protocol';
import { currentQuery, lastResult, openSessions } from '../../shared/views/appView';
import type { StreamClient } from '../state/streamClient';
import { useLocalState } from '../state/useLocalState';
import { useStream } from '../state/useStream';
import { Catalog } from './Catalog';
import { HistoryPanel } from './HistoryPanel';
import { ResultsGrid } from './ResultsGrid';
import { SessionTabs } from './SessionTabs';
import { SqlEditor } from './SqlEditor';
import { StatusBar } from './StatusBar';

export function App({ api, stream }: { api: SextantApi; stream: StreamClient }) {
  const { view, connected, live, progress } = useStream(stream);
  const sessions = openSessions(view);
  const [activeId, setActiveId] = useLocalState<string>('sextant:activeSession', '');
  const active = sessions.find((s) => s.id === activeId) ?? sessions[0];
  const [commandError, setCommandError] = useState<AppError | undefined>();

  useEffect(() => setCommandError(undefined), [active?.id]);

  const dispatch = async (...args: Parameters<SextantApi['dispatch']>) => {
    const result = await api.dispatch(...args);
    setCommandError(result.ok ? undefined : result.error);
    return result;
  };

  const current = active && currentQuery(active);
  const result = active && lastResult(active);
  const running = current?.status === 'pending' || current?.status === 'running';

  return (
    <div className="app">
      <header className="topbar">
        <span className="brand">Sextant</span>
        <SessionTabs
          sessions={sessions}
          activeId={active?.id}
          onSelect={setActiveId}
          onNew={async () => {
            const r = await dispatch({ type: 'OpenSession' });
            if (r.ok) setActiveId(r.value.aggregateId);
          }}
          onClose={(sessionId) => void dispatch({ type: 'CloseSession', sessionId })}
        />
        <span className={`connection ${connected ? 'up' : 'down'}`} aria-label={connected ? 'Connected' : 'Disconnected'}>
          {connected ? (live ? '●' : '◌') : '○'}
        </span>
      </header>
      <aside className="sidebar">
        <Catalog datasets={view.datasets} onAdd={(source) => dispatch({ type: 'AddDataset', source })} />
      </aside>
      <main className="workspace">
        {active ? (
          <>
            <SqlEditor
              key={active.id}
              sessionId={active.id}
              running={running}
              onRun={(sql) => void dispatch({ type: 'StartQuery', sessionId: active.id, sql })}
              onCancel={() => void dispatch({ type: 'CancelQuery', sessionId: active.id })}
            />
            <StatusBar query={current} progress={current ? progress[current.queryId] : undefined} commandError={commandError} />
            <ResultsGrid api={api} result={result} />
          </>
        ) : (
          <p className="empty">No session is open. Press “New session” to start one.</p>
        )}
      </main>
      <aside className="history">{active && <HistoryPanel entries={active.history} />}</aside>
    </div>
  );
}
