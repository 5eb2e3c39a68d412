import { RotateCw } from 'lucide-react';
import { RERUN_TEXT, type Rerun } from './rerunNote';

/** Beside a completed query's status: its rows are being, or were, produced by running its SQL again (rerunNote.ts). */
export function RerunNote({ rerun, className = 'status-rerun' }: { rerun: Rerun | undefined; className?: string }) {
  if (!rerun) return null;
  return (
    <p className={className} role="note">
      <RotateCw aria-hidden="true" />
      {RERUN_TEXT[rerun]}
    </p>
  );
}
