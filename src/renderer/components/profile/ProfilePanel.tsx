import { useVirtualizer } from '@tanstack/react-virtual';
import { CircleStop, Play, X } from 'lucide-react';
import { useEffect, useRef, type KeyboardEvent } from 'react';
import type { Column } from '../../../shared/contracts/events';
import type { SextantApi } from '../../../shared/contracts/protocol';
import type { ProfileTarget } from '../../../shared/explore/columnProfile';
import { useHandOffFocus } from '../common/focusLost';
import { useFocusReturn } from '../common/useFocusReturn';
import { countOf, formatCount } from '../format';
import { ProfileCard } from './ProfileCard';
import { cardState } from './profileCardState';
import { useColumnProfiles } from './useColumnProfiles';

interface Props {
  api: SextantApi;
  /** Memoized by the caller: a new object is a new target. */
  target: ProfileTarget;
  /** What is profiled, for the heading ("Result", a dataset's name). */
  title: string;
  columns: readonly Column[];
  /** Only this column (a header's "Profile column"); otherwise every column. */
  only?: number;
  onClose(): void;
  /**
   * A click on a most frequent value: filter the grid to it. Optional: the app wires it to the
   * grid's filter state; without it the values are not buttons.
   */
  onFilterValue?: (column: number, value: string | null) => void;
  /** Just opened by the person: the region takes focus. One shown again (a tab switch, its result back in the grid) leaves focus where it is. */
  takeFocus?: boolean;
}

/**
 * Height of a card until it is profiled: cards are virtualized, so only those in view (and a few
 * around) exist and are asked for. A profiled card takes its content's height (measured), so two
 * frequent values leave no empty half-card; one still waiting keeps this, so no more are asked for
 * than fit.
 */
const CARD_HEIGHT = 236;
const OVERSCAN = 2;

/**
 * The "Column profiles" region: one card per column, virtualized. Main is asked for the cards in
 * view and, as the list scrolls, for the ones coming into view; the window stays responsive while
 * a wide table's profiles compute. Escape closes it; Cancel drops what is still computing.
 */
export function ProfilePanel({ api, target, title, columns, only, onClose, onFilterValue, takeFocus = false }: Props) {
  const list = only === undefined ? columns.map((_, i) => i) : [only];
  const profiles = useColumnProfiles(api, target);
  const scroller = useRef<HTMLDivElement>(null);
  const region = useRef<HTMLElement>(null);
  const virtualizer = useVirtualizer({ count: list.length, getScrollElement: () => scroller.current, estimateSize: () => CARD_HEIGHT, overscan: OVERSCAN });
  const items = virtualizer.getVirtualItems();
  const visible = items.map((v) => list[v.index]!);
  const key = visible.join(',');
  const { show } = profiles;
  useEffect(() => show(visible), [key, show, profiles.cancelled]);
  useFocusReturn();
  useEffect(() => {
    if (takeFocus) region.current?.focus();
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      onClose();
    }
  };
  const computing = profiles.computing > 0;
  // Cancel gives way to Resume (and Resume to Cancel, or to nothing once all is computed): focus on
  // the button that went moves to the one that came, or to the region, where Escape still closes it
  const head = useRef<HTMLElement>(null);
  const handOff = useHandOffFocus(`${computing} ${profiles.cancelled}`, () => (head.current?.querySelector<HTMLElement>('button.icon-text') ?? region.current)?.focus());
  const heading = only === undefined ? `Profile of ${title}` : `Profile of ${columns[only]?.name ?? ''}`;
  // a result's profile is of the rows the grid shows: said as the grid's status says it
  const { filtered } = profiles;
  const rowsNote = filtered ? `${formatCount(filtered.rows)} of ${countOf(filtered.of, 'row')}` : target.kind === 'result' && (target.filter?.length ?? 0) > 0 ? 'Filtered rows' : '';
  return (
    <section ref={region} className="profile-panel" role="region" aria-label="Column profiles" tabIndex={-1} onKeyDown={onKeyDown}>
      <header ref={head} className="profile-head" {...handOff}>
        {/* cut with "…" in a narrow panel: the tooltip says it whole */}
        <h2 className="profile-title" title={heading}>
          {heading}
        </h2>
        {computing && (
          <button className="icon-text" onClick={profiles.cancel}>
            <CircleStop aria-hidden="true" /> Cancel
          </button>
        )}
        {profiles.cancelled && (
          <button className="icon-text" onClick={profiles.resume}>
            <Play aria-hidden="true" /> Resume
          </button>
        )}
        <button className="icon-button" aria-label="Close profiles" title="Close (Escape)" onClick={onClose}>
          <X aria-hidden="true" />
        </button>
        {/* a line of their own under the title: beside it "50,231 of 3,000,000 rows" cut the title to "Prof…" */}
        <p className="muted profile-meta">
          <span>{countOf(list.length, 'column')}</span>
          {rowsNote && (
            <span className="profile-rows" title="The rows the grid's filters keep: the figures describe these">
              {rowsNote}
            </span>
          )}
        </p>
      </header>
      <p className="muted profile-status" aria-live="polite">
        {profiles.sample ? `Sample of ${countOf(profiles.sample.rows, 'row')} (of ${formatCount(profiles.sample.of)}): figures marked ≈ are estimated from it.` : ''}
        {profiles.cancelled ? 'Cancelled: profiles not computed yet are not asked for.' : computing ? ` Computing ${countOf(profiles.computing, 'column')}…` : ''}
      </p>
      {profiles.error && (
        <p className="error profile-error">
          Could not profile: {profiles.error.message} (error id {profiles.error.id})
        </p>
      )}
      <div ref={scroller} className="profile-list">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((v) => {
            const column = list[v.index]!;
            const c = columns[column];
            const state = cardState(column, profiles.settled, profiles.cancelled);
            return (
              <div
                key={column}
                ref={virtualizer.measureElement}
                data-index={v.index}
                className="profile-slot"
                style={{ transform: `translateY(${v.start}px)`, ...(state.kind === 'profiled' ? {} : { height: CARD_HEIGHT }) }}
              >
                <ProfileCard column={column} name={c?.name ?? ''} type={c?.type ?? ''} state={state} {...(onFilterValue ? { onFilterValue } : {})} />
              </div>
            );
          })}
        </div>
      </div>
    </section>
  );
}
