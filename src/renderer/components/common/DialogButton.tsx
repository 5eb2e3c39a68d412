import { useRef, useState, type ReactNode } from 'react';
import { useFocusOnClose } from './useFocusOnClose';

/**
 * A toolbar button that opens a modal dialog; focus comes back to the button when the dialog
 * closes, so keyboard users carry on where they were. `onOpen` runs just before it opens (in the
 * same render: state it sets is what the dialog first sees).
 */
export function DialogButton({ className, title, children, dialog, onOpen }: { className: string; title?: string; children: ReactNode; dialog: (onClose: () => void) => ReactNode; onOpen?(): void }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const focusOnClose = useFocusOnClose(open, button);
  return (
    <>
      <button ref={button} type="button" className={className} onClick={() => {
          onOpen?.();
          setOpen(true);
        }} aria-haspopup="dialog" title={title}>
        {children}
      </button>
      {open &&
        dialog(() => {
          focusOnClose();
          setOpen(false);
        })}
    </>
  );
}
