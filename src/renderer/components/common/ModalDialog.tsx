import { X } from 'lucide-react';
import { useEffect, useId, useRef, type FormEvent, type KeyboardEvent, type ReactNode, type RefObject } from 'react';
import { trapTab } from './focusTrap';

interface ModalDialogProps {
  /** The dialog's heading and accessible name. */
  readonly title: ReactNode;
  /** The dialog's own class beside `modal`, for its layout. */
  readonly className: string;
  /** The dialog element: for focus the caller places or keeps inside it. */
  readonly rootRef: RefObject<HTMLElement | null>;
  /** Escape, the close button and a click outside. */
  readonly onClose: () => void;
  /** Given, the dialog is a form: Enter in a field submits it. */
  readonly onSubmit?: (event: FormEvent) => void;
  readonly footer: ReactNode;
  readonly children: ReactNode;
}

/**
 * The frame every modal dialog shares: a backdrop, `role="dialog"` named by its heading, focus
 * trapped inside, Escape and a close button that close it (Escape stops there, so a dialog opened
 * from another closes alone), a body and a footer.
 */
export function ModalDialog({ title, className, rootRef, onClose, onSubmit, footer, children }: ModalDialogProps) {
  const titleId = useId();
  // Escape closes a modal wherever the focus is: a button that goes away as an export ends can drop
  // it to the page for a moment, and an Escape then reached nothing (the dialog stayed open).
  const close = useRef(onClose);
  close.current = onClose;
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      if (e.key === 'Escape' && !e.defaultPrevented && !(e.target instanceof Node && rootRef.current?.contains(e.target))) close.current();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [rootRef]);
  const frame = {
    className: `modal ${className}`,
    role: 'dialog',
    tabIndex: -1,
    'aria-modal': true,
    'aria-labelledby': titleId,
    onKeyDown: (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.stopPropagation();
        onClose();
      } else trapTab(e, rootRef.current);
    },
  } as const;
  const content = (
    <>
      <header className="modal-header">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label="Close" onClick={onClose}>
          <X aria-hidden="true" />
        </button>
      </header>
      <div className="modal-body">{children}</div>
      <footer className="modal-footer">{footer}</footer>
    </>
  );
  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      {onSubmit ? (
        <form ref={rootRef as RefObject<HTMLFormElement | null>} {...frame} onSubmit={onSubmit}>
          {content}
        </form>
      ) : (
        <div ref={rootRef as RefObject<HTMLDivElement | null>} {...frame}>
          {content}
        </div>
      )}
    </div>
  );
}
