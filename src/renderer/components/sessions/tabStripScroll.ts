import { useEffect, type RefObject } from 'react';

/**
 * Keeps a tab strip that scrolls sideways readable: the shown tab is scrolled into sight when it is
 * opened, switched to or restored, and again whenever the strip changes size (a narrower window
 * would otherwise leave it under the buttons beside the strip); `data-more-before`/`data-more-after`
 * say that tabs lie out of sight on that side, which the strip's edges show as a fade.
 */
export function useTabStripScroll(list: RefObject<HTMLElement | null>, shownTabId: string | undefined, tabs: unknown): void {
  useEffect(() => {
    const strip = list.current;
    if (!strip) return;
    const markHidden = (): void => {
      // A pixel of slack: fractional widths leave scrollLeft a hair short of its end.
      strip.toggleAttribute('data-more-before', strip.scrollLeft > 1);
      strip.toggleAttribute('data-more-after', strip.scrollLeft + strip.clientWidth < strip.scrollWidth - 1);
    };
    const showShown = (): void => {
      if (shownTabId !== undefined) strip.querySelector(`#${CSS.escape(shownTabId)}`)?.parentElement?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
      markHidden();
    };
    showShown();
    const resized = new ResizeObserver(showShown);
    resized.observe(strip);
    strip.addEventListener('scroll', markHidden, { passive: true });
    return () => {
      resized.disconnect();
      strip.removeEventListener('scroll', markHidden);
    };
  }, [list, shownTabId, tabs]);
}
