import { Plus, X } from 'lucide-react';
import { useState } from 'react';
import type { Column } from '../../../shared/contracts/events';
import { aggregateMismatch } from '../../../shared/pivot/pivotSql';
import { MAX_PIVOT_COLUMNS, MAX_PIVOT_ROWS, pivotAggregates, type PivotAggregate, type PivotSpec } from '../../../shared/pivot/pivotSpec';
import { fieldNames } from './pivotProposal';

interface Props {
  columns: readonly Column[];
  spec: PivotSpec;
  onChange(spec: PivotSpec): void;
}

/**
 * The pivot's fields: "Rows" and "Columns" each a combobox with an Add button appending a level and
 * the levels as removable chips; "Values" and "Aggregate" apply at once. Aggregates that do not fit
 * the Values column (an average of text) are offered disabled.
 */
export function PivotBuilder({ columns, spec, onChange }: Props) {
  const names = fieldNames(columns);
  const valueType = columns.find((c) => c.name === spec.values)?.type ?? 'VARCHAR';
  // a new layout makes the old sort column meaningless
  const change = (next: Omit<PivotSpec, 'sort'>) => onChange({ rows: next.rows, columns: next.columns, values: next.values, aggregate: next.aggregate });
  return (
    <div className="pivot-builder">
      <FieldList label="Rows" names={names} chosen={spec.rows} min={1} max={MAX_PIVOT_ROWS} onChange={(rows) => change({ ...spec, rows })} />
      <FieldList label="Columns" names={names} chosen={spec.columns} min={0} max={MAX_PIVOT_COLUMNS} onChange={(cols) => change({ ...spec, columns: cols })} />
      <label className="pivot-field">
        <span>Values</span>
        <select
          value={spec.values}
          onChange={(e) => {
            const type = columns.find((c) => c.name === e.target.value)?.type ?? 'VARCHAR';
            // keeps the aggregate when it fits the new column, else counts
            change({ ...spec, values: e.target.value, aggregate: aggregateMismatch(spec.aggregate, type) ? 'Count' : spec.aggregate });
          }}
        >
          {names.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <label className="pivot-field">
        <span>Aggregate</span>
        <select value={spec.aggregate} onChange={(e) => change({ ...spec, aggregate: e.target.value as PivotAggregate })}>
          {pivotAggregates.map((a) => (
            <option key={a} value={a} disabled={aggregateMismatch(a, valueType) !== undefined}>
              {a}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

function FieldList({ label, names, chosen, min, max, onChange }: { label: 'Rows' | 'Columns'; names: readonly string[]; chosen: readonly string[]; min: number; max: number; onChange(next: string[]): void }) {
  const free = names.filter((n) => !chosen.includes(n));
  const [picked, setPicked] = useState<string | undefined>();
  const pick = picked !== undefined && free.includes(picked) ? picked : free[0];
  const where = label.toLowerCase();
  return (
    <div className="pivot-field" role="group" aria-label={`${label} fields`}>
      <label>
        <span>{label}</span>
        <select value={pick ?? ''} disabled={free.length === 0 || chosen.length >= max} onChange={(e) => setPicked(e.target.value)}>
          {free.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </label>
      <button type="button" className="pivot-add" disabled={pick === undefined || chosen.length >= max} onClick={() => pick !== undefined && onChange([...chosen, pick])} title={`Add the field as the last ${where} level`}>
        <Plus aria-hidden="true" />
        Add to {where}
      </button>
      <ul className="pivot-chips">
        {chosen.map((n) => (
          <li key={n} className="pivot-chip">
            <span>{n}</span>
            <button type="button" aria-label={`Remove ${n} from ${where}`} disabled={chosen.length <= min} onClick={() => onChange(chosen.filter((c) => c !== n))}>
              <X aria-hidden="true" />
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
