import { useEffect, useId, useState } from 'react';
import type { ErrorInfo, TokensView } from '../../../../preload/api';
import type { Strings } from '../../i18n/strings';
import { useStore } from '../../store/react';
import { FieldError } from '../add/FieldError';

/** "in 59 minutes", "in 40 seconds", "5 minutes ago": the unit that reads best for how far `ms` is. */
export function relativeTime(ms: number, lang: string): string {
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: 'auto', style: 'long' });
  const seconds = Math.round(ms / 1000);
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, 'second');
  if (abs < 2 * 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 2 * 86400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86400), 'day');
}

/** Now, again every `everyMs`: enough for words in whole minutes, and seconds near the end. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(Date.now);
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

/** Claims that are times (seconds since 1970): shown as the window's date and time beside the number. */
const TIME_CLAIMS = new Set(['exp', 'iat', 'auth_time', 'nbf']);

function ClaimsTable({
  claims,
  caption,
  t,
}: {
  claims: Record<string, unknown>;
  caption: string;
  t: Strings;
}) {
  const when = new Intl.DateTimeFormat(t.lang, { dateStyle: 'medium', timeStyle: 'medium' });
  return (
    <table className="claims">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.claimName}</th>
          <th scope="col">{t.claimValue}</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(claims).map(([name, value]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>
              {typeof value === 'string' ? value : JSON.stringify(value)}
              {TIME_CLAIMS.has(name) && typeof value === 'number' && (
                <span className="claim-time"> ({when.format(value * 1000)})</span>
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * Copies a token through main's clipboard, as a code is copied: main takes it off again after the clipboard's
 * timeout (the page's own clipboard would leave it there, and the app's permissions refuse it anyway).
 */
function CopyButton({ value, name, t }: { value: string; name: string; t: Strings }) {
  const store = useStore();
  const [copied, setCopied] = useState(false);
  const [error, setError] = useState<ErrorInfo>();
  const errorId = useId();
  useEffect(() => {
    if (!copied) return;
    const id = setTimeout(() => setCopied(false), 2500);
    return () => clearTimeout(id);
  }, [copied]);
  const copy = async () => {
    setError(undefined);
    const r = await window.keyfob.copyToken(value);
    if (!r.ok) {
      setCopied(false);
      setError(r.error);
      return;
    }
    setCopied(true);
    const seconds = r.value.clearsInSeconds;
    store.notify({
      kind: 'ok',
      phrases: [{ key: 'copiedToast', args: seconds === undefined ? [name, false] : [name, false, seconds] }],
    });
  };
  return (
    <>
      <button
        type="button"
        aria-label={t.copyToken(name)}
        // Described by the error, not marked invalid: a button holds no value that could be.
        aria-describedby={error ? errorId : undefined}
        onClick={() => void copy()}
      >
        {copied ? `✓ ${t.copiedTick}` : t.copyShort}
      </button>
      <FieldError id={errorId} error={error} t={t} />
    </>
  );
}

/** The tokens of a sign-in: when they expire, in words that keep up; each token to copy; their claims. */
export function Tokens({ tokens, t }: { tokens: TokensView; t: Strings }) {
  const left = tokens.expiresAt - useNow(15_000);
  const at = new Intl.DateTimeFormat(t.lang, { timeStyle: 'short' }).format(tokens.expiresAt);
  const rows: Array<[string, string | undefined]> = [
    ['IdToken', tokens.idToken],
    ['AccessToken', tokens.accessToken],
    ['RefreshToken', tokens.refreshToken],
  ];
  return (
    <section aria-labelledby="tokens-title" className="tokens">
      <h4 id="tokens-title">{t.tokens}</h4>
      <p className={left > 0 ? 'expiry' : 'expiry expired'}>
        <time dateTime={new Date(tokens.expiresAt).toISOString()}>
          {t.expires(relativeTime(left, t.lang), left <= 0)}
        </time>{' '}
        <span className="muted">· {at}</span>
      </p>
      {rows.map(
        ([name, value]) =>
          value && (
            <div key={name} className="token">
              <label>
                {name}
                <input readOnly value={value} spellCheck={false} />
              </label>
              <CopyButton value={value} name={name} t={t} />
            </div>
          ),
      )}
      <ClaimsTable claims={tokens.idClaims} caption={t.claims('IdToken')} t={t} />
      <ClaimsTable claims={tokens.accessClaims} caption={t.claims('AccessToken')} t={t} />
    </section>
  );
}
