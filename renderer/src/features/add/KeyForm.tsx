import { useState } from 'react';
import type { ErrorInfo } from '../../../../preload/api';
import type { Strings } from '../../i18n/strings';
import { unwrap } from '../../store/store';
import { useStore } from '../../store/react';
import { accountName as name } from '../../ui/format';
import { afterAdding } from './after';
import { describedBy, FieldError } from './FieldError';

/**
 * A key being typed with characters no key has: the error main gives for the same key (secretNotBase32, in
 * main/otp/secret.ts), with the characters named and, for a 0, 1, 8 or 9, the advice about the letters they
 * stand in for. Said as it is typed, before main is asked.
 */
function badCharacters(secret: string): ErrorInfo | undefined {
  const upper = secret
    .replace(/[\s\-+]/g, '')
    .replace(/=+$/, '')
    .toUpperCase();
  const bad = [...new Set(upper.replace(/[A-Z2-7]/g, ''))];
  if (bad.length === 0) return undefined;
  const chars = bad
    .slice(0, 5)
    .map((c) => JSON.stringify(c))
    .join(', ');
  return {
    code: 'SECRET_INVALID',
    message: '',
    key: 'secretNotBase32',
    params: { chars, count: bad.length },
    ...(bad.some((c) => '0189'.includes(c)) ? { variant: 'lookalike' } : {}),
  };
}

type Field = 'label' | 'secret' | 'digits' | 'period' | 'form';

/** Which field an error from main is about, so it is shown beside that field. */
function fieldOf(error: ErrorInfo): Field {
  const key = error.key ?? '';
  if (key.startsWith('secret')) return 'secret';
  if (key === 'vaultNameNeeded' || key === 'vaultNameEmpty') return 'label';
  if (key === 'vaultDigitsUnsupported' || key === 'uriDigitsUnsupported') return 'digits';
  if (key === 'vaultPeriodInvalid') return 'period';
  return 'form';
}

/** "Enter a key": issuer, name and key, checked as it is typed; the rest under Advanced. */
export function KeyForm({ t }: { t: Strings }) {
  const store = useStore();
  const [issuer, setIssuer] = useState('');
  const [label, setLabel] = useState('');
  const [secret, setSecret] = useState('');
  const [type, setType] = useState<'totp' | 'hotp'>('totp');
  const [algorithm, setAlgorithm] = useState<'SHA1' | 'SHA256' | 'SHA512'>('SHA1');
  const [digits, setDigits] = useState(6);
  const [period, setPeriod] = useState(30);
  const [failed, setFailed] = useState<{ field: Field; error: ErrorInfo } | undefined>();
  const typedWrong = badCharacters(secret);
  const errorOf = (field: Field) => (failed?.field === field ? failed.error : undefined);
  const keyError = typedWrong ?? errorOf('secret');
  const advancedError = errorOf('digits') ?? errorOf('period');

  return (
    <form
      className="method-form"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        if (typedWrong) return;
        setFailed(undefined);
        const added = await unwrap(
          window.keyfob.addFromKey({ issuer, label, secret, type, algorithm, digits, period }),
          (error) => setFailed({ field: fieldOf(error), error }),
        );
        if (!added) return;
        const { reason, reasonKey, reasonParams } = added;
        // Added beside an account of the same name: the report says so, as an import's would.
        afterAdding(store, {
          entries: [
            {
              name: name(added),
              status: 'added',
              id: added.id,
              ...(reason !== undefined ? { reason } : {}),
              ...(reasonKey !== undefined ? { reasonKey } : {}),
              ...(reasonParams !== undefined ? { reasonParams } : {}),
            },
          ],
          missing: [],
        });
      }}
    >
      <label>
        {t.issuer}
        <input value={issuer} onChange={(e) => setIssuer(e.target.value)} autoComplete="off" />
      </label>
      <label>
        {t.account}
        <input
          value={label}
          onChange={(e) => setLabel(e.target.value)}
          required
          autoComplete="off"
          {...describedBy('label-error', errorOf('label'))}
        />
      </label>
      <FieldError id="label-error" error={errorOf('label')} t={t} />
      <label>
        {t.key}
        <input
          value={secret}
          onChange={(e) => {
            setSecret(e.target.value);
            if (failed?.field === 'secret') setFailed(undefined);
          }}
          required
          autoComplete="off"
          spellCheck={false}
          {...describedBy('key-error', keyError)}
        />
      </label>
      <FieldError id="key-error" error={keyError} t={t} />
      <details open={advancedError !== undefined || undefined}>
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
          <select
            value={digits}
            onChange={(e) => setDigits(Number(e.target.value))}
            {...describedBy('digits-error', errorOf('digits'))}
          >
            <option value={6}>6</option>
            <option value={7}>7</option>
            <option value={8}>8</option>
          </select>
        </label>
        <FieldError id="digits-error" error={errorOf('digits')} t={t} />
        <label>
          {t.period}
          <input
            type="number"
            min={1}
            value={period}
            onChange={(e) => setPeriod(Number(e.target.value))}
            {...describedBy('period-error', errorOf('period'))}
          />
        </label>
        <FieldError id="period-error" error={errorOf('period')} t={t} />
      </details>
      <button
        type="submit"
        className="primary"
        disabled={typedWrong !== undefined}
        {...describedBy('add-key-error', errorOf('form'))}
      >
        {t.add}
      </button>
      <FieldError id="add-key-error" error={errorOf('form')} t={t} />
    </form>
  );
}
