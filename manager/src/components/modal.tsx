import { useEffect, useRef, type ReactNode } from 'react';
import { useT } from '../i18n';

/**
 * A modal <dialog>: the browser keeps the focus inside, Escape closes it, and the focus goes back
 * where it was. The element marked `data-autofocus` takes the focus when it opens.
 */
export function Modal({ label, onClose, children, testId, wide }: { label: string; onClose: () => void; children: ReactNode; testId: string; wide?: boolean }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (d && !d.open) d.showModal();
    d?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      d?.close();
      before?.focus();
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className={`dialog${wide ? ' dialog-wide' : ''}`}
      aria-label={label}
      data-testid={testId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 className="dialog-heading">{label}</h2>
      {children}
    </dialog>
  );
}

/** A yes/no question: the confirming button is red when `danger`. */
export function ConfirmDialog({
  label,
  text,
  confirm,
  danger,
  busy,
  onConfirm,
  onClose,
  testId,
  children,
}: {
  label: string;
  text: string;
  confirm: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm: () => void;
  onClose: () => void;
  testId: string;
  children?: ReactNode;
}) {
  const { tr } = useT();
  return (
    <Modal label={label} onClose={onClose} testId={testId}>
      <p className="dialog-text">{text}</p>
      {children}
      <div className="dialog-buttons">
        <button type="button" className={danger ? 'button danger' : 'button primary'} onClick={onConfirm} disabled={busy} data-testid={`${testId}-confirm`}>
          {confirm}
        </button>
        <button type="button" className="button" onClick={onClose} data-autofocus="">
          {tr('cancel')}
        </button>
      </div>
    </Modal>
  );
}

/** The buttons of a form in a dialog: save (submits the form) and cancel. */
export function SaveCancel({ onCancel }: { onCancel: () => void }) {
  const { tr } = useT();
  return (
    <div className="dialog-buttons">
      <button type="submit" className="button primary">
        {tr('save')}
      </button>
      <button type="button" className="button" onClick={onCancel}>
        {tr('cancel')}
      </button>
    </div>
  );
}
