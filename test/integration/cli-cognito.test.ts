/**
 * `keyfob pool/enroll/login/mfa` as a child process, with the real keychain (gnome-keyring) and the real
 * AWS SDK talking to the strict stand-in over loopback.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeytarKeychain } from '../../main/vault/keytar-keychain';
import { keyfob, sandbox, type Sandbox } from '../support/cli';
import { CognitoStandIn } from '../support/cognito-standin';
import { requireSecretService } from '../support/secret-service';

// The stand-in runs on real time plus `shiftMs`. Moving it a period ahead between an enrollment and a
// sign-in stands in for waiting half a minute: the CLI measures the difference from the Date header,
// warns about it, and computes the next period's code.
let shiftMs = 0;
let standIn: CognitoStandIn;
const sandboxes: Sandbox[] = [];
const PASSWORD = 'Str0ng-Passw0rd!';

beforeAll(async () => {
  requireSecretService();
  standIn = await CognitoStandIn.start({ now: () => Date.now() + shiftMs });
});

afterAll(async () => {
  await standIn?.close();
  for (const s of sandboxes) {
    const keychain = new KeytarKeychain({ service: s.service });
    for (const item of await keychain.list()) await keychain.delete(item.account);
  }
});

function fresh(): Sandbox {
  const s = sandbox({
    AWS_ACCESS_KEY_ID: standIn.adminCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: standIn.adminCredentials.secretAccessKey,
    KEYFOB_PASSWORD: '',
  });
  sandboxes.push(s);
  return s;
}

async function addProfile(
  s: Sandbox,
  name: string,
  options: { mfa?: 'OFF' | 'OPTIONAL' | 'ON'; secret?: boolean } = {},
) {
  const pool = standIn.addPool({ mfa: options.mfa ?? 'OPTIONAL' });
  const client = standIn.addClient(pool.id, { secret: options.secret ?? false });
  const args = [
    'pool',
    'add',
    name,
    '--region',
    standIn.region,
    '--user-pool-id',
    pool.id,
    '--client-id',
    client.id,
    '--endpoint',
    standIn.endpoint,
  ];
  if (client.secret) args.push('--client-secret-stdin');
  const added = await keyfob(args, { env: s.env, input: client.secret ? `${client.secret}\n` : '' });
  expect(added.stderr).toBe('');
  expect(added.code).toBe(0);
  return { pool, client };
}

/**
 * Waits, if need be, until the pool's current 30-second period has at least `leftMs` to run: a test that expects
 * a later run to meet the code an earlier run spent must not let the period end between the two (on a busy
 * machine an enrollment can take seconds).
 */
async function earlyInPeriod(leftMs = 20_000): Promise<void> {
  const remaining = 30_000 - ((Date.now() + shiftMs) % 30_000);
  if (remaining < leftMs) await new Promise((resolve) => setTimeout(resolve, remaining + 200));
}

function jwtClaims(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
}

describe('keyfob pool', () => {
  it('adds, lists and removes profiles; the client secret stays in the keychain', async () => {
    const s = fresh();
    const { pool, client } = await addProfile(s, 'qa', { secret: true });
    const listed = await keyfob(['pool', 'list', '--json'], { env: s.env });
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([
      {
        name: 'qa',
        region: standIn.region,
        userPoolId: pool.id,
        clientId: client.id,
        hasClientSecret: true,
        authFlow: 'srp',
        endpoint: standIn.endpoint,
      },
    ]);
    expect(listed.stdout).not.toContain(client.secret);
    expect(readFileSync(join(s.home, 'pools.json'), 'utf8')).not.toContain(client.secret);
    const keychain = new KeytarKeychain({ service: s.service });
    expect(await keychain.get('pool-client-secret:qa')).toBe(client.secret);

    const bad = await keyfob(
      ['pool', 'add', 'x', '--region', 'eu-west-9', '--user-pool-id', 'eu-west-1_A', '--client-id', 'c'],
      {
        env: s.env,
      },
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--region eu-west-1');

    const removed = await keyfob(['pool', 'remove', 'qa'], { env: s.env });
    expect(removed.code).toBe(0);
    expect(await keychain.get('pool-client-secret:qa')).toBeNull();
    expect(JSON.parse((await keyfob(['pool', 'list', '--json'], { env: s.env })).stdout)).toEqual([]);
  });

  it('tests a profile: the pool answers, or answers with what is wrong, in the language of LANG', async () => {
    const s = fresh();
    const { pool, client } = await addProfile(s, 'ok');
    const ok = await keyfob(['pool', 'test', 'ok'], { env: s.env });
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toBe(`pool ${pool.id} and app client ${client.id} answer as expected\n`);
    expect(ok.code).toBe(0);

    // A client that does not allow the profile's sign-in flow: the pool answers, and says what is wrong.
    const strict = standIn.addPool({ mfa: 'OPTIONAL' });
    const srpOnly = standIn.addClient(strict.id, { flows: ['USER_SRP_AUTH'] });
    const args = ['pool', 'add', 'pw', '--region', standIn.region, '--user-pool-id', strict.id];
    args.push('--client-id', srpOnly.id, '--endpoint', standIn.endpoint, '--auth-flow', 'password');
    expect((await keyfob(args, { env: s.env })).code).toBe(0);
    const de = await keyfob(['pool', 'test', 'pw'], { env: { ...s.env, LANG: 'de_DE.UTF-8' } });
    expect(de.stdout).toBe('');
    expect(de.stderr).toContain(`keyfob: Pool ${strict.id} erreicht, aber:\nkeyfob: Der App-Client erlaubt`);
    expect(de.stderr).toContain('ALLOW_USER_PASSWORD_AUTH');
    expect(de.code).toBe(4);
  });

  it('turns TOTP on for a pool with AWS credentials', async () => {
    const s = fresh();
    const { pool } = await addProfile(s, 'cfg', { mfa: 'OFF' });
    const r = await keyfob(['pool', 'mfa-config', 'cfg', '--totp', 'on', '--mfa', 'optional'], {
      env: s.env,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('MFA optional');
    expect(standIn.pool(pool.id)).toMatchObject({ mfa: 'OPTIONAL', totp: true });
    const usage = await keyfob(['pool', 'mfa-config', 'cfg', '--totp', 'maybe'], { env: s.env });
    expect(usage.code).toBe(2);
  });
});

describe('keyfob enroll and login', () => {
  it('enrolls a new user through the new password and MFA setup, then prints tokens', async () => {
    const s = fresh();
    const { pool } = await addProfile(s, 'prod', { mfa: 'ON', secret: true });
    standIn.addUser(pool.id, {
      username: 'nina',
      password: 'Temp-Passw0rd!',
      status: 'FORCE_CHANGE_PASSWORD',
    });

    // Without --new-password-stdin the command says what is needed, and stores nothing.
    const needs = await keyfob(['enroll', '--pool', 'prod', '--username', 'nina', '--password-stdin'], {
      env: s.env,
      input: 'Temp-Passw0rd!\n',
    });
    expect(needs.code).toBe(1);
    expect(needs.stderr).toContain('new password');
    expect(needs.stderr).toContain('--new-password-stdin');

    const enrolled = await keyfob(
      [
        'enroll',
        '--pool',
        'prod',
        '--username',
        'nina',
        '--password-stdin',
        '--new-password-stdin',
        '--device-name',
        'QA laptop',
      ],
      { env: s.env, input: `Temp-Passw0rd!\n${PASSWORD}\n` },
    );
    expect(enrolled.stderr).not.toContain('error');
    expect(enrolled.code).toBe(0);
    const id = enrolled.stdout.trim().split(/\s+/)[0]!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(enrolled.stdout).toContain('prod (nina)');
    expect(standIn.user(pool.id, 'nina').totp).toMatchObject({ verified: true, deviceName: 'QA laptop' });

    const list = JSON.parse((await keyfob(['list', '--json'], { env: s.env })).stdout) as Array<
      Record<string, unknown>
    >;
    expect(list).toEqual([
      expect.objectContaining({
        id,
        issuer: 'prod',
        label: 'nina',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
      }),
    ]);

    shiftMs += 30_000;
    const token = await keyfob(['login', '--pool', 'prod', '--username', 'nina', '--token', 'id'], {
      env: { ...s.env, KEYFOB_PASSWORD: PASSWORD },
    });
    expect(token.code).toBe(0);
    expect(token.stdout.trim().split('\n')).toHaveLength(1);
    expect(jwtClaims(token.stdout.trim())).toMatchObject({ token_use: 'id', 'cognito:username': 'nina' });
    expect(token.stderr).toMatch(/clock is \d+ s behind/);

    shiftMs += 30_000;
    const json = await keyfob(
      ['login', '--pool', 'prod', '--username', 'nina', '--password-stdin', '--json'],
      {
        env: s.env,
        input: `${PASSWORD}\n`,
      },
    );
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(Object.keys(result).sort()).toEqual([
      'AccessToken',
      'ExpiresIn',
      'IdToken',
      'RefreshToken',
      'TokenType',
    ]);
    expect(jwtClaims(result.AccessToken as string).token_use).toBe('access');
  });

  it('exits 1 for a wrong password, 4 when the service or network fails, 2 for usage mistakes', async () => {
    const s = fresh();
    const { pool } = await addProfile(s, 'dev');
    standIn.addUser(pool.id, { username: 'omar', password: PASSWORD });
    const wrong = await keyfob(['login', '--pool', 'dev', '--username', 'omar', '--password-stdin'], {
      env: s.env,
      input: 'not-it\n',
    });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('did not accept the user name and password');
    expect(wrong.stderr).toContain('NotAuthorizedException: Incorrect username or password.');
    expect(wrong.stderr).not.toContain('not-it');

    const noPassword = await keyfob(['login', '--pool', 'dev', '--username', 'omar'], { env: s.env });
    expect(noPassword.code).toBe(1);
    expect(noPassword.stderr).toContain('KEYFOB_PASSWORD');

    const unknownPool = await keyfob(['login', '--pool', 'nope', '--username', 'omar'], {
      env: { ...s.env, KEYFOB_PASSWORD: PASSWORD },
    });
    expect(unknownPool.code).toBe(1);
    expect(unknownPool.stderr).toContain('no pool profile named "nope"');

    // (An internal error would be retried by the SDK and pass; a firewall block is final.)
    standIn.failNext('InitiateAuth', {
      name: 'ForbiddenException',
      message: 'Request blocked by WAF',
      status: 403,
    });
    const down = await keyfob(['login', '--pool', 'dev', '--username', 'omar'], {
      env: { ...s.env, KEYFOB_PASSWORD: PASSWORD },
    });
    expect(down.code).toBe(4);
    expect(down.stderr).toContain('firewall');

    const usage = await keyfob(['login', '--pool', 'dev', '--username', 'omar', '--token', 'bearer'], {
      env: s.env,
    });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--token is id, access or refresh');
  });

  it('waits for the next code across runs, and passes required attributes with a new password', async () => {
    const s = fresh();
    const pool = standIn.addPool({ mfa: 'ON', requiredAttributes: ['name'] });
    const client = standIn.addClient(pool.id, {});
    const add = ['pool', 'add', 'attrs', '--region', standIn.region, '--user-pool-id', pool.id];
    expect(
      (await keyfob([...add, '--client-id', client.id, '--endpoint', standIn.endpoint], { env: s.env })).code,
    ).toBe(0);
    standIn.addUser(pool.id, {
      username: 'ada',
      password: 'Temp-Passw0rd!',
      status: 'FORCE_CHANGE_PASSWORD',
    });
    await earlyInPeriod();
    const enrolled = await keyfob(
      [
        'enroll',
        '--pool',
        'attrs',
        '--username',
        'ada',
        '--password-stdin',
        '--new-password-stdin',
        '--attribute',
        'name=Ada QA',
      ],
      { env: s.env, input: `Temp-Passw0rd!\n${PASSWORD}\n` },
    );
    expect(enrolled.stderr).not.toContain('keyfob: The');
    expect(enrolled.code).toBe(0);
    expect(standIn.user(pool.id, 'ada').attributes).toMatchObject({ name: 'Ada QA' });
    // No shift of the pool's clock this time: the code of this period went to the enrollment, so this run
    // (another process) waits for the next period, up to 30 real seconds, and says so.
    const login = await keyfob(['login', '--pool', 'attrs', '--username', 'ada', '--token', 'access'], {
      env: { ...s.env, KEYFOB_PASSWORD: PASSWORD },
      timeoutMs: 45_000,
    });
    expect(login.code).toBe(0);
    expect(login.stderr).toMatch(/already used; waiting \d+ s for the next one/);
    expect(jwtClaims(login.stdout.trim()).token_use).toBe('access');
  }, 90_000);

  it('turns MFA off and removes the account when asked', async () => {
    const s = fresh();
    const { pool } = await addProfile(s, 'tmp');
    standIn.addUser(pool.id, { username: 'tess', password: PASSWORD });
    const env = { ...s.env, KEYFOB_PASSWORD: PASSWORD };
    const enrolled = await keyfob(['enroll', '--pool', 'tmp', '--username', 'tess', '--no-prefer'], { env });
    expect(enrolled.code).toBe(0);
    expect(standIn.user(pool.id, 'tess').preferredMfa).toBeUndefined();
    shiftMs += 30_000;
    const off = await keyfob(['mfa', 'disable', '--pool', 'tmp', '--username', 'tess', '--remove-account'], {
      env,
    });
    expect(off.code).toBe(0);
    expect(off.stdout).toContain('turned off');
    expect(standIn.user(pool.id, 'tess').mfaSettings).not.toContain('SOFTWARE_TOKEN_MFA');
    expect(JSON.parse((await keyfob(['list', '--json'], { env })).stdout)).toEqual([]);
  });
});
