/**
 * The Cognito engine end to end: our SignIn state machine and CognitoEngine, the real AWS SDK client, and the
 * strict stand-in (test/support/cognito-standin) over HTTP on loopback. The stand-in and the engine share one
 * fake clock, so crossing a 30-second TOTP step or a 3-minute session costs no real time.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CognitoEngine,
  createCognitoClient,
  type CognitoClientFactory,
  type Progress,
  type Prompts,
} from '../../main/cognito';
import { ProfileStore, type ProfileInput } from '../../main/cognito/profiles';
import { isKeyfobError, type KeyfobError } from '../../main/errors';
import { CodeClock, codeAt } from '../../main/otp/codes';
import { defaultParams } from '../../main/otp/types';
import { MemoryKeychain } from '../../main/vault/memory-keychain';
import { Vault } from '../../main/vault/vault';
import { CognitoStandIn } from '../support/cognito-standin';

/** A clock both sides read; the engine's waits move it instead of sleeping. */
let fakeNow = Date.UTC(2026, 10, 23, 12, 0, 5);
let standIn: CognitoStandIn;
const PASSWORD = 'Str0ng-Passw0rd!';

beforeAll(async () => {
  standIn = await CognitoStandIn.start({ now: () => fakeNow });
  // The admin flow and pool configuration take credentials from the SDK's default chain.
  process.env.AWS_ACCESS_KEY_ID = standIn.adminCredentials.accessKeyId;
  process.env.AWS_SECRET_ACCESS_KEY = standIn.adminCredentials.secretAccessKey;
});

afterAll(async () => {
  await standIn?.close();
});

let userCount = 0;
function uniqueName(prefix: string): string {
  userCount += 1;
  return `${prefix}-${userCount}`;
}

interface Setup {
  pool?: Parameters<CognitoStandIn['addPool']>[0];
  client?: Parameters<CognitoStandIn['addClient']>[1];
  profile?: Partial<ProfileInput>;
  /** Store the client secret in the profile (default: when the client has one). */
  withSecret?: boolean;
  /** Engine clock minus stand-in clock, in ms (a skewed workstation). */
  skewMs?: number;
  /** Operations whose answer is lost on the way back: Cognito did the work, Keyfob sees a network error. */
  dropAnswers?: Set<string>;
}

/** The real client, with a middleware that loses the answers of the operations named in `drop`. */
function droppingClient(drop: Set<string>): CognitoClientFactory {
  return (profile, options) => {
    const client = createCognitoClient(profile, options);
    client.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        if (drop.delete(context.commandName?.replace(/Command$/, '') ?? '')) {
          throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        }
        return result;
      },
      { step: 'deserialize', name: 'loseAnswer', priority: 'high' },
    );
    return client;
  };
}

async function harness(setup: Setup = {}) {
  const pool = standIn.addPool(setup.pool ?? {});
  const client = standIn.addClient(pool.id, setup.client ?? {});
  const dir = mkdtempSync(join(tmpdir(), 'keyfob-engine-'));
  const keychain = new MemoryKeychain();
  const skew = setup.skewMs ?? 0;
  const clock = new CodeClock({ now: () => fakeNow + skew });
  const vault = new Vault({ dir, keychain, clock: { now: () => clock.now() } });
  const profiles = new ProfileStore(dir, keychain);
  const name = uniqueName('pool');
  await profiles.save(
    {
      name,
      region: standIn.region,
      userPoolId: pool.id,
      clientId: client.id,
      endpoint: standIn.endpoint,
      ...setup.profile,
    },
    setup.withSecret !== false && client.secret ? { clientSecret: client.secret } : {},
  );
  const events: Progress[] = [];
  const engine = new CognitoEngine({
    vault,
    profiles,
    clock,
    ...(setup.dropAnswers ? { clientFactory: droppingClient(setup.dropAnswers) } : {}),
    maxAttempts: 1,
    hostName: () => 'qa-workstation',
    sleep: async (ms) => {
      fakeNow += ms;
    },
  });
  const request = (username: string, extra: { password?: string; prompts?: Prompts } = {}) => ({
    profile: name,
    username,
    password: extra.password ?? PASSWORD,
    ...(extra.prompts ? { prompts: extra.prompts } : {}),
    onProgress: (p: Progress) => events.push(p),
  });
  return { pool, client, vault, profiles, engine, events, profile: name, request, keychain };
}

async function failure(promise: Promise<unknown>): Promise<KeyfobError> {
  const outcome = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isKeyfobError(outcome)) throw new Error(`expected a KeyfobError, got ${String(outcome)}`);
  return outcome;
}

function targets(from: number): string[] {
  return standIn.calls.slice(from).map((c) => c.target);
}

describe('enrollment on the MFA_SETUP path (pool MFA required, new user)', () => {
  it('sets a new password, associates and verifies on the session chain, stores the key before verifying', async () => {
    const h = await harness({ pool: { mfa: 'ON' }, client: { secret: true } });
    const username = uniqueName('newbie');
    standIn.addUser(h.pool.id, { username, password: 'Temp-Passw0rd!', status: 'FORCE_CHANGE_PASSWORD' });
    const mark = standIn.calls.length;

    const result = await h.engine.enroll(
      h.request(username, {
        password: 'Temp-Passw0rd!',
        prompts: { newPassword: async () => ({ password: PASSWORD }) },
      }),
    );

    expect(result.path).toBe('mfa-setup');
    expect(targets(mark)).toEqual([
      'InitiateAuth',
      'RespondToAuthChallenge', // PASSWORD_VERIFIER
      'RespondToAuthChallenge', // NEW_PASSWORD_REQUIRED
      'AssociateSoftwareToken',
      'VerifySoftwareToken',
      'RespondToAuthChallenge', // MFA_SETUP
      'SetUserMFAPreference',
    ]);
    const associate = standIn.calls.slice(mark).find((c) => c.target === 'AssociateSoftwareToken')!;
    expect(associate.body).toHaveProperty('Session');
    expect(associate.body).not.toHaveProperty('AccessToken');

    const user = standIn.user(h.pool.id, username);
    expect(user.status).toBe('CONFIRMED');
    expect(user.totp).toMatchObject({ verified: true, deviceName: 'qa-workstation' });
    expect(user.mfaSettings).toContain('SOFTWARE_TOKEN_MFA');
    expect(user.preferredMfa).toBe('SOFTWARE_TOKEN_MFA');

    // The key Keyfob holds is the one Cognito handed out, stored pending before the verification.
    const secret = (await h.vault.reveal(result.account.id)).secret;
    expect(secret).toBe(user.totp!.secret.replace(/=+$/, '').toUpperCase());
    const kinds = h.events.map((e) => e.type);
    expect(kinds.indexOf('secretStored')).toBeLessThan(kinds.indexOf('verified'));
    expect(result.account).toMatchObject({
      issuer: h.profile,
      label: username,
      status: 'active',
      cognito: { profile: h.profile, username },
    });
    expect(result.tokens.accessToken.split('.')).toHaveLength(3);

    // Signing in again needs the TOTP code; this period's was spent on the verification, so it waits.
    h.events.length = 0;
    const login = await h.engine.login(h.request(username));
    expect(login.username).toBe(username);
    const wait = h.events.find((e) => e.type === 'waitingForCode');
    expect(wait).toBeDefined();
    expect(wait).toMatchObject({ account: result.account.id });
    expect((wait as { seconds: number }).seconds).toBeGreaterThan(0);
    expect((wait as { seconds: number }).seconds).toBeLessThanOrEqual(30);
  });

  it('says what is missing when the pool wants a new password and none is given', async () => {
    const h = await harness({ pool: { mfa: 'ON', requiredAttributes: ['name'] } });
    const username = uniqueName('temp');
    standIn.addUser(h.pool.id, { username, password: 'Temp-Passw0rd!', status: 'FORCE_CHANGE_PASSWORD' });
    const none = await failure(h.engine.enroll(h.request(username, { password: 'Temp-Passw0rd!' })));
    expect(none.code).toBe('INPUT_NEEDED');
    expect(none.message).toContain('new password');
    expect(none.message).toContain('name');

    const noAttr = await failure(
      h.engine.enroll(
        h.request(username, {
          password: 'Temp-Passw0rd!',
          prompts: { newPassword: async () => ({ password: PASSWORD }) },
        }),
      ),
    );
    expect(noAttr.code).toBe('INPUT_NEEDED');
    expect(noAttr.message).toContain('name');

    const done = await h.engine.enroll(
      h.request(username, {
        password: 'Temp-Passw0rd!',
        prompts: { newPassword: async () => ({ password: PASSWORD, attributes: { name: 'Quinn QA' } }) },
      }),
    );
    expect(done.account.status).toBe('active');
    expect(standIn.user(h.pool.id, username).attributes).toMatchObject({ name: 'Quinn QA' });
  });

  it('explains an expired session and keeps the key for the next try', async () => {
    const h = await harness({ pool: { mfa: 'ON' } });
    const username = uniqueName('slow');
    standIn.addUser(h.pool.id, { username, password: PASSWORD });
    const slow = await failure(
      h.engine.enroll({
        ...h.request(username),
        onProgress: (p) => {
          // The person takes four minutes between the key appearing and the verification.
          if (p.type === 'secretStored') fakeNow += 4 * 60_000;
        },
      }),
    );
    expect(slow.code).toBe('COGNITO_SESSION');
    expect(slow.message).toMatch(/expired/);
    expect(slow.hint).toMatch(/pending/);
    const pending = await h.vault.linked(h.profile, username);
    expect(pending.map((a) => a.status)).toEqual(['pending']);

    // Enrolling again starts a new session and a new key; the stale pending key goes once this one is verified.
    const again = await h.engine.enroll(h.request(username));
    expect(again.account.status).toBe('active');
    expect((await h.vault.linked(h.profile, username)).map((a) => a.id)).toEqual([again.account.id]);
  });
});

describe('enrollment with an access token (already signed in)', () => {
  it('signs in with SRP, associates with the token, verifies, and can leave the preference alone', async () => {
    const h = await harness({ pool: { mfa: 'OPTIONAL' } });
    const username = uniqueName('optional');
    standIn.addUser(h.pool.id, { username, password: PASSWORD });
    const mark = standIn.calls.length;
    const result = await h.engine.enroll({
      ...h.request(username),
      prefer: false,
      deviceName: '  Build box  ',
    });
    expect(result.path).toBe('access-token');
    expect(targets(mark)).toEqual([
      'InitiateAuth',
      'RespondToAuthChallenge',
      'AssociateSoftwareToken',
      'VerifySoftwareToken',
      'SetUserMFAPreference',
    ]);
    const preference = standIn.calls.slice(mark).find((c) => c.target === 'SetUserMFAPreference')!;
    // Declining the preference leaves it alone: no PreferredMfa at all (false would clear an existing one).
    expect(preference.body).toMatchObject({ SoftwareTokenMfaSettings: { Enabled: true } });
    expect(preference.body.SoftwareTokenMfaSettings).not.toHaveProperty('PreferredMfa');
    const user = standIn.user(h.pool.id, username);
    expect(user.totp).toMatchObject({ verified: true, deviceName: 'Build box' });
    expect(user.preferredMfa).toBeUndefined();
  });

  it('verifies with a code the person typed from a second device, when they give one', async () => {
    const h = await harness({ pool: { mfa: 'OPTIONAL' } });
    const username = uniqueName('typed');
    standIn.addUser(h.pool.id, { username, password: PASSWORD });
    let shown = '';
    const mark = standIn.calls.length;
    const result = await h.engine.enroll({
      ...h.request(username, {
        prompts: {
          // What a phone set up from the shown key would display, typed with a space.
          verificationCode: async () => {
            const { code } = codeAt(shown, { ...defaultParams('totp') }, fakeNow);
            return `${code.slice(0, 3)} ${code.slice(3)}`;
          },
        },
      }),
      onProgress: (p) => {
        if (p.type === 'secretStored') shown = p.secret;
      },
    });
    expect(result.account.status).toBe('active');
    const verify = standIn.calls.slice(mark).find((c) => c.target === 'VerifySoftwareToken')!;
    expect(verify.body.UserCode).toBe(codeAt(shown, defaultParams('totp'), fakeNow).code);
  });

  it('resumes an enrollment interrupted before verification instead of asking for another key', async () => {
    const h = await harness({ pool: { mfa: 'OPTIONAL' } });
    const username = uniqueName('dropped');
    standIn.addUser(h.pool.id, { username, password: PASSWORD });
    standIn.failNext('VerifySoftwareToken', {
      name: 'InternalErrorException',
      message: 'Internal error',
      status: 500,
    });
    const dropped = await failure(h.engine.enroll(h.request(username)));
    expect(dropped.code).toBe('COGNITO_SERVICE');
    const [pending] = await h.vault.linked(h.profile, username);
    expect(pending?.status).toBe('pending');

    const mark = standIn.calls.length;
    const resumed = await h.engine.enroll(h.request(username));
    expect(resumed.account.id).toBe(pending!.id);
    expect(targets(mark)).not.toContain('AssociateSoftwareToken');
    expect(standIn.user(h.pool.id, username).totp?.verified).toBe(true);
  });

  it('replaces a working key only once the new one is verified', async () => {
    const h = await harness({ pool: { mfa: 'OPTIONAL' } });
    const username = uniqueName('replace');
    standIn.addUser(h.pool.id, { username, password: PASSWORD });
    const first = await h.engine.enroll(h.request(username));

    // A failed replacement leaves the old, working key in place and usable.
    standIn.failNext('VerifySoftwareToken', {
      name: 'EnableSoftwareTokenMFAException',
      message: 'Code mismatch and fail enable Software Token MFA',
    });
    const failed = await failure(h.engine.enroll(h.request(username)));
    expect(failed.code).toBe('COGNITO_CODE');
    const during = await h.vault.linked(h.profile, username);
    expect(during.map((a) => a.status)).toEqual(['active', 'pending']);
    expect(during[0]!.id).toBe(first.account.id);

    const second = await h.engine.enroll(h.request(username));
    const after = await h.vault.linked(h.profile, username);
    expect(after.map((a) => a.id)).toEqual([second.account.id]);
    expect(h.events.some((e) => e.type === 'replaced' && e.old.id === first.account.id)).toBe(true);
    expect((await h.vault.reveal(second.account.id)).secret).toBe(
      standIn.user(h.pool.id, username).totp!.secret.replace(/=+$/, '').toUpperCase(),
    );
    await h.engine.login(h.request(username));
  });

  it('on the admin flow, uses AdminInitiateAuth and AdminSetUserMFAPreference with AWS credentials', async () => {
    const h = await harness({ pool: { mfa: 'OPTIONAL' }, profile: { authFlow: 'admin' } });
    const username = uniqueName('admin');
    standIn.addUser(h.pool.id, { username, password: PASSWORD });
    const mark = standIn.calls.length;
    await h.engine.enroll(h.request(username));
    await h.engine.login(h.request(username));
    const t = targets(mark);
    expect(t).toContain('AdminInitiateAuth');
    expect(t).toContain('AdminSetUserMFAPreference');
    expect(t).toContain('AdminRespondToAuthChallenge');
    expect(t).not.toContain('InitiateAuth');
    const signed = standIn.calls.slice(mark).find((c) => c.target === 'AdminInitiateAuth')!;
    expect(signed.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=/);
  });
});

describe('what a lost connection or a half-done step leaves behind', () => {
  it('MFA_SETUP: the verification reached Cognito but its answer did not; the next sign-in uses the kept key', async () => {
    const dropAnswers = new Set(['VerifySoftwareToken']);
    const h = await harness({ pool: { mfa: 'ON' }, dropAnswers });
    const username = uniqueName('lost-verify');
    standIn.addUser(h.pool.id, { username, password: PASSWORD });
    const lost = await failure(h.engine.enroll(h.request(username)));
    expect(lost.code).toBe('COGNITO_NETWORK');
    expect(lost.hint).toMatch(/pending/);
    expect(standIn.user(h.pool.id, username).totp?.verified).toBe(true);
    const [pending] = await h.vault.linked(h.profile, username);
    expect(pending?.status).toBe('pending');

    await h.engine.login(h.request(username));
    expect((await h.vault.linked(h.profile, username)).map((a) => [a.id, a.status])).toEqual([
      [pending!.id, 'active'],
    ]);
  });

  it('signed in: enrolling again after a lost verification answer starts afresh instead of failing', async () => {
    const dropAnswers = new Set(['VerifySoftwareToken']);
    const h = await harness({ pool: { mfa: 'OPTIONAL' }, dropAnswers });
    const username = uniqueName('lost-verify-token');
    standIn.addUser(h.pool.id, { username, password: PASSWORD });
    expect((await failure(h.engine.enroll(h.request(username)))).code).toBe('COGNITO_NETWORK');
    const again = await h.engine.enroll(h.request(username));
    expect((await h.vault.linked(h.profile, username)).map((a) => a.id)).toEqual([again.account.id]);
    expect((await h.vault.reveal(again.account.id)).secret).toBe(
      standIn.user(h.pool.id, username).totp!.secret.replace(/=+$/, '').toUpperCase(),
    );
    await h.engine.login(h.request(username));
  });

  it('a replacement that fails after its verification never leaves the dead key in front', async () => {
    const h = await harness({ pool: { mfa: 'OPTIONAL' } });
    const username = uniqueName('half-replaced');
    standIn.addUser(h.pool.id, { username, password: PASSWORD });
    const first = await h.engine.enroll(h.request(username));
    standIn.failNext('SetUserMFAPreference', {
      name: 'InternalErrorException',
      message: 'Internal error',
      status: 500,
    });
    expect((await failure(h.engine.enroll(h.request(username)))).code).toBe('COGNITO_SERVICE');
    const linked = await h.vault.linked(h.profile, username);
    expect(linked.map((a) => a.status)).toEqual(['active']);
    expect(linked[0]!.id).not.toBe(first.account.id);
    await h.engine.login(h.request(username));
  });

  it('a replacement whose verification answer was lost: sign-in finds the new key behind the old one', async () => {
    const dropAnswers = new Set<string>();
    const h = await harness({ pool: { mfa: 'OPTIONAL' }, dropAnswers });
    const username = uniqueName('lost-replace');
    standIn.addUser(h.pool.id, { username, password: PASSWORD });
    const first = await h.engine.enroll(h.request(username));
    dropAnswers.add('VerifySoftwareToken');
    await failure(h.engine.enroll(h.request(username)));
    const [, pending] = await h.vault.linked(h.profile, username);
    expect(pending?.status).toBe('pending');
    await h.engine.login(h.request(username));
    expect((await h.vault.linked(h.profile, username)).map((a) => [a.id, a.status])).toEqual([
      [pending!.id, 'active'],
    ]);
    expect(h.events.some((e) => e.type === 'replaced' && e.old.id === first.account.id)).toBe(true);
  });
});

describe('signing in', () => {
  it('uses USER_PASSWORD_AUTH with SECRET_HASH when the profile says so', async () => {
    const h = await harness({ client: { secret: true }, profile: { authFlow: 'password' } });
    const username = uniqueName('pw');
    standIn.addUser(h.pool.id, { username, password: PASSWORD });
    const mark = standIn.calls.length;
    const { tokens } = await h.engine.login(h.request(username));
    expect(tokens.refreshToken).toBeTruthy();
    expect(standIn.calls[mark]!.body).toMatchObject({ AuthFlow: 'USER_PASSWORD_AUTH' });
    expect((standIn.calls[mark]!.body.AuthParameters as Record<string, string>).SECRET_HASH).toBeTruthy();
  });

  it('chooses the authenticator when the pool offers a choice, and fills the code in', async () => {
    const h = await harness({ pool: { mfa: 'OPTIONAL', sms: true } });
    const username = uniqueName('choice');
    standIn.addUser(h.pool.id, { username, password: PASSWORD, smsMfa: true, phone: '+15555550100' });
    // Until the authenticator is set up, signing in takes the text-message code.
    const sms: Prompts = { code: async () => standIn.lastDeliveredCode(h.pool.id, username) };
    await h.engine.enroll({ ...h.request(username, { prompts: sms }), prefer: false });
    h.events.length = 0;
    const mark = standIn.calls.length;
    await h.engine.login(h.request(username));
    const states = h.events.flatMap((e) => (e.type === 'challenge' ? [e.state] : []));
    expect(states).toEqual(expect.arrayContaining(['selectMfaType', 'softwareTokenMfa', 'signedIn']));
    const select = standIn.calls
      .slice(mark)
      .find((c) => (c.body as { ChallengeName?: string }).ChallengeName === 'SELECT_MFA_TYPE')!;
    expect((select.body.ChallengeResponses as Record<string, string>).ANSWER).toBe('SOFTWARE_TOKEN_MFA');
  });

  it('asks the person for a text-message or e-mail code, and says so when it cannot ask', async () => {
    const h = await harness({ pool: { mfa: 'ON', sms: true, email: true, totp: false } });
    const sms = uniqueName('sms');
    standIn.addUser(h.pool.id, { username: sms, password: PASSWORD, smsMfa: true, phone: '+15555550101' });
    const asked: string[] = [];
    const ok = await h.engine.login(
      h.request(sms, {
        prompts: {
          code: async (state) => {
            asked.push(`${state.kind} ${state.destination ?? ''}`);
            return standIn.lastDeliveredCode(h.pool.id, sms);
          },
        },
      }),
    );
    expect(ok.username).toBe(sms);
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(/^smsMfa \+\*+0101$/);

    const mail = uniqueName('mail');
    standIn.addUser(h.pool.id, {
      username: mail,
      password: PASSWORD,
      emailMfa: true,
      email: 'q@example.com',
    });
    const cannot = await failure(h.engine.login(h.request(mail)));
    expect(cannot.code).toBe('INPUT_NEEDED');
    expect(cannot.message).toMatch(/e-mail/);
    const byMail = await h.engine.login(
      h.request(mail, {
        prompts: {
          code: async (state) =>
            state.kind === 'emailOtp' ? standIn.lastDeliveredCode(h.pool.id, mail) : undefined,
        },
      }),
    );
    expect(byMail.username).toBe(mail);
  });

  it('waits for the next code when another device already used this one, rather than failing', async () => {
    const h = await harness({ pool: { mfa: 'OPTIONAL' } });
    const username = uniqueName('shared');
    standIn.addUser(h.pool.id, { username, password: PASSWORD });
    const { account } = await h.engine.enroll(h.request(username));
    const step = Math.floor(fakeNow / 30_000);
    // The verification spent this period's code, but as far as this vault knows it is unused: as when another
    // copy of the key (a phone, a second Keyfob) signed in with it. Cognito refuses it as used.
    await h.vault.store.update((f) => {
      for (const a of f.accounts) delete a.lastUsedStep;
      return { save: true, value: undefined };
    });
    h.events.length = 0;
    const mark = standIn.calls.length;
    await h.engine.login(h.request(username));
    expect(h.events.some((e) => e.type === 'waitingForCode')).toBe(true);
    const answers = standIn.calls
      .slice(mark)
      .filter((c) => (c.body as { ChallengeName?: string }).ChallengeName === 'SOFTWARE_TOKEN_MFA');
    expect(answers).toHaveLength(2);
    const record = (await h.vault.store.read()).file.accounts.find((a) => a.id === account.id);
    expect(record?.lastUsedStep).toBe(step + 1);
  });

  it('computes codes on Cognito’s time when this computer’s clock is off, and warns', async () => {
    const h = await harness({ pool: { mfa: 'OPTIONAL' }, skewMs: -50_000 });
    const username = uniqueName('skewed');
    standIn.addUser(h.pool.id, { username, password: PASSWORD });
    await h.engine.enroll(h.request(username));
    const skew = h.events.find((e) => e.type === 'clockSkew');
    expect(skew).toBeDefined();
    expect(Math.abs((skew as { offsetMs: number }).offsetMs - 50_000)).toBeLessThan(1500);
    await h.engine.login(h.request(username));
  });

  it('turns TOTP off and keeps or removes the account as asked', async () => {
    const h = await harness({ pool: { mfa: 'OPTIONAL' } });
    const username = uniqueName('off');
    standIn.addUser(h.pool.id, { username, password: PASSWORD });
    const { account } = await h.engine.enroll(h.request(username));
    const kept = await h.engine.disable(h.request(username));
    expect(kept.removed).toEqual([]);
    expect(standIn.user(h.pool.id, username).mfaSettings).not.toContain('SOFTWARE_TOKEN_MFA');
    expect((await h.vault.list()).map((a) => a.id)).toContain(account.id);
    // With TOTP off the sign-in needs no code; removing the account now deletes its key.
    const removed = await h.engine.disable({ ...h.request(username), removeAccount: true });
    expect(removed.removed.map((a) => a.id)).toEqual([account.id]);
    expect(await h.vault.list()).toEqual([]);
  });

  it('does not trip over device metadata in the result', async () => {
    const h = await harness({ pool: { mfa: 'OPTIONAL' } });
    const username = uniqueName('device');
    standIn.addUser(h.pool.id, { username, password: PASSWORD });
    await h.engine.enroll(h.request(username));
    const login = await h.engine.login(h.request(username));
    expect(login.tokens.idToken).toBeTruthy();
    // The stand-in, like Cognito with device tracking, handed out NewDeviceMetadata with those tokens.
    expect(standIn.user(h.pool.id, username).devices.length).toBeGreaterThan(0);
  });

  it('signs in by e-mail, hashing the client secret with the user id Cognito names (USER_ID_FOR_SRP)', async () => {
    const h = await harness({ pool: { mfa: 'ON', usernameAttributes: ['email'] }, client: { secret: true } });
    const email = `${uniqueName('mail')}@example.com`;
    standIn.addUser(h.pool.id, { username: email, password: PASSWORD });
    const mark = standIn.calls.length;
    const enrolled = await h.engine.enroll(h.request(email));
    expect(enrolled.account.label).toBe(email);
    const verifier = standIn.calls
      .slice(mark)
      .find((c) => (c.body as { ChallengeName?: string }).ChallengeName === 'PASSWORD_VERIFIER')!;
    const answered = (verifier.body.ChallengeResponses as Record<string, string>).USERNAME;
    expect(answered).not.toBe(email);
    expect(answered).toBe(standIn.user(h.pool.id, email).username);
    await h.engine.login(h.request(email));
  });
});

describe('errors people meet', () => {
  it('TOTP not enabled on the pool: names it and the fix', async () => {
    const h = await harness({ pool: { mfa: 'OPTIONAL', totp: false } });
    const username = uniqueName('nototp');
    standIn.addUser(h.pool.id, { username, password: PASSWORD });
    const e = await failure(h.engine.enroll(h.request(username)));
    expect(e).toMatchObject({
      code: 'COGNITO_CONFIG',
      service: { name: 'SoftwareTokenMFANotFoundException' },
    });
    expect(e.hint).toContain(`pool mfa-config`);
    expect(await h.vault.list()).toEqual([]);
  });

  it('pool mfa-config turns TOTP on, keeping the MFA mode unless told', async () => {
    const h = await harness({ pool: { mfa: 'OPTIONAL', totp: false } });
    expect(await h.engine.setPoolMfaConfig(h.profile, { totp: true })).toEqual({
      mfa: 'OPTIONAL',
      totp: true,
    });
    expect(standIn.pool(h.pool.id)).toMatchObject({ mfa: 'OPTIONAL', totp: true });
    expect(await h.engine.setPoolMfaConfig(h.profile, { totp: true, mfa: 'ON' })).toEqual({
      mfa: 'ON',
      totp: true,
    });
    const username = uniqueName('nowon');
    standIn.addUser(h.pool.id, { username, password: PASSWORD });
    expect((await h.engine.enroll(h.request(username))).path).toBe('mfa-setup');
  });

  it('pool mfa-config leaves the text-message and e-mail settings as they were', async () => {
    const h = await harness({ pool: { mfa: 'OPTIONAL', totp: false, sms: true, email: true } });
    await h.engine.setPoolMfaConfig(h.profile, { totp: true });
    expect(standIn.pool(h.pool.id)).toMatchObject({ mfa: 'OPTIONAL', totp: true, sms: true, email: true });
    await h.engine.setPoolMfaConfig(h.profile, { totp: false });
    expect(standIn.pool(h.pool.id)).toMatchObject({ totp: false, sms: true, email: true });
  });

  it('pool mfa-config with a named AWS profile from the shared credentials file', async () => {
    const h = await harness({ pool: { mfa: 'OFF', totp: false }, profile: { awsProfile: 'qa-admin' } });
    const dir = mkdtempSync(join(tmpdir(), 'keyfob-aws-'));
    const credentials = join(dir, 'credentials');
    writeFileSync(
      credentials,
      `[qa-admin]\naws_access_key_id = ${standIn.adminCredentials.accessKeyId}\naws_secret_access_key = ${standIn.adminCredentials.secretAccessKey}\n`,
    );
    const saved = { ...process.env };
    delete process.env.AWS_ACCESS_KEY_ID;
    delete process.env.AWS_SECRET_ACCESS_KEY;
    process.env.AWS_SHARED_CREDENTIALS_FILE = credentials;
    process.env.AWS_CONFIG_FILE = join(dir, 'config');
    try {
      expect(await h.engine.setPoolMfaConfig(h.profile, { totp: true, mfa: 'OPTIONAL' })).toEqual({
        mfa: 'OPTIONAL',
        totp: true,
      });
    } finally {
      process.env = saved;
    }
  });

  it('a user with text messages and a phone app enrolls Keyfob through the text message', async () => {
    const h = await harness({ pool: { mfa: 'OPTIONAL', sms: true } });
    const username = uniqueName('phone-app');
    standIn.addUser(h.pool.id, {
      username,
      password: PASSWORD,
      smsMfa: true,
      phone: '+15555550102',
      totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    });
    const mark = standIn.calls.length;
    const result = await h.engine.enroll(
      h.request(username, { prompts: { code: async () => standIn.lastDeliveredCode(h.pool.id, username) } }),
    );
    const select = standIn.calls
      .slice(mark)
      .find((c) => (c.body as { ChallengeName?: string }).ChallengeName === 'SELECT_MFA_TYPE')!;
    expect((select.body.ChallengeResponses as Record<string, string>).ANSWER).toBe('SMS_MFA');
    expect((await h.vault.reveal(result.account.id)).secret).not.toBe('JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP');
  });

  it('password flow, e-mail sign-in and a client secret: names the way out when MFA_SETUP cannot be hashed', async () => {
    const h = await harness({
      pool: { mfa: 'ON', usernameAttributes: ['email'] },
      client: { secret: true },
      profile: { authFlow: 'password' },
    });
    const email = `${uniqueName('pw-mail')}@example.com`;
    standIn.addUser(h.pool.id, { username: email, password: PASSWORD });
    const e = await failure(h.engine.enroll(h.request(email)));
    expect(e.code).toBe('COGNITO_CONFIG');
    expect(e.hint).toContain('--auth-flow srp');
    // As the hint says: with SRP the authenticator, already set up, signs in.
    const p = await h.profiles.get(h.profile);
    await h.profiles.save({ ...p, authFlow: 'srp' }, { replace: true });
    await h.engine.login(h.request(email));
  });

  it('admin flow through a new password and MFA set-up (AdminRespondToAuthChallenge all the way)', async () => {
    const h = await harness({ pool: { mfa: 'ON' }, profile: { authFlow: 'admin' } });
    const username = uniqueName('admin-new');
    standIn.addUser(h.pool.id, { username, password: 'Temp-Passw0rd!', status: 'FORCE_CHANGE_PASSWORD' });
    const mark = standIn.calls.length;
    const result = await h.engine.enroll(
      h.request(username, {
        password: 'Temp-Passw0rd!',
        prompts: { newPassword: async () => ({ password: PASSWORD }) },
      }),
    );
    expect(result.path).toBe('mfa-setup');
    const t = targets(mark);
    expect(t.filter((x) => x === 'AdminRespondToAuthChallenge')).toHaveLength(2);
    expect(t).not.toContain('RespondToAuthChallenge');
    expect(t).toContain('AdminSetUserMFAPreference');
  });

  it('a wrong code at sign-in (a key that is not the user’s): check the clock', async () => {
    const h = await harness({ pool: { mfa: 'OPTIONAL' } });
    const username = uniqueName('wrongkey');
    standIn.addUser(h.pool.id, {
      username,
      password: PASSWORD,
      totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    });
    await h.vault.add({
      issuer: h.profile,
      label: username,
      secret: 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU',
      params: { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
      extra: {},
      cognito: { profile: h.profile, username },
    });
    const e = await failure(h.engine.login(h.request(username)));
    expect(e).toMatchObject({ code: 'COGNITO_CODE', service: { name: 'CodeMismatchException' } });
    expect(e.hint).toMatch(/clock/);
  });

  it('no key linked to the user: says how to enroll', async () => {
    const h = await harness({ pool: { mfa: 'OPTIONAL' } });
    const username = uniqueName('phoneonly');
    standIn.addUser(h.pool.id, {
      username,
      password: PASSWORD,
      totpSecret: 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP',
    });
    const e = await failure(h.engine.login(h.request(username)));
    expect(e.code).toBe('ACCOUNT_NOT_FOUND');
    expect(e.hint).toContain('keyfob enroll');
  });

  it('client secret missing from the profile, or wrong', async () => {
    const h = await harness({ client: { secret: true }, withSecret: false });
    const username = uniqueName('nosecret');
    standIn.addUser(h.pool.id, { username, password: PASSWORD });
    const missing = await failure(h.engine.login(h.request(username)));
    expect(missing.code).toBe('COGNITO_CONFIG');
    expect(missing.message).toContain('client secret');

    const p = await h.profiles.get(h.profile);
    await h.profiles.save({ ...p }, { replace: true, clientSecret: 'not-the-secret' });
    const wrong = await failure(h.engine.login(h.request(username)));
    expect(wrong.code).toBe('COGNITO_CONFIG');
    expect(wrong.message).toMatch(/did not accept the client secret/);
  });

  it('USER_PASSWORD_AUTH not enabled on the app client', async () => {
    const h = await harness({
      client: { flows: ['USER_SRP_AUTH', 'REFRESH_TOKEN_AUTH'] },
      profile: { authFlow: 'password' },
    });
    const username = uniqueName('noflow');
    standIn.addUser(h.pool.id, { username, password: PASSWORD });
    const e = await failure(h.engine.login(h.request(username)));
    expect(e.code).toBe('COGNITO_CONFIG');
    expect(e.hint).toContain('ALLOW_USER_PASSWORD_AUTH');
  });

  it('wrong password, then too many attempts', async () => {
    const h = await harness();
    const username = uniqueName('locked');
    standIn.addUser(h.pool.id, { username, password: PASSWORD });
    const wrong = await failure(h.engine.login(h.request(username, { password: 'nope-nope' })));
    expect(wrong).toMatchObject({
      code: 'COGNITO_AUTH',
      service: { message: 'Incorrect username or password.' },
    });
    let last = wrong;
    for (let i = 0; i < 6; i++)
      last = await failure(h.engine.login(h.request(username, { password: 'nope-nope' })));
    expect(last.message).toMatch(/Too many wrong passwords/);
  });

  it('throttling and the web application firewall', async () => {
    const h = await harness();
    const username = uniqueName('limits');
    standIn.addUser(h.pool.id, { username, password: PASSWORD });
    standIn.failNext('InitiateAuth', { name: 'TooManyRequestsException', message: 'Rate exceeded' });
    expect((await failure(h.engine.login(h.request(username)))).code).toBe('COGNITO_THROTTLED');
    standIn.failNext('InitiateAuth', {
      name: 'ForbiddenException',
      message: 'Request blocked by WAF',
      status: 403,
    });
    const waf = await failure(h.engine.login(h.request(username)));
    expect(waf.code).toBe('COGNITO_FORBIDDEN');
    expect(waf.message).toMatch(/firewall/);
  });

  it('network unreachable', async () => {
    const h = await harness({ profile: { endpoint: 'http://127.0.0.1:9' } });
    const e = await failure(h.engine.login(h.request('anyone')));
    expect(e.code).toBe('COGNITO_NETWORK');
    expect(e.message).toContain('127.0.0.1:9');
  });
});
