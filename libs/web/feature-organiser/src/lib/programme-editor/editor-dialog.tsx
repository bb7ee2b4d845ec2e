import { useEffect, useId, useRef } from 'react';
import type { KeyboardEvent, ReactNode } from 'react';

export interface EditorDialogProps {
  title: ReactNode;
  /** Escape, the close button or a click outside. */
  onClose: () => void;
  children: ReactNode;
  /** `alertdialog` for a question that needs an answer (a conflict, a deletion). */
  role?: 'dialog' | 'alertdialog';
  closeLabel: string;
  wide?: boolean;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog: focus moves into it and back to where it was when it closes, Tab stays inside, Escape closes.
 * (Not the native `<dialog>`: jsdom does not implement `showModal`, and the specs drive this one.)
 */
export function EditorDialog({
  title,
  onClose,
  children,
  role = 'dialog',
  closeLabel,
  wide,
}: EditorDialogProps) {
  const titleId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first = panel.current?.querySelector<HTMLElement>(
      'input:not([disabled]), select, textarea, [data-autofocus]',
    );
    (first ?? panel.current)?.focus();
    return () => previous?.focus();
  }, []);

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onCloseRef.current();
      return;
    }
    if (event.key !== 'Tab' || !panel.current) return;
    // A dialog opened from this one handles its own Tab.
    event.stopPropagation();
    const focusable = Array.from(panel.current.querySelectorAll<HTMLElement>(FOCUSABLE));
    const firstItem = focusable[0];
    const lastItem = focusable[focusable.length - 1];
    if (!firstItem || !lastItem) return;
    if (event.shiftKey && document.activeElement === firstItem) {
      event.preventDefault();
      lastItem.focus();
    } else if (!event.shiftKey && document.activeElement === lastItem) {
      event.preventDefault();
      firstItem.focus();
    }
  };

  return (
    <div
      className="pe-dialog__backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onCloseRef.current();
      }}
    >
      <div
        ref={panel}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        className={wide ? 'pe-dialog pe-dialog--wide' : 'pe-dialog'}
        onKeyDown={handleKeyDown}
      >
        <div className="pe-dialog__head">
          <h2 id={titleId} className="pe-dialog__title">
            {title}
          </h2>
          <button type="button" className="pe-dialog__close" onClick={() => onCloseRef.current()}>
            <span aria-hidden="true">×</span>
            <span className="pl-visually-hidden">{closeLabel}</span>
          </button>
        </div>
        <div className="pe-dialog__body">{children}</div>
      </div>
    </div>
  );
}
