import { useRef, useState, type ReactNode } from 'react';

/**
 * A toolbar button that opens a modal dialog; focus comes back to the button when the dialog
 * closes, so keyboard users carry on where they were.
 */
export function DialogButton({ className, title, children, dialog }: { className: string; title?: string; children: ReactNode; dialog: (onClose: () => void) => ReactNode }) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button ref={button} type="button" className={className} onClick={() => setOpen(true)} aria-haspopup="dialog" title={title}>
        {children}
      </button>
      {open &&
        dialog(() => {
          setOpen(false);
          button.current?.focus();
        })}
    </>
  );
}
