import type { ErrorInfo, FlowEvent, FlowProgress, FlowPrompt } from '../../../preload/api';

/**
 * Where a flow stands in the window's stepper: signing in, choosing a new password, verifying (the key, the
 * authenticator code or a code Cognito sent), or done. A flow only moves forward.
 */
export type FlowPhase = 'signIn' | 'newPassword' | 'verify' | 'done';

const ORDER: readonly FlowPhase[] = ['signIn', 'newPassword', 'verify', 'done'];

export function phaseIndex(phase: FlowPhase): number {
  return ORDER.indexOf(phase);
}

/**
 * An enrollment's or a sign-in's state, built from its `cognito:flow` events. The steps are kept as main sent
 * them, not as text, so they are worded in the window's language when shown.
 */
export interface FlowState {
  flowId: string;
  steps: FlowProgress[];
  phase: FlowPhase;
  /**
   * The phases the pool actually asked for: a flow can pass a step without it (no new password asked, a sign-in
   * without MFA), and the stepper then says "not needed" instead of ✓.
   */
  visited: FlowPhase[];
  prompt?: FlowPrompt;
  /**
   * The account holding the new key, once Cognito has returned it. Only its id: the key itself is asked of main
   * (which confirms, as for reveal) when the person opens "Set up a second device too".
   */
  keyAccount?: string;
  skew?: number;
  error?: ErrorInfo;
  done?: Extract<FlowEvent, { type: 'done' }>;
}

const VERIFYING = new Set(['mfaSetup', 'selectMfaType', 'softwareTokenMfa', 'smsMfa', 'emailOtp']);

function phaseOf(p: FlowProgress): FlowPhase | undefined {
  switch (p.type) {
    case 'challenge':
      if (p.state === 'newPasswordRequired') return 'newPassword';
      return VERIFYING.has(p.state) ? 'verify' : undefined;
    case 'waitingForCode':
    case 'secretStored':
    case 'verified':
    case 'preferenceSet':
    case 'replaced':
      return 'verify';
    default:
      return undefined;
  }
}

/** Moves `f` on to `phase` (never back), noting that the pool asked for it. */
function reach(f: FlowState, phase: FlowPhase | undefined): void {
  if (phase === undefined) return;
  if (!f.visited.includes(phase)) f.visited = [...f.visited, phase];
  if (phaseIndex(phase) > phaseIndex(f.phase)) f.phase = phase;
}

export function nextFlow(before: FlowState | undefined, e: FlowEvent): FlowState {
  const f: FlowState = {
    ...(before ?? { flowId: e.flowId, steps: [], phase: 'signIn', visited: ['signIn'] }),
  };
  if (e.type === 'progress') {
    const p = e.progress;
    if (p.type === 'clockSkew') f.skew = p.offsetMs;
    else f.steps = [...f.steps, p];
    // The event names only the account holding the new key; the key itself is asked of main (revealKey, which
    // confirms first) when the person opens "Set up a second device too".
    if (p.type === 'secretStored') f.keyAccount = p.accountId;
    reach(f, phaseOf(p));
    // Signed in with nothing asked: past the sign-in, though the pool asked for no verification (yet).
    if (p.type === 'challenge' && p.state === 'signedIn' && f.phase === 'signIn') f.phase = 'verify';
    // A step after a prompt means the prompt was answered; the key arriving does not answer anything.
    if (f.prompt && p.type !== 'secretStored') delete f.prompt;
  } else if (e.type === 'prompt') {
    f.prompt = e.prompt;
    reach(f, e.prompt.kind === 'newPassword' ? 'newPassword' : 'verify');
  } else if (e.type === 'error') {
    delete f.prompt;
    f.error = e.error;
  } else {
    delete f.prompt;
    f.done = e;
    reach(f, 'done');
  }
  return f;
}

/**
 * The flows the window follows, after event `e`. One it forgot (it left the Cognito screen) stays forgotten: its
 * late events (the error a cancel ends it with) are dropped rather than bringing it back.
 */
export function followFlows(
  flows: Readonly<Record<string, FlowState>>,
  e: FlowEvent,
  forgotten: ReadonlySet<string>,
): Readonly<Record<string, FlowState>> {
  return forgotten.has(e.flowId) ? flows : { ...flows, [e.flowId]: nextFlow(flows[e.flowId], e) };
}
