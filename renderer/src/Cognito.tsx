import QRCode from 'qrcode';
import { useEffect, useRef, useState } from 'react';
import type {
  AuthFlow,
  ErrorInfo,
  FlowEvent,
  FlowPrompt,
  FlowProgress,
  PoolView,
  Result,
  TokensView,
} from '../../preload/api';
import { errorText } from './i18n';
import type { Strings } from './i18n/strings';

type Notice = {
  kind: 'ok' | 'error';
  text: string;
  hint?: string | undefined;
  service?: ErrorInfo['service'];
};

function ErrorBox({ error, t }: { error: ErrorInfo; t: Strings }) {
  return (
    <div className="notice error" role="alert">
      <span>{errorText(error, t.lang).message}</span>
      {errorText(error, t.lang).hint && <span className="hint">{errorText(error, t.lang).hint}</span>}
      {error.service && (
        <span className="hint service">
          {t.serviceSaid}: {error.service.name}: {error.service.message}
        </span>
      )}
    </div>
  );
}

async function unwrap<T>(p: Promise<Result<T>>, onError: (e: ErrorInfo) => void): Promise<T | undefined> {
  const r = await p;
  if (r.ok) return r.value;
  onError(r.error);
  return undefined;
}

// ---- pool profiles --------------------------------------------------------------------------------------------

type PoolForm = {
  name: string;
  region: string;
  userPoolId: string;
  clientId: string;
  clientSecret: string;
  removeSecret: boolean;
  endpoint: string;
  authFlow: AuthFlow;
  awsProfile: string;
};

const EMPTY_POOL: PoolForm = {
  name: '',
  region: '',
  userPoolId: '',
  clientId: '',
  clientSecret: '',
  removeSecret: false,
  endpoint: '',
  authFlow: 'srp',
  awsProfile: '',
};

function Pools({ t, pools, reload }: { t: Strings; pools: PoolView[]; reload: () => Promise<void> }) {
  const [form, setForm] = useState<PoolForm>(EMPTY_POOL);
  /** The profile being edited; its name is its identity, so it stays as it is. */
  const [editing, setEditing] = useState<PoolView | undefined>();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<ErrorInfo | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const formRef = useRef<HTMLFormElement>(null);
  const field = (
    key: 'name' | 'region' | 'userPoolId' | 'clientId' | 'clientSecret' | 'endpoint' | 'awsProfile',
    label: string,
    extra: { type?: string; required?: boolean; readOnly?: boolean; placeholder?: string } = {},
  ) => (
    <label>
      {label}
      <input
        type={extra.type ?? 'text'}
        value={form[key]}
        required={extra.required}
        readOnly={extra.readOnly}
        placeholder={extra.placeholder}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      />
    </label>
  );
  const edit = (p: PoolView) => {
    setEditing(p);
    setOpen(true);
    setError(undefined);
    setStatus(undefined);
    setForm({
      name: p.name,
      region: p.region,
      userPoolId: p.userPoolId,
      clientId: p.clientId,
      clientSecret: '',
      removeSecret: false,
      endpoint: p.endpoint ?? '',
      authFlow: p.authFlow,
      awsProfile: p.awsProfile ?? '',
    });
    // To the first field that can change (the name cannot), so keyboard and screen-reader users land in the form.
    requestAnimationFrame(() =>
      formRef.current?.querySelector<HTMLInputElement>('input:not([readonly])')?.focus(),
    );
  };
  const done = () => {
    setEditing(undefined);
    setForm(EMPTY_POOL);
  };
  return (
    <section aria-labelledby="pools-title">
      <h2 id="pools-title">{t.pools}</h2>
      <p className="help">{t.poolsHelp}</p>
      {pools.length === 0 ? (
        <p>{t.noPools}</p>
      ) : (
        <ul className="pools">
          {pools.map((p) => (
            <li key={p.name}>
              <span>
                <strong>{p.name}</strong> <span className="label">{p.userPoolId}</span>
              </span>
              <span className="pool-actions">
                <button
                  type="button"
                  onClick={async () => {
                    setError(undefined);
                    setStatus(undefined);
                    const r = await unwrap(window.keyfob.testPool(p.name), setError);
                    if (r)
                      setStatus(
                        r.problem
                          ? `${t.poolReachedBut(r.poolId)} ${errorText(r.problem, t.lang).message} ${errorText(r.problem, t.lang).hint ?? ''}`.trim()
                          : t.poolAnswers(r.poolId, r.clientId),
                      );
                  }}
                >
                  {t.testConnection}
                </button>
                <button type="button" aria-label={t.editPool(p.name)} onClick={() => edit(p)}>
                  {t.edit}
                </button>
                <button
                  type="button"
                  aria-label={t.removePool(p.name)}
                  onClick={async () => {
                    if (await unwrap(window.keyfob.removePool(p.name), setError)) {
                      if (editing?.name === p.name) done();
                      await reload();
                    }
                  }}
                >
                  ×
                </button>
              </span>
            </li>
          ))}
        </ul>
      )}
      {status && (
        <p role="status" className="notice ok">
          {status}
        </p>
      )}
      {error && <ErrorBox error={error} t={t} />}
      <details open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
        <summary>{editing ? t.editPool(editing.name) : t.addPool}</summary>
        <form
          ref={formRef}
          aria-label={editing ? t.editPool(editing.name) : t.addPool}
          onSubmit={async (e) => {
            e.preventDefault();
            setError(undefined);
            // When editing, an empty secret field keeps the stored secret (undefined), the box removes it ('').
            const secret = form.clientSecret
              ? { clientSecret: form.clientSecret }
              : editing === undefined
                ? {}
                : form.removeSecret
                  ? { clientSecret: '' }
                  : {};
            const saved = await unwrap(
              window.keyfob.savePool(
                {
                  name: form.name,
                  region: form.region,
                  userPoolId: form.userPoolId,
                  clientId: form.clientId,
                  authFlow: form.authFlow,
                  ...secret,
                  ...(form.endpoint ? { endpoint: form.endpoint } : {}),
                  ...(form.authFlow === 'admin' && form.awsProfile ? { awsProfile: form.awsProfile } : {}),
                },
                editing !== undefined,
              ),
              setError,
            );
            if (saved) {
              // Closed and emptied: the new profile is in the list above, and the next one starts clean.
              done();
              setOpen(false);
              await reload();
            }
          }}
        >
          {field('name', t.poolName, { required: true, readOnly: editing !== undefined })}
          {field('region', t.region, { required: true })}
          {field('userPoolId', t.userPoolId, { required: true })}
          {field('clientId', t.clientId, { required: true })}
          {field('clientSecret', t.clientSecret, {
            type: 'password',
            ...(editing?.hasClientSecret ? { placeholder: t.secretKept } : {}),
          })}
          {editing?.hasClientSecret && !form.clientSecret && (
            <label className="check">
              <input
                type="checkbox"
                checked={form.removeSecret}
                onChange={(e) => setForm({ ...form, removeSecret: e.target.checked })}
              />
              {t.removeSecret}
            </label>
          )}
          {field('endpoint', t.endpoint)}
          <label>
            {t.authFlow}
            <select
              value={form.authFlow}
              onChange={(e) => setForm({ ...form, authFlow: e.target.value as AuthFlow })}
            >
              <option value="srp">{t.flowSrp}</option>
              <option value="password">{t.flowPassword}</option>
              <option value="admin">{t.flowAdmin}</option>
            </select>
          </label>
          {form.authFlow === 'admin' && field('awsProfile', t.awsProfile)}
          <div className="actions">
            {editing && (
              <button type="button" onClick={done}>
                {t.cancel}
              </button>
            )}
            <button type="submit" className="primary">
              {editing ? t.saveChanges : t.addPool}
            </button>
          </div>
        </form>
      </details>
    </section>
  );
}

// ---- a running enrollment or sign-in ----------------------------------------------------------------------------

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

interface FlowState {
  flowId: string;
  steps: string[];
  prompt?: FlowPrompt;
  secret?: { secret: string; qr: string };
  skew?: number;
  error?: ErrorInfo;
  done?: Extract<FlowEvent, { type: 'done' }>;
}

function FlowView({
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
        {flow.steps.map((s, i) => (
          <li key={i}>{s}</li>
        ))}
      </ol>
      {flow.skew !== undefined && (
        <p className="warning" role="status">
          {t.skew(Math.round(Math.abs(flow.skew) / 1000), flow.skew > 0)}
        </p>
      )}
      {flow.secret && (
        <div className="second-device">
          <p>{t.secondDevice}</p>
          <img src={flow.secret.qr} alt={`QR: ${flow.secret.secret}`} width={180} height={180} />
          <p className="secret">{flow.secret.secret.replace(/(.{4})/g, '$1 ').trim()}</p>
        </div>
      )}
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

function useFlows(t: Strings) {
  const [flows, setFlows] = useState<Record<string, FlowState>>({});
  useEffect(
    () =>
      window.keyfob.onFlow((e) => {
        setFlows((all) => {
          const f: FlowState = { ...(all[e.flowId] ?? { flowId: e.flowId, steps: [] }) };
          if (e.type === 'progress') {
            const p = e.progress;
            if (p.type === 'clockSkew') f.skew = p.offsetMs;
            const s = stepText(p, t);
            if (s) f.steps = [...f.steps, s];
          } else if (e.type === 'prompt') {
            f.prompt = e.prompt;
          } else if (e.type === 'error') {
            delete f.prompt;
            f.error = e.error;
          } else {
            delete f.prompt;
            f.done = e;
          }
          if (e.type === 'progress' && f.prompt && e.progress.type !== 'secretStored') delete f.prompt;
          return { ...all, [e.flowId]: f };
        });
        if (e.type === 'progress' && e.progress.type === 'secretStored') {
          const { secret, uri } = e.progress;
          void QRCode.toDataURL(uri, { margin: 2, width: 180 }).then((qr) =>
            setFlows((all) => ({ ...all, [e.flowId]: { ...all[e.flowId]!, secret: { secret, qr } } })),
          );
        }
      }),
    [t],
  );
  return flows;
}

function SignInForm({
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

export function CognitoScreen({
  t,
  hostName,
  prefill,
}: {
  t: Strings;
  hostName: string;
  /** Resuming a pending enrollment: its pool and user. */
  prefill?: { profile: string; username: string };
}) {
  const [pools, setPools] = useState<PoolView[]>([]);
  const [notice, setNotice] = useState<Notice | undefined>();
  const [enrollFlow, setEnrollFlow] = useState<{
    id: string;
    request: Parameters<typeof window.keyfob.startFlow>[1];
  }>();
  const [loginFlow, setLoginFlow] = useState<string | undefined>();
  /** "Sign in now" after an enrollment: the sign-in form shows whom it signed in. */
  const [loginFor, setLoginFor] = useState<{ profile: string; username: string } | undefined>();
  const flows = useFlows(t);
  const reload = async () => {
    const r = await window.keyfob.listPools();
    if (r.ok) setPools(r.value);
    else setNotice({ kind: 'error', text: r.error.message, hint: r.error.hint });
  };
  useEffect(() => {
    void reload();
  }, []);
  const enrolled = enrollFlow ? flows[enrollFlow.id] : undefined;
  const signingIn = loginFlow ? flows[loginFlow] : undefined;

  return (
    <div className="cognito">
      {notice && (
        <div className={`notice ${notice.kind}`} role="alert">
          {notice.text}
          {notice.hint && <span className="hint">{notice.hint}</span>}
        </div>
      )}
      <Pools t={t} pools={pools} reload={reload} />
      <section aria-labelledby="enroll-title">
        <h2 id="enroll-title">{t.enrollTitle}</h2>
        <p className="help">{t.enrollHelp}</p>
        <SignInForm
          t={t}
          pools={pools}
          kind="enroll"
          hostName={hostName}
          prefill={prefill}
          running={enrolled !== undefined && !enrolled.done && !enrolled.error}
          onStarted={(id, request) => setEnrollFlow({ id, request })}
        />
        {enrolled && (
          <FlowView
            flow={enrolled}
            t={t}
            kind="enroll"
            onNewPassword={(password) =>
              setEnrollFlow((f) => (f ? { ...f, request: { ...f.request, password } } : f))
            }
            onAgain={async () => {
              const { profile, username, password } = enrollFlow!.request;
              const r = await window.keyfob.startFlow('login', { profile, username, password });
              if (!r.ok) return;
              setLoginFor({ profile, username });
              setLoginFlow(r.value.flowId);
              // The sign-in's steps and tokens appear in the section below: bring it into view.
              requestAnimationFrame(() =>
                document.getElementById('signin-title')?.scrollIntoView({ block: 'start' }),
              );
            }}
          />
        )}
      </section>
      <section aria-labelledby="signin-title">
        <h2 id="signin-title">{t.signInTitle}</h2>
        <p className="help">{t.signInHelp}</p>
        <SignInForm
          key={loginFor ? `${loginFor.profile}/${loginFor.username}` : 'login'}
          t={t}
          pools={pools}
          kind="login"
          hostName={hostName}
          prefill={loginFor}
          running={signingIn !== undefined && !signingIn.done && !signingIn.error}
          onStarted={(id) => setLoginFlow(id)}
        />
        {loginFlow && flows[loginFlow] && <FlowView flow={flows[loginFlow]!} t={t} kind="login" />}
      </section>
    </div>
  );
}
