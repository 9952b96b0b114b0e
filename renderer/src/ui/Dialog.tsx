import { useLayoutEffect, useRef, type ReactNode } from 'react';
import type { Strings } from '../i18n/strings';

/** A modal dialog on the platform's own <dialog>: focus kept inside, Escape closes, focus returned on close. */
export function Dialog({
  title,
  children,
  onClose,
}: {
  title: string;
  children: ReactNode;
  onClose: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  // Layout effect: its cleanup runs while the dialog is still in the page, so closing it gives the focus back
  // to the control that opened it.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      dialog.showModal();
      // Focusing a control low in a tall dialog scrolls it there: a dialog opens at its title and warning.
      dialog.scrollTop = 0;
    }
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} aria-labelledby="dialog-title" onCancel={onClose} className="dialog">
      <h2 id="dialog-title">{title}</h2>
      {children}
    </dialog>
  );
}

/** The end of a dialog's form: Cancel, and Save as its submit button. */
export function SaveOrCancel({ t, onCancel }: { t: Strings; onCancel: () => void }) {
  return (
    <div className="actions">
      <button type="button" onClick={onCancel}>
        {t.cancel}
      </button>
      <button type="submit" className="primary">
        {t.save}
      </button>
    </div>
  );
}

export function ConfirmDialog({
  title,
  body,
  confirm,
  danger,
  t,
  onConfirm,
  onClose,
}: {
  title: string;
  body: string;
  confirm: string;
  danger?: boolean;
  t: Strings;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog title={title} onClose={onClose}>
      <p>{body}</p>
      <div className="actions">
        <button type="button" onClick={onClose} autoFocus>
          {t.cancel}
        </button>
        <button type="button" className={danger ? 'danger' : 'primary'} onClick={onConfirm}>
          {confirm}
        </button>
      </div>
    </Dialog>
  );
}
