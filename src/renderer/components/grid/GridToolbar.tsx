import { useRef, type ReactNode } from 'react';
import { CodeXml, FunnelX, ListFilter } from 'lucide-react';
import { filterCount } from '../../../shared/explore/filterInput';
import { useHandOffFocus } from '../common/focusLost';
import type { ResultViewControls } from './useResultView';

interface Props {
  controls: ResultViewControls;
  onOpenAsSql(): void;
  /** The boxes just shown by "Filters": the caret goes into one, as Chart and Profile take focus when opened. */
  onFiltersShown?(): void;
  /** Actions on the whole result, kept at the toolbar's end. */
  children?: ReactNode;
}

/**
 * Above the grid: show the filter boxes, clear the sort and filters, or open the view as SQL.
 * One row always: a narrow toolbar shows icons only (styles/result-view.css, container queries on its width);
 * each button keeps its text as its accessible name, and a tooltip.
 */
export function GridToolbar({ controls, onOpenAsSql, onFiltersShown, children }: Props) {
  const { plain, filtersShown, setFiltersShown, clear, view } = controls;
  // "Clear sort and filters" disables itself (and Open as SQL): focus goes to the toolbar's first button, not the page
  const toolbar = useRef<HTMLDivElement>(null);
  const focus = useHandOffFocus(plain, () => toolbar.current?.querySelector<HTMLElement>('button:enabled')?.focus());
  return (
    <div ref={toolbar} className="grid-toolbar" role="toolbar" aria-label="Result view" {...focus}>
      <button
        type="button"
        aria-pressed={filtersShown}
        onClick={() => {
          setFiltersShown(!filtersShown);
          if (!filtersShown) onFiltersShown?.();
        }}
        title="Show a filter box under each column header"
      >
        <ListFilter aria-hidden="true" />
        Filters
        {view.filter.length > 0 && (
          <span className="count-badge" aria-hidden="true">
            {filterCount(view.filter)}
          </span>
        )}
      </button>
      <button type="button" disabled={plain} onClick={clear} title="Show the result as it came: no sort, no filter">
        <FunnelX aria-hidden="true" />
        Clear sort and filters
      </button>
      <button type="button" disabled={plain} onClick={onOpenAsSql} title="Put the SQL of this sorted and filtered view in the editor">
        <CodeXml aria-hidden="true" />
        Open as SQL
      </button>
      {children && <div className="grid-toolbar-end">{children}</div>}
    </div>
  );
}
