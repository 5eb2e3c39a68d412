import { GitFork } from 'lucide-react';
import type { ForkOrigin } from '../../../shared/contracts/sessionForked';
import { formatWhen } from '../format';

/**
 * Where a forked session came from, under its tab, named as that session is called now (`titleNow`),
 * with the name it had then when that differs: "Session 1" may since be another tab's. `titleNow` is
 * undefined when the session is not in this app (a fork imported from another machine's log): it is
 * then named as it was, and said not to be here, so a "Session 1" of this app is not taken for it.
 * Titles are isolated (`bdi`), so their bidi controls stay in them.
 */
export function ForkOriginNote({ from, titleNow }: { from: ForkOrigin; titleNow: string | undefined }) {
  const renamed = titleNow !== undefined && titleNow !== from.title;
  return (
    <p className="fork-origin">
      <GitFork aria-hidden="true" />
      {/* one flex item: the row's gap between its text nodes put spaces inside the quotes */}
      <span>
        forked from <bdi>{titleNow ?? from.title}</bdi>
        {renamed && (
          <>
            {' '}
            (then “<bdi>{from.title}</bdi>”)
          </>
        )}
        {titleNow === undefined && <span title="The session it was forked from is not among this app's sessions: its log was imported without it"> (not here)</span>}{' '}
        at <time dateTime={from.occurredAt}>{formatWhen(from.occurredAt)}</time>
      </span>
    </p>
  );
}
