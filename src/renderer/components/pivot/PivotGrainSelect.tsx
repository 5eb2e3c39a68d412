import { CalendarDays } from 'lucide-react';
import { grainLabels, grainsOf, type PivotGrain } from '../../../shared/pivot/pivotGrain';

interface Props {
  field: string;
  /** The field's DuckDB type: only a date or timestamp has grains. */
  type: string;
  grain: PivotGrain | undefined;
  onGrain(grain: PivotGrain | undefined): void;
}

/** Stands for "no grain" in the select: the field's exact values. */
const EACH_VALUE = '';

/**
 * On a date or timestamp field's chip: what its groups are, "Group <field> by" Year … Minute (a
 * date has no hours), or each value as it is. A select, as the chip's field is: keyboard operable,
 * and a change applies at once. Nothing for another type.
 */
export function PivotGrainSelect({ field, type, grain, onGrain }: Props) {
  const grains = grainsOf(type);
  if (grains.length === 0) return null;
  return (
    <span className="pivot-grain">
      <CalendarDays aria-hidden="true" />
      <select
        aria-label={`Group ${field} by`}
        title={`Group ${field} by a calendar grain, or by each value`}
        value={grain ?? EACH_VALUE}
        onChange={(e) => onGrain(e.target.value === EACH_VALUE ? undefined : (e.target.value as PivotGrain))}
      >
        {grains.map((g) => (
          <option key={g} value={g}>
            {grainLabels[g]}
          </option>
        ))}
        <option value={EACH_VALUE}>Each value</option>
      </select>
    </span>
  );
}
