import { Clock } from 'lucide-react';
import { formatWhen } from '../format';
import { sqlHeadline } from '../../../shared/text/sqlHeadline';

/**
 * Above a result kept on screen after a later query failed or was cancelled: says it is the
 * previous query's, which SQL and when it ran, so the rows under an error are not taken for its.
 */
export function PreviousResultNote({ sql, startedAt }: { sql: string; startedAt: string }) {
  return (
    <p className="grid-previous muted" role="note" aria-label="Previous result" title={sql}>
      <Clock aria-hidden="true" />
      <span className="grid-previous-text">
        Showing the previous result: <code>{sqlHeadline(sql)}</code> · <time dateTime={startedAt}>{formatWhen(startedAt)}</time>
      </span>
    </p>
  );
}
