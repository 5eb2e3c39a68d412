import { isCompleted } from '../../shared/domain/queryLifecycle';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { DatasetTable } from '../../shared/contracts/events';
import type { SextantApi } from '../../shared/contracts/protocol';
import { canRun, currentQuery, datasetList, type DatasetView, type HistoryEntry } from '../../shared/views/appView';
import type { StreamClient } from '../state/streamClient';
import { useActiveSession } from '../state/useActiveSession';
import { windowScope } from '../state/windowScope';
import { useDraftSaver } from '../state/useDraftSaver';
import { DraftConflictBar } from './editor/DraftConflictBar';
import { useDraftFollow } from './editor/useDraftFollow';
import { useStream } from '../state/useStream';
import { Catalog, type CatalogHandle } from './catalog/Catalog';
import { useDatasetDrop } from './catalog/useDatasetDrop';
import { copyText } from './common/clipboard';
import { SqlEditor, editorErrorOf, type SqlEditorHandle } from './editor/SqlEditor';
import { pageViewOf, valueFilter } from '../../shared/domain/resultView';
import { ExportButton } from './export/ExportButton';
import { ResultsGrid, type ResultsGridHandle } from './grid/ResultsGrid';
import { gridResultFor } from './grid/gridResultFor';
import { retainOpenResults } from './grid/retainOpenResults';
import { HistoryPanel } from './history/HistoryPanel';
import { InstantSwitch } from './instant/InstantSwitch';
import { PreviewPane } from './instant/PreviewPane';
import { inlineError } from './instant/previewState';
import { useInstantPreview } from './instant/useInstantPreview';
import { ProfileButton } from './profile/ProfileButton';
import { PivotButton } from './pivot/PivotButton';
import { ResultPivot } from './pivot/ResultPivot';
import { useSessionPivot } from './pivot/useSessionPivot';
import { ProfilePanel } from './profile/ProfilePanel';
import { useProfileView } from './profile/useProfileView';
import { ChartButton } from './chart/ChartButton';
import { ResultCharts } from './chart/ResultCharts';
import { useChartView } from './chart/useChartView';
import { SessionTabs, tabId } from './sessions/SessionTabs';
import { useSessionTabs } from './sessions/useSessionTabs';
import { useTabActions } from './sessions/useTabActions';
import { ImportSessionButton } from './sessions/ImportSessionButton';
import { UndoRedo } from './sessions/UndoRedo';
import { StatusBar } from './status/StatusBar';
import { useFirstPageSigns } from './status/useFirstPageSigns';
import { ConnectionSign } from './status/ConnectionSign';
import { ForkOriginNote } from './time/ForkOriginNote';
import { InputChangedNotice } from './provenance/InputChangedNotice';
import { PastSession } from './time/PastSession';
import { TimelineButton } from './time/TimelineButton';
import { SessionExportButton } from './share/SessionExportButton';
import { SessionTimeline } from './time/SessionTimeline';
import { useSessionTime } from './time/useSessionTime';
import { useWindowShortcuts } from './useWindowShortcuts';
import { useStableCallback } from './common/useStableCallback';
import { PaneToggle, paneId } from './layout/PaneToggle';
import { ThemeToggle } from './theme/ThemeToggle';
import { RUN_REFUSED } from './editor/runRefused';
import { usePanes } from './layout/usePanes';
import { usePaneWidths } from './layout/usePaneWidths';
import { Sash } from './layout/Sash';
import { useNotice } from './common/useNotice';
import { useFocusOutcome } from './common/focusOutcome';
import { useCancelKey } from './common/cancelKey';
import { useStartFocus } from './common/useStartFocus';
import { useCommands } from './useCommands';
import { refusalText } from './status/commandRefusal';

export function App({ api, stream }: { api: SextantApi; stream: StreamClient }) {
  const { view, connected, live, progress, catalogProgress, notHere, failure, duckdbDown } = useStream(stream);
  const [notice, setNotice] = useNotice();
  const editor = useRef<SqlEditorHandle>(null);
  const catalog = useRef<CatalogHandle>(null);
  const drafts = useDraftSaver(
    api,
    (sessionId) => view.sessions[sessionId]?.version,
    (e) => setNotice(`Could not save the draft: ${e.message} (error id ${e.id}). It stays in the editor and is saved again shortly.`),
  );
  /** The grid's setColumnFilter, for controls outside it (a profile's frequent values). */
  const grid = useRef<ResultsGridHandle>(null);
  const [filtered, setFiltered] = useState<{ queryId: string; rows: number | undefined }>();
  /** The result whose rows the grid cannot read (it shows why). */
  const [unreadable, setUnreadable] = useState<string>();
  const profile = useProfileView();

  // a refused command is said where it was issued: the catalog's beside its Add box, the rest in the status bar
  const { dispatch, statusRefusal, catalogRefusal, clearStatus, sending } = useCommands(api, connected);
  const { sessions, active, select, show } = useActiveSession(view, (sessionId) => void dispatch({ type: 'ActivateSession', sessionId }));
  const oneSession = windowScope(window.location.search).sessionId !== undefined;
  const time = useSessionTime(api, active, dispatch, show, setNotice, oneSession);
  const panes = usePanes(time.open);
  const widths = usePaneWidths(panes.shown);
  const tab = useTabActions({ view, sessions, active, select, show, dispatch, flushDraft: drafts.flush, editor, oneSession, notice: setNotice });
  useDraftFollow(active, editor, drafts);
  // The stream hands a new view object on every event, but the fold keeps the datasets record until a
  // dataset changes: the list (and the editor's completion schema) is rebuilt only then.
  const byId = view.datasets;
  const datasets = useMemo(() => datasetList(byId), [byId]);

  useEffect(() => clearStatus(), [active?.id, clearStatus]);

  const current = active && currentQuery(active);
  const firstPage = useFirstPageSigns(api, current?.queryId, isCompleted(current?.phase), current && progress[current.queryId]?.rowsAvailable);
  const running = active !== undefined && !canRun(active);
  const instant = useInstantPreview(api, active?.id, running, () => editor.current?.textAndCursor());
  const gridResult = active && gridResultFor(active.history);
  // Pages and scroll places kept across tab switches are only for results an open tab shows (closed
  // tabs', replaced results' go): looked at when a session changed, not on every render (progress frames render too).
  useEffect(() => retainOpenResults(new Set(Object.values(view.sessions).flatMap((s) => (s.closed ? [] : (gridResultFor(s.history)?.queryId ?? []))))), [view.sessions]);
  const shownProfile = profile.shownWith(gridResult);
  const chart = useChartView(dispatch, active, gridResult);
  const pivot = useSessionPivot(active, gridResult, dispatch);
  const filterToValue = (column: number, value: string | null) => grid.current?.setColumnFilter(column, valueFilter(column, value));
  const editorError = editorErrorOf(current);

  const run = (sql: string) => {
    if (!active || running || !sql.trim() || time.past || tab.opening) return; // the past is read-only
    drafts.flush(active.id);
    instant.stop();
    return dispatch({ type: 'StartQuery', sessionId: active.id, sql });
  };
  const gridEntry = gridResult?.rowCount !== undefined ? active?.history.find((h) => h.queryId === gridResult.queryId) : undefined;
  const rerun = (entry: HistoryEntry) => {
    if (!active || running || time.past) return;
    void dispatch({ type: 'StartQuery', sessionId: active.id, sql: entry.sql, rerunOf: entry.queryId });
  };
  // The tab strip and the catalog are memoized: what they are given stays the same across renders.
  const tabs = useSessionTabs(sessions);
  const versionOf = useStableCallback((sessionId: string) => view.sessions[sessionId]?.version ?? 0);
  const addDataset = useStableCallback((source: string) => dispatch({ type: 'AddDataset', source }));
  const copyName = useStableCallback((name: string) => void copyText(name).then((ok) => setNotice(ok ? `Copied “${name}”` : 'The clipboard refused the copy.')));
  const removeDataset = useStableCallback((d: DatasetView) => void dispatch({ type: 'RemoveDataset', datasetId: d.id }));
  const profileDataset = useStableCallback((d: DatasetView, table?: DatasetTable) => profile.openDataset(d, table));
  /** SQL from elsewhere (the history, "Open as SQL") put in the editor to edit before running. */
  const openAsSql = useStableCallback((sql: string) => {
    editor.current?.setText(sql);
    editor.current?.focus();
  });
  // SQL put in the editor and run (a history entry, "Query this dataset"). Stable, so the memoized
  // history and catalog are not rendered again by each keystroke or streamed event.
  const rerunSql = useStableCallback((sql: string) => {
    editor.current?.setText(sql);
    void run(sql);
  });
  // "Query this dataset" is run from a menu in the catalog: focus goes on to its rows once they are there.
  const focusOutcome = useFocusOutcome(current, { editor: () => editor.current?.focus(), results: () => (grid.current ? grid.current.focus() : editor.current?.focus()) });
  const queryDataset = useStableCallback((sql: string) => {
    editor.current?.setText(sql);
    void run(sql)?.then((r) => r.ok && r.value.queryId !== undefined && focusOutcome(r.value.queryId));
  });
  const forkAtQuery = useStableCallback((queryId: string) => time.forkAtQuery(queryId));

  useWindowShortcuts({
    newSession: tab.newSession,
    reopen: tab.reopen,
    closeActive: active && tab.closeActive,
    cycleTab: tab.cycleTab,
    focusAddDataset: () => panes.reveal('datasets', () => catalog.current?.focusAdd()),
    // the shortcuts with the focus outside the editor (the grid): refused aloud as the editor refuses them
    runEditor: () => (running ? setNotice(RUN_REFUSED) : editor.current?.run('selection')),
    runStatement: () => (running ? setNotice(RUN_REFUSED) : editor.current?.run('statement')),
  });
  useStartFocus(active !== undefined, () => editor.current?.focus());
  useCancelKey(running && connected && !time.past && active ? () => void dispatch({ type: 'CancelQuery', sessionId: active.id }) : undefined);
  const drop = useDatasetDrop(addDataset, setNotice);
  // with the catalog hidden, its refusal (a dropped file's) is said in the notice instead
  useEffect(() => {
    if (catalogRefusal && !panes.shown.datasets) setNotice(`${refusalText(catalogRefusal)} (error id ${catalogRefusal.error.id})`);
  }, [catalogRefusal]);

  return (
    <div
      ref={widths.app}
      className={`app ${panes.className} ${drop.dropping ? 'dropping' : ''}`}
      style={widths.appStyle}
      onDragOver={drop.onDragOver}
      onDragLeave={drop.onDragLeave}
      onDrop={drop.onDrop}
    >
      <header className="topbar">
        <PaneToggle pane="datasets" shown={panes.shown.datasets} onToggle={() => panes.toggle('datasets')} />
        <span className="brand">Sextant</span>
        <SessionTabs
          sessions={tabs}
          activeId={active?.id}
          canReopen={tab.canReopen}
          onSelect={tab.switchTo}
          onNew={tab.onNew}
          onClose={tab.closeSession}
          onReopen={tab.reopen}
          onRename={tab.rename}
          versionOf={versionOf}
        />
        <ImportSessionButton
          api={api}
          onImported={(outcome, said) => {
            show(outcome.sessionId);
            setNotice(said);
          }}
        />
        <UndoRedo view={view} sessionId={active?.id} dispatch={dispatch} onShow={show} onNotice={setNotice} paused={Boolean(time.past)} />
        <ConnectionSign connected={connected} live={live} failure={failure} duckdbDown={duckdbDown} />
        <ThemeToggle />
        <PaneToggle pane="history" shown={panes.shown.history} onToggle={() => panes.toggle('history')} />
      </header>
      <aside className="sidebar" id={paneId('datasets')} hidden={!panes.shown.datasets}>
        <Catalog
          ref={catalog}
          datasets={datasets}
          onAdd={addDataset}
          onQuery={queryDataset}
          onCopyName={copyName}
          onNotice={setNotice}
          onRemove={removeDataset}
          onProfile={profileDataset}
          refusal={catalogRefusal}
          past={time.past}
          progress={catalogProgress}
          notHere={notHere}
          api={api}
          connected={connected}
        />
      </aside>
      {panes.shown.datasets && <Sash {...widths.sash('datasets')} />}
      <main className="workspace" id="session-panel" role={active ? 'tabpanel' : undefined} aria-labelledby={active ? tabId(active.id) : undefined}>
        {active && time.past ? (
          <PastSession api={api} past={time.past} rowsAvailable={(queryId) => progress[queryId]?.rowsAvailable} onBack={time.backToNow} onNotice={setNotice} />
        ) : active ? (
          <>
            {active.forkedFrom && <ForkOriginNote from={active.forkedFrom} titleNow={view.sessions[active.forkedFrom.sessionId]?.title} />}
            {drafts.inConflict(active.id) && (
              <DraftConflictBar
                onKeepMine={() => drafts.keepMine(active.id, editor.current?.text() ?? '')}
                onTakeTheirs={() => {
                  drafts.takeTheirs(active.id);
                  editor.current?.replaceFromStore(active.draft);
                }}
              />
            )}
            <SqlEditor
              ref={editor}
              sessionId={active.id}
              draft={active.draft ?? ''}
              datasets={datasets}
              running={running}
              duckdbDown={connected ? duckdbDown : undefined}
              inert={tab.opening}
              error={editorError}
              onRun={run}
              onChange={drafts.change}
              onCursor={instant.edited}
              toolbarEnd={
                <>
                  <InstantSwitch on={instant.on} onToggle={instant.toggle} />
                  <TimelineButton open={time.open} onToggle={time.toggle} />
                  <SessionExportButton api={api} sessionId={active.id} queryCount={active.history.length} />
                </>
              }
              previewError={instant.on ? inlineError(instant.state, editor.current?.textAndCursor()?.sql ?? '') : undefined}
            />
            {instant.on && <PreviewPane state={instant.state} onNotice={setNotice} />}
            <StatusBar
              query={current}
              progress={current ? progress[current.queryId] : undefined}
              commandError={statusRefusal}
              connected={connected}
              duckdbDown={connected ? duckdbDown : undefined}
              sending={sending}
              onCancel={() => void dispatch({ type: 'CancelQuery', sessionId: active.id })}
              onFocusLost={() => editor.current?.focus()}
              onNotice={setNotice}
              filteredRows={filtered && filtered.queryId === current?.queryId ? filtered.rows : undefined}
              unreadable={unreadable !== undefined && unreadable === current?.queryId}
              firstPage={firstPage}
            />
            {gridEntry && <InputChangedNotice entry={gridEntry} datasets={view.datasets} disabled={running} onRerun={() => rerun(gridEntry)} />}
            <div ref={widths.row} className={`grid-and-profile ${widths.rowClass}`} style={widths.rowStyle}>
              {gridResult ? (
                <ResultsGrid
                  key={gridResult.queryId}
                  api={api}
                  result={gridResult}
                  rowsAvailable={progress[gridResult.queryId]?.rowsAvailable}
                  onNotice={setNotice}
                  handle={grid}
                  // they act on the rows as the grid shows them, once the filter text typed so far is sent
                  actions={(shown) =>
                    gridResult.rowCount !== undefined && (
                      <>
                        <ProfileButton result={gridResult} open={profile.isResultOpen(gridResult)} onToggle={() => (shown.settle(), profile.toggleResult(gridResult))} />
                        <ChartButton open={chart.shown} disabled={!gridResult.columns?.length} onToggle={chart.toggle} />
                        <PivotButton open={pivot.spec !== undefined} disabled={!pivot.available} onToggle={pivot.toggle} />
                        <ExportButton api={api} sessionId={active.id} queryId={gridResult.queryId} rowCount={shown.rows} view={pageViewOf(shown.view)} onOpen={shown.settle} />
                      </>
                    )
                  }
                  onViewChange={async (v) => (await dispatch({ type: 'SetResultView', sessionId: active.id, queryId: gridResult.queryId, orderBy: [...v.orderBy], filter: [...v.filter] })).ok}
                  onOpenAsSql={openAsSql}
                  onFilteredRows={(rows) => setFiltered({ queryId: gridResult.queryId, rows })}
                  onUnreadable={(yes) => setUnreadable((q) => (yes ? gridResult.queryId : q === gridResult.queryId ? undefined : q))}
                  onProfileColumn={(column) => profile.openColumn(gridResult, column)}
                  edge={(chart.shown || pivot.spec !== undefined || shownProfile) && <Sash {...widths.sash('grid')} />}
                />
              ) : (
                <div className="grid-empty">Run a query to see results.</div>
              )}
              {gridResult && (
                <ResultCharts
                  api={api}
                  sessionId={active.id}
                  result={gridResult}
                  chart={chart}
                  onNotice={setNotice}
                  onColumnFilters={(changes) => grid.current?.setColumnFilters(changes)}
                />
              )}
              {gridResult && <ResultPivot api={api} result={gridResult} pivot={pivot} onOpenAsSql={openAsSql} onNotice={setNotice} />}
              {shownProfile && (
                <ProfilePanel
                  key={shownProfile.key}
                  api={api}
                  {...profile.panelOf(shownProfile)}
                  onClose={profile.close}
                  // a result's frequent value filters the grid to it; a dataset has no grid to filter
                  {...(shownProfile.panel.target.kind === 'result' ? { onFilterValue: filterToValue } : {})}
                />
              )}
            </div>
          </>
        ) : (
          <p className="empty">{tab.emptyText}</p>
        )}
      </main>
      {panes.shown.history && <Sash {...widths.sash('history')} />}
      <aside className="history" id={paneId('history')} hidden={!panes.shown.history}>
        {/* typing not yet saved is kept before the editor makes way for the past */}
        {active && <SessionTimeline time={time} onLeaveNow={() => drafts.flush(active.id)} />}
        {active && (
          <HistoryPanel
            entries={time.past?.session.history ?? active.history}
            running={running} paused={time.past !== undefined}
            waiting={time.past ? undefined : current && progress[current.queryId]?.waitingToSave}
            onFork={forkAtQuery} onPick={openAsSql} onRerun={rerunSql}
          />
        )}
      </aside>
      <div className="notice" aria-live="polite">
        {notice}
      </div>
      {drop.dropping && <div className="drop-overlay">Drop files to add them as datasets</div>}
    </div>
  );
}
