import { useEffect, useState } from 'react';
import type { ErrorInfo, PoolView } from '../../../../preload/api';
import type { Strings } from '../../i18n/strings';
import { unwrap } from '../../store/store';
import { ErrorBox } from '../../ui/ErrorBox';

/** The pool, user and password that start an enrollment or a sign-in. */
export function SignInForm({
  t,
  pools,
  kind,
  hostName,
  onStarted,
  prefill,
  running,
}: {
  t: Strings;
  pools: PoolView[];
  kind: 'enroll' | 'login';
  hostName: string;
  prefill?: { profile: string; username: string } | undefined;
  /** A flow of this kind is under way: a second would race the first for the same user's session and code. */
  running?: boolean;
  onStarted: (flowId: string, request: Parameters<typeof window.keyfob.startFlow>[1]) => void;
}) {
  const [profile, setProfile] = useState(prefill?.profile ?? pools[0]?.name ?? '');
  const [username, setUsername] = useState(prefill?.username ?? '');
  const [password, setPassword] = useState('');
  const [deviceName, setDeviceName] = useState(hostName);
  const [prefer, setPrefer] = useState(true);
  const [typeCode, setTypeCode] = useState(false);
  const [error, setError] = useState<ErrorInfo | undefined>();
  const [starting, setStarting] = useState(false);
  useEffect(() => setDeviceName(hostName), [hostName]);
  useEffect(() => {
    if (!pools.some((p) => p.name === profile) && pools[0]) setProfile(pools[0].name);
  }, [pools, profile]);
  const id = (s: string) => `${kind}-${s}`;
  return (
    <form
      onSubmit={async (e) => {
        e.preventDefault();
        setError(undefined);
        const request = {
          profile,
          username,
          password,
          ...(kind === 'enroll' ? { deviceName, prefer, typeVerificationCode: typeCode } : {}),
        };
        setStarting(true);
        const started = await unwrap(window.keyfob.startFlow(kind, request), setError).finally(() =>
          setStarting(false),
        );
        if (started) onStarted(started.flowId, request);
      }}
    >
      <label htmlFor={id('pool')}>{t.pool}</label>
      <select id={id('pool')} value={profile} onChange={(e) => setProfile(e.target.value)} required>
        {pools.map((p) => (
          <option key={p.name} value={p.name}>
            {p.name}
          </option>
        ))}
      </select>
      <label>
        {t.username}
        <input
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
          autoComplete="username"
        />
      </label>
      <label>
        {t.password}
        <input
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          autoComplete="current-password"
        />
      </label>
      {kind === 'enroll' && (
        <>
          <label>
            {t.deviceName}
            <input value={deviceName} onChange={(e) => setDeviceName(e.target.value)} />
          </label>
          <label className="check">
            <input type="checkbox" checked={prefer} onChange={(e) => setPrefer(e.target.checked)} />{' '}
            {t.preferTotp}
          </label>
          <label className="check">
            <input type="checkbox" checked={typeCode} onChange={(e) => setTypeCode(e.target.checked)} />{' '}
            {t.typeCode}
          </label>
        </>
      )}
      <button type="submit" className="primary" disabled={pools.length === 0 || running || starting}>
        {kind === 'enroll' ? t.start : t.signIn}
      </button>
      {error && <ErrorBox error={error} t={t} />}
    </form>
  );
}
