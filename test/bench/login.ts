/**
 * Whole-process `keyfob login` against the AWS CLI doing the same sign-in by hand (initiate-auth, oathtool,
 * respond-to-auth-challenge), both against one local pool: the stand-in, with USER_PASSWORD_AUTH and a
 * SOFTWARE_TOKEN_MFA challenge. A code is good once per 30-second step, so every run signs in a user of
 * its own.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ProfileStore } from '../../main/cognito/profiles';
import { KeytarKeychain } from '../../main/vault/keytar-keychain';
import { Vault } from '../../main/vault/vault';
import { CognitoStandIn } from '../support/cognito-standin';

const CLI = resolve(__dirname, '../../dist/cli/keyfob.js');
const PASSWORD = 'Bench-Passw0rd!';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

export interface LoginBench {
  keyfobMs: number;
  awsMs?: number;
  awsMissing?: string;
  runs: number;
}

/** Runs a process without blocking this one's event loop (the stand-in answers from it). */
function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolvePromise(out) : reject(new Error(`${cmd} ${args.slice(0, 3).join(' ')}: ${err}`)),
    );
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function available(command: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

export async function benchLogin(runs = 7): Promise<LoginBench> {
  const standIn = await CognitoStandIn.start({});
  const home = mkdtempSync(join(tmpdir(), 'keyfob-bench-login-'));
  const service = `keyfob-bench-login-${process.pid}`;
  const keychain = new KeytarKeychain({ service });
  const env = {
    ...process.env,
    KEYFOB_HOME: home,
    KEYFOB_KEYCHAIN_SERVICE: service,
    KEYFOB_PASSWORD: PASSWORD,
    // The AWS CLI needs a region and, for its own start-up, no network lookups for credentials.
    AWS_DEFAULT_REGION: standIn.region,
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  };
  try {
    const pool = standIn.addPool({ mfa: 'ON' });
    const client = standIn.addClient(pool.id, {});
    const profiles = new ProfileStore(home, keychain);
    await profiles.save({
      name: 'bench',
      region: standIn.region,
      userPoolId: pool.id,
      clientId: client.id,
      endpoint: standIn.endpoint,
      authFlow: 'password',
    });
    const vault = new Vault({ dir: home, keychain });
    const total = runs + 2;
    const users = (prefix: string) =>
      Array.from({ length: total }, (_, i) => {
        const username = `${prefix}-${i}`;
        standIn.addUser(pool.id, { username, password: PASSWORD, totpSecret: SECRET });
        return username;
      });
    const keyfobUsers = users('kf');
    for (const username of keyfobUsers) {
      await vault.add(
        {
          issuer: 'bench',
          label: username,
          secret: SECRET,
          params: { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
          extra: {},
          cognito: { profile: 'bench', username },
        },
        { allowDuplicate: true },
      );
    }

    const missing = ['aws', 'oathtool'].filter((c) => !available(c));
    const awsUsers = missing.length === 0 ? users('aws') : [];
    const common = [
      '--endpoint-url',
      standIn.endpoint,
      '--region',
      standIn.region,
      '--no-sign-request',
      '--output',
      'json',
    ];
    const keyfobLogin = async (username: string): Promise<number> => {
      const start = performance.now();
      await run(
        process.execPath,
        [CLI, 'login', '--pool', 'bench', '--username', username, '--token', 'id'],
        env,
      );
      return performance.now() - start;
    };
    const awsLogin = async (username: string): Promise<number> => {
      const start = performance.now();
      const initiated = JSON.parse(
        await run(
          'aws',
          [
            'cognito-idp',
            'initiate-auth',
            '--auth-flow',
            'USER_PASSWORD_AUTH',
            '--client-id',
            client.id,
            '--auth-parameters',
            `USERNAME=${username},PASSWORD=${PASSWORD}`,
            ...common,
          ],
          env,
        ),
      ) as { Session: string };
      const code = (await run('oathtool', ['--totp', '-b', SECRET], env)).trim();
      const answered = JSON.parse(
        await run(
          'aws',
          [
            'cognito-idp',
            'respond-to-auth-challenge',
            '--client-id',
            client.id,
            '--challenge-name',
            'SOFTWARE_TOKEN_MFA',
            '--session',
            initiated.Session,
            '--challenge-responses',
            `USERNAME=${username},SOFTWARE_TOKEN_MFA_CODE=${code}`,
            ...common,
          ],
          env,
        ),
      ) as { AuthenticationResult?: { IdToken?: string } };
      if (!answered.AuthenticationResult?.IdToken) throw new Error('the AWS CLI chain got no IdToken');
      return performance.now() - start;
    };

    // The two take turns, round after round, so a change in the machine's load weighs on both alike.
    const keyfobTimes: number[] = [];
    const awsTimes: number[] = [];
    for (const [i, username] of keyfobUsers.entries()) {
      const kf = await keyfobLogin(username);
      const aws = awsUsers[i] === undefined ? undefined : await awsLogin(awsUsers[i]!);
      if (i < 2) continue;
      keyfobTimes.push(kf);
      if (aws !== undefined) awsTimes.push(aws);
    }
    const result: LoginBench = { keyfobMs: median(keyfobTimes), runs };
    if (missing.length > 0) {
      result.awsMissing = `not installed: apt-get install ${missing.map((m) => (m === 'aws' ? 'awscli' : m)).join(' ')}`;
      return result;
    }
    result.awsMs = median(awsTimes);
    return result;
  } finally {
    for (const item of await keychain.list()) await keychain.delete(item.account);
    await standIn.close();
  }
}
