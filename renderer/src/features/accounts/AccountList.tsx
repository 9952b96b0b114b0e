import {
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import {
  DropIndicator,
  GridLayout,
  GridList,
  Size,
  useDragAndDrop,
  Virtualizer,
  type GridLayoutOptions,
} from 'react-aria-components';
import type { AccountView } from '../../../../preload/api';
import type { Strings } from '../../i18n/strings';
import { useAppState } from '../../store/react';
import { AccountRow, DRAG_HELP_ID, type RowActions } from './AccountRow';

/**
 * The cards' sizes, comfortable and compact: as many columns of at least `width` px as fit (one in a narrow
 * window, however narrow), `height` until a card is measured, and the gaps between them.
 */
const CARD = {
  comfortable: { width: 320, height: 64, gapX: 10, gapY: 6 },
  compact: { width: 280, height: 50, gapX: 8, gapY: 4 },
} as const;

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
 *
 * Virtualised: only the cards on screen (and the focused one) are in the page, placed by React Aria's grid
 * layout as the window scrolls, so 2,000 accounts cost what a screenful does. The list keeps the page's own
 * scrolling (the layout follows the window), so the toolbar, the keys and the tests see one scrolling page.
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
  const outer = useRef<HTMLDivElement>(null);
  const density = useAppState((s) => s.settings?.density ?? 'comfortable');
  const width = useWidth(outer);
  const card = CARD[density];
  // GridLayout never makes a card narrower than its minimum: in a window narrower than one card, the minimum
  // is the window, so nothing scrolls sideways.
  const minWidth = width > 0 ? Math.max(1, Math.min(card.width, width - card.gapX)) : card.width;
  const columns = Math.max(1, Math.floor(width / (minWidth + card.gapX)));
  const layoutOptions = useMemo<GridLayoutOptions>(
    () => ({
      minItemSize: new Size(minWidth, card.height),
      minSpace: new Size(card.gapX, card.gapY),
      dropIndicatorThickness: 3,
    }),
    [minWidth, card],
  );
  // One layout for the list's life: it also says where a card is that is not on screen (useShowAdded).
  const layout = useMemo(() => new GridLayout(), []);
  useShowAdded(layout, ref);
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
    <div className="account-list" ref={outer} onKeyDownCapture={onKeyDownCapture}>
      <Virtualizer layout={layout} layoutOptions={layoutOptions}>
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
      </Virtualizer>
      <p id={DRAG_HELP_ID} className="visually-hidden">
        {t.dragHelp}
      </p>
    </div>
  );
}

/** The list's width, followed as the window resizes: it decides the columns, and whether ←/→ move between cards. */
function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  // Before the first paint: a first frame laid out for no width would measure cards at the wrong size.
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setWidth(element.clientWidth);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

/**
 * Accounts just added are highlighted (features/add/after.ts); in a long list they may be far below. Scroll the
 * page so the first of them is in view, under the toolbar, unless it already is. The card may not be in the page
 * (the list is virtualised), so its place comes from the layout.
 */
function useShowAdded(layout: GridLayout<unknown>, list: RefObject<HTMLElement | null>): void {
  const first = useAppState((s) => s.highlight[0]);
  useEffect(() => {
    if (first === undefined) return;
    const frame = requestAnimationFrame(() => {
      const rect = layout.getLayoutInfo(first)?.rect;
      const element = list.current;
      if (!rect || !element) return;
      const toolbar = document.querySelector('header.toolbar')?.getBoundingClientRect().bottom ?? 0;
      const top = element.getBoundingClientRect().top + rect.y;
      const bottom = top + rect.height;
      if (top >= toolbar && bottom <= window.innerHeight) return;
      window.scrollBy({ top: top - toolbar - 12 });
    });
    return () => cancelAnimationFrame(frame);
  }, [first, layout, list]);
}
