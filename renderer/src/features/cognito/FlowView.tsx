import QRCode from 'qrcode';
import { useEffect, useId, useState } from 'react';
import type { ErrorInfo, FlowProgress, FlowPrompt, RevealedKey } from '../../../../preload/api';
import type { Strings } from '../../i18n/strings';
import type { FlowState } from '../../store/flows';
import { unwrap } from '../../store/store';
import { ErrorBox } from '../../ui/ErrorBox';
import { FieldError } from '../add/FieldError';
import { CODE_MAX_LENGTH, codeDigits, codeProblem, needed, useFieldChecks } from './checks';

/** A step main reported, in words; undefined for those the stepper shows by itself (signing in, a new password). */
function stepText(p: FlowProgress, t: Strings): string | undefined {
  switch (p.type) {
    case 'challenge':
      return p.state === 'signedIn' || p.state === 'start' || p.state === 'newPasswordRequired'
        ? undefined
        : t.stepChallenge(p.state);
    case 'waitingForCode':
      return t.stepWaiting(p.seconds);
    case 'secretStored':
      return t.stepStored;
    case 'verified':
      return t.stepVerified;
    case 'preferenceSet':
      return t.stepPreference(p.preferred);
    case 'replaced':
      return t.stepReplaced(p.name);
    case 'signingIn':
    case 'clockSkew':
      return undefined;
  }
}

/**
 * What happened while verifying, each with ✓. A wait for the next code is shown only while it lasts: a flow that
 * failed or finished never keeps saying it is waiting.
 */
export function ProgressLines({ flow, t }: { flow: FlowState; t: Strings }) {
  const running = !flow.done && !flow.error;
  const lines = flow.steps
    .map((p, i) => ({ p, i, text: stepText(p, t) }))
    .filter(
      ({ p, i, text }) =>
        text !== undefined && (p.type !== 'waitingForCode' || (running && i === flow.steps.length - 1)),
    );
  return (
    <ul className="progress" aria-live="polite">
      {lines.map(({ p, i, text }) => (
        <li key={i} className={p.type === 'waitingForCode' ? 'waiting' : 'ok'}>
          <span className="mark" aria-hidden="true">
            {p.type === 'waitingForCode' ? '…' : '✓'}
          </span>
          {text}
        </li>
      ))}
    </ul>
  );
}

/**
 * The question a flow waits on: a new password, a code Cognito sent, or the code of a second device. An answer
 * main refused (`error`) is said beside the field.
 */
export function PromptForm({
  prompt,
  t,
  onAnswer,
  error,
}: {
  prompt: FlowPrompt;
  t: Strings;
  onAnswer: (a: Parameters<typeof window.keyfob.answerFlow>[1]) => void;
  error?: ErrorInfo | undefined;
}) {
  const [value, setValue] = useState('');
  const [attrs, setAttrs] = useState<Record<string, string>>({});
  const helpId = useId();
  const isCode = prompt.kind !== 'newPassword';
  // A second device's code may be left empty (Keyfob then uses its own); any other answer is needed.
  const checks = useFieldChecks<string>(
    {
      answer:
        prompt.kind === 'verificationCode' && value.trim() === ''
          ? undefined
          : (needed(value, t) ?? (isCode ? codeProblem(value, t) : undefined)),
      ...(prompt.kind === 'newPassword'
        ? Object.fromEntries(prompt.requiredAttributes.map((a) => [`attr-${a}`, needed(attrs[a] ?? '', t)]))
        : {}),
    },
    t,
  );
  // Main's refusal of the last answer is said where the field's own problem would be, which comes first.
  const answerField = checks.field('answer');
  const answerError = answerField['aria-describedby'] ? undefined : error;
  const errorId = useId();
  const title =
    prompt.kind === 'newPassword' ? t.newPasswordTitle : prompt.kind === 'code' ? t.codeTitle : t.verifyTitle;
  const help =
    prompt.kind === 'newPassword'
      ? t.newPasswordHelp(prompt.username)
      : prompt.kind === 'code'
        ? t.codeHelp(prompt.via === 'sms' ? 'text message' : 'e-mail', prompt.destination)
        : t.verifyHelp;
  return (
    <form
      className="prompt"
      aria-label={title}
      aria-describedby={helpId}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!checks.passes(e.currentTarget)) return;
        if (prompt.kind === 'newPassword')
          onAnswer({ kind: 'newPassword', password: value, attributes: attrs });
        else if (prompt.kind === 'code') onAnswer({ kind: 'code', code: codeDigits(value) });
        else onAnswer({ kind: 'verificationCode', ...(value.trim() ? { code: codeDigits(value) } : {}) });
      }}
    >
      <p className="help" id={helpId}>
        {help}
      </p>
      <label>
        {prompt.kind === 'newPassword' ? t.newPassword : t.code}
        <input
          type={isCode ? 'text' : 'password'}
          inputMode={isCode ? 'numeric' : undefined}
          autoComplete={isCode ? 'one-time-code' : 'new-password'}
          maxLength={isCode ? CODE_MAX_LENGTH : undefined}
          spellCheck={isCode ? false : undefined}
          value={value}
          required={prompt.kind !== 'verificationCode'}
          // The step that asks is the one the person is on: its field takes the focus.
          autoFocus
          onChange={(e) => setValue(e.target.value)}
          {...answerField}
          {...(answerError ? { 'aria-invalid': true, 'aria-describedby': errorId } : {})}
        />
      </label>
      {checks.error('answer')}
      <FieldError id={errorId} error={answerError} t={t} />
      {prompt.kind === 'newPassword' &&
        prompt.requiredAttributes.map((a) => (
          <div key={a}>
            <label>
              {a}
              <input
                required
                value={attrs[a] ?? ''}
                onChange={(e) => setAttrs({ ...attrs, [a]: e.target.value })}
                {...checks.field(`attr-${a}`)}
              />
            </label>
            {checks.error(`attr-${a}`)}
          </div>
        ))}
      <div className="actions">
        <button type="button" onClick={() => onAnswer({ kind: 'cancel' })}>
          {t.cancel}
        </button>
        <button type="submit" className="primary">
          {t.submit}
        </button>
      </div>
    </form>
  );
}

/**
 * "Set up a second device too": the new key as a QR code and as text, only once the person opens it and main
 * has confirmed, as for any other reveal. Closing it drops the key from the page again.
 */
export function SecondDevice({ accountId, t }: { accountId: string; t: Strings }) {
  const [open, setOpen] = useState(false);
  const [key, setKey] = useState<RevealedKey | undefined>();
  const [qr, setQr] = useState<string | undefined>();
  const [error, setError] = useState<ErrorInfo | undefined>();
  const [asking, setAsking] = useState(false);
  const panelId = useId();
  const whyId = useId();
  useEffect(() => {
    if (!key) return setQr(undefined);
    let live = true;
    void QRCode.toDataURL(key.uri, { margin: 2, width: 180 }).then((url) => live && setQr(url));
    return () => {
      live = false;
    };
  }, [key]);
  const toggle = async () => {
    setError(undefined);
    if (open) {
      setOpen(false);
      setKey(undefined);
      return;
    }
    setAsking(true);
    const revealed = await unwrap(window.keyfob.revealKey(accountId), (e) => {
      // Declining main's question is an answer, not a failure: the disclosure just stays closed.
      if (e.code !== 'CANCELLED') setError(e);
    }).finally(() => setAsking(false));
    if (revealed) {
      setKey(revealed);
      setOpen(true);
    }
  };
  return (
    <div className="second-device">
      <button
        type="button"
        className="disclosure"
        aria-expanded={open}
        aria-controls={panelId}
        disabled={asking}
        aria-describedby={asking ? whyId : undefined}
        onClick={() => void toggle()}
      >
        <span aria-hidden="true">{open ? '▾' : '▸'}</span> {t.secondDeviceToggle}
      </button>
      {asking ? (
        <p className="help why" id={whyId} role="status">
          {t.whyAsking}
        </p>
      ) : (
        !open && <p className="help">{t.secondDeviceAsks}</p>
      )}
      {error && <ErrorBox error={error} t={t} />}
      <div id={panelId} hidden={!open}>
        {open && key && (
          <>
            <p>{t.secondDevice}</p>
            {qr && <img src={qr} alt={t.secondDeviceQr} width={180} height={180} />}
            <p className="secret">{key.secret.replace(/(.{4})/g, '$1 ').trim()}</p>
          </>
        )}
      </div>
    </div>
  );
}
