import type { AccountSort, AccountView } from '../../../../preload/api';
import type { Store } from '../../store/store';

export interface Arrangement {
  sort: AccountSort;
  /** Shown when an account has any of these (none: every account). */
  tags: ReadonlySet<string>;
  query: string;
  /** In the window's language, so "Ärzte" sorts where a German reader looks for it. */
  collator: Intl.Collator;
}

/** Every tag in use, once, in the window's alphabetical order. */
export function allTags(accounts: readonly AccountView[], collator: Intl.Collator): string[] {
  const seen = new Map<string, string>();
  for (const a of accounts) for (const tag of a.tags ?? []) seen.set(tag.toLocaleLowerCase(), tag);
  return [...seen.values()].sort(collator.compare);
}

/**
 * The accounts as the list shows them: those matching the search and any chosen tag, favourites first, then in
 * the chosen order. The manual order is main's (the list arrives in it); "recent" puts never-copied accounts
 * last, in the manual order.
 */
export function arrange(accounts: readonly AccountView[], how: Arrangement): AccountView[] {
  const words = how.query.trim().toLocaleLowerCase().split(/\s+/).filter(Boolean);
  const tags = new Set([...how.tags].map((t) => t.toLocaleLowerCase()));
  const shown = accounts.filter((a) => {
    if (tags.size > 0 && !(a.tags ?? []).some((t) => tags.has(t.toLocaleLowerCase()))) return false;
    if (words.length === 0) return true;
    const text = `${a.issuer} ${a.label} ${(a.tags ?? []).join(' ')}`.toLocaleLowerCase();
    return words.every((w) => text.includes(w));
  });
  const manual = new Map(accounts.map((a, i) => [a.id, i]));
  const byManual = (a: AccountView, b: AccountView) => manual.get(a.id)! - manual.get(b.id)!;
  const byName = (a: AccountView, b: AccountView) =>
    how.collator.compare(a.issuer || a.label, b.issuer || b.label) ||
    how.collator.compare(a.label, b.label) ||
    byManual(a, b);
  const byRecent = (a: AccountView, b: AccountView) =>
    (b.lastUsed ?? '').localeCompare(a.lastUsed ?? '') || byManual(a, b);
  const order = how.sort === 'name' ? byName : how.sort === 'recent' ? byRecent : byManual;
  return shown.sort((a, b) => Number(!!b.favourite) - Number(!!a.favourite) || order(a, b));
}

/**
 * The whole manual order after moving `id` next to `target` (before it, or after it), both as the list shows
 * them: with a search or a tag filter, an account moves past the ones shown and keeps its place among the rest.
 */
export function movedOrder(
  all: readonly AccountView[],
  id: string,
  target: string,
  position: 'before' | 'after',
): string[] | undefined {
  if (id === target) return undefined;
  const ids = all.map((a) => a.id).filter((x) => x !== id);
  const at = ids.indexOf(target);
  if (at < 0 || ids.length + 1 !== all.length) return undefined;
  ids.splice(position === 'before' ? at : at + 1, 0, id);
  return ids;
}

/**
 * Moves an account one place up or down the list as shown (Alt+↑/↓), within its group: a favourite does not
 * move below the first account that is not one.
 */
export function stepOrder(
  all: readonly AccountView[],
  shown: readonly AccountView[],
  id: string,
  delta: -1 | 1,
): string[] | undefined {
  const from = shown.findIndex((a) => a.id === id);
  const neighbour = shown[from + delta];
  if (from < 0 || !neighbour || !!neighbour.favourite !== !!shown[from]!.favourite) return undefined;
  return movedOrder(all, id, neighbour.id, delta < 0 ? 'before' : 'after');
}

/** Saves a new manual order, showing it at once; main's answer (and its push) then confirm it. */
export async function saveOrder(store: Store, ids: string[]): Promise<void> {
  const before = store.get().accounts;
  if (before) {
    const byId = new Map(before.map((a) => [a.id, a]));
    store.update({ accounts: ids.map((id) => byId.get(id)!).filter(Boolean) });
  }
  const list = await store.call(window.keyfob.reorderAccounts(ids));
  store.update({ accounts: list ?? before });
}
