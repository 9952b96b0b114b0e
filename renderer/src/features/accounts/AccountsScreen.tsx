import QRCode from 'qrcode';
import { useMemo, useState } from 'react';
import type { AccountView, ExportView } from '../../../../preload/api';
import type { Strings } from '../../i18n/strings';
import { useAppState, useStore } from '../../store/react';
import { errorNotice } from '../../store/store';
import { ConfirmDialog } from '../../ui/Dialog';
import { accountName as name } from '../../ui/format';
import { copyCode, moveAccount } from './actions';
import { AccountRow } from './AccountRow';
import { ExportDialog, RenameDialog, RevealDialog, ShortcutDialog } from './dialogs';

/** The list of accounts with its search and export, or the first-run screen when there are none. */
export function AccountsScreen({ t }: { t: Strings }) {
  const store = useStore();
  const accounts = useAppState((s) => s.accounts);
  const settings = useAppState((s) => s.settings);
  const hotp = useAppState((s) => s.hotp);
  const mac = useAppState((s) => s.mac);
  const [query, setQuery] = useState('');
  const [renaming, setRenaming] = useState<AccountView | undefined>();
  const [removing, setRemoving] = useState<AccountView | undefined>();
  const [shortcutFor, setShortcutFor] = useState<AccountView | undefined>();
  const [revealed, setRevealed] = useState<
    { account: AccountView; secret: string; qr: string } | undefined
  >();
  const [exported, setExported] = useState<{ codes: string[]; excluded: ExportView['excluded'] }>();

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

  const copy = async (id: string) => {
    const error = await copyCode(store, t, id);
    if (error && error.code !== 'CANCELLED') store.notify(errorNotice(error));
  };
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
  const exportAll = async () => {
    const r = await store.call(window.keyfob.exportAccounts('migration'));
    if (!r) return;
    const codes = await Promise.all(
      r.lines.map((l) => QRCode.toDataURL(l, { margin: 2, width: 280, errorCorrectionLevel: 'L' })),
    );
    setExported({ codes, excluded: r.excluded });
  };

  if (accounts === undefined) return null;
  return (
    <>
      {accounts.length === 0 ? (
        <section className="empty" aria-labelledby="empty-title">
          <h2 id="empty-title">{t.emptyTitle}</h2>
          <p>{t.emptyBody}</p>
          <button type="button" className="primary" onClick={() => store.go('add')}>
            + {t.add}
          </button>
        </section>
      ) : (
        <>
          <div className="list-tools">
            <input
              type="search"
              className="search"
              placeholder={t.search}
              aria-label={t.search}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && visible[0]) void copy(visible[0].id);
              }}
            />
            <button type="button" onClick={() => void exportAll()}>
              {t.export}
            </button>
          </div>
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
                  onRemove: () => setRemoving(a),
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
      {removing && (
        <ConfirmDialog
          title={
            removing.status === 'pending'
              ? t.confirmDiscardTitle(name(removing))
              : t.confirmRemoveTitle(name(removing))
          }
          body={removing.status === 'pending' ? t.confirmDiscardBody : t.confirmRemoveBody}
          confirm={removing.status === 'pending' ? t.discard : t.remove}
          danger
          t={t}
          onClose={() => setRemoving(undefined)}
          onConfirm={async () => {
            const r = await store.call(window.keyfob.removeAccount(removing.id));
            setRemoving(undefined);
            // Its shortcut went with it.
            if (r) await store.reloadSettings();
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
      {exported && <ExportDialog exported={exported} t={t} onClose={() => setExported(undefined)} />}
      {revealed && <RevealDialog revealed={revealed} t={t} onClose={() => setRevealed(undefined)} />}
    </>
  );
}
