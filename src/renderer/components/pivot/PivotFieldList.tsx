import { Plus, X } from 'lucide-react';
import { useLayoutEffect, useRef, useState } from 'react';
import type { PivotGrain } from '../../../shared/pivot/pivotGrain';
import { PivotGrainSelect } from './PivotGrainSelect';
import { focusAfterRemoval, focusTarget } from './pivotFieldFocus';

interface Props {
  /** The heading, and the picker's accessible name ("Rows", "Columns"). */
  label: 'Rows' | 'Columns';
  names: readonly string[];
  chosen: readonly string[];
  /** The other axis's fields: not offered here, a field on both axes being one value per cell. */
  taken: readonly string[];
  max: number;
  /** What no field means, said where the chips would be ("none: one Total row"). */
  none?: string;
  onChange(next: string[]): void;
  /** Each date field's grain (none: its exact values), its DuckDB type, and a change of grain. */
  grains: Readonly<Record<string, PivotGrain>>;
  typeOf(field: string): string;
  onGrain(field: string, grain: PivotGrain | undefined): void;
}

/**
 * One axis of the pivot, as it is: its heading, then its fields in order as chips (or, with none,
 * what that means). A chip's field is a select, so choosing another field replaces it in place; its
 * × removes it, the last one too (no row field: one row of totals). Then the picker, which only adds:
 * it reads "Add a row field…" until a field is picked, and "Add to rows" appends that one as the
 * last level. Adding with a button, not on the picker's change, since arrow keys on a closed select
 * change it, one field per key press.
 */
export function PivotFieldList({ label, names, chosen, taken, max, none, onChange, grains, typeOf, onGrain }: Props) {
  const free = names.filter((n) => !chosen.includes(n) && !taken.includes(n));
  const [picked, setPicked] = useState('');
  const pick = free.includes(picked) ? picked : '';
  const where = label.toLowerCase();
  const one = label === 'Rows' ? 'row' : 'column';
  const full = chosen.length >= max;
  const group = useRef<HTMLDivElement>(null);
  // where the focus goes once the list has re-rendered: a removed chip's × leaves with it
  const focusNext = useRef<(el: HTMLElement) => HTMLElement | null>(undefined);
  useLayoutEffect(() => {
    const target = focusNext.current;
    focusNext.current = undefined;
    if (target && group.current) target(group.current)?.focus();
  });
  const remove = (i: number) => {
    const target = focusAfterRemoval(i, chosen.length - 1);
    focusNext.current = (el) => focusTarget(el, target);
    onChange(chosen.filter((_, j) => j !== i));
  };
  const add = () => {
    if (!pick) return;
    setPicked('');
    // the picker again, for another field; when the list is full, the new chip's ×
    focusNext.current = (el) => el.querySelector<HTMLElement>('.pivot-picker:enabled') ?? el.querySelector<HTMLElement>('.pivot-chip:last-child button');
    onChange([...chosen, pick]);
  };
  return (
    <div ref={group} className="pivot-field pivot-axis" role="group" aria-label={`${label} fields`}>
      <span className="pivot-axis-label" aria-hidden="true">
        {label}
      </span>
      <ul className="pivot-chips">
        {chosen.map((n, i) => (
          <li key={n} className="pivot-chip">
            <select
              aria-label={`${label === 'Rows' ? 'Row' : 'Column'} field ${i + 1}`}
              title={`Choose another field in place of ${n}`}
              value={n}
              disabled={free.length === 0}
              onChange={(e) => {
                // the chip is keyed by its field, so it is a new one: the focus goes to its field again
                focusNext.current = (el) => el.querySelectorAll('.pivot-chip')[i]?.querySelector('select') ?? null;
                onChange(chosen.map((c, j) => (j === i ? e.target.value : c)));
              }}
            >
              {[n, ...free].map((f) => (
                <option key={f} value={f}>
                  {f}
                </option>
              ))}
            </select>
            <PivotGrainSelect field={n} type={typeOf(n)} grain={grains[n]} onGrain={(g) => onGrain(n, g)} />
            <button type="button" aria-label={`Remove ${n} from ${where}`} title={`Remove ${n} from ${where}`} onClick={() => remove(i)}>
              <X aria-hidden="true" />
            </button>
          </li>
        ))}
      </ul>
      {chosen.length === 0 && none && <span className="pivot-none">{none}</span>}
      <select className="pivot-picker" aria-label={label} title={full ? `At most ${max} ${one} fields` : `A field to add as the last ${one} level`} value={pick} disabled={free.length === 0 || full} onChange={(e) => setPicked(e.target.value)}>
        <option value="" disabled>
          {`Add a ${one} field…`}
        </option>
        {free.map((n) => (
          <option key={n} value={n}>
            {n}
          </option>
        ))}
      </select>
      <button type="button" className="pivot-add" disabled={!pick || full} onClick={add} title={`Add the picked field as the last ${one} level`}>
        <Plus aria-hidden="true" />
        Add to {where}
      </button>
    </div>
  );
}
