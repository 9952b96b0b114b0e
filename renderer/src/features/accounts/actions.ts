import type { ErrorInfo } from '../../../../preload/api';
import type { Strings } from '../../i18n/strings';
import type { Store } from '../../store/store';

/** Copies an account's code and says so; the error, when there is one, goes back to the caller. */
export async function copyCode(store: Store, t: Strings, id: string): Promise<ErrorInfo | undefined> {
  const r = await window.keyfob.copyCode(id);
  if (!r.ok) return r.error;
  store.notify({ kind: 'ok', phrases: [{ key: r.value.next ? 'copiedNext' : 'copied' }] });
  return undefined;
}

/** Moves an account up or down the list, keeping the focus on it. */
export async function moveAccount(store: Store, id: string, delta: number): Promise<void> {
  const accounts = store.get().accounts;
  if (!accounts) return;
  const ids = accounts.map((a) => a.id);
  const from = ids.indexOf(id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= ids.length) return;
  ids.splice(to, 0, ...ids.splice(from, 1));
  const list = await store.call(window.keyfob.reorderAccounts(ids));
  if (list) store.update({ accounts: list });
  requestAnimationFrame(() =>
    document.querySelector<HTMLButtonElement>(`li[data-id="${id}"] button.copy`)?.focus(),
  );
}
