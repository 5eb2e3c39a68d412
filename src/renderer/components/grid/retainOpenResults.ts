import { keptPages } from './keptPages';
import { scrollMemory } from './scrollMemory';
import { widthMemory } from './widthMemory';

/**
 * What a grid leaves behind across a tab switch (its first pages, where it was scrolled, the widths a person set) is kept
 * only for results an open tab shows: a closed tab's, or a result a new run replaced, goes.
 */
export function retainOpenResults(queryIds: ReadonlySet<string>): void {
  keptPages.retain(queryIds);
  scrollMemory.retain(queryIds);
  widthMemory.retain(queryIds);
}
