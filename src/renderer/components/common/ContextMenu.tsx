import { useEffect, useRef, type KeyboardEvent } from 'react';
import { focusLost } from './focusLost';
import { menuKeyTarget } from './menuKeys';

export interface MenuItem {
  readonly label: string;
  readonly run: () => void;
  readonly disabled?: boolean;
}

interface Props {
  /** Names the menu for assistive tech, e.g. "Actions for cars". */
  label: string;
  x: number;
  y: number;
  items: readonly MenuItem[];
  onClose(): void;
}

/**
 * A small popup menu (right-click or an actions button): focus moves to its first item, arrows, Home,
 * End and an item's first letter move between items, Enter runs one, Escape or a click elsewhere
 * closes it and focus goes back — unless the item run put it somewhere (the editor, the results).
 */
export function ContextMenu({ label, x, y, items, onClose }: Props) {
  const menu = useRef<HTMLDivElement>(null);
  // Callers pass a new onClose on every render; the menu must not re-open (and re-focus its first item) for it.
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]:not([disabled])')?.focus();
    const outside = (e: PointerEvent) => {
      if (!menu.current?.contains(e.target as Node)) close.current();
    };
    document.addEventListener('pointerdown', outside, true);
    return () => {
      document.removeEventListener('pointerdown', outside, true);
      if (focusLost()) opener?.focus?.();
    };
  }, []);

  const onKeyDown = (e: KeyboardEvent) => {
    const buttons = [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not([disabled])') ?? [])];
    const i = buttons.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      onClose();
    } else if (!e.ctrlKey && !e.metaKey && !e.altKey) {
      const next = menuKeyTarget(e.key, i, buttons.map((b) => b.textContent ?? ''));
      if (next === undefined) return;
      e.preventDefault();
      buttons[next]?.focus();
    }
  };

  // Keep the menu on screen near the bottom and right edges.
  const left = Math.min(x, window.innerWidth - 220);
  const top = Math.min(y, window.innerHeight - 40 * items.length - 16);
  return (
    <div ref={menu} role="menu" aria-label={label} className="context-menu" style={{ left, top }} onKeyDown={onKeyDown}>
      {items.map((item) => (
        <button
          key={item.label}
          role="menuitem"
          disabled={item.disabled}
          onClick={() => {
            onClose();
            item.run();
          }}
        >
          {item.label}
        </button>
      ))}
    </div>
  );
}
