/**
 * The flows cognito-local (jagregory/cognito-local, an emulator none of us wrote) supports, run by our engine
 * with the real AWS SDK client: USER_PASSWORD_AUTH, enrollment with an access token, and a SOFTWARE_TOKEN_MFA
 * sign-in with the code filled in. Everything else (SRP, MFA_SETUP, strict sessions) is tested against the
 * stand-in; cognito-local does not implement it (reference §7.2).
 */
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  SetUserPoolMfaConfigCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CognitoEngine, type Progress } from '../../main/cognito';
import { ProfileStore } from '../../main/cognito/profiles';
import { CodeClock } from '../../main/otp/codes';
import { MemoryKeychain } from '../../main/vault/memory-keychain';
import { Vault } from '../../main/vault/vault';
import { startCognitoLocal, type CognitoLocal } from '../support/cognito-local';

let local: CognitoLocal;
let admin: CognitoIdentityProviderClient;
let poolId: string;
let clientId: string;

beforeAll(async () => {
  local = await startCognitoLocal();
  admin = new CognitoIdentityProviderClient({
    region: 'us-east-1',
    endpoint: local.endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const pool = await admin.send(
    new CreateUserPoolCommand({ PoolName: 'keyfob-qa', MfaConfiguration: 'OPTIONAL' }),
  );
  poolId = pool.UserPool!.Id!;
  await admin.send(
    new SetUserPoolMfaConfigCommand({
      UserPoolId: poolId,
      MfaConfiguration: 'OPTIONAL',
      SoftwareTokenMfaConfiguration: { Enabled: true },
    }),
  );
  const client = await admin.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'keyfob',
      ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
    }),
  );
  clientId = client.UserPoolClient!.ClientId!;
}, 30_000);

afterAll(async () => {
  admin?.destroy();
  await local?.stop();
});

async function addUser(username: string, password: string): Promise<void> {
  await admin.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      MessageAction: 'SUPPRESS',
      TemporaryPassword: password,
    }),
  );
  await admin.send(
    new AdminSetUserPasswordCommand({
      UserPoolId: poolId,
      Username: username,
      Password: password,
      Permanent: true,
    }),
  );
}

/**
 * Our engine on a fresh vault. Waiting for the next code advances a fake clock instead of sleeping: the
 * emulator, like Cognito, accepts the neighbouring time step, so the test need not sit out half a minute.
 */
async function harness() {
  const dir = mkdtempSync(join(tmpdir(), 'keyfob-cognito-local-'));
  const keychain = new MemoryKeychain();
  let aheadMs = 0;
  const clock = new CodeClock({ now: () => Date.now() + aheadMs });
  const vault = new Vault({ dir, keychain, clock: { now: () => clock.now() } });
  const profiles = new ProfileStore(dir, keychain);
  await profiles.save({
    name: 'local',
    region: 'us-east-1',
    userPoolId: poolId,
    clientId,
    endpoint: local.endpoint,
    authFlow: 'password',
  });
  const events: Progress[] = [];
  const engine = new CognitoEngine({
    vault,
    profiles,
    clock,
    maxAttempts: 1,
    hostName: () => 'qa-workstation',
    sleep: async (ms) => {
      aheadMs += ms;
    },
  });
  return { engine, vault, events, onProgress: (p: Progress) => events.push(p) };
}

describe('against cognito-local', () => {
  it('signs in with USER_PASSWORD_AUTH when the user has no MFA', async () => {
    await addUser('plain-user', 'Plain-Passw0rd!');
    const { engine, onProgress } = await harness();
    const { tokens, username } = await engine.login({
      profile: 'local',
      username: 'plain-user',
      password: 'Plain-Passw0rd!',
      onProgress,
    });
    expect(username).toBe('plain-user');
    const claims = JSON.parse(Buffer.from(tokens.accessToken.split('.')[1]!, 'base64url').toString());
    expect(claims.username ?? claims['cognito:username']).toBe('plain-user');
    expect(tokens.idToken.split('.')).toHaveLength(3);
    expect(tokens.expiresIn).toBeGreaterThan(0);
  });

  it('enrolls with an access token, then signs in with the code filled in, never reusing one', async () => {
    await addUser('qa-user', 'Qa-Passw0rd!');
    const { engine, vault, events, onProgress } = await harness();
    const enrolled = await engine.enroll({
      profile: 'local',
      username: 'qa-user',
      password: 'Qa-Passw0rd!',
      onProgress,
    });
    expect(enrolled.path).toBe('access-token');
    expect(enrolled.account).toMatchObject({
      issuer: 'local',
      label: 'qa-user',
      status: 'active',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      cognito: { profile: 'local', username: 'qa-user' },
    });
    // The key was stored before it was verified, then marked verified.
    const order = events
      .map((e) => e.type)
      .filter((t) => ['secretStored', 'verified', 'preferenceSet'].includes(t));
    expect(order).toEqual(['secretStored', 'verified', 'preferenceSet']);

    // The emulator records what Cognito would: TOTP enabled and preferred for the user.
    const user = await admin.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'qa-user' }));
    expect(user.UserMFASettingList).toContain('SOFTWARE_TOKEN_MFA');
    expect(user.PreferredMfaSetting).toBe('SOFTWARE_TOKEN_MFA');

    // Sign in: the pool now asks for the TOTP code, which comes from the vault. The verification used this
    // period's code, so the engine waits for the next period and says so.
    events.length = 0;
    const { tokens } = await engine.login({
      profile: 'local',
      username: 'qa-user',
      password: 'Qa-Passw0rd!',
      onProgress,
    });
    expect(events.map((e) => (e.type === 'challenge' ? e.state : e.type))).toContain('softwareTokenMfa');
    const waited = events.find((e) => e.type === 'waitingForCode');
    expect(waited).toMatchObject({ account: enrolled.account.id });
    expect(tokens.accessToken.split('.')).toHaveLength(3);
    expect((await vault.list()).filter((a) => a.cognito?.username === 'qa-user')).toHaveLength(1);
  });

  it('reports a wrong password in plain words, with what the emulator said', async () => {
    await addUser('typo-user', 'Right-Passw0rd!');
    const { engine } = await harness();
    const failure = await engine.login({ profile: 'local', username: 'typo-user', password: 'wrong' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    // cognito-local answers InvalidPasswordException where Cognito says NotAuthorizedException (§7.3).
    expect(failure).toMatchObject({
      code: 'COGNITO_AUTH',
      message: 'Cognito did not accept the password.',
      service: { name: 'InvalidPasswordException' },
    });
  });
});
