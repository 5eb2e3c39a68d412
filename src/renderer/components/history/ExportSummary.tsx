import { FileDown } from 'lucide-react';
import { exportFormatLabel } from '../../../shared/explore/exportFormat';
import type { ExportEntry } from '../../../shared/views/appView';
import { formatBytes } from '../export/formatBytes';
import { countOf } from '../format';

/** Under a query in the history: each delivered export of its result, e.g. "Exported 1,461 rows as Parquet (52 KB), downloaded" (recorded only once the browser got the whole file). */
export function ExportSummary({ exports }: { exports: readonly ExportEntry[] }) {
  return (
    <>
      {exports.map((x) => (
        // The icon and its words in one item, as ViewSummary's: a bare text node would be a flex item of its own and wrap under the icon.
        <span key={x.exportedAt} className="view-summary export-summary">
          <span className="view-export">
            <FileDown aria-hidden="true" />
            Exported {countOf(x.rows, 'row')} as {exportFormatLabel[x.format]} ({formatBytes(x.bytes)}){x.target === 'download' ? ', downloaded' : ` to ${x.target}`}
          </span>
        </span>
      ))}
    </>
  );
}
