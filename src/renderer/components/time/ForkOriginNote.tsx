import { GitFork } from 'lucide-react';
import type { ForkOrigin } from '../../../shared/contracts/sessionForked';
import { formatWhen } from '../format';

/**
 * Where a forked session came from, under its tab, named as that session is called now (`titleNow`;
 * undefined once it is gone), with the name it had then when that differs: "Session 1" may since be
 * another tab's. Titles are isolated (`bdi`), so their bidi controls stay in them.
 */
export function ForkOriginNote({ from, titleNow }: { from: ForkOrigin; titleNow: string | undefined }) {
  const renamed = titleNow !== undefined && titleNow !== from.title;
  return (
    <p className="fork-origin">
      <GitFork aria-hidden="true" />
      forked from <bdi>{titleNow ?? from.title}</bdi>
      {renamed && (
        <>
          {' '}
          (then “<bdi>{from.title}</bdi>”)
        </>
      )}{' '}
      at <time dateTime={from.occurredAt}>{formatWhen(from.occurredAt)}</time>
    </p>
  );
}
