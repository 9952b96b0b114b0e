import { useRef, useState } from 'react';
import type { AuthFlow, ErrorInfo, PoolView } from '../../../../preload/api';
import { errorText } from '../../i18n';
import type { Strings } from '../../i18n/strings';
import { unwrap } from '../../store/store';
import { ErrorBox } from '../../ui/ErrorBox';

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

/** The pool profiles: listed with a connection test, added and edited in the form below them. */
export function Pools({ t, pools, reload }: { t: Strings; pools: PoolView[]; reload: () => Promise<void> }) {
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
