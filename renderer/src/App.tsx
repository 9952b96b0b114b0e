import QRCode from 'qrcode';
import {
  memo,
  useCallback,
  useEffect,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { CodeStore, useCode, type ShownCode } from './codes';
import { useAccounts } from './accounts-store';
import type {
  AccountView,
  CodeBatch,
  ErrorInfo,
  ExportView,
  ImportReport,
  KeyfobApi,
  LinkSummary,
  Result,
  SettingsView,
  StartupReport,
} from '../../preload/api';
import { CameraScan } from './camera/CameraScan';
import { CognitoScreen } from './Cognito';
import { displayAccelerator } from './accelerator';
import { errorText, languages, pickLanguage, reasonText, type Lang } from './i18n';
import { accountName as name, groupCode } from './format';
import { Palette } from './Palette';
import { ShortcutField } from './ShortcutField';
import { useStrings, type Strings } from './i18n/strings';

declare global {
  interface Window {
    keyfob: KeyfobApi;
  }
}

/** An error keeps its ErrorInfo, so it is shown in the window's language even after a language change. */
type Notice = { kind: 'ok' | 'error'; text: string; hint?: string | undefined; error?: ErrorInfo };

function errorNotice(error: ErrorInfo): Notice {
  return { kind: 'error', text: error.message, hint: error.hint, error };
}

async function call<T>(promise: Promise<Result<T>>, onError: (n: Notice) => void): Promise<T | undefined> {
  const r = await promise;
  if (r.ok) return r.value;
  // The person said no to main's own question (reveal, export): nothing went wrong, so nothing is said.
  if (r.error.code !== 'CANCELLED') onError(errorNotice(r.error));
  return undefined;
}

// ---- small building blocks ------------------------------------------------------------------------------------

/** The time left in the period, animated by CSS from the moment the code was shown: no work per tick. */
function Ring({ code, label }: { code: ShownCode; label: string }) {
  const r = 9;
  const c = 2 * Math.PI * r;
  const style = {
    '--c': `${c}`,
    '--period': `${code.period}s`,
    '--delay': `${code.ringMs - code.period * 1000}ms`,
    '--ending': `${Math.max(0, code.ringMs - 5000)}ms`,
  } as React.CSSProperties;
  return (
    <svg className="ring" viewBox="0 0 24 24" role="img" aria-label={label}>
      <circle className="track" cx="12" cy="12" r={r} />
      <circle key={code.code} className="left" cx="12" cy="12" r={r} strokeDasharray={c} style={style} />
    </svg>
  );
}

function Dialog({ title, children, onClose }: { title: string; children: ReactNode; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  // Layout effect: its cleanup runs while the dialog is still in the page, so closing it gives the focus back
  // to the control that opened it.
  useLayoutEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) {
      dialog.showModal();
      // Focusing a control low in a tall dialog scrolls it there: a dialog opens at its title and warning.
      dialog.scrollTop = 0;
    }
    return () => dialog?.close();
  }, []);
  return (
    <dialog ref={ref} aria-labelledby="dialog-title" onCancel={onClose} className="dialog">
      <h2 id="dialog-title">{title}</h2>
      {children}
    </dialog>
  );
}

// ---- accounts -------------------------------------------------------------------------------------------------

const AccountRow = memo(function AccountRow({
  account,
  store,
  hotpCode,
  t,
  onCopy,
  onRename,
  onResume,
  onRemove,
  onReveal,
  onHotp,
  onMove,
  onShortcut,
  shortcut,
  mac,
}: {
  account: AccountView;
  store: CodeStore;
  hotpCode: string | undefined;
  t: Strings;
  /** Its own global shortcut, and whether another application holds it (so it is off). */
  shortcut: { accelerator: string; taken: boolean } | undefined;
  mac: boolean;
  onShortcut: () => void;
  onCopy: () => void;
  onRename: () => void;
  onResume: () => void;
  onRemove: () => void;
  onReveal: () => void;
  onHotp: () => void;
  onMove: (delta: number) => void;
}) {
  const [menu, setMenu] = useState(false);
  const live = useCode(store, account.id);
  const code = hotpCode !== undefined ? { code: hotpCode, next: '' } : live;
  return (
    <li
      className={`account${menu ? ' open' : ''}`}
      draggable
      onDragStart={(e) => e.dataTransfer.setData('text/x-keyfob-account', account.id)}
      data-id={account.id}
    >
      <button
        type="button"
        className="copy"
        onClick={account.type === 'hotp' ? onHotp : onCopy}
        onKeyDown={(e) => {
          if (e.altKey && e.key === 'ArrowUp') {
            e.preventDefault();
            onMove(-1);
          } else if (e.altKey && e.key === 'ArrowDown') {
            e.preventDefault();
            onMove(1);
          }
        }}
        aria-label={`${account.type === 'hotp' ? t.hotpNext : t.copy}: ${name(account)}`}
        aria-describedby={`code-${account.id}`}
      >
        <span className="names">
          <span className="issuer">{account.issuer || account.label}</span>
          {account.issuer && <span className="label">{account.label}</span>}
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
        <span className="code" id={`code-${account.id}`} aria-live="off">
          {code ? groupCode(code.code) : account.type === 'hotp' ? '••• •••' : ''}
        </span>
        {hotpCode === undefined && live && (
          // In the DOM all along, shown by CSS in the last five seconds (the row does not re-render for it).
          <span
            key={live.code}
            className="next"
            style={{ '--ending': `${Math.max(0, live.ringMs - 5000)}ms` } as React.CSSProperties}
          >
            {t.nextCode} {groupCode(live.next)}
          </span>
        )}
      </button>
      {hotpCode === undefined && live && <Ring code={live} label={t.timeLeft} />}
      <div className="menu">
        <button
          type="button"
          className="more"
          aria-haspopup="menu"
          aria-expanded={menu}
          aria-label={t.more(name(account))}
          onClick={() => setMenu(!menu)}
        >
          ⋯
        </button>
        {menu && (
          <div role="menu" className="menu-list" onKeyDown={(e) => e.key === 'Escape' && setMenu(false)}>
            {(account.status === 'pending'
              ? [
                  [t.resume, onResume],
                  [t.discard, onRemove],
                ]
              : [
                  [t.rename, onRename],
                  ...(account.type === 'hotp' ? [] : [[t.accountShortcut, onShortcut]]),
                  [t.reveal, onReveal],
                  [t.remove, onRemove],
                ]
            ).map(([label, action]) => (
              <button
                key={label as string}
                role="menuitem"
                type="button"
                onClick={() => {
                  setMenu(false);
                  (action as () => void)();
                }}
              >
                {label as string}
              </button>
            ))}
          </div>
        )}
      </div>
    </li>
  );
});

function RenameDialog({
  account,
  t,
  onSave,
  onClose,
}: {
  account: AccountView;
  t: Strings;
  onSave: (names: { issuer: string; label: string }) => void;
  onClose: () => void;
}) {
  const [issuer, setIssuer] = useState(account.issuer);
  const [label, setLabel] = useState(account.label);
  return (
    <Dialog title={`${t.rename}: ${name(account)}`} onClose={onClose}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          onSave({ issuer, label });
        }}
      >
        <label>
          {t.issuer}
          <input value={issuer} onChange={(e) => setIssuer(e.target.value)} autoFocus />
        </label>
        <label>
          {t.account}
          <input value={label} onChange={(e) => setLabel(e.target.value)} required />
        </label>
        <SaveOrCancel t={t} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

/** The end of a dialog's form: Cancel, and Save as its submit button. */
function SaveOrCancel({ t, onCancel }: { t: Strings; onCancel: () => void }) {
  return (
    <div className="actions">
      <button type="button" onClick={onCancel}>
        {t.cancel}
      </button>
      <button type="submit" className="primary">
        {t.save}
      </button>
    </div>
  );
}

function ShortcutDialog({
  account,
  current,
  mac,
  t,
  onSave,
  onClose,
}: {
  account: AccountView;
  current: string;
  mac: boolean;
  t: Strings;
  /** Resolves to the error to show, or undefined once saved. */
  onSave: (accelerator: string) => Promise<ErrorInfo | undefined>;
  onClose: () => void;
}) {
  const [accelerator, setAccelerator] = useState(current);
  const [error, setError] = useState<ErrorInfo | undefined>();
  return (
    <Dialog title={t.accountShortcutTitle(name(account))} onClose={onClose}>
      <form
        method="dialog"
        onSubmit={async (e) => {
          e.preventDefault();
          const failed = await onSave(accelerator);
          if (failed) setError(failed);
          else onClose();
        }}
      >
        <label htmlFor="account-shortcut">{t.accountShortcutLabel}</label>
        <ShortcutField
          id="account-shortcut"
          value={accelerator}
          mac={mac}
          t={t}
          describedBy="account-shortcut-help"
          onChange={(a) => {
            setAccelerator(a);
            setError(undefined);
          }}
        />
        <p id="account-shortcut-help" className="help">
          {t.accountShortcutHelp}
        </p>
        {error && (
          <p className="field-error" role="alert">
            {errorText(error, t.lang).message} {errorText(error, t.lang).hint}
          </p>
        )}
        <SaveOrCancel t={t} onCancel={onClose} />
      </form>
    </Dialog>
  );
}

function ConfirmDialog({
  title,
  body,
  confirm,
  danger,
  t,
  onConfirm,
  onClose,
}: {
  title: string;
  body: string;
  confirm: string;
  danger?: boolean;
  t: Strings;
  onConfirm: () => void;
  onClose: () => void;
}) {
  return (
    <Dialog title={title} onClose={onClose}>
      <p>{body}</p>
      <div className="actions">
        <button type="button" onClick={onClose} autoFocus>
          {t.cancel}
        </button>
        <button type="button" className={danger ? 'danger' : 'primary'} onClick={onConfirm}>
          {confirm}
        </button>
      </div>
    </Dialog>
  );
}

function ExportDialog({
  exported,
  t,
  onClose,
}: {
  exported: { codes: string[]; excluded: ExportView['excluded'] };
  t: Strings;
  onClose: () => void;
}) {
  const [index, setIndex] = useState(0);
  const total = exported.codes.length;
  return (
    <Dialog title={t.exportTitle} onClose={onClose}>
      {total > 0 ? (
        <>
          <p className="warning">{t.exportBody}</p>
          <p className="help">{t.exportHelp}</p>
          <p role="status">{t.exportStep(index + 1, total)}</p>
          <img
            className="qr"
            src={exported.codes[index]}
            alt={t.exportStep(index + 1, total)}
            width={280}
            height={280}
          />
          <div className="actions">
            <button type="button" disabled={index === 0} onClick={() => setIndex(index - 1)}>
              {t.previous}
            </button>
            <button type="button" disabled={index + 1 >= total} onClick={() => setIndex(index + 1)}>
              {t.next}
            </button>
          </div>
        </>
      ) : (
        <p>{t.exportNothing}</p>
      )}
      {exported.excluded.length > 0 && (
        <section aria-labelledby="excluded-title">
          <h3 id="excluded-title">{t.exportExcluded}</h3>
          <ul>
            {exported.excluded.map((e, i) => (
              <li key={i}>
                {e.name} — {reasonText(e, t.lang)}
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="actions">
        <button type="button" className="primary" onClick={onClose} autoFocus>
          {t.close}
        </button>
      </div>
    </Dialog>
  );
}

function SettingsScreen({
  t,
  settings,
  mac,
  save,
}: {
  t: Strings;
  settings: SettingsView;
  mac: boolean;
  save: (change: Parameters<KeyfobApi['saveSettings']>[0]) => Promise<SettingsView | undefined>;
}) {
  const [seconds, setSeconds] = useState(String(settings.clipboardTimeoutSeconds));
  return (
    <div className="settings">
      <section aria-labelledby="clipboard-title">
        <h2 id="clipboard-title">{t.clipboardTitle}</h2>
        <fieldset>
          <legend>{t.clipboardClear}</legend>
          <label className="check">
            <input
              type="radio"
              name="clear"
              checked={settings.clipboardClear === 'expiry'}
              onChange={() => void save({ clipboardClear: 'expiry' })}
            />
            {t.clearOnExpiry}
          </label>
          <label className="check">
            <input
              type="radio"
              name="clear"
              checked={settings.clipboardClear === 'timeout'}
              onChange={() => void save({ clipboardClear: 'timeout' })}
            />
            {t.clearAfter}
          </label>
        </fieldset>
        <label>
          {t.clearSeconds}
          <input
            type="number"
            min={5}
            max={600}
            value={seconds}
            disabled={settings.clipboardClear !== 'timeout'}
            aria-describedby="seconds-help"
            onChange={(e) => {
              setSeconds(e.target.value);
              // Saved as soon as it is a usable value; "4" on the way to "45" is not sent.
              const n = Number(e.target.value);
              if (Number.isInteger(n) && n >= 5 && n <= 600) void save({ clipboardTimeoutSeconds: n });
            }}
          />
        </label>
        <p id="seconds-help" className="help">
          {t.clearSecondsHelp}
        </p>
      </section>
      <section aria-labelledby="look-title">
        <h2 id="look-title">{t.appearance}</h2>
        <label>
          {t.theme}
          <select
            value={settings.theme}
            onChange={(e) => void save({ theme: e.target.value as SettingsView['theme'] })}
          >
            <option value="system">{t.themeSystem}</option>
            <option value="light">{t.themeLight}</option>
            <option value="dark">{t.themeDark}</option>
          </select>
        </label>
        <label>
          {t.language}
          <select
            value={settings.language ?? ''}
            onChange={(e) => void save({ language: e.target.value === '' ? null : (e.target.value as Lang) })}
          >
            <option value="">{t.languageSystem}</option>
            {languages.map((l) => (
              <option key={l.code} value={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        </label>
      </section>
      <section aria-labelledby="shortcut-title">
        <h2 id="shortcut-title">{t.shortcutTitle}</h2>
        <label htmlFor="search-shortcut">{t.shortcutLabel}</label>
        <ShortcutField
          id="search-shortcut"
          value={settings.shortcut}
          mac={mac}
          t={t}
          describedBy="shortcut-help"
          onChange={(shortcut) => void save({ shortcut })}
        />
        <p id="shortcut-help" className="help">
          {t.shortcutHelp}
        </p>
        {settings.shortcutTaken && (
          <p className="warning" role="status">
            {t.shortcutTaken}
          </p>
        )}
      </section>
      <section aria-labelledby="start-title">
        <h2 id="start-title">{t.startTitle}</h2>
        <label className="check">
          <input
            type="checkbox"
            checked={settings.startAtLogin}
            onChange={(e) => void save({ startAtLogin: e.target.checked })}
          />
          {t.startAtLogin}
        </label>
      </section>
    </div>
  );
}

// ---- adding ---------------------------------------------------------------------------------------------------

function ReportView({ report, t }: { report: ImportReport; t: Strings }) {
  const label = { added: t.added, duplicate: t.duplicate, refused: t.refused };
  return (
    <section aria-labelledby="result-title" className="report">
      <h3 id="result-title">{t.resultTitle}</h3>
      <ul>
        {report.entries.map((e, i) => (
          <li key={i} className={`entry ${e.status}`}>
            <strong>{label[e.status]}</strong> {e.place ? t.place(e.place.kind, e.place.n) : e.name}
            {e.reason && <span className="reason"> — {reasonText({ ...e, reason: e.reason }, t.lang)}</span>}
          </li>
        ))}
      </ul>
      {report.missing.map((m, i) => (
        <p key={i} className="warning" role="status">
          {t.missingBatch(m.missing, m.batchSize)}
        </p>
      ))}
    </section>
  );
}

const BASE32 = /^[A-Z2-7]*=*$/;

function AddScreen({
  t,
  onReport,
  onNotice,
  onImage,
}: {
  t: Strings;
  onReport: (r: ImportReport) => void;
  onNotice: (n: Notice) => void;
  onImage: (file: File) => void;
}) {
  const [links, setLinks] = useState('');
  const [issuer, setIssuer] = useState('');
  const [label, setLabel] = useState('');
  const [secret, setSecret] = useState('');
  const [type, setType] = useState<'totp' | 'hotp'>('totp');
  const [algorithm, setAlgorithm] = useState<'SHA1' | 'SHA256' | 'SHA512'>('SHA1');
  const [digits, setDigits] = useState(6);
  const [period, setPeriod] = useState(30);
  const normalised = secret.replace(/[\s-]/g, '').toUpperCase();
  const keyError = normalised !== '' && !BASE32.test(normalised) ? t.keyInvalid : undefined;
  const fileInput = useRef<HTMLInputElement>(null);
  const [scanning, setScanning] = useState(false);
  const scanButton = useRef<HTMLButtonElement>(null);

  return (
    <div className="add">
      {scanning && (
        <CameraScan
          t={t}
          onClose={() => {
            setScanning(false);
            requestAnimationFrame(() => scanButton.current?.focus());
          }}
          onFound={async (texts) => {
            setScanning(false);
            requestAnimationFrame(() => scanButton.current?.focus());
            // Like every code found (image, screen), it is added only once the person confirms it above.
            await call(window.keyfob.offerCodes(texts), onNotice);
          }}
        />
      )}
      <section aria-labelledby="screen-title">
        <h2 id="screen-title">{t.screenTitle}</h2>
        <p className="help">{t.screenHelp}</p>
        <button
          type="button"
          className="primary"
          onClick={async () => {
            const r = await call(window.keyfob.scanScreen(), onNotice);
            if (r) onNotice({ kind: 'ok', text: t.screenFound(r.found) });
          }}
        >
          {t.scanScreen}
        </button>
      </section>
      <section aria-labelledby="image-title">
        <h2 id="image-title">{t.imageTitle}</h2>
        <p className="help">{t.imageHelp}</p>
        <input
          ref={fileInput}
          type="file"
          accept="image/png,image/jpeg"
          className="visually-hidden"
          aria-label={t.chooseImage}
          onChange={(e) => {
            const file = e.target.files?.[0];
            if (file) onImage(file);
            e.target.value = '';
          }}
        />
        <div className="row-buttons">
          <button type="button" onClick={() => fileInput.current?.click()}>
            {t.chooseImage}
          </button>
          <button ref={scanButton} type="button" onClick={() => setScanning(true)} disabled={scanning}>
            {t.cameraScan}
          </button>
        </div>
      </section>

      <section aria-labelledby="paste-title">
        <h2 id="paste-title">{t.pasteTitle}</h2>
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            const report = await call(window.keyfob.addFromText(links), onNotice);
            if (report) {
              onReport(report);
              if (report.entries.some((x) => x.status === 'added')) setLinks('');
            }
          }}
        >
          <label htmlFor="links">{t.pasteLabel}</label>
          <p className="help" id="links-help">
            {t.pasteHelp}
          </p>
          <textarea
            id="links"
            rows={3}
            value={links}
            aria-describedby="links-help"
            onChange={(e) => setLinks(e.target.value)}
            spellCheck={false}
          />
          <button type="submit" className="primary" disabled={links.trim() === ''}>
            {t.addLinks}
          </button>
        </form>
      </section>

      <section aria-labelledby="key-title">
        <h2 id="key-title">{t.keyTitle}</h2>
        <form
          onSubmit={async (e) => {
            e.preventDefault();
            if (keyError) return;
            const added = await call(
              window.keyfob.addFromKey({ issuer, label, secret, type, algorithm, digits, period }),
              onNotice,
            );
            if (added) {
              // Added beside an account of the same name: the report says so, as an import's would.
              const { reason, reasonKey, reasonParams } = added;
              const note = {
                ...(reason !== undefined ? { reason } : {}),
                ...(reasonKey !== undefined ? { reasonKey } : {}),
                ...(reasonParams !== undefined ? { reasonParams } : {}),
              };
              onReport({
                entries: [{ name: name(added), status: 'added', id: added.id, ...note }],
                missing: [],
              });
              setIssuer('');
              setLabel('');
              setSecret('');
            }
          }}
        >
          <label>
            {t.issuer}
            <input value={issuer} onChange={(e) => setIssuer(e.target.value)} autoComplete="off" />
          </label>
          <label>
            {t.account}
            <input value={label} onChange={(e) => setLabel(e.target.value)} required autoComplete="off" />
          </label>
          <label>
            {t.key}
            <input
              value={secret}
              onChange={(e) => setSecret(e.target.value)}
              required
              autoComplete="off"
              spellCheck={false}
              aria-invalid={keyError !== undefined}
              aria-describedby={keyError ? 'key-error' : undefined}
            />
          </label>
          {keyError && (
            <p id="key-error" className="field-error">
              {keyError}
            </p>
          )}
          <details>
            <summary>{t.advanced}</summary>
            <label>
              {t.type}
              <select value={type} onChange={(e) => setType(e.target.value as 'totp' | 'hotp')}>
                <option value="totp">TOTP</option>
                <option value="hotp">HOTP</option>
              </select>
            </label>
            <label>
              {t.algorithm}
              <select value={algorithm} onChange={(e) => setAlgorithm(e.target.value as typeof algorithm)}>
                <option>SHA1</option>
                <option>SHA256</option>
                <option>SHA512</option>
              </select>
            </label>
            <label>
              {t.digits}
              <select value={digits} onChange={(e) => setDigits(Number(e.target.value))}>
                <option value={6}>6</option>
                <option value={7}>7</option>
                <option value={8}>8</option>
              </select>
            </label>
            <label>
              {t.period}
              <input
                type="number"
                min={1}
                value={period}
                onChange={(e) => setPeriod(Number(e.target.value))}
              />
            </label>
          </details>
          <button type="submit" className="primary" disabled={keyError !== undefined}>
            {t.add}
          </button>
        </form>
      </section>
    </div>
  );
}

// ---- the app --------------------------------------------------------------------------------------------------

export function App({ initialLang }: { initialLang?: Lang }) {
  const [lang, setLang] = useState<Lang>(initialLang ?? pickLanguage(navigator.languages));
  const t = useStrings(lang);
  const [screen, setScreen] = useState<'accounts' | 'add' | 'cognito' | 'settings'>('accounts');
  const [hostName, setHostName] = useState('');
  const [mac, setMac] = useState(false);
  const [palette, setPalette] = useState(false);
  const [shortcutFor, setShortcutFor] = useState<AccountView | undefined>();
  const [notice, setNotice] = useState<Notice | undefined>();
  const [accounts, setAccounts] = useAccounts(() => call(window.keyfob.listAccounts(), setNotice));
  const [store] = useState(() => new CodeStore());
  const [query, setQuery] = useState('');
  const [report, setReport] = useState<ImportReport | undefined>();
  const [renaming, setRenaming] = useState<AccountView | undefined>();
  const [removing, setRemoving] = useState<AccountView | undefined>();
  const [revealed, setRevealed] = useState<
    { account: AccountView; secret: string; qr: string } | undefined
  >();
  const [resume, setResume] = useState<{ profile: string; username: string } | undefined>();
  const [exported, setExported] = useState<{
    codes: string[];
    excluded: ExportView['excluded'];
  }>();
  const [hotp, setHotp] = useState<Map<string, string>>(new Map());
  const [dropping, setDropping] = useState(false);
  const [links, setLinks] = useState<LinkSummary[]>([]);
  const [orphans, setOrphans] = useState<StartupReport['orphans']>([]);

  const [settings, setSettings] = useState<SettingsView | undefined>();
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  useEffect(() => {
    void window.keyfob.getSettings().then((r) => {
      if (!r.ok) return;
      setSettings(r.value);
      if (r.value.language) setLang(pickLanguage([r.value.language]));
    });
  }, []);
  useEffect(() => {
    const theme = settings?.theme ?? 'system';
    if (theme === 'system') delete document.documentElement.dataset.theme;
    else document.documentElement.dataset.theme = theme;
  }, [settings?.theme]);
  const saveSettings = useCallback(async (change: Parameters<KeyfobApi['saveSettings']>[0]) => {
    // Shown at once; what main saved (or the old values, if it refused) replaces it when it answers.
    let before: SettingsView | undefined;
    setSettings((current) => {
      before = current;
      if (!current) return current;
      const { language, ...rest } = change;
      const next: SettingsView = { ...current, ...rest };
      if (language === null) delete next.language;
      else if (language !== undefined) next.language = language;
      return next;
    });
    const saved = await call(window.keyfob.saveSettings(change), setNotice);
    setSettings(saved ?? before);
    return saved;
  }, []);

  useEffect(() => {
    // What opening the vault repaired or found missing: said once, as the CLI says it on stderr.
    void window.keyfob.startupReport().then((r) => {
      if (!r.ok) return;
      const { movedAside, orphans: found, missingKey } = r.value;
      // Offered below the notice, one by one: nothing comes back into the list without the person's word.
      setOrphans(found);
      const text = [
        movedAside && t.listMovedAside(movedAside.path),
        missingKey.length > 0 && t.missingKeys(missingKey.map((m) => m.name).join(', ')),
      ].filter(Boolean);
      if (text.length === 0) return;
      const bad = movedAside !== undefined || missingKey.length > 0;
      setNotice({
        kind: bad ? 'error' : 'ok',
        text: text.join(' '),
        ...(missingKey.length > 0 ? { hint: t.missingKeysHint } : {}),
      });
    });
    void window.keyfob.appInfo().then((r) => {
      if (!r.ok) return;
      setHostName(r.value.hostName);
      setMac(r.value.platform === 'darwin');
    });
    const off = window.keyfob.onCodes((batch: CodeBatch) => store.update(batch));
    const offLinks = window.keyfob.onLinks(setLinks);
    const offSearch = window.keyfob.onFocusSearch(() => setPalette(true));
    void window.keyfob.ready();
    return () => {
      off();
      offLinks();
      offSearch();
    };
    // Once, at start: the start-up report is said in the language of that moment, as the CLI says it once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [store]);

  // The image's setup codes come back as links to confirm (onLinks); accepting one adds it and shows the report.
  const addImage = useCallback(async (file: File) => {
    const bytes = new Uint8Array(await file.arrayBuffer());
    await call(window.keyfob.scanImage(bytes), setNotice);
  }, []);

  // Main asks the person itself (a native dialog) before a key leaves the vault: one question, and not one the
  // page could answer for them. A "no" comes back as CANCELLED, which call() passes over quietly.
  const reveal = async (account: AccountView) => {
    const r = await call(window.keyfob.revealKey(account.id), setNotice);
    if (r)
      setRevealed({
        account,
        secret: r.secret,
        qr: await QRCode.toDataURL(r.uri, { margin: 2, width: 200 }),
      });
  };
  const exportAll = async () => {
    const r = await call(window.keyfob.exportAccounts('migration'), setNotice);
    if (!r) return;
    const codes = await Promise.all(
      r.lines.map((l) => QRCode.toDataURL(l, { margin: 2, width: 280, errorCorrectionLevel: 'L' })),
    );
    setExported({ codes, excluded: r.excluded });
  };

  const visible = useMemo(() => {
    const q = query.trim().toLowerCase();
    return (accounts ?? []).filter((a) => !q || `${a.issuer} ${a.label}`.toLowerCase().includes(q));
  }, [accounts, query]);

  const move = async (id: string, delta: number) => {
    if (!accounts) return;
    const ids = accounts.map((a) => a.id);
    const from = ids.indexOf(id);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= ids.length) return;
    ids.splice(to, 0, ...ids.splice(from, 1));
    const list = await call(window.keyfob.reorderAccounts(ids), setNotice);
    if (list) setAccounts(list);
    requestAnimationFrame(() =>
      document.querySelector<HTMLButtonElement>(`li[data-id="${id}"] button.copy`)?.focus(),
    );
  };

  return (
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
          void addImage(file);
        }
      }}
      onPaste={(e) => {
        // Pasting an image or a link anywhere outside a text field adds it.
        const target = e.target as HTMLElement;
        if (target.closest('input, textarea')) return;
        const file = [...e.clipboardData.files].find((f) => f.type.startsWith('image/'));
        if (file) {
          e.preventDefault();
          void addImage(file);
          return;
        }
        const text = e.clipboardData.getData('text/plain');
        if (/^otpauth(-migration)?:\/\//i.test(text.trim())) {
          e.preventDefault();
          void call(window.keyfob.addFromText(text), setNotice).then((r) => {
            if (r) {
              setReport(r);
              setScreen('add');
            }
          });
        }
      }}
    >
      <header>
        <h1>{screen === 'add' ? t.add : t.appName}</h1>
        <nav aria-label={t.nav} className="tabs">
          <button
            type="button"
            aria-current={screen === 'accounts' || screen === 'add' ? 'page' : undefined}
            onClick={() => {
              setScreen('accounts');
              setReport(undefined);
            }}
          >
            {t.accounts}
          </button>
          <button
            type="button"
            aria-current={screen === 'cognito' ? 'page' : undefined}
            onClick={() => setScreen('cognito')}
          >
            {t.cognito}
          </button>
          <button
            type="button"
            aria-current={screen === 'settings' ? 'page' : undefined}
            onClick={() => setScreen('settings')}
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
              setLang(chosen);
              void saveSettings({ language: chosen });
            }}
          >
            {languages.map((l) => (
              <option key={l.code} value={l.code}>
                {l.name}
              </option>
            ))}
          </select>
          {screen === 'cognito' || screen === 'settings' ? null : screen === 'accounts' ? (
            <button type="button" className="primary" onClick={() => setScreen('add')}>
              + {t.add}
            </button>
          ) : (
            <button
              type="button"
              onClick={() => {
                setScreen('accounts');
                setReport(undefined);
              }}
            >
              ← {t.back}
            </button>
          )}
        </div>
      </header>

      {notice && (
        <div className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          <span>{notice.error ? errorText(notice.error, lang).message : notice.text}</span>
          {(notice.error ? errorText(notice.error, lang).hint : notice.hint) && (
            <span className="hint">{notice.error ? errorText(notice.error, lang).hint : notice.hint}</span>
          )}
          <button type="button" aria-label={t.close} onClick={() => setNotice(undefined)}>
            ×
          </button>
        </div>
      )}

      {orphans.length > 0 && (
        <section className="link-request" aria-labelledby="orphans-title">
          <h2 id="orphans-title">{t.orphansTitle}</h2>
          <p>{t.orphansHelp}</p>
          <ul>
            {orphans.map((orphan) => {
              const settle = async (action: 'restore' | 'delete') => {
                setOrphans((all) => all.filter((o) => o.id !== orphan.id));
                // A restored key comes back into the list through accounts:changed.
                await call(window.keyfob.resolveOrphan(orphan.id, action), setNotice);
              };
              return (
                <li key={orphan.id}>
                  {orphan.name} {orphan.pending && t.orphanPending}
                  <div className="actions">
                    <button type="button" onClick={() => void settle('delete')}>
                      {t.orphanDelete}
                    </button>
                    <button type="button" className="primary" onClick={() => void settle('restore')}>
                      {t.orphanRestore}
                    </button>
                  </div>
                </li>
              );
            })}
          </ul>
        </section>
      )}

      {links.map((link) => (
        <section key={link.id} className="link-request" aria-labelledby={`link-${link.id}`}>
          <h2 id={`link-${link.id}`}>{t.linkTitle}</h2>
          {link.error ? (
            <p>{errorText(link.error, lang).message}</p>
          ) : (
            <ul>
              {link.accounts.map((a, i) => (
                <li key={i}>{name(a)}</li>
              ))}
              {link.refused.map((r, i) => (
                <li key={`r${i}`}>
                  {r.name} — {reasonText(r, lang)}
                </li>
              ))}
            </ul>
          )}
          <div className="actions">
            <button
              type="button"
              onClick={async () => {
                setLinks((all) => all.filter((l) => l.id !== link.id));
                await window.keyfob.declineLink(link.id);
              }}
            >
              {t.notNow}
            </button>
            {!link.error && link.accounts.length > 0 && (
              <button
                type="button"
                className="primary"
                onClick={async () => {
                  setLinks((all) => all.filter((l) => l.id !== link.id));
                  const r = await call(window.keyfob.acceptLink(link.id), setNotice);
                  if (r) {
                    setReport(r);
                    setScreen('add');
                  }
                }}
              >
                {t.addLinks}
              </button>
            )}
          </div>
        </section>
      ))}

      <main>
        {screen === 'settings' ? (
          settings && <SettingsScreen t={t} settings={settings} mac={mac} save={saveSettings} />
        ) : screen === 'cognito' ? (
          <CognitoScreen t={t} hostName={hostName} {...(resume ? { prefill: resume } : {})} />
        ) : screen === 'add' ? (
          <>
            {report && <ReportView report={report} t={t} />}
            <AddScreen t={t} onNotice={setNotice} onImage={(f) => void addImage(f)} onReport={setReport} />
          </>
        ) : accounts === undefined ? null : accounts.length === 0 ? (
          <section className="empty" aria-labelledby="empty-title">
            <h2 id="empty-title">{t.emptyTitle}</h2>
            <p>{t.emptyBody}</p>
            <button type="button" className="primary" onClick={() => setScreen('add')}>
              + {t.add}
            </button>
          </section>
        ) : (
          <>
            <div className="list-tools">
              <button type="button" onClick={() => void exportAll()}>
                {t.export}
              </button>
            </div>
            <input
              type="search"
              className="search"
              placeholder={t.search}
              aria-label={t.search}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && visible[0]) {
                  void call(window.keyfob.copyCode(visible[0].id), setNotice).then(
                    (r) => r && setNotice({ kind: 'ok', text: r.next ? t.copiedNext : t.copied }),
                  );
                }
              }}
            />
            <ul
              className="accounts"
              aria-label={t.accounts}
              onDragOver={(e) => e.dataTransfer.types.includes('text/x-keyfob-account') && e.preventDefault()}
              onDrop={(e) => {
                const dragged = e.dataTransfer.getData('text/x-keyfob-account');
                const over = (e.target as HTMLElement).closest('li')?.getAttribute('data-id');
                if (!dragged || !over || !accounts) return;
                e.preventDefault();
                void move(
                  dragged,
                  accounts.findIndex((a) => a.id === over) - accounts.findIndex((a) => a.id === dragged),
                );
              }}
            >
              {visible.map((a) => (
                <AccountRow
                  key={a.id}
                  account={a}
                  store={store}
                  hotpCode={hotp.get(a.id)}
                  t={t}
                  onCopy={async () => {
                    const r = await call(window.keyfob.copyCode(a.id), setNotice);
                    if (r) setNotice({ kind: 'ok', text: r.next ? t.copiedNext : t.copied });
                  }}
                  onHotp={async () => {
                    const code = await call(window.keyfob.hotpCode(a.id), setNotice);
                    if (code) setHotp(new Map(hotp).set(a.id, code));
                  }}
                  onRename={() => setRenaming(a)}
                  onResume={() => {
                    if (a.cognito) setResume({ ...a.cognito });
                    setScreen('cognito');
                  }}
                  onRemove={() => setRemoving(a)}
                  onReveal={() => void reveal(a)}
                  onMove={(d) => void move(a.id, d)}
                  onShortcut={() => setShortcutFor(a)}
                  mac={mac}
                  shortcut={
                    settings?.accountShortcuts[a.id]
                      ? {
                          accelerator: settings.accountShortcuts[a.id]!,
                          taken: settings.accountShortcutsTaken?.includes(a.id) ?? false,
                        }
                      : undefined
                  }
                />
              ))}
            </ul>
          </>
        )}
      </main>

      {dropping && (
        <div className="drop-overlay" aria-hidden="true">
          {t.dropHere}
        </div>
      )}

      {renaming && (
        <RenameDialog
          account={renaming}
          t={t}
          onClose={() => setRenaming(undefined)}
          onSave={async (names) => {
            await call(window.keyfob.renameAccount(renaming.id, names), setNotice);
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
            const r = await call(window.keyfob.removeAccount(removing.id), setNotice);
            setRemoving(undefined);
            if (r) {
              // Its shortcut went with it.
              const s = await window.keyfob.getSettings();
              if (s.ok) setSettings(s.value);
            }
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
            setSettings(r.value);
            if (accelerator && r.value.accountShortcutsTaken?.includes(shortcutFor.id)) {
              return { code: 'SHORTCUT_TAKEN', message: t.accountShortcutTaken, hint: '' };
            }
            return undefined;
          }}
        />
      )}
      {palette && (
        <Palette
          accounts={accounts ?? []}
          store={store}
          t={t}
          onClose={() => {
            setPalette(false);
            void window.keyfob.dismissPalette();
          }}
          onCopy={async (account) => {
            const r = await window.keyfob.copyCode(account.id);
            if (!r.ok) return r.error;
            setNotice({ kind: 'ok', text: r.value.next ? t.copiedNext : t.copied });
            setPalette(false);
            void window.keyfob.dismissPalette();
            return undefined;
          }}
        />
      )}
      {exported && <ExportDialog exported={exported} t={t} onClose={() => setExported(undefined)} />}
      {revealed && (
        <Dialog title={`${t.key}: ${name(revealed.account)}`} onClose={() => setRevealed(undefined)}>
          <p className="help">{t.revealHelp}</p>
          <img
            className="qr"
            src={revealed.qr}
            alt={t.qrFor(name(revealed.account))}
            width={200}
            height={200}
          />
          <p className="secret">{revealed.secret.replace(/(.{4})/g, '$1 ').trim()}</p>
          <div className="actions">
            <button type="button" className="primary" onClick={() => setRevealed(undefined)} autoFocus>
              {t.close}
            </button>
          </div>
        </Dialog>
      )}
    </div>
  );
}
