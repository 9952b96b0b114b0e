import { useRef, useState } from 'react';
import type { BackupWritten, ErrorInfo } from '../../../../preload/api';
import { reasonText } from '../../i18n';
import type { Strings } from '../../i18n/strings';
import { useStore } from '../../store/react';
import { Dialog } from '../../ui/Dialog';
import { describedBy, FieldError } from '../add/FieldError';
import { passwordStrength } from './strength';
import './export.css';

/**
 * The menu's Export: Google Authenticator's QR codes (shown in the window, as before) or an encrypted backup,
 * one file in Aegis's format that Aegis, Ente Auth, 2FAS and Keyfob import. The backup's password is typed
 * twice, with a strength hint, and goes to main in the one call that writes the file; main asks its own
 * question and shows its own save dialog, and only the file's name comes back.
 */
export function ExportChoiceDialog({
  t,
  onQr,
  onClose,
}: {
  t: Strings;
  onQr: () => void;
  onClose: () => void;
}) {
  const [step, setStep] = useState<'choose' | 'backup'>('choose');
  return (
    <Dialog title={step === 'choose' ? t.exportChoiceTitle : t.backupTitle} onClose={onClose}>
      {step === 'choose' ? (
        <>
          <ul className="export-choices">
            <li>
              <button
                type="button"
                className="export-choice"
                aria-labelledby="export-qr-title"
                aria-describedby="export-qr-line"
                onClick={onQr}
                autoFocus
              >
                <span className="export-choice-title" id="export-qr-title">
                  {t.exportChoiceQr}
                </span>
                <span className="export-choice-line" id="export-qr-line">
                  {t.exportChoiceQrLine}
                </span>
              </button>
            </li>
            <li>
              <button
                type="button"
                className="export-choice"
                aria-labelledby="export-backup-title"
                aria-describedby="export-backup-line"
                onClick={() => setStep('backup')}
              >
                <span className="export-choice-title" id="export-backup-title">
                  {t.exportChoiceBackup}
                </span>
                <span className="export-choice-line" id="export-backup-line">
                  {t.exportChoiceBackupLine}
                </span>
              </button>
            </li>
          </ul>
          <div className="actions">
            <button type="button" onClick={onClose}>
              {t.cancel}
            </button>
          </div>
        </>
      ) : (
        <BackupForm t={t} onBack={() => setStep('choose')} onClose={onClose} />
      )}
    </Dialog>
  );
}

const STRENGTH_WORDS = {
  weak: 'backupStrengthWeak',
  fair: 'backupStrengthFair',
  strong: 'backupStrengthStrong',
} as const;

function BackupForm({ t, onBack, onClose }: { t: Strings; onBack: () => void; onClose: () => void }) {
  const store = useStore();
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [error, setError] = useState<ErrorInfo | undefined>();
  const [busy, setBusy] = useState(false);
  const [written, setWritten] = useState<BackupWritten | undefined>();
  const againField = useRef<HTMLInputElement>(null);
  const strength = password === '' ? undefined : passwordStrength(password);

  if (written) {
    // Written, but some accounts are not in it: said here, where it can be read, rather than in a toast.
    return (
      <>
        <p role="status">{t.backupWritten(written.count, written.fileName)}</p>
        <section aria-labelledby="excluded-title">
          <h3 id="excluded-title">{t.exportExcluded}</h3>
          <ul>
            {written.excluded.map((e, i) => (
              <li key={i}>
                {e.name} — {reasonText(e, t.lang)}
              </li>
            ))}
          </ul>
        </section>
        <div className="actions">
          <button type="button" className="primary" onClick={onClose} autoFocus>
            {t.close}
          </button>
        </div>
      </>
    );
  }

  return (
    <form
      className="backup-form"
      onSubmit={async (e) => {
        e.preventDefault();
        setError(undefined);
        if (password !== again) {
          setMismatch(true);
          againField.current?.select();
          return;
        }
        setMismatch(false);
        setBusy(true);
        const r = await window.keyfob.exportBackup(password);
        setBusy(false);
        if (!r.ok) {
          // A "no" to main's question, or a closed save dialog: the form stays as it was, nothing to say.
          if (r.error.code !== 'CANCELLED') setError(r.error);
          return;
        }
        if (r.value.excluded.length > 0) {
          setWritten(r.value);
          return;
        }
        store.notify({
          kind: 'ok',
          phrases: [{ key: 'backupWritten', args: [r.value.count, r.value.fileName] }],
        });
        onClose();
      }}
    >
      <p className="help">{t.backupHelp}</p>
      <label>
        {t.backupPassword}
        <input
          type="password"
          value={password}
          autoComplete="new-password"
          autoFocus
          aria-describedby="backup-strength"
          onChange={(e) => setPassword(e.target.value)}
        />
      </label>
      <p id="backup-strength" className={`backup-strength ${strength ?? ''}`} aria-live="polite">
        {strength ? t[STRENGTH_WORDS[strength]] : t.backupStrengthEmpty}
      </p>
      <label>
        {t.backupPasswordAgain}
        <input
          ref={againField}
          type="password"
          value={again}
          autoComplete="new-password"
          onChange={(e) => setAgain(e.target.value)}
          {...describedBy('backup-mismatch', mismatch ? true : undefined)}
        />
      </label>
      <FieldError id="backup-mismatch" error={mismatch ? t.backupMismatch : undefined} t={t} />
      <FieldError id="backup-error" error={error} t={t} />
      <div className="actions">
        <button type="button" onClick={onBack}>
          {t.backupBack}
        </button>
        <button
          type="submit"
          className="primary"
          disabled={busy || password === '' || again === ''}
          {...describedBy('backup-error', error)}
        >
          {t.backupSave}
        </button>
      </div>
    </form>
  );
}
