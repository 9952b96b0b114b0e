import { useEffect, useRef, useState, type RefObject } from 'react';
import { Button, I18nProvider, Menu, MenuItem, MenuTrigger, Popover } from 'react-aria-components';
import type { ExportView } from '../../preload/api';
import { useStrings, type Strings } from './i18n/strings';
import type { Phrase } from './i18n/words';
import { useAppState, useStore } from './store/react';
import type { Screen, Store } from './store/store';
import { AccountsScreen } from './features/accounts/AccountsScreen';
import { copyCode, exportAccounts, lastUndo, undoRemove } from './features/accounts/actions';
import { ExportDialog } from './features/accounts/dialogs';
import { ExportChoiceDialog } from './features/accounts/ExportChoice';
import { Orphans } from './features/accounts/Orphans';
import { AddScreen } from './features/add/AddScreen';
import { CognitoScreen } from './features/cognito/CognitoScreen';
import { addImage, pasteAnywhere } from './features/import/incoming';
import { LinkRequests } from './features/import/LinkRequests';
import { Palette } from './features/palette/Palette';
import { SettingsScreen } from './features/settings/SettingsScreen';
import { ToastRegion } from './ui/Toast';
import './App.css';

type Exported = { codes: string[]; excluded: ExportView['excluded'] };

/** The window: its toolbar, what waits for the person's word, the screen, and the toasts over it all. */
export function App() {
  const store = useStore();
  const lang = useAppState((s) => s.lang);
  const screen = useAppState((s) => s.screen);
  const settings = useAppState((s) => s.settings);
  const accounts = useAppState((s) => s.accounts);
  const palette = useAppState((s) => s.palette);
  const hostName = useAppState((s) => s.hostName);
  const resume = useAppState((s) => s.resume);
  const mac = useAppState((s) => s.mac);
  const t = useStrings(lang);
  const [dropping, setDropping] = useState(false);
  const [exported, setExported] = useState<Exported | undefined>();
  const [exporting, setExporting] = useState(false);
  const searchField = useRef<HTMLInputElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  /** Bumped to move the keyboard to the search field once it is on screen (after leaving another screen). */
  const [searchWanted, setSearchWanted] = useState<{ select: boolean } | undefined>();
  const hasAccounts = (accounts?.length ?? 0) > 0;

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  useEffect(() => {
    const theme = settings?.theme ?? 'system';
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [settings?.theme]);
  useEffect(() => {
    document.documentElement.dataset.density = settings?.density ?? 'comfortable';
  }, [settings?.density]);
  useEffect(() => {
    // What opening the vault repaired or found missing: said once, as the CLI says it on stderr.
    void window.keyfob.startupReport().then((r) => {
      if (!r.ok) return;
      const { movedAside, orphans, missingKey } = r.value;
      // Offered below the toolbar, one by one: nothing comes back into the list without the person's word.
      store.update({ orphans });
      const phrases: Phrase[] = [
        ...(movedAside ? [{ key: 'listMovedAside', args: [movedAside.path, movedAside.why] } as const] : []),
        ...(missingKey.length > 0
          ? [{ key: 'missingKeys', args: [missingKey.map((m) => m.name).join(', ')] } as const]
          : []),
      ];
      if (phrases.length === 0) return;
      store.notify({
        kind: 'error',
        phrases,
        ...(missingKey.length > 0 ? { hint: { key: 'missingKeysHint' } } : {}),
      });
    });
    // Once, at start; kept as phrases, so it follows a later change of language.
  }, [store]);

  // A screen chosen from the ⋯ menu (or by a key) starts with the keyboard at its title, so that Tab goes on
  // into it and a screen reader says where it is; unless the screen put it in a field of its own already.
  useEffect(() => {
    if (screen === 'accounts') return;
    const active = document.activeElement;
    if (!active || active === document.body || active.closest('header')) title.current?.focus();
  }, [screen]);

  useEffect(() => {
    if (!searchWanted || screen !== 'accounts') return;
    const field = searchField.current;
    // No search before the first account (the first run's screen has none): the request lapses rather than
    // waiting to take the keyboard whenever an account arrives.
    if (!field) return setSearchWanted(undefined);
    field.focus();
    if (searchWanted.select) field.select();
    else field.setSelectionRange(field.value.length, field.value.length);
    setSearchWanted(undefined);
  }, [searchWanted, screen, hasAccounts]);

  useEffect(() => {
    const go = {
      search: (select: boolean) => {
        if (store.get().screen !== 'accounts') store.go('accounts');
        setSearchWanted({ select });
      },
    };
    const inList = (e: KeyboardEvent) => e.target instanceof Element && !!e.target.closest('[role="grid"]');
    // The list (a React Aria GridList) stops every key pressed on a card's buttons from going further, so the
    // window's keys are caught on the way down there; its own keys (F2, Delete, Alt+arrows, …) are not among them.
    const onListKey = (e: KeyboardEvent) => {
      if (inList(e)) globalKey(e, store, go);
    };
    const onKey = (e: KeyboardEvent) => {
      if (!inList(e)) globalKey(e, store, go);
    };
    window.addEventListener('keydown', onListKey, true);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onListKey, true);
      window.removeEventListener('keydown', onKey);
    };
  }, [store]);

  const closePalette = () => {
    store.update({ palette: false });
    void window.keyfob.dismissPalette();
  };

  return (
    <I18nProvider locale={lang}>
      <div
        className={`app${dropping ? ' dropping' : ''}`}
        onDragOver={(e) => {
          if (e.dataTransfer.types.includes('Files')) {
            e.preventDefault();
            setDropping(true);
          }
        }}
        onDragLeave={() => setDropping(false)}
        onDrop={(e) => {
          const file = e.dataTransfer.files[0];
          setDropping(false);
          if (file) {
            e.preventDefault();
            void addImage(store, file);
          }
        }}
        onPaste={(e) => pasteAnywhere(store, e)}
      >
        <header className="toolbar">
          {screen !== 'accounts' ? (
            <>
              <button type="button" className="back" onClick={() => store.go('accounts')}>
                <span aria-hidden="true">← </span>
                {t.accounts}
              </button>
              <h1 ref={title} tabIndex={-1}>
                {titleOf(screen, t)}
              </h1>
            </>
          ) : hasAccounts ? (
            <>
              <h1 className="visually-hidden">{t.appName}</h1>
              <SearchField t={t} field={searchField} />
              <button
                type="button"
                className="primary add-button"
                aria-label={t.add}
                title={t.add}
                aria-keyshortcuts={mac ? 'Meta+N' : 'Control+N'}
                onClick={() => store.go('add')}
              >
                +
              </button>
            </>
          ) : (
            <h1>{t.appName}</h1>
          )}
          <AppMenu
            t={t}
            canExport={hasAccounts}
            onChoose={(choice) => {
              if (choice === 'export') setExporting(true);
              else store.go(choice);
            }}
          />
        </header>

        <Orphans t={t} />
        <LinkRequests t={t} />

        <main>
          {screen === 'settings' ? (
            settings && <SettingsScreen t={t} settings={settings} />
          ) : screen === 'cognito' ? (
            <CognitoScreen t={t} hostName={hostName} {...(resume ? { prefill: resume } : {})} />
          ) : screen === 'add' ? (
            <AddScreen t={t} />
          ) : (
            <AccountsScreen t={t} />
          )}
        </main>

        <ToastRegion t={t} onUndo={(toast) => void undoRemove(store, toast)} />

        {dropping && (
          <div className="drop-overlay" aria-hidden="true">
            {t.dropHere}
          </div>
        )}

        {exporting && (
          <ExportChoiceDialog
            t={t}
            onQr={() => {
              setExporting(false);
              void exportAccounts(store).then((r) => r && setExported(r));
            }}
            onClose={() => setExporting(false)}
          />
        )}

        {exported && <ExportDialog exported={exported} t={t} onClose={() => setExported(undefined)} />}

        {palette && (
          <Palette
            accounts={accounts ?? []}
            t={t}
            onClose={closePalette}
            onCopy={async (account) => {
              const error = await copyCode(store, account.id);
              if (!error) closePalette();
              return error;
            }}
          />
        )}
      </div>
    </I18nProvider>
  );
}

function titleOf(screen: Exclude<Screen, 'accounts'>, t: Strings): string {
  return screen === 'add' ? t.add : screen === 'cognito' ? t.cognito : t.settings;
}

/**
 * The accounts' search, in the toolbar. Enter copies the first account shown and ↓ moves to it (the list's
 * own keys go on from there); Escape clears. The list does both (Store.askList): it knows which account is
 * first, and brings its card into the page, which a virtualised list may not hold.
 */
function SearchField({ t, field }: { t: Strings; field: RefObject<HTMLInputElement | null> }) {
  const store = useStore();
  const search = useAppState((s) => s.search);
  const mac = useAppState((s) => s.mac);
  // At start the keyboard is in the search: typing finds an account, Enter copies its code. Only when the
  // keyboard is nowhere else: the field also appears when a first account arrives (from the command line, say)
  // while the person is on the first-run screen's button.
  useEffect(() => {
    const active = document.activeElement;
    if (!active || active === document.body) field.current?.focus();
  }, [field]);
  return (
    <input
      ref={field}
      type="search"
      className="search"
      placeholder={t.search}
      aria-label={t.search}
      aria-keyshortcuts={mac ? 'Meta+F /' : 'Control+F /'}
      value={search}
      onChange={(e) => store.setSearch(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          store.askList({ kind: 'copyFirst' });
        } else if (e.key === 'ArrowDown') {
          e.preventDefault();
          store.askList({ kind: 'focus' });
        } else if (e.key === 'Escape' && search !== '') {
          e.preventDefault();
          e.stopPropagation();
          store.setSearch('');
        }
      }}
    />
  );
}

type MenuChoice = 'cognito' | 'export' | 'settings';

/** The toolbar's ⋯: the rarer places and actions, so the toolbar fits the narrowest window on one line. */
function AppMenu({
  t,
  canExport,
  onChoose,
}: {
  t: Strings;
  canExport: boolean;
  onChoose: (choice: MenuChoice) => void;
}) {
  const items: ReadonlyArray<readonly [MenuChoice, string]> = [
    ['cognito', t.cognito],
    ...(canExport ? ([['export', t.export]] as const) : []),
    ['settings', t.settings],
  ];
  return (
    <MenuTrigger>
      <Button className="app-menu" aria-label={t.appMenu}>
        ⋯
      </Button>
      <Popover className="menu-popover" placement="bottom end">
        <Menu className="menu-list" onAction={(key) => onChoose(key as MenuChoice)}>
          {items.map(([id, label]) => (
            <MenuItem key={id} id={id} className="menu-item">
              {label}
            </MenuItem>
          ))}
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}

/**
 * The window's own keys, wherever the focus is: Ctrl/Cmd+F or "/" go to the search, and typing a letter outside
 * a field starts one; Ctrl/Cmd+N adds; Escape clears the search; Ctrl/Cmd+Z undoes the last delete while its
 * toast offers it. Keys meant for a field, a dialog or a menu are left to them.
 */
function globalKey(e: KeyboardEvent, store: Store, go: { search: (select: boolean) => void }): void {
  if (e.defaultPrevented || e.isComposing) return;
  const target = e.target instanceof Element ? e.target : null;
  const inField = !!target?.closest('input, textarea, select, [contenteditable="true"]');
  // A dialog or a menu has the keyboard (the quick search, a rename, the ⋯ menu): its keys are its own.
  if (target?.closest('[role="dialog"], [role="alertdialog"], [role="menu"], [role="listbox"]')) return;
  if (document.querySelector('[role="dialog"], [role="alertdialog"]')) return;
  const state = store.get();
  const mod = state.mac ? e.metaKey && !e.ctrlKey : e.ctrlKey && !e.metaKey;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  if (mod && !e.altKey && !e.shiftKey) {
    if (key === 'f') {
      e.preventDefault();
      go.search(true);
    } else if (key === 'n') {
      e.preventDefault();
      store.go('add');
    } else if (key === 'z' && !inField) {
      const toast = lastUndo(store);
      if (toast) {
        e.preventDefault();
        void undoRemove(store, toast);
      }
    }
    return;
  }
  if (inField || e.ctrlKey || e.metaKey || e.altKey) return;
  // Adding, Cognito and Settings are screens of fields: a key typed there (a link's "/", a letter) is meant for
  // them wherever the focus is, never a search; Ctrl/Cmd+F still goes to the search from them.
  if (state.screen !== 'accounts') return;
  const listShown = state.screen === 'accounts' && (state.accounts?.length ?? 0) > 0;
  if (e.key === '/') {
    e.preventDefault();
    go.search(true);
  } else if (e.key === 'Escape' && state.search !== '' && state.screen === 'accounts') {
    e.preventDefault();
    store.setSearch('');
    go.search(false);
  } else if (listShown && e.key.length === 1 && e.key.trim() !== '') {
    // A printable character (not a space, which presses the focused button) starts a search with it.
    e.preventDefault();
    store.setSearch(state.search + e.key);
    go.search(false);
  }
}
