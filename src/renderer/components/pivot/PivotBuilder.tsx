import type { Column } from '../../../shared/contracts/events';
import { pickableNames } from '../../../shared/explore/pickableNames';
import { grainsAfter, type PivotGrain } from '../../../shared/pivot/pivotGrain';
import { aggregateMismatch } from '../../../shared/pivot/pivotSql';
import { MAX_PIVOT_COLUMNS, MAX_PIVOT_ROWS, pivotAggregates, type PivotAggregate, type PivotSpec } from '../../../shared/pivot/pivotSpec';
import { PivotFieldList } from './PivotFieldList';

interface Props {
  columns: readonly Column[];
  spec: PivotSpec;
  onChange(spec: PivotSpec): void;
}

/**
 * The pivot's fields as they are: "Rows" and "Columns" each list their fields as chips (replaced in
 * place or removed, the last row field too: no row field is a pivot of totals, one row) and a
 * picker that adds one (PivotFieldList); "Values" and "Aggregate" apply at once. Aggregates that do not fit the Values column (an average of text) are offered disabled.
 */
export function PivotBuilder({ columns, spec, onChange }: Props) {
  const names = pickableNames(columns);
  const valueType = columns.find((c) => c.name === spec.values)?.type ?? 'VARCHAR';
  const typeOf = (name: string) => columns.find((c) => c.name === name)?.type ?? 'VARCHAR';
  // a new layout makes the old sort column meaningless; a date field added gets a month (grainsAfter)
  const change = (next: Omit<PivotSpec, 'sort'>) => {
    const grains = grainsAfter(spec, [...next.rows, ...next.columns], typeOf);
    onChange({ rows: next.rows, columns: next.columns, values: next.values, aggregate: next.aggregate, ...(grains ? { grains } : {}) });
  };
  // a grain chosen on a chip; undefined: each value
  const regrain = (field: string, grain: PivotGrain | undefined) => {
    const { [field]: _, ...others } = spec.grains ?? {};
    const grains = grain ? { ...others, [field]: grain } : others;
    onChange({ rows: spec.rows, columns: spec.columns, values: spec.values, aggregate: spec.aggregate, ...(Object.keys(grains).length > 0 ? { grains } : {}) });
  };
  const axis = { names, grains: spec.grains ?? {}, typeOf, onGrain: regrain };
  return (
    <div className="pivot-builder">
      <PivotFieldList label="Rows" {...axis} chosen={spec.rows} taken={spec.columns} max={MAX_PIVOT_ROWS} none="(none: one Total row)" onChange={(rows) => change({ ...spec, rows })} />
      <PivotFieldList label="Columns" {...axis} chosen={spec.columns} taken={spec.rows} max={MAX_PIVOT_COLUMNS} onChange={(cols) => change({ ...spec, columns: cols })} />
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
