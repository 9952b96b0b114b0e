/**
 * The window's stepper follows a flow by the events main pushes (renderer/src/store/flows.ts): where it stands,
 * which optional steps the pool actually asked for, and that the key for a second device is kept only as the
 * account it is in.
 */
import { describe, expect, it } from 'vitest';
import type { FlowEvent } from '../../preload/api';
import { nextFlow, type FlowState } from '../../renderer/src/store/flows';

const flowId = 'f1';
/** An event without its flow id, kept as a union (Omit over the union would merge its members). */
type Ev = { [K in FlowEvent['type']]: Omit<Extract<FlowEvent, { type: K }>, 'flowId'> }[FlowEvent['type']];
const run = (events: Ev[]): FlowState =>
  events.reduce<FlowState | undefined>((f, e) => nextFlow(f, { flowId, ...e } as FlowEvent), undefined)!;
const tokens = {
  idToken: 'a.b.c',
  accessToken: 'a.b.c',
  expiresIn: 3600,
  tokenType: 'Bearer',
  idClaims: {},
  accessClaims: {},
  expiresAt: 0,
};

describe('a flow as the stepper sees it', () => {
  it('walks the MFA_SETUP path: a new password, then verify, then done', () => {
    const steps: Ev[] = [
      { type: 'progress', progress: { type: 'signingIn' } },
      { type: 'progress', progress: { type: 'challenge', state: 'newPasswordRequired' } },
      { type: 'prompt', prompt: { kind: 'newPassword', username: 'nina', requiredAttributes: [] } },
    ];
    const asked = run(steps);
    expect(asked).toMatchObject({ phase: 'newPassword', visited: ['signIn', 'newPassword'] });
    expect(asked.prompt?.kind).toBe('newPassword');

    const stored = run([
      ...steps,
      { type: 'progress', progress: { type: 'challenge', state: 'mfaSetup' } },
      {
        type: 'progress',
        progress: { type: 'secretStored', accountId: 'acc-1' },
      },
    ]);
    expect(stored).toMatchObject({ phase: 'verify', keyAccount: 'acc-1' });
    expect(stored.prompt).toBeUndefined();
    // Only where the key is: the key itself is asked of main when the person wants it.
    expect(JSON.stringify({ ...stored, steps: [] })).not.toContain('JBSWY3DPEHPK3PXP');

    const done = nextFlow(stored, { flowId, type: 'done', username: 'nina', tokens });
    expect(done).toMatchObject({ phase: 'done', visited: ['signIn', 'newPassword', 'verify', 'done'] });
  });

  it('passes the optional steps without visiting them when the pool asks for nothing', () => {
    const f = run([
      { type: 'progress', progress: { type: 'signingIn' } },
      { type: 'progress', progress: { type: 'challenge', state: 'signedIn' } },
      { type: 'done', username: 'uma', tokens },
    ]);
    expect(f.phase).toBe('done');
    expect(f.visited).toEqual(['signIn', 'done']);
  });

  it('stops where it failed: signed in, then an error while verifying', () => {
    const f = run([
      { type: 'progress', progress: { type: 'signingIn' } },
      { type: 'progress', progress: { type: 'challenge', state: 'signedIn' } },
      { type: 'error', error: { code: 'COGNITO', message: 'no TOTP' } },
    ]);
    expect(f).toMatchObject({ phase: 'verify', error: { code: 'COGNITO' } });
    expect(f.visited).toEqual(['signIn']);
  });

  it('never goes back a step, and a prompt answered is gone with the next step', () => {
    const f = run([
      { type: 'progress', progress: { type: 'signingIn' } },
      { type: 'prompt', prompt: { kind: 'code', via: 'sms' } },
      { type: 'progress', progress: { type: 'challenge', state: 'newPasswordRequired' } },
    ]);
    expect(f.phase).toBe('verify');
    expect(f.prompt).toBeUndefined();
  });
});
