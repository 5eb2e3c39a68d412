import { GitFork } from 'lucide-react';
import type { ForkOrigin } from '../../../shared/contracts/sessionForked';
import { formatWhen } from '../format';

/** Where a forked session came from, under its tab; its title isolated (`bdi`), so its bidi controls stay in it. */
export function ForkOriginNote({ from }: { from: ForkOrigin }) {
  return (
    <p className="fork-origin">
      <GitFork aria-hidden="true" />
      forked from <bdi>{from.title}</bdi> at <time dateTime={from.occurredAt}>{formatWhen(from.occurredAt)}</time>
    </p>
  );
}
