import { useEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { DropIndicator, GridList, useDragAndDrop } from 'react-aria-components';
import type { AccountView } from '../../../../preload/api';
import type { Strings } from '../../i18n/strings';
import { AccountRow, DRAG_HELP_ID, type RowActions } from './AccountRow';

export interface ListKeys {
  onRename: (account: AccountView) => void;
  onRemove: (account: AccountView) => void;
  /** Alt+↑/↓: one place up or down the list as shown. */
  onStep: (account: AccountView, delta: -1 | 1) => void;
  /** A drag dropped `id` before or after `target`. */
  onDrop: (id: string, target: string, position: 'before' | 'after') => void;
}

/**
 * The accounts as an app's list (React Aria GridList): ↑/↓ (and ←/→ where the cards stand side by side) move
 * between accounts, Enter copies, Tab walks the focused card's buttons, F2 renames, Delete deletes, the Menu key
 * or Shift+F10 opens the card's menu, Alt+↑/↓ moves it, and its handle drags it. One column is a list; as soon
 * as the window fits two, the grid layout makes ←/→ and ↑/↓ follow the cards on screen.
 */
export function AccountList({
  shown,
  t,
  canReorder,
  mac,
  keys,
  rowProps,
}: {
  shown: AccountView[];
  t: Strings;
  mac: boolean;
  /** Only in the manual order: dragging has no meaning in A–Z or recently used. */
  canReorder: boolean;
  keys: ListKeys;
  rowProps: (account: AccountView) => {
    hotpCode: string | undefined;
    shortId: string | undefined;
    shortcut: { accelerator: string; taken: boolean } | undefined;
    actions: RowActions;
  };
}) {
  const ref = useRef<HTMLDivElement>(null);
  const columns = useColumns(ref, canReorder);
  const [menuFor, setMenuFor] = useState<string | undefined>();
  const byId = new Map(shown.map((a) => [a.id, a]));

  const { dragAndDropHooks } = useDragAndDrop<AccountView>({
    getItems: (ids) =>
      [...ids].map((id) => ({
        'application/x-keyfob-account': String(id),
        'text/plain': byId.get(String(id))?.issuer ?? '',
      })),
    onReorder: (e) => {
      const [moved] = [...e.keys];
      if (moved === undefined || e.target.dropPosition === 'on') return;
      keys.onDrop(String(moved), String(e.target.key), e.target.dropPosition);
    },
    renderDropIndicator: (target) => <DropIndicator target={target} className="drop-indicator" />,
  });

  // Keys of the card as a whole, caught before the list's own handling (which would take Alt+↑/↓ as ↑/↓).
  const onKeyDownCapture = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    const row = target.closest<HTMLElement>('[data-id]');
    const account = row ? byId.get(row.dataset.id ?? '') : undefined;
    if (!account || target.closest('input, textarea, [role="menu"]')) return;
    const active = account.status === 'active';
    let handled = true;
    if (e.altKey && (e.key === 'ArrowUp' || e.key === 'ArrowDown')) {
      if (canReorder) keys.onStep(account, e.key === 'ArrowUp' ? -1 : 1);
    } else if (e.key === 'F2' && active && !e.altKey && !e.ctrlKey && !e.metaKey) {
      keys.onRename(account);
    } else if (e.key === 'Delete' || (e.key === 'Backspace' && e.metaKey)) {
      keys.onRemove(account);
    } else if (e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey)) {
      setMenuFor(account.id);
    } else handled = false;
    if (handled) {
      e.preventDefault();
      e.stopPropagation();
    }
  };

  return (
    <div className="account-list" onKeyDownCapture={onKeyDownCapture}>
      <GridList
        // React Aria's list uses hooks only when it can drag: a list that gains or loses dragging is a new one.
        key={canReorder ? 'manual' : 'sorted'}
        ref={ref}
        aria-label={t.accounts}
        className="accounts"
        items={shown}
        layout={columns > 1 ? 'grid' : 'stack'}
        keyboardNavigationBehavior="tab"
        // Typing belongs to the search (the window starts one from anywhere), not to a jump by first letters.
        disallowTypeAhead
        selectionMode="none"
        // Without hooks, no handle either: in A–Z or recently used a drag would have nothing to change.
        {...(canReorder ? { dragAndDropHooks } : {})}
        // The rows read more than their account (the menu's state, the words, the shortcuts): without these,
        // the list would keep rows made for an older state.
        dependencies={[menuFor, t, canReorder, rowProps]}
      >
        {(a) => (
          <AccountRow
            key={a.id}
            account={a}
            t={t}
            mac={mac}
            menuOpen={menuFor === a.id}
            onMenuOpenChange={(open) => setMenuFor(open ? a.id : undefined)}
            {...rowProps(a)}
          />
        )}
      </GridList>
      <p id={DRAG_HELP_ID} className="visually-hidden">
        {t.dragHelp}
      </p>
    </div>
  );
}

/** How many columns the list's CSS grid has now: it decides whether ←/→ move between cards. */
function useColumns(ref: RefObject<HTMLElement | null>, remounted: unknown): number {
  const [columns, setColumns] = useState(1);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () =>
      setColumns(getComputedStyle(element).gridTemplateColumns.split(' ').filter(Boolean).length || 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, remounted]);
  return columns;
}
