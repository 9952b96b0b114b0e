/**
 * What can be done to accounts from anywhere in the window (the list's buttons and keys, the menu, the quick
 * search, the global keys): each calls main and says how it went with a toast.
 */
import QRCode from 'qrcode';
import type { AccountView, ErrorInfo, ExportView } from '../../../../preload/api';
import { COPY_TOAST_MS, errorNotice, type Store, type Toast } from '../../store/store';
import { accountName } from '../../ui/format';

function nameOf(store: Store, id: string): string {
  const account = store.get().accounts?.find((a) => a.id === id);
  return account ? accountName(account) : '';
}

/**
 * Copies an account's code and says so for a moment: which account, and when the clipboard clears it, with a
 * tick on its row. The error, when there is one, goes back to the caller (the quick search shows it itself).
 */
export async function copyCode(store: Store, id: string): Promise<ErrorInfo | undefined> {
  const name = nameOf(store, id);
  const r = await window.keyfob.copyCode(id);
  if (!r.ok) return r.error;
  const { next, clearsInSeconds } = r.value;
  store.notify(
    {
      kind: 'ok',
      phrases: [
        {
          key: 'copiedToast',
          args: clearsInSeconds === undefined ? [name, next] : [name, next, clearsInSeconds],
        },
      ],
    },
    { timeoutMs: COPY_TOAST_MS, copied: id },
  );
  return undefined;
}

/** Copies, showing an error as a toast: for callers with nowhere of their own to show it. */
export async function copyCodeOrSay(store: Store, id: string): Promise<void> {
  const error = await copyCode(store, id);
  if (error && error.code !== 'CANCELLED') store.notify(errorNotice(error));
}

/**
 * Deletes an account with a 5-second Undo: main hides it at once and deletes its key only when the time is
 * over (so the Undo works even if the window closes meanwhile, and a quit completes it at the next start).
 */
export async function removeWithUndo(store: Store, account: AccountView): Promise<void> {
  const removed = await store.call(window.keyfob.removeAccount(account.id));
  if (!removed) return;
  // The list follows main's push; dropped here too, so the row goes at once.
  store.update((s) => ({ accounts: s.accounts?.filter((a) => a.id !== account.id) }));
  store.notify(
    { kind: 'ok', phrases: [{ key: 'removedToast', args: [accountName(account)] }] },
    { timeoutMs: removed.undoMs, undo: account.id },
  );
}

/** The Undo of a toast from removeWithUndo: the account comes back where it was, with its shortcut. */
export async function undoRemove(store: Store, toast: Toast): Promise<void> {
  if (!toast.undo) return;
  store.dismiss(toast.id);
  const back = await store.call(window.keyfob.undoRemoveAccount(toast.undo));
  if (!back) return;
  const list = await store.call(window.keyfob.listAccounts());
  if (list) store.update({ accounts: list });
  // Its row takes the focus, as the list's own arrows give it; the list brings it into view first (it may be
  // far from the rows in the page).
  store.askList({ kind: 'focus', id: back.id });
}

/** The newest toast that offers an Undo (Ctrl/Cmd+Z takes it). */
export function lastUndo(store: Store): Toast | undefined {
  return store
    .get()
    .toasts.filter((t) => t.undo)
    .at(-1);
}

/** Every key as Google Authenticator transfer QR codes, once main has asked the person (its own dialog). */
export async function exportAccounts(
  store: Store,
): Promise<{ codes: string[]; excluded: ExportView['excluded'] } | undefined> {
  const r = await store.call(window.keyfob.exportAccounts('migration'));
  if (!r) return undefined;
  const codes = await Promise.all(
    r.lines.map((l) => QRCode.toDataURL(l, { margin: 2, width: 280, errorCorrectionLevel: 'L' })),
  );
  return { codes, excluded: r.excluded };
}
