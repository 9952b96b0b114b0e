import { useEffect, useId, useRef, useState } from 'react';
import type { AuthFlow, ErrorInfo, PoolView } from '../../../../preload/api';
import type { Strings } from '../../i18n/strings';
import { unwrap } from '../../store/store';
import { ErrorBox } from '../../ui/ErrorBox';
import { needed, useFieldChecks } from './checks';

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

type TextField = 'name' | 'region' | 'userPoolId' | 'clientId' | 'clientSecret' | 'endpoint' | 'awsProfile';

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

/** What "Test connection" found for one pool, worded when shown. */
type TestOutcome =
  | { kind: 'testing' }
  | { kind: 'ok'; poolId: string; clientId: string }
  | { kind: 'problem'; poolId: string; problem: ErrorInfo }
  | { kind: 'failed'; error: ErrorInfo };

/**
 * The pool profiles: each with Test connection, Edit and Remove, and a primary "Add pool" that opens the form in
 * place. `adding` is lifted so the stepper's "Add your first pool" can open it too.
 */
export function Pools({
  t,
  pools,
  reload,
  adding,
  setAdding,
}: {
  t: Strings;
  pools: PoolView[];
  reload: () => Promise<void>;
  adding: boolean;
  setAdding: (open: boolean) => void;
}) {
  const [form, setForm] = useState<PoolForm>(EMPTY_POOL);
  /** The profile being edited; its name is its identity, so it stays as it is. */
  const [editing, setEditing] = useState<PoolView | undefined>();
  const [error, setError] = useState<ErrorInfo | undefined>();
  const [tests, setTests] = useState<Record<string, TestOutcome>>({});
  const formRef = useRef<HTMLFormElement>(null);
  const idPrefix = useId();
  /** Pool names are the person's words: the id of a pool's element is its place in the list instead. */
  const testingId = (name: string) => `${idPrefix}-testing-${pools.findIndex((p) => p.name === name)}`;
  const addRef = useRef<HTMLButtonElement>(null);
  const open = adding || editing !== undefined;
  useEffect(() => {
    // To the first field that can change (the name cannot when editing), so keyboard users land in the form.
    if (open)
      requestAnimationFrame(() =>
        formRef.current?.querySelector<HTMLInputElement>('input:not([readonly])')?.focus(),
      );
  }, [open, editing]);
  const checks = useFieldChecks<TextField>(
    {
      name: needed(form.name, t),
      region: needed(form.region, t),
      userPoolId: needed(form.userPoolId, t),
      clientId: needed(form.clientId, t),
    },
    t,
  );
  const field = (
    key: TextField,
    label: string,
    extra: { type?: string; required?: boolean; readOnly?: boolean; placeholder?: string } = {},
  ) => (
    <>
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
          {...checks.field(key)}
        />
      </label>
      {checks.error(key)}
    </>
  );
  const edit = (p: PoolView) => {
    setAdding(false);
    setEditing(p);
    setError(undefined);
    checks.reset();
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
  };
  const close = () => {
    setEditing(undefined);
    setAdding(false);
    setForm(EMPTY_POOL);
    setError(undefined);
    checks.reset();
    requestAnimationFrame(() => addRef.current?.focus());
  };
  const test = async (name: string) => {
    setTests((s) => ({ ...s, [name]: { kind: 'testing' } }));
    const r = await window.keyfob.testPool(name);
    const outcome: TestOutcome = !r.ok
      ? { kind: 'failed', error: r.error }
      : r.value.problem
        ? { kind: 'problem', poolId: r.value.poolId, problem: r.value.problem }
        : { kind: 'ok', poolId: r.value.poolId, clientId: r.value.clientId };
    setTests((s) => ({ ...s, [name]: outcome }));
  };
  const title = editing ? t.editPool(editing.name) : t.addPool;
  return (
    <section aria-labelledby="pools-title" className="pools-section">
      <div className="section-head">
        <h2 id="pools-title">{t.pools}</h2>
        {!open && (
          <button type="button" className="primary" ref={addRef} onClick={() => setAdding(true)}>
            {t.addPool}
          </button>
        )}
      </div>
      <p className="help">{t.poolsHelp}</p>
      {pools.length === 0 ? (
        !open && <p className="empty">{t.noPools}</p>
      ) : (
        <ul className="pools">
          {pools.map((p) => {
            const outcome = tests[p.name];
            return (
              <li key={p.name} className="pool">
                <div className="pool-name">
                  <strong>{p.name}</strong>
                  <span className="label">
                    {p.userPoolId} · {p.region}
                  </span>
                </div>
                <button
                  type="button"
                  className="pool-remove"
                  aria-label={t.removePool(p.name)}
                  title={t.removePool(p.name)}
                  onClick={async () => {
                    if (await unwrap(window.keyfob.removePool(p.name), setError)) {
                      if (editing?.name === p.name) close();
                      await reload();
                    }
                  }}
                >
                  ×
                </button>

                <div className="pool-actions">
                  <button
                    type="button"
                    disabled={outcome?.kind === 'testing'}
                    aria-describedby={outcome?.kind === 'testing' ? testingId(p.name) : undefined}
                    onClick={() => void test(p.name)}
                  >
                    {t.testConnection}
                  </button>
                  <button type="button" aria-label={t.editPool(p.name)} onClick={() => edit(p)}>
                    {t.edit}
                  </button>
                </div>
                {outcome?.kind === 'testing' && (
                  <p role="status" className="pool-test why" id={testingId(p.name)}>
                    {t.whyTesting}
                  </p>
                )}
                {outcome?.kind === 'ok' && (
                  <p role="status" className="pool-test ok">
                    ✓ {t.poolAnswers(outcome.poolId, outcome.clientId)}
                  </p>
                )}
                {outcome?.kind === 'problem' && (
                  <div className="pool-test">
                    <p>✗ {t.poolReachedBut(outcome.poolId)}</p>
                    <ErrorBox error={outcome.problem} t={t} />
                  </div>
                )}
                {outcome?.kind === 'failed' && (
                  <div className="pool-test">
                    <ErrorBox error={outcome.error} t={t} />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      {error && !open && <ErrorBox error={error} t={t} />}
      {open && (
        <form
          ref={formRef}
          className="pool-form"
          aria-label={title}
          noValidate
          onKeyDown={(e) => {
            if (e.key === 'Escape') close();
          }}
          onSubmit={async (e) => {
            e.preventDefault();
            setError(undefined);
            if (!checks.passes(e.currentTarget)) return;
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
              // An edited pool answers differently now: its last test no longer holds.
              setTests((s) => {
                const rest = { ...s };
                delete rest[saved.name];
                return rest;
              });
              close();
              await reload();
            }
          }}
        >
          <h3>{title}</h3>
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
          {error && <ErrorBox error={error} t={t} />}
          <div className="actions">
            <button type="button" onClick={close}>
              {t.cancel}
            </button>
            <button type="submit" className="primary">
              {editing ? t.saveChanges : t.addPool}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
