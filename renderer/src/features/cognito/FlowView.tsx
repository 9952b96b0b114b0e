import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import type { FlowProgress, FlowPrompt, TokensView } from '../../../../preload/api';
import type { Strings } from '../../i18n/strings';
import type { FlowState } from '../../store/flows';
import { ErrorBox } from '../../ui/ErrorBox';

function stepText(p: FlowProgress, t: Strings): string | undefined {
  switch (p.type) {
    case 'signingIn':
      return t.stepSigningIn;
    case 'challenge':
      return p.state === 'signedIn' || p.state === 'start' ? undefined : t.stepChallenge(p.state);
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
    case 'clockSkew':
      return undefined;
  }
}

function PromptForm({
  prompt,
  t,
  onAnswer,
}: {
  prompt: FlowPrompt;
  t: Strings;
  onAnswer: (a: Parameters<typeof window.keyfob.answerFlow>[1]) => void;
}) {
  const [value, setValue] = useState('');
  const [attrs, setAttrs] = useState<Record<string, string>>({});
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
      onSubmit={(e) => {
        e.preventDefault();
        if (prompt.kind === 'newPassword')
          onAnswer({ kind: 'newPassword', password: value, attributes: attrs });
        else if (prompt.kind === 'code') onAnswer({ kind: 'code', code: value });
        else onAnswer({ kind: 'verificationCode', ...(value.trim() ? { code: value } : {}) });
      }}
    >
      <h3>{title}</h3>
      <p className="help">{help}</p>
      <label>
        {prompt.kind === 'newPassword' ? t.newPassword : t.code}
        <input
          type={prompt.kind === 'newPassword' ? 'password' : 'text'}
          inputMode={prompt.kind === 'newPassword' ? undefined : 'numeric'}
          autoComplete={prompt.kind === 'newPassword' ? 'new-password' : 'one-time-code'}
          value={value}
          required={prompt.kind !== 'verificationCode'}
          autoFocus
          onChange={(e) => setValue(e.target.value)}
        />
      </label>
      {prompt.kind === 'newPassword' &&
        prompt.requiredAttributes.map((a) => (
          <label key={a}>
            {a}
            <input
              required
              value={attrs[a] ?? ''}
              onChange={(e) => setAttrs({ ...attrs, [a]: e.target.value })}
            />
          </label>
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

function Tokens({ tokens, t }: { tokens: TokensView; t: Strings }) {
  const rows: Array<[string, string | undefined]> = [
    ['IdToken', tokens.idToken],
    ['AccessToken', tokens.accessToken],
    ['RefreshToken', tokens.refreshToken],
  ];
  return (
    <section aria-labelledby="tokens-title" className="tokens">
      <h3 id="tokens-title">{t.tokens}</h3>
      <p>{t.expires(new Date(tokens.expiresAt).toLocaleString())}</p>
      {rows.map(
        ([name, value]) =>
          value && (
            <div key={name} className="token">
              <label>
                {name}
                <textarea readOnly rows={2} value={value} spellCheck={false} />
              </label>
              <button type="button" onClick={() => void navigator.clipboard?.writeText(value)}>
                {t.copyToken(name)}
              </button>
            </div>
          ),
      )}
      <details>
        <summary>{t.claims('IdToken')}</summary>
        <pre>{JSON.stringify(tokens.idClaims, null, 2)}</pre>
      </details>
      <details>
        <summary>{t.claims('AccessToken')}</summary>
        <pre>{JSON.stringify(tokens.accessClaims, null, 2)}</pre>
      </details>
    </section>
  );
}

/** A running enrollment or sign-in: its steps, the question it waits on, and how it ended. */
export function FlowView({
  flow,
  t,
  kind,
  onAgain,
  onNewPassword,
}: {
  flow: FlowState;
  t: Strings;
  kind: 'enroll' | 'login';
  onAgain?: () => void;
  onNewPassword?: (password: string) => void;
}) {
  return (
    <section className="flow" aria-labelledby={`flow-${flow.flowId}`}>
      <h3 id={`flow-${flow.flowId}`}>{t.steps}</h3>
      <ol className="steps" aria-live="polite">
        {flow.steps.map((p) => stepText(p, t)).map((s, i) => s && <li key={i}>{s}</li>)}
      </ol>
      {flow.skew !== undefined && (
        <p className="warning" role="status">
          {t.skew(Math.round(Math.abs(flow.skew) / 1000), flow.skew > 0)}
        </p>
      )}
      {flow.secret && <SecondDevice secret={flow.secret} t={t} />}
      {flow.prompt && (
        <PromptForm
          key={`${flow.prompt.kind}-${flow.steps.length}`}
          prompt={flow.prompt}
          t={t}
          onAnswer={(a) => {
            if (a.kind === 'newPassword') onNewPassword?.(a.password);
            void window.keyfob.answerFlow(flow.flowId, a);
          }}
        />
      )}
      {flow.error && <ErrorBox error={flow.error} t={t} />}
      {flow.done && (
        <>
          <p role="status" className="notice ok">
            {kind === 'enroll' && flow.done.account
              ? t.enrolled(`${flow.done.account.issuer} (${flow.done.account.label})`)
              : t.signedIn(flow.done.username)}
          </p>
          {kind === 'enroll' && onAgain && (
            <button type="button" className="primary" onClick={onAgain}>
              {t.signInNow}
            </button>
          )}
          {kind === 'login' && <Tokens tokens={flow.done.tokens} t={t} />}
        </>
      )}
    </section>
  );
}

/** The key Cognito returned, as a QR code and as text, for a second authenticator. */
function SecondDevice({ secret, t }: { secret: { secret: string; uri: string }; t: Strings }) {
  const [qr, setQr] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    void QRCode.toDataURL(secret.uri, { margin: 2, width: 180 }).then((url) => live && setQr(url));
    return () => {
      live = false;
    };
  }, [secret.uri]);
  if (!qr) return null;
  return (
    <div className="second-device">
      <p>{t.secondDevice}</p>
      <img src={qr} alt={`QR: ${secret.secret}`} width={180} height={180} />
      <p className="secret">{secret.secret.replace(/(.{4})/g, '$1 ').trim()}</p>
    </div>
  );
}
