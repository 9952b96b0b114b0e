import { useState } from 'react';
import type { AccountView, ErrorInfo, ExportView } from '../../../../preload/api';
import { errorText, reasonText } from '../../i18n';
import type { Strings } from '../../i18n/strings';
import { Dialog, SaveOrCancel } from '../../ui/Dialog';
import { accountName as name } from '../../ui/format';
import { ShortcutField } from '../../ui/ShortcutField';

export function RenameDialog({
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

export function ShortcutDialog({
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

export function RevealDialog({
  revealed,
  t,
  onClose,
}: {
  revealed: { account: AccountView; secret: string; qr: string };
  t: Strings;
  onClose: () => void;
}) {
  return (
    <Dialog title={`${t.key}: ${name(revealed.account)}`} onClose={onClose}>
      <p className="help">{t.revealHelp}</p>
      <img className="qr" src={revealed.qr} alt={t.qrFor(name(revealed.account))} width={200} height={200} />
      <p className="secret">{revealed.secret.replace(/(.{4})/g, '$1 ').trim()}</p>
      <div className="actions">
        <button type="button" className="primary" onClick={onClose} autoFocus>
          {t.close}
        </button>
      </div>
    </Dialog>
  );
}

export function ExportDialog({
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
