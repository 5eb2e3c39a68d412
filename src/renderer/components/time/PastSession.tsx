import type { SextantApi } from '../../../shared/contracts/protocol';
import { PastBanner } from './PastBanner';
import { PastSessionView } from './PastSessionView';
import type { PastView } from './useTimeTravel';

interface Props {
  api: SextantApi;
  past: PastView;
  rowsAvailable(queryId: string): number | undefined;
  onBack(): void;
  onNotice(message: string): void;
}

/** What the workspace shows in place of the session while a point of its timeline is selected. */
export function PastSession({ api, past, rowsAvailable, onBack, onNotice }: Props) {
  return (
    <>
      <PastBanner occurredAt={past.occurredAt} onBack={onBack} />
      <PastSessionView api={api} session={past.session} rowsAvailable={rowsAvailable} onNotice={onNotice} />
    </>
  );
}
