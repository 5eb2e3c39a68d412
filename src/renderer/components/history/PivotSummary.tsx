import { Table2 } from 'lucide-react';
import { pivotLayoutWords, type PivotSpec } from '../../../shared/pivot/pivotSpec';

/** Under a query in the history: its pivot, e.g. "Pivot: Average of delay by origin, destination across month". */
export function PivotSummary({ spec }: { spec: PivotSpec }) {
  const what = spec.aggregate === 'Count' ? `Count of ${spec.values}` : `${spec.aggregate} of ${spec.values}`;
  return (
    <span className="view-summary">
      <span className="view-sort">
        <Table2 aria-hidden="true" />
        Pivot: {what}
        {pivotLayoutWords(spec)}
      </span>
    </span>
  );
}
