import { useEffect, useState } from 'react';
import type { CommandRefusal } from '../status/commandRefusal';

/** How long the entry a refused Add points at stays highlighted (styles/catalog.css's .dataset.flash animation lasts as long). */
export const FLASH_MS = 2000;

/**
 * The catalog entry a refused Add points at: the dataset that already reads the source, when the
 * refusal names one the list shows (main puts its id in the details: shared/domain/dataset.ts).
 */
export function existingEntry(refusal: CommandRefusal | undefined, ids: readonly string[]): string | undefined {
  if (refusal?.command !== 'AddDataset' || refusal.error.code !== 'DATASET_ALREADY_EXISTS') return undefined;
  const id = refusal.error.details?.['datasetId'];
  return typeof id === 'string' && ids.includes(id) ? id : undefined;
}

/**
 * A refused catalog command, said beside the Add box until the person edits the box (`dismiss`) or
 * a catalog command goes through (App clears it). An Add refused because the source is in the
 * catalog already scrolls that entry into view and highlights it for FLASH_MS (`flashId`); the
 * focus stays in the box, where the person was typing.
 */
export function useAddRefusal(refusal: CommandRefusal | undefined, ids: readonly string[], entry: (id: string) => HTMLElement | null | undefined) {
  const [dismissed, setDismissed] = useState<CommandRefusal>();
  const [flashId, setFlashId] = useState<string>();
  const shown = refusal === dismissed ? undefined : refusal;
  const existing = existingEntry(shown, ids);
  useEffect(() => {
    if (!existing) return;
    entry(existing)?.scrollIntoView({ block: 'nearest' });
    setFlashId(existing);
    const timer = setTimeout(() => setFlashId(undefined), FLASH_MS);
    // a refusal dismissed (or replaced) before the time is up takes its highlight with it
    return () => {
      clearTimeout(timer);
      setFlashId(undefined);
    };
    // once a refusal: not again when the list changes under it
  }, [shown]);
  return { shown, flashId, dismiss: () => shown && setDismissed(shown) };
}
