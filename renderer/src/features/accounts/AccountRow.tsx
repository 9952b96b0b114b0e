import { memo, type CSSProperties } from 'react';
import { Button, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import type { AccountView } from '../../../../preload/api';
import type { Strings } from '../../i18n/strings';
import { useCode } from '../../store/react';
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
  onMove: (delta: number) => void;
}

/**
 * One account: a button that copies its code (or makes the next counter-based one), the countdown, and a menu.
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
  actions: RowActions;
}) {
  const items: ReadonlyArray<readonly [string, () => void]> =
    account.status === 'pending'
      ? [
          [t.resume, actions.onResume],
          [t.discard, actions.onRemove],
        ]
      : [
          [t.rename, actions.onRename],
          ...(account.type === 'hotp' ? [] : ([[t.accountShortcut, actions.onShortcut]] as const)),
          [t.reveal, actions.onReveal],
          [t.remove, actions.onRemove],
        ];
  return (
    <li
      className="account"
      draggable
      onDragStart={(e) => e.dataTransfer.setData('text/x-keyfob-account', account.id)}
      data-id={account.id}
    >
      {/* Named (the issuer) like every picture, though the copy button names the account too: the issue asks
          that a brand icon and a letter avatar both be images a screen reader can name. */}
      <span className="icon-slot">
        <AccountIcon issuer={account.issuer} label={account.label} size={36} />
      </span>
      <button
        type="button"
        className="copy"
        onClick={account.type === 'hotp' ? actions.onHotp : actions.onCopy}
        onKeyDown={(e) => {
          if (e.altKey && e.key === 'ArrowUp') {
            e.preventDefault();
            actions.onMove(-1);
          } else if (e.altKey && e.key === 'ArrowDown') {
            e.preventDefault();
            actions.onMove(1);
          }
        }}
        aria-label={`${account.type === 'hotp' ? t.hotpNext : t.copy}: ${name(account)}${shortId ? ` (${t.shortId(shortId)})` : ''}`}
        aria-describedby={`code-${account.id}`}
      >
        <span className="names">
          <span className="issuer">{account.issuer || account.label}</span>
          {account.issuer && <span className="label">{account.label}</span>}
          {shortId && <span className="short-id">{t.shortId(shortId)}</span>}
          {account.status === 'pending' && (
            <span className="badge" title={t.pendingHint}>
              {t.pending}
            </span>
          )}
          {shortcut && (
            <kbd
              className={shortcut.taken ? 'taken' : undefined}
              title={shortcut.taken ? t.accountShortcutTaken : undefined}
            >
              {displayAccelerator(shortcut.accelerator, mac)}
              {shortcut.taken && <span className="visually-hidden"> ({t.shortcutTakenShort})</span>}
            </kbd>
          )}
        </span>
        <CodeLine id={account.id} hotpCode={hotpCode} hotp={account.type === 'hotp'} t={t} />
      </button>
      {hotpCode === undefined && <RowRing id={account.id} t={t} />}
      <CopiedTick id={account.id} t={t} />
      <MenuTrigger>
        <Button className="more" aria-label={t.more(name(account))}>
          ⋯
        </Button>
        <Popover className="menu-popover" placement="bottom end">
          <Menu className="menu-list" onAction={(key) => items[Number(key)]?.[1]()}>
            {items.map(([label], i) => (
              <MenuItem key={i} id={i} className="menu-item">
                {label}
              </MenuItem>
            ))}
          </Menu>
        </Popover>
      </MenuTrigger>
    </li>
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
