import { useMemo, useRef, useState } from 'react';
import { scrollMemory, type ScrollPlace } from './scrollMemory';

/** Where a grid starts, and what it tells when it goes: a tab switch unmounts it (useGridScroll). */
export interface RememberedPlace {
  /** Where this result's grid was left in this view, recalled once as it mounts; undefined: the top. */
  readonly start: ScrollPlace | undefined;
  leave(place: ScrollPlace): void;
}

/** The grid's place in the window's scroll memory (scrollMemory.ts), for its result and view. */
export function useRememberedPlace(queryId: string, view: string): RememberedPlace {
  const [start] = useState(() => scrollMemory.recall(queryId, view));
  // left in the view shown when it unmounts, which a sort or filter may have changed since the mount
  const at = useRef({ queryId, view });
  at.current = { queryId, view };
  return useMemo(() => ({ start, leave: (place) => scrollMemory.remember(at.current.queryId, at.current.view, place) }), [start]);
}
