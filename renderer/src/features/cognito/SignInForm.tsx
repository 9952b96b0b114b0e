import { useId } from 'react';
import type { ErrorInfo } from '../../../../preload/api';
import type { Strings } from '../../i18n/strings';
import { ErrorBox } from '../../ui/ErrorBox';
import { needed, useFieldChecks } from './checks';

export interface SignInFields {
  username: string;
  password: string;
  deviceName: string;
  prefer: boolean;
  typeCode: boolean;
}

/**
 * The "Sign in" step: the user and password that start an enrollment or a sign-in. Its values live with the
 * stepper, so that "Start over" and "Try again" keep what was typed.
 */
export function SignInForm({
  t,
  kind,
  fields,
  onChange,
  onSubmit,
  error,
  blockedWhy,
  retry,
}: {
  t: Strings;
  kind: 'enroll' | 'login';
  fields: SignInFields;
  onChange: (fields: SignInFields) => void;
  onSubmit: () => void;
  /** Why the last attempt failed: shown beside the button, which then offers to try again. */
  error?: ErrorInfo | undefined;
  /** Set, the button is disabled and this says why, in words next to it. */
  blockedWhy?: string | undefined;
  retry?: boolean;
}) {
  const whyId = useId();
  const set = <K extends keyof SignInFields>(key: K, value: SignInFields[K]) =>
    onChange({ ...fields, [key]: value });
  const checks = useFieldChecks(
    { username: needed(fields.username, t), password: needed(fields.password, t) },
    t,
  );
  return (
    <form
      className="sign-in"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (!blockedWhy && checks.passes(e.currentTarget)) onSubmit();
      }}
    >
      <label>
        {t.username}
        <input
          value={fields.username}
          onChange={(e) => set('username', e.target.value)}
          required
          autoComplete="username"
          data-first-field=""
          {...checks.field('username')}
        />
      </label>
      {checks.error('username')}
      <label>
        {t.password}
        <input
          type="password"
          value={fields.password}
          onChange={(e) => set('password', e.target.value)}
          required
          autoComplete="current-password"
          {...checks.field('password')}
        />
      </label>
      {checks.error('password')}
      {kind === 'enroll' && (
        <>
          <label>
            {t.deviceName}
            <input value={fields.deviceName} onChange={(e) => set('deviceName', e.target.value)} />
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={fields.prefer}
              onChange={(e) => set('prefer', e.target.checked)}
            />{' '}
            {t.preferTotp}
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={fields.typeCode}
              onChange={(e) => set('typeCode', e.target.checked)}
            />{' '}
            {t.typeCode}
          </label>
        </>
      )}
      {error && <ErrorBox error={error} t={t} />}
      <div className="actions">
        {blockedWhy && (
          <p className="why" id={whyId}>
            {blockedWhy}
          </p>
        )}
        <button
          type="submit"
          className="primary"
          disabled={blockedWhy !== undefined}
          aria-describedby={blockedWhy ? whyId : undefined}
        >
          {retry ? t.tryAgain : kind === 'enroll' ? t.start : t.signIn}
        </button>
      </div>
    </form>
  );
}
