/**
 * A flow the window runs never waits for ever: an answer that does not come within ANSWER_WITHIN_MS ends it (and
 * with it what it held, the password it signed in with), and a cancel reaches a flow even while it is busy with
 * Cognito, so a window that leaves the Cognito screen mid-flow leaves nothing waiting in main.
 */
import { describe, expect, it } from 'vitest';
import type { ErrorInfo, FlowAnswer } from '../../preload/api';
import type { CognitoEngine, SignInRequest } from '../../main/cognito/engine';
import { ANSWER_WITHIN_MS, CognitoFlows, type FlowEvent } from '../../main/cognito/flows';
import { errorText } from '../support/words';

const request = { profile: 'staging', username: 'ana', password: 'the-password' };

/** A schedule run by hand: what is waiting, for how long, and whether it was cancelled. */
function manualSchedule() {
  const jobs: Array<{ run: () => void; ms: number; cancelled: boolean }> = [];
  return {
    jobs,
    schedule: (run: () => void, ms: number) => {
      const job = { run, ms, cancelled: false };
      jobs.push(job);
      return () => void (job.cancelled = true);
    },
  };
}

/**
 * A login that signs in (after `signedIn` resolves, when given), then asks for a code Cognito sent and returns
 * tokens for it. What the prompt answered is kept in `answered`.
 */
function engineAsking(signedIn?: Promise<void>) {
  const answered: Array<string | undefined> = [];
  const engine = {
    login: async (req: SignInRequest) => {
      await signedIn;
      answered.push(await req.prompts?.code?.({ kind: 'smsMfa', username: req.username } as never));
      return { tokens: { idToken: 'a.b.c', accessToken: 'a.b.c', expiresIn: 3600, tokenType: 'Bearer' } };
    },
  } as unknown as CognitoEngine;
  return { engine, answered };
}

function run(engine: CognitoEngine, schedule: ReturnType<typeof manualSchedule>['schedule']) {
  const events: FlowEvent[] = [];
  let ended: (e: FlowEvent) => void = () => undefined;
  const end = new Promise<FlowEvent>((resolve) => (ended = resolve));
  let prompted: () => void = () => undefined;
  const prompt = new Promise<void>((resolve) => (prompted = resolve));
  const flows = new CognitoFlows(
    () => engine,
    (e) => {
      events.push(e);
      if (e.type === 'prompt') prompted();
      if (e.type === 'done' || e.type === 'error') ended(e);
    },
    { schedule },
  );
  const flowId = flows.start('login', request);
  return { flows, flowId, events, end, prompt };
}

function refusal(f: () => void): ErrorInfo {
  try {
    f();
  } catch (e) {
    return (e as { forApp(): ErrorInfo }).forApp();
  }
  throw new Error('the answer was taken');
}

describe('a flow waiting for an answer', () => {
  it('gives up after ten minutes without one, and says so in each language', async () => {
    const timers = manualSchedule();
    const { engine, answered } = engineAsking();
    const { flows, flowId, events, end, prompt } = run(engine, timers.schedule);
    await prompt;
    expect(ANSWER_WITHIN_MS).toBe(10 * 60_000);
    expect(timers.jobs.map((j) => j.ms)).toEqual([ANSWER_WITHIN_MS]);

    timers.jobs[0]!.run();
    const error = await end;
    expect(error).toMatchObject({
      type: 'error',
      error: { code: 'INPUT_NEEDED', key: 'cognitoAnswerTimedOut', params: { minutes: 10 } },
    });
    const info = (error as Extract<FlowEvent, { type: 'error' }>).error;
    expect(info.message).toBe(
      'No answer came within 10 min, so Keyfob stopped waiting and let go of the sign-in.',
    );
    expect(errorText(info, 'de').message).toMatch(/^Innerhalb von 10 Min\./);
    expect(errorText(info, 'zh').message).toMatch(/^10 分钟内/);
    // The flow is over: the prompt's callback never returned, no tokens were made, and a late answer is refused.
    expect(answered).toEqual([]);
    expect(events.some((e) => e.type === 'done')).toBe(false);
    expect(refusal(() => flows.answer(flowId, { kind: 'code', code: '123456' }))).toMatchObject({
      key: 'cognitoNotWaiting',
    });
    expect(JSON.stringify(events)).not.toContain(request.password);
  });

  it('stops the clock when answered in time', async () => {
    const timers = manualSchedule();
    const { engine, answered } = engineAsking();
    const { flows, flowId, end, prompt } = run(engine, timers.schedule);
    await prompt;
    flows.answer(flowId, { kind: 'code', code: '123456' });
    expect(await end).toMatchObject({ type: 'done' });
    expect(answered).toEqual(['123456']);
    expect(timers.jobs).toHaveLength(1);
    expect(timers.jobs[0]!.cancelled).toBe(true);
    // Had it not been cancelled, running it now would still change nothing: the flow has ended.
    timers.jobs[0]!.run();
  });

  it('ends at once when cancelled, its clock stopped', async () => {
    const timers = manualSchedule();
    const { engine } = engineAsking();
    const { flows, flowId, end, prompt } = run(engine, timers.schedule);
    await prompt;
    flows.answer(flowId, { kind: 'cancel' });
    expect(await end).toMatchObject({ type: 'error', error: { key: 'cognitoCancelled' } });
    expect(timers.jobs[0]!.cancelled).toBe(true);
  });
});

describe('a cancel for a flow busy with Cognito', () => {
  it('is taken, and the flow stops at its next question without asking it', async () => {
    const timers = manualSchedule();
    let signIn: () => void = () => undefined;
    const signedIn = new Promise<void>((resolve) => (signIn = resolve));
    const { engine, answered } = engineAsking(signedIn);
    const { flows, flowId, events, end } = run(engine, timers.schedule);
    // Still signing in: nothing is waiting, yet the window's cancel (it left the screen) is accepted.
    expect(() => flows.answer(flowId, { kind: 'cancel' })).not.toThrow();
    signIn();
    expect(await end).toMatchObject({ type: 'error', error: { key: 'cognitoCancelled' } });
    expect(events.some((e) => e.type === 'prompt')).toBe(false);
    expect(answered).toEqual([]);
    expect(timers.jobs).toEqual([]);
  });

  it('is refused for a flow that has ended or never was, as any other answer', async () => {
    const timers = manualSchedule();
    const { engine } = engineAsking();
    const { flows, flowId, end, prompt } = run(engine, timers.schedule);
    await prompt;
    flows.answer(flowId, { kind: 'code', code: '123456' });
    await end;
    const cancel: FlowAnswer = { kind: 'cancel' };
    expect(refusal(() => flows.answer(flowId, cancel))).toMatchObject({ key: 'cognitoNotWaiting' });
    expect(refusal(() => flows.answer('no-such-flow', cancel))).toMatchObject({ key: 'cognitoNotWaiting' });
  });

  it('but an answer other than cancel is still refused while nothing is asked', async () => {
    const timers = manualSchedule();
    let signIn: () => void = () => undefined;
    const { engine } = engineAsking(new Promise<void>((resolve) => (signIn = resolve)));
    const { flows, flowId, end, prompt } = run(engine, timers.schedule);
    expect(refusal(() => flows.answer(flowId, { kind: 'code', code: '123456' }))).toMatchObject({
      key: 'cognitoNotWaiting',
    });
    signIn();
    await prompt;
    flows.answer(flowId, { kind: 'code', code: '123456' });
    expect(await end).toMatchObject({ type: 'done' });
  });
});
