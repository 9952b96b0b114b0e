import { useEffect, useId, useRef, useState } from 'react';
import type { ErrorInfo, FlowRequest, PoolView } from '../../../../preload/api';
import type { Strings } from '../../i18n/strings';
import { phaseIndex, type FlowPhase, type FlowState } from '../../store/flows';
import { useAppState, useStore } from '../../store/react';
import { unwrap } from '../../store/store';
import { ErrorBox } from '../../ui/ErrorBox';
import { ProgressLines, PromptForm, SecondDevice } from './FlowView';
import { SignInForm, type SignInFields } from './SignInForm';
import { Stepper, type Step, type StepStatus } from './Stepper';
import { Tokens } from './Tokens';

/** How a step of the stepper stands, from how far the flow got and whether it stopped there. */
function statusOf(step: FlowPhase, flow: FlowState | undefined): StepStatus {
  if (!flow) return step === 'signIn' ? 'current' : 'locked';
  const at = phaseIndex(flow.phase);
  const mine = phaseIndex(step);
  if (mine < at) return 'done';
  if (mine > at) return 'locked';
  if (flow.error) return 'failed';
  if (step === 'done') return 'done';
  return flow.prompt ? 'current' : 'running';
}

/** Did Keyfob fill in the authenticator code itself (the pool asked for it and nobody was prompted)? */
function codeFilledIn(flow: FlowState): boolean {
  return flow.steps.some((p) => p.type === 'challenge' && p.state === 'softwareTokenMfa');
}

/**
 * An enrollment or a sign-in as steps: Pool → Sign in → New password (when asked) → Verify → Done. Each unlocks
 * when the one before is done, shows ✓ or ✗ with the reason beside it, and the focus follows the person's turn.
 */
export function FlowStepper({
  t,
  kind,
  pools,
  hostName,
  prefill,
  onAddPool,
}: {
  t: Strings;
  kind: 'enroll' | 'login';
  pools: PoolView[];
  hostName: string;
  prefill?: { profile: string; username: string } | undefined;
  onAddPool: () => void;
}) {
  const store = useStore();
  const flows = useAppState((s) => s.flows);
  const [profile, setProfile] = useState(prefill?.profile ?? pools[0]?.name ?? '');
  const [fields, setFields] = useState<SignInFields>({
    username: prefill?.username ?? '',
    password: '',
    deviceName: hostName,
    prefer: true,
    typeCode: false,
  });
  const [flowId, setFlowId] = useState<string>();
  const [request, setRequest] = useState<FlowRequest>();
  const [startError, setStartError] = useState<ErrorInfo>();
  const [starting, setStarting] = useState(false);
  /** After an enrollment, "Sign in now": a sign-in with the new code, shown in the Done step. */
  const [followUpId, setFollowUpId] = useState<string>();
  const [followUpError, setFollowUpError] = useState<ErrorInfo>();
  /** Main refused the answer to the prompt shown (it no longer waits for it, or the answer is malformed). */
  const [answerError, setAnswerError] = useState<ErrorInfo>();
  const rootRef = useRef<HTMLElement>(null);
  const successRef = useRef<HTMLDivElement>(null);
  const poolId = useId();
  const titleId = useId();

  useEffect(() => setFields((f) => ({ ...f, deviceName: f.deviceName || hostName })), [hostName]);
  useEffect(() => {
    if (!pools.some((p) => p.name === profile) && pools[0]) setProfile(pools[0].name);
  }, [pools, profile]);
  useEffect(() => {
    if (!prefill) return;
    setProfile(prefill.profile);
    setFields((f) => ({ ...f, username: prefill.username }));
  }, [prefill]);

  // Started, but main's first step not here yet: already under way as far as the person can tell.
  const flow: FlowState | undefined = flowId
    ? (flows[flowId] ?? { flowId, steps: [], phase: 'signIn', visited: ['signIn'] })
    : undefined;
  const followUp = followUpId ? flows[followUpId] : undefined;
  const running = flow !== undefined && !flow.done && !flow.error;

  // Left unfinished (the person went to another screen), a flow would wait in main for an answer that never
  // comes, holding the password it signed in with: each is cancelled as the stepper goes.
  const unfinished = useRef<string[]>([]);
  useEffect(() => {
    const ended = (f: FlowState | undefined) => f?.done !== undefined || f?.error !== undefined;
    unfinished.current = [
      ...(flowId && !ended(flow) ? [flowId] : []),
      ...(followUpId && !ended(followUp) ? [followUpId] : []),
    ];
  });
  useEffect(() => {
    const left = unfinished;
    return () => {
      for (const id of left.current) void window.keyfob.answerFlow(id, { kind: 'cancel' });
      // Even one whose first step is still on its way: its cancel's error must not bring it back.
      store.forgetFlows(left.current);
    };
  }, [store]);
  const failedAtSignIn = flow?.error !== undefined && flow.phase === 'signIn';
  /** The pool and the form stay editable until a flow gets past signing in (or fails there). */
  const editable = flow === undefined || failedAtSignIn || (flow.phase === 'signIn' && running);

  // The focus follows the person's turn: the success on finishing, the first field when the form is back.
  const finished = flow?.done !== undefined;
  const followedUp = followUp?.done !== undefined;
  useEffect(() => {
    if (finished || followedUp) successRef.current?.focus();
  }, [finished, followedUp]);

  // The sign-in form goes once the flow is past it, taking the focus with it: to the step now under way.
  const phase = flow?.phase;
  useEffect(() => {
    if (phase === undefined || phase === 'signIn') return;
    const active = document.activeElement;
    if (active === null || active === document.body)
      rootRef.current?.querySelector<HTMLElement>('[aria-current="step"]')?.focus();
  }, [phase]);

  const start = async () => {
    setStartError(undefined);
    const req: FlowRequest = {
      profile,
      username: fields.username,
      password: fields.password,
      ...(kind === 'enroll'
        ? { deviceName: fields.deviceName, prefer: fields.prefer, typeVerificationCode: fields.typeCode }
        : {}),
    };
    setStarting(true);
    const started = await unwrap(window.keyfob.startFlow(kind, req), setStartError).finally(() =>
      setStarting(false),
    );
    if (started) {
      setRequest(req);
      setFlowId(started.flowId);
      setFollowUpId(undefined);
      setFollowUpError(undefined);
    }
  };

  const startOver = () => {
    setFlowId(undefined);
    setFollowUpId(undefined);
    setFollowUpError(undefined);
    setFields((f) => ({ ...f, password: '' }));
    requestAnimationFrame(() =>
      rootRef.current?.querySelector<HTMLInputElement>('[data-step="signIn"] input')?.focus(),
    );
  };

  const signInNow = async () => {
    if (!request) return;
    setFollowUpError(undefined);
    const { profile: p, username, password } = request;
    const r = await unwrap(
      window.keyfob.startFlow('login', { profile: p, username, password }),
      setFollowUpError,
    );
    if (r) setFollowUpId(r.flowId);
  };

  // A refusal belongs to the prompt it answered: a new question, or none, starts clean.
  const prompt = flow?.prompt;
  useEffect(() => setAnswerError(undefined), [prompt]);

  const answer = async (a: Parameters<typeof window.keyfob.answerFlow>[1]) => {
    if (!flow) return;
    setAnswerError(undefined);
    const r = await window.keyfob.answerFlow(flow.flowId, a);
    if (!r.ok) return setAnswerError(r.error);
    if (a.kind === 'newPassword') setRequest((q) => (q ? { ...q, password: a.password } : q));
  };

  const noPools = pools.length === 0;
  const blockedWhy = starting || running ? t.whyRunning : undefined;
  const startOverButton = (
    <button type="button" onClick={startOver}>
      {t.startOver}
    </button>
  );
  const failure = (phase: FlowPhase) =>
    flow?.error && flow.phase === phase ? (
      <>
        <ErrorBox error={flow.error} t={t} />
        <p className="help">{t.failedWhatNext}</p>
        <div className="actions">{startOverButton}</div>
      </>
    ) : null;

  const poolStep: Step = {
    id: 'pool',
    title: t.pool,
    status: noPools ? 'current' : 'done',
    body: noPools ? (
      <>
        <p>{t.noPoolYet}</p>
        <button type="button" className="primary" onClick={onAddPool}>
          {t.addFirstPool}
        </button>
      </>
    ) : editable ? (
      <>
        <label htmlFor={poolId} className="visually-hidden">
          {t.pool}
        </label>
        <select id={poolId} value={profile} onChange={(e) => setProfile(e.target.value)} required>
          {pools.map((p) => (
            <option key={p.name} value={p.name}>
              {p.name}
            </option>
          ))}
        </select>
      </>
    ) : (
      <p className="summary">{profile}</p>
    ),
  };

  const signInStatus: StepStatus = noPools
    ? 'locked'
    : !flow
      ? 'current'
      : failedAtSignIn
        ? 'failed'
        : statusOf('signIn', flow);
  const signInStep: Step = {
    id: 'signIn',
    title: t.signIn,
    status: signInStatus,
    why: t.lockedNoPool,
    body: editable ? (
      <SignInForm
        t={t}
        kind={kind}
        fields={fields}
        onChange={setFields}
        onSubmit={() => void start()}
        error={startError ?? (failedAtSignIn ? flow.error : undefined)}
        blockedWhy={blockedWhy}
        retry={failedAtSignIn}
      />
    ) : (
      <p className="summary">{t.userInPool(request?.username ?? fields.username, profile)}</p>
    ),
  };

  const askedNewPassword = flow?.visited.includes('newPassword') ?? false;
  const newPasswordStatus: StepStatus = !flow
    ? 'locked'
    : askedNewPassword
      ? statusOf('newPassword', flow)
      : phaseIndex(flow.phase) > phaseIndex('newPassword')
        ? 'skipped'
        : 'locked';
  const newPasswordStep: Step = {
    id: 'newPassword',
    title: t.newPassword,
    status: newPasswordStatus,
    why: newPasswordStatus === 'skipped' ? t.notAskedNewPassword : t.lockedNewPassword,
    body:
      flow && askedNewPassword ? (
        <>
          {flow.prompt?.kind === 'newPassword' && (
            <PromptForm
              key={`np-${flow.steps.length}`}
              prompt={flow.prompt}
              t={t}
              onAnswer={(a) => void answer(a)}
              error={answerError}
            />
          )}
          {newPasswordStatus === 'done' && <p className="summary">✓ {t.newPasswordSet}</p>}
          {failure('newPassword')}
        </>
      ) : undefined,
  };

  const verifyStatus: StepStatus =
    flow?.done && !flow.visited.includes('verify') ? 'skipped' : statusOf('verify', flow);
  const verifyStep: Step = {
    id: 'verify',
    title: t.verifyStep,
    status: verifyStatus,
    why: verifyStatus === 'skipped' ? t.notAskedVerify : t.lockedVerify,
    body: flow ? (
      <>
        <ProgressLines flow={flow} t={t} />
        {flow.keyAccount && <SecondDevice accountId={flow.keyAccount} t={t} />}
        {flow.prompt && flow.prompt.kind !== 'newPassword' && (
          <PromptForm
            key={`v-${flow.steps.length}`}
            prompt={flow.prompt}
            t={t}
            onAnswer={(a) => void answer(a)}
            error={answerError}
          />
        )}
        {failure('verify')}
      </>
    ) : undefined,
  };

  const doneStep: Step = {
    id: 'done',
    title: t.done,
    status: flow?.done ? 'done' : 'locked',
    why: t.lockedDone,
    body: flow?.done ? (
      <>
        {kind === 'login' && <Tokens tokens={flow.done.tokens} t={t} />}
        {kind === 'enroll' && !followUp && (
          <>
            <p className="help">{t.signInNowHelp}</p>
            <div className="actions">
              {startOverButton}
              <button type="button" className="primary" onClick={() => void signInNow()}>
                {t.signInNow}
              </button>
            </div>
          </>
        )}
        {followUpError && <ErrorBox error={followUpError} t={t} />}
        {followUp && (
          <div className="follow-up" aria-live="polite">
            {!followUp.done && !followUp.error && (
              <p className="running">
                <span aria-hidden="true">… </span>
                {t.stepSigningIn}
              </p>
            )}
            <ProgressLines flow={followUp} t={t} />
            {followUp.error && <ErrorBox error={followUp.error} t={t} />}
            {followUp.done && <Tokens tokens={followUp.done.tokens} t={t} />}
            {(followUp.done ?? followUp.error) && <div className="actions">{startOverButton}</div>}
          </div>
        )}
        {kind === 'login' && <div className="actions">{startOverButton}</div>}
      </>
    ) : undefined,
  };

  return (
    <section className="flow-stepper" aria-labelledby={titleId} ref={rootRef}>
      <h2 id={titleId}>{kind === 'enroll' ? t.enrollTitle : t.signInTitle}</h2>
      {flow?.done && (
        <div className="success" role="status" tabIndex={-1} ref={successRef}>
          <h3>{t.allSet}</h3>
          <ul>
            {kind === 'enroll' && flow.done.account && (
              <li>✓ {t.enrolled(`${flow.done.account.issuer} (${flow.done.account.label})`)}</li>
            )}
            {kind === 'enroll' &&
              flow.steps.map((p, i) =>
                p.type === 'preferenceSet' ? <li key={i}>✓ {t.stepPreference(p.preferred)}</li> : null,
              )}
            {kind === 'login' && (
              <li>
                ✓{' '}
                {codeFilledIn(flow) ? t.signedInWithCode(flow.done.username) : t.signedIn(flow.done.username)}
              </li>
            )}
            {followUp?.done && <li>✓ {t.signedInWithCode(followUp.done.username)}</li>}
          </ul>
        </div>
      )}
      {!flow?.done && <p className="help">{kind === 'enroll' ? t.enrollHelp : t.signInHelp}</p>}
      {flow?.skew !== undefined && (
        <p className="warning" role="status">
          {t.skew(Math.round(Math.abs(flow.skew) / 1000), flow.skew > 0)}
        </p>
      )}
      <Stepper
        steps={[poolStep, signInStep, newPasswordStep, verifyStep, doneStep]}
        t={t}
        label={t.stepsLabel}
      />
    </section>
  );
}
