import type { ErrorInfo, FlowEvent, FlowProgress, FlowPrompt } from '../../../preload/api';

/**
 * An enrollment's or a sign-in's state, built from its `cognito:flow` events. The steps are kept as main sent
 * them, not as text, so they are worded in the window's language when shown.
 */
export interface FlowState {
  flowId: string;
  steps: FlowProgress[];
  prompt?: FlowPrompt;
  /** The key for a second device, once Cognito has returned it (the QR code is drawn where it is shown). */
  secret?: { secret: string; uri: string };
  skew?: number;
  error?: ErrorInfo;
  done?: Extract<FlowEvent, { type: 'done' }>;
}

export function nextFlow(before: FlowState | undefined, e: FlowEvent): FlowState {
  const f: FlowState = { ...(before ?? { flowId: e.flowId, steps: [] }) };
  if (e.type === 'progress') {
    const p = e.progress;
    if (p.type === 'clockSkew') f.skew = p.offsetMs;
    else f.steps = [...f.steps, p];
    if (p.type === 'secretStored') f.secret = { secret: p.secret, uri: p.uri };
    // A step after a prompt means the prompt was answered; the key arriving does not answer anything.
    if (f.prompt && p.type !== 'secretStored') delete f.prompt;
  } else if (e.type === 'prompt') {
    f.prompt = e.prompt;
  } else if (e.type === 'error') {
    delete f.prompt;
    f.error = e.error;
  } else {
    delete f.prompt;
    f.done = e;
  }
  return f;
}
