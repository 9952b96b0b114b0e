import { memo, type CSSProperties } from 'react';
import {
  Button,
  GridListItem,
  Menu,
  MenuItem,
  MenuTrigger,
  Popover,
  ToggleButton,
} from 'react-aria-components';
import type { AccountView } from '../../../../preload/api';
import type { Strings } from '../../i18n/strings';
import { useAppState, useCode } from '../../store/react';
import { displayAccelerator } from '../../ui/accelerator';
import { accountName as name, groupCode } from '../../ui/format';
import { AccountIcon } from '../../ui/AccountIcon';
import { Ring } from '../../ui/Ring';
import { CopiedTick } from '../../ui/Toast';

export interface RowActions {
  onCopy: () => void;
  onHotp: () => void;
  onRename: () => void;
  onResume: () => void;
  onRemove: () => void;
  onReveal: () => void;
  onShortcut: () => void;
  onFavourite: (favourite: boolean) => void;
  onTags: () => void;
  onIcon: () => void;
}

/** The id of the one hidden text every drag handle is described by (AccountList renders it). */
export const DRAG_HELP_ID = 'account-drag-help';

/**
 * One account, an item of the list (a React Aria GridList): the row copies its code (click, Enter) or makes the
 * next counter-based one, and holds the copy button, the countdown, the star, the drag handle and a menu.
 * The row itself does not follow the codes: only its code line and ring do (CodeLine, RowRing), so a new code
 * re-renders two small components, not the names, icon and menu around them.
 */
export const AccountRow = memo(function AccountRow({
  account,
  hotpCode,
  t,
  shortcut,
  shortId,
  mac,
  menuOpen,
  onMenuOpenChange,
  actions,
}: {
  account: AccountView;
  hotpCode: string | undefined;
  t: Strings;
  /** Its own global shortcut, and whether another application holds it (so it is off). */
  shortcut: { accelerator: string; taken: boolean } | undefined;
  /** Shown only when another account has the same name, so the two can be told apart. */
  shortId: string | undefined;
  mac: boolean;
  /** The menu, opened from its button or from the keyboard anywhere on the row (the Menu key, Shift+F10). */
  menuOpen: boolean;
  onMenuOpenChange: (open: boolean) => void;
  actions: RowActions;
}) {
  const pending = account.status === 'pending';
  const items: ReadonlyArray<readonly [string, () => void]> = pending
    ? [
        [t.resume, actions.onResume],
        [t.discard, actions.onRemove],
      ]
    : [
        [t.rename, actions.onRename],
        [
          account.favourite ? t.favouriteRemove : t.favouriteAdd,
          () => actions.onFavourite(!account.favourite),
        ],
        [t.tagsEdit, actions.onTags],
        [t.iconChange, actions.onIcon],
        ...(account.type === 'hotp' ? [] : ([[t.accountShortcut, actions.onShortcut]] as const)),
        [t.reveal, actions.onReveal],
        [t.remove, actions.onRemove],
      ];
  const act = account.type === 'hotp' ? actions.onHotp : actions.onCopy;
  // Just added (features/add/after.ts): the row stands out for a few seconds.
  const highlighted = useAppState((s) => s.highlight.includes(account.id));
  const who = name(account);
  return (
    <GridListItem
      id={account.id}
      // The row's name for screen readers: two namesakes are told apart by their short ids here too.
      textValue={shortId ? `${who} (${t.shortId(shortId)})` : who}
      className={highlighted ? 'account highlighted' : 'account'}
      data-id={account.id}
      data-favourite={account.favourite || undefined}
      onAction={act}
    >
      {({ allowsDragging }) => (
        <>
          {allowsDragging && (
            <Button
              slot="drag"
              className="drag-handle"
              aria-label={`${t.dragHandle}: ${who}`}
              aria-describedby={DRAG_HELP_ID}
            >
              <span aria-hidden="true">⠿</span>
            </Button>
          )}
          {/* Named (the issuer) like every picture, though the copy button names the account too: the issue asks
              that a brand icon and a letter avatar both be images a screen reader can name. */}
          <span className="icon-slot">
            <AccountIcon
              issuer={account.issuer}
              label={account.label}
              size={36}
              {...(account.iconOverride !== undefined ? { override: account.iconOverride } : {})}
            />
          </span>
          <Button
            className="copy"
            onPress={act}
            aria-label={`${account.type === 'hotp' ? t.hotpNext : t.copy}: ${who}${shortId ? ` (${t.shortId(shortId)})` : ''}`}
            aria-describedby={`code-${account.id}`}
          >
            <span className="names">
              <span className="issuer">{account.issuer || account.label}</span>
              {account.issuer && <span className="label">{account.label}</span>}
              {shortId && <span className="short-id">{t.shortId(shortId)}</span>}
              {pending && (
                <span className="badge" title={t.pendingHint}>
                  {t.pending}
                </span>
              )}
              {shortcut && (
                <kbd
                  className={shortcut.taken ? 'taken' : undefined}
                  title={shortcut.taken ? t.accountShortcutTaken : undefined}
                >
                  {displayAccelerator(shortcut.accelerator, mac, t)}
                  {shortcut.taken && <span className="visually-hidden"> ({t.shortcutTakenShort})</span>}
                </kbd>
              )}
            </span>
            <CodeLine id={account.id} hotpCode={hotpCode} hotp={account.type === 'hotp'} t={t} />
          </Button>
          {hotpCode === undefined && <RowRing id={account.id} t={t} />}
          <CopiedTick id={account.id} t={t} />
          {!pending && (
            <ToggleButton
              className="star"
              isSelected={account.favourite === true}
              onChange={actions.onFavourite}
              aria-label={`${t.favourite}: ${who}`}
            >
              <span aria-hidden="true">{account.favourite ? '★' : '☆'}</span>
            </ToggleButton>
          )}
          <MenuTrigger isOpen={menuOpen} onOpenChange={onMenuOpenChange}>
            <Button className="more" aria-label={t.more(who)}>
              ⋯
            </Button>
            <Popover className="menu-popover" placement="bottom end">
              <Menu className="menu-list" autoFocus="first" onAction={(key) => items[Number(key)]?.[1]()}>
                {items.map(([label], i) => (
                  <MenuItem key={i} id={i} className="menu-item">
                    {label}
                  </MenuItem>
                ))}
              </Menu>
            </Popover>
          </MenuTrigger>
        </>
      )}
    </GridListItem>
  );
});

function CodeLine({
  id,
  hotpCode,
  hotp,
  t,
}: {
  id: string;
  hotpCode: string | undefined;
  hotp: boolean;
  t: Strings;
}) {
  const live = useCode(id);
  const code = hotpCode !== undefined ? { code: hotpCode, next: '' } : live;
  return (
    <span className="code-line">
      <span className="code" id={`code-${id}`} aria-live="off">
        {code ? groupCode(code.code) : hotp ? '••• •••' : ''}
      </span>
      {hotpCode === undefined && live && (
        // In the DOM all along, shown by CSS in the last five seconds (nothing re-renders for it). Where the
        // card is narrow, an arrow stands in for the word, which stays for screen readers.
        <span
          key={live.code}
          className="next"
          style={{ '--ending': `${Math.max(0, live.ringMs - 5000)}ms` } as CSSProperties}
        >
          <span className="next-word">{t.nextCode} </span>
          {groupCode(live.next)}
        </span>
      )}
    </span>
  );
}

function RowRing({ id, t }: { id: string; t: Strings }) {
  const live = useCode(id);
  return live ? <Ring code={live} label={t.timeLeft} /> : null;
}
