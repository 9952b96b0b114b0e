import { useEffect, useState } from 'react';
import { I18nProvider } from 'react-aria-components';
import { errorText, languages, type Lang } from './i18n';
import { useStrings, type Strings } from './i18n/strings';
import { say, type Phrase } from './i18n/words';
import { useAppState, useStore } from './store/react';
import type { Notice } from './store/store';
import { AccountsScreen } from './features/accounts/AccountsScreen';
import { copyCode } from './features/accounts/actions';
import { Orphans } from './features/accounts/Orphans';
import { AddScreen } from './features/add/AddScreen';
import { CognitoScreen } from './features/cognito/CognitoScreen';
import { addImage, pasteAnywhere } from './features/import/incoming';
import { LinkRequests } from './features/import/LinkRequests';
import { Palette } from './features/palette/Palette';
import { SettingsScreen } from './features/settings/SettingsScreen';

/** The window: its header and tabs, what waits for the person's word, and the screen of the chosen tab. */
export function App() {
  const store = useStore();
  const lang = useAppState((s) => s.lang);
  const screen = useAppState((s) => s.screen);
  const settings = useAppState((s) => s.settings);
  const notice = useAppState((s) => s.notice);
  const accounts = useAppState((s) => s.accounts);
  const palette = useAppState((s) => s.palette);
  const hostName = useAppState((s) => s.hostName);
  const resume = useAppState((s) => s.resume);
  const t = useStrings(lang);
  const [dropping, setDropping] = useState(false);

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
      // Offered below the notice, one by one: nothing comes back into the list without the person's word.
      store.update({ orphans });
      const phrases: Phrase[] = [
        ...(movedAside ? [{ key: 'listMovedAside', args: [movedAside.path] } as const] : []),
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
        <header>
          <h1>{screen === 'add' ? t.add : t.appName}</h1>
          <nav aria-label={t.nav} className="tabs">
            <button
              type="button"
              aria-current={screen === 'accounts' || screen === 'add' ? 'page' : undefined}
              onClick={() => store.go('accounts')}
            >
              {t.accounts}
            </button>
            <button
              type="button"
              aria-current={screen === 'cognito' ? 'page' : undefined}
              onClick={() => store.go('cognito')}
            >
              {t.cognito}
            </button>
            <button
              type="button"
              aria-current={screen === 'settings' ? 'page' : undefined}
              onClick={() => store.go('settings')}
            >
              {t.settings}
            </button>
          </nav>
          <div className="tools">
            <label className="visually-hidden" htmlFor="lang">
              {t.language}
            </label>
            <select
              id="lang"
              value={lang}
              onChange={(e) => {
                const chosen = e.target.value as Lang;
                store.update({ lang: chosen });
                void store.saveSettings({ language: chosen });
              }}
            >
              {languages.map((l) => (
                <option key={l.code} value={l.code}>
                  {l.name}
                </option>
              ))}
            </select>
            {screen === 'cognito' || screen === 'settings' ? null : screen === 'accounts' ? (
              <button type="button" className="primary" onClick={() => store.go('add')}>
                + {t.add}
              </button>
            ) : (
              <button type="button" onClick={() => store.go('accounts')}>
                ← {t.back}
              </button>
            )}
          </div>
        </header>

        {notice && <NoticeBar notice={notice} t={t} lang={lang} onClose={() => store.notify(undefined)} />}

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

        {dropping && (
          <div className="drop-overlay" aria-hidden="true">
            {t.dropHere}
          </div>
        )}

        {palette && (
          <Palette
            accounts={accounts ?? []}
            t={t}
            onClose={closePalette}
            onCopy={async (account) => {
              const error = await copyCode(store, t, account.id);
              if (!error) closePalette();
              return error;
            }}
          />
        )}
      </div>
    </I18nProvider>
  );
}

function NoticeBar({
  notice,
  t,
  lang,
  onClose,
}: {
  notice: Notice;
  t: Strings;
  lang: Lang;
  onClose: () => void;
}) {
  const words =
    'error' in notice
      ? errorText(notice.error, lang)
      : {
          message: notice.phrases.map((p) => say(t, p)).join(' '),
          hint: notice.hint && say(t, notice.hint),
        };
  return (
    <div className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
      <span>{words.message}</span>
      {words.hint && <span className="hint">{words.hint}</span>}
      <button type="button" aria-label={t.close} onClick={onClose}>
        ×
      </button>
    </div>
  );
}
