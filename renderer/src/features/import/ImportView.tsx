import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErrorInfo, FormatInfo } from '../../../../preload/api';
import { errorText } from '../../i18n';
import type { Strings } from '../../i18n/strings';
import { unwrap } from '../../store/store';
import { useStore } from '../../store/react';
import { DropZone } from '../../ui/DropZone';
import { afterAdding } from '../add/after';
import { describedBy, FieldError } from '../add/FieldError';

/**
 * "Import from another app": the apps are main's formats registry (listFormats), so a format added there is
 * offered here by itself. For the app chosen: where it keeps its export, the file (picked or dropped), the
 * export's password when the format has one, then the report.
 *
 * A password is asked for calmly: an export that turns out to be encrypted is no mistake of the person's, so
 * main's PASSWORD_NEEDED is a note under the field, not an alert on it; only a wrong password is an error, said
 * beside the field, with the file kept so that retyping is all it takes. The password lives in this view's state
 * only until the import answers, and goes to main in the one call that needs it.
 */
export function ImportView({ t }: { t: Strings }) {
  const store = useStore();
  const { t: names } = useTranslation('errorWords', { lng: t.lang });
  const [formats, setFormats] = useState<FormatInfo[] | undefined>();
  const [listError, setListError] = useState<ErrorInfo | undefined>();
  const [chosen, setChosen] = useState<string | undefined>();
  const [file, setFile] = useState<File | undefined>();
  const [password, setPassword] = useState('');
  const [asked, setAsked] = useState(false);
  const [fileError, setFileError] = useState<ErrorInfo | undefined>();
  /** Main's "this export has a password": why the field appeared, said as help. */
  const [passwordNote, setPasswordNote] = useState<ErrorInfo | undefined>();
  const [passwordError, setPasswordError] = useState<ErrorInfo | undefined>();
  const [busy, setBusy] = useState(false);
  const passwordField = useRef<HTMLInputElement>(null);
  /** Bumped when main asks for the password or refuses it: the field takes the keyboard once it is on screen. */
  const [askedAt, setAskedAt] = useState(0);

  useEffect(() => {
    // Selected, so that a wrong password is replaced by typing.
    if (askedAt > 0) passwordField.current?.select();
  }, [askedAt]);

  useEffect(() => {
    void unwrap(window.keyfob.listFormats(), setListError).then((list) => list && setFormats(list));
  }, []);

  const format = formats?.find((f) => f.id === chosen);
  const needsPassword = format?.password === 'always' || asked;
  const nameOf = (id: string) => names(`format.${id}`, { defaultValue: id });

  const take = (picked: File | undefined) => {
    setFile(picked);
    setFileError(undefined);
    // Another file may have no password, or another one: the field comes back when main asks again.
    setAsked(false);
    setPassword('');
    setPasswordNote(undefined);
    setPasswordError(undefined);
  };
  const note = passwordNote && errorText(passwordNote, t.lang);
  const passwordDescribed = [note && 'password-note', passwordError && 'password-error']
    .filter(Boolean)
    .join(' ');

  if (listError) return <FieldError id="formats-error" error={listError} t={t} />;
  if (!formats) return null;
  return (
    <form
      className="method-form"
      onSubmit={async (e) => {
        e.preventDefault();
        if (!file || !format) return;
        setBusy(true);
        setFileError(undefined);
        setPasswordError(undefined);
        const bytes = new Uint8Array(await file.arrayBuffer());
        const report = await unwrap(
          window.keyfob.importFile({
            bytes,
            fileName: file.name,
            format: format.id,
            ...(needsPassword ? { password } : {}),
          }),
          (error) => {
            if (error.code === 'PASSWORD_NEEDED' || error.code === 'PASSWORD_WRONG') {
              setAsked(true);
              if (error.code === 'PASSWORD_NEEDED') setPasswordNote(error);
              else setPasswordError(error);
              setAskedAt((n) => n + 1);
            } else setFileError(error);
          },
        );
        setBusy(false);
        if (report) {
          // Done with this file: the view is ready for the next, and the report (when it stays) is below.
          take(undefined);
          afterAdding(store, report);
        }
      }}
    >
      <fieldset className="format-choice">
        <legend>{t.importWhich}</legend>
        {formats.map((f) => (
          <label key={f.id} className="format-option">
            <input
              type="radio"
              name="format"
              value={f.id}
              checked={chosen === f.id}
              onChange={() => {
                setChosen(f.id);
                setAsked(false);
                take(undefined);
              }}
            />
            {nameOf(f.id)}
          </label>
        ))}
      </fieldset>
      {format && (
        <>
          <p className="help where">{t.formatWhere(format.id)}</p>
          {/* The window's own drop reads images; a file dropped here is this app's export. */}
          <DropZone
            label={t.chooseFile}
            accept={format.fileTypes.join(',') || undefined}
            onFiles={(files) => take(files[0])}
          >
            {(choose) => (
              <>
                <button type="button" {...describedBy('file-error', fileError)} onClick={choose}>
                  {t.chooseFile}
                </button>
                <span className="drop-hint">{file ? t.fileChosen(file.name) : t.dropFile}</span>
              </>
            )}
          </DropZone>
          <FieldError id="file-error" error={fileError} t={t} />
          {needsPassword && (
            <>
              <label>
                {t.importPassword}
                <input
                  ref={passwordField}
                  type="password"
                  value={password}
                  autoComplete="off"
                  onChange={(e) => setPassword(e.target.value)}
                  aria-invalid={passwordError ? true : undefined}
                  aria-describedby={passwordDescribed || undefined}
                />
              </label>
              {note && (
                <p id="password-note" className="help password-note">
                  {note.message}
                  {note.hint && ` ${note.hint}`}
                </p>
              )}
              <FieldError id="password-error" error={passwordError} t={t} />
            </>
          )}
          <button
            type="submit"
            className="primary"
            disabled={!file || busy || (needsPassword && password === '')}
          >
            {t.importButton}
          </button>
        </>
      )}
    </form>
  );
}
