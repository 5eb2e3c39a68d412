import { useCallback, useEffect, useRef, useState } from 'react';
import type { Column, DatasetTable } from '../../../shared/contracts/events';
import { tableLabel } from '../../../shared/domain/datasetRelation';
import type { ProfileTarget } from '../../../shared/explore/columnProfile';
import type { DatasetView } from '../../../shared/views/appView';
import type { GridResult } from '../grid/useResultPages';

/** What the "Column profiles" region shows: its target (memoized here, one object per opening) and its heading. */
export interface ProfileView {
  /** Remounts the panel for another target or column. */
  readonly key: string;
  readonly panel: { readonly target: ProfileTarget; readonly title: string; readonly columns: readonly Column[]; readonly only?: number };
}

/**
 * Which profile is open, if any: a result's (all columns or one), or a dataset's from the catalog.
 * A result's is of the rows the grid shows: its target carries the view's filters, so another filter
 * is another target (profiled again, with the same panel: its key, scroll and focus stay).
 */
export function useProfileView() {
  const [view, setView] = useState<ProfileView | undefined>();
  /** The last filtered view handed out: the same object while the filters are the same (the panel's target is memoized by identity). */
  const lastShown = useRef<{ readonly of: ProfileView; readonly filter: string; readonly shown: ProfileView } | undefined>(undefined);
  const close = useCallback(() => setView(undefined), []);
  // The profile the person opens takes focus, as an opened chart or pivot does; not one shown again
  // (a tab switch, the grid back on its result), where focus stays with the tab or the editor.
  const opening = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (opening.current !== undefined && opening.current === view?.key) opening.current = undefined;
  });
  const open = (next: ProfileView): void => {
    opening.current = next.key;
    setView(next);
  };
  const resultView = (result: GridResult, only?: number): ProfileView => ({
    key: `result:${result.queryId}:${only ?? 'all'}`,
    panel: { target: { kind: 'result', queryId: result.queryId }, title: 'the result', columns: result.columns ?? [], ...(only !== undefined ? { only } : {}) },
  });
  return {
    view,
    close,
    /** The panel's props for `shown`: it takes focus as it mounts if the person has just opened it (Profile, "Profile column", a dataset's Profile). */
    panelOf: (shown: ProfileView) => ({ ...shown.panel, takeFocus: opening.current === shown.key }),
    /** The view to show beside `result`: a result's profile only while that result is the one in the grid. */
    shownWith: (result: GridResult | undefined): ProfileView | undefined => {
      if (!view || view.panel.target.kind === 'dataset') return view;
      if (view.panel.target.queryId !== result?.queryId) return undefined;
      const filter = result.view?.filter ?? [];
      if (filter.length === 0) return view;
      const key = JSON.stringify(filter);
      const last = lastShown.current;
      if (last?.of === view && last.filter === key) return last.shown;
      const shown = { ...view, panel: { ...view.panel, target: { ...view.panel.target, filter: [...filter] } } };
      lastShown.current = { of: view, filter: key, shown };
      return shown;
    },
    isResultOpen: (result: GridResult | undefined) => result !== undefined && view?.key === `result:${result.queryId}:all`,
    toggleResult: (result: GridResult | undefined) => {
      if (!result?.columns) return;
      if (view?.key === `result:${result.queryId}:all`) setView(undefined);
      else open(resultView(result));
    },
    openColumn: (result: GridResult, column: number) => {
      if (result.columns) open(resultView(result, column));
    },
    /** A dataset's profile; a database file's names one of its tables (`<dataset>.<table>`). */
    openDataset: (dataset: DatasetView, table?: DatasetTable) => {
      const name = dataset.name ?? dataset.source;
      if (table === undefined) return open({ key: `dataset:${dataset.id}`, panel: { target: { kind: 'dataset', datasetId: dataset.id }, title: name, columns: dataset.columns } });
      const label = tableLabel(table);
      const target = { kind: 'dataset', datasetId: dataset.id, table: table.name, ...(table.schema === undefined ? {} : { schema: table.schema }) } as const;
      open({ key: `dataset:${dataset.id}:${label}`, panel: { target, title: `${name}.${label}`, columns: table.columns } });
    },
  };
}
