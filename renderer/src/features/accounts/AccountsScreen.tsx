import QRCode from 'qrcode';
import { useMemo, useState } from 'react';
import type { AccountView } from '../../../../preload/api';
import type { Strings } from '../../i18n/strings';
import { useAppState, useStore } from '../../store/react';
import { copyCodeOrSay, moveAccount, removeWithUndo } from './actions';
import { AccountRow } from './AccountRow';
import { RenameDialog, RevealDialog, ShortcutDialog } from './dialogs';
import { FirstRun, NoMatch } from './EmptyStates';

/** The list of accounts (filtered by the header's search), or the first-run screen when there are none. */
export function AccountsScreen({ t }: { t: Strings }) {
  const store = useStore();
  const accounts = useAppState((s) => s.accounts);
  const settings = useAppState((s) => s.settings);
  const hotp = useAppState((s) => s.hotp);
  const mac = useAppState((s) => s.mac);
  const query = useAppState((s) => s.search);
  const [renaming, setRenaming] = useState<AccountView | undefined>();
  const [shortcutFor, setShortcutFor] = useState<AccountView | undefined>();
  const [revealed, setRevealed] = useState<
    { account: AccountView; secret: string; qr: string } | undefined
  >();

  // Two accounts of the same name (a second key for one login) are told apart by the start of their ids.
  const namesakes = useMemo(() => {
    const seen = new Map<string, number>();
    for (const a of accounts ?? []) {
      const key = `${a.issuer}\u0000${a.label}`.toLowerCase();
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    return new Set(
      (accounts ?? [])
        .filter((a) => (seen.get(`${a.issuer}\u0000${a.label}`.toLowerCase()) ?? 0) > 1)
        .map((a) => a.id),
    );
  }, [accounts]);
  const visible = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (accounts ?? []).filter((a) => !q || `${a.issuer} ${a.label}`.toLowerCase().includes(q));
  }, [accounts, query]);

  const copy = (id: string) => copyCodeOrSay(store, t, id);
  // Main asks the person itself (a native dialog) before a key leaves the vault: one question, and not one the
  // page could answer for them. A "no" comes back as CANCELLED, which call() passes over quietly.
  const reveal = async (account: AccountView) => {
    const r = await store.call(window.keyfob.revealKey(account.id));
    if (r)
      setRevealed({
        account,
        secret: r.secret,
        qr: await QRCode.toDataURL(r.uri, { margin: 2, width: 200 }),
      });
  };

  if (accounts === undefined) return null;
  return (
    <>
      {accounts.length === 0 ? (
        <FirstRun t={t} />
      ) : visible.length === 0 ? (
        <NoMatch t={t} query={query} />
      ) : (
        <>
          <ul
            className="accounts"
            aria-label={t.accounts}
            onDragOver={(e) => e.dataTransfer.types.includes('text/x-keyfob-account') && e.preventDefault()}
            onDrop={(e) => {
              const dragged = e.dataTransfer.getData('text/x-keyfob-account');
              const over = (e.target as HTMLElement).closest('li')?.getAttribute('data-id');
              if (!dragged || !over) return;
              e.preventDefault();
              void moveAccount(
                store,
                dragged,
                accounts.findIndex((a) => a.id === over) - accounts.findIndex((a) => a.id === dragged),
              );
            }}
          >
            {visible.map((a) => (
              <AccountRow
                key={a.id}
                account={a}
                hotpCode={hotp.get(a.id)}
                shortId={namesakes.has(a.id) ? a.id.slice(0, 4) : undefined}
                t={t}
                mac={mac}
                shortcut={
                  settings?.accountShortcuts[a.id]
                    ? {
                        accelerator: settings.accountShortcuts[a.id]!,
                        taken: settings.accountShortcutsTaken?.includes(a.id) ?? false,
                      }
                    : undefined
                }
                actions={{
                  onCopy: () => void copy(a.id),
                  onHotp: () =>
                    void store.call(window.keyfob.hotpCode(a.id)).then((code) => {
                      if (code) store.update((s) => ({ hotp: new Map(s.hotp).set(a.id, code) }));
                    }),
                  onRename: () => setRenaming(a),
                  onResume: () => {
                    if (a.cognito) store.update({ resume: { ...a.cognito } });
                    store.go('cognito');
                  },
                  onRemove: () => void removeWithUndo(store, a),
                  onReveal: () => void reveal(a),
                  onMove: (d) => void moveAccount(store, a.id, d),
                  onShortcut: () => setShortcutFor(a),
                }}
              />
            ))}
          </ul>
        </>
      )}

      {renaming && (
        <RenameDialog
          account={renaming}
          t={t}
          onClose={() => setRenaming(undefined)}
          onSave={async (names) => {
            await store.call(window.keyfob.renameAccount(renaming.id, names));
            setRenaming(undefined);
          }}
        />
      )}
      {shortcutFor && settings && (
        <ShortcutDialog
          account={shortcutFor}
          current={settings.accountShortcuts[shortcutFor.id] ?? ''}
          mac={mac}
          t={t}
          onClose={() => setShortcutFor(undefined)}
          onSave={async (accelerator) => {
            const r = await window.keyfob.setAccountShortcut(shortcutFor.id, accelerator);
            if (!r.ok) return r.error;
            store.update({ settings: r.value });
            if (accelerator && r.value.accountShortcutsTaken?.includes(shortcutFor.id)) {
              return { code: 'SHORTCUT_TAKEN', message: t.accountShortcutTaken, hint: '' };
            }
            return undefined;
          }}
        />
      )}
      {revealed && <RevealDialog revealed={revealed} t={t} onClose={() => setRevealed(undefined)} />}
    </>
  );
}
