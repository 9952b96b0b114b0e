import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KeyfobError } from '../../main/errors';
import { defaultParams } from '../../main/otp/types';
import { KeytarKeychain } from '../../main/vault/keytar-keychain';
import { CANARY_ACCOUNT, Vault } from '../../main/vault/vault';
import { ProfileStore } from '../../main/cognito/profiles';
import type { KeychainMove } from '../../main/vault/keychain-move';
import { keyfob, sandbox } from '../support/cli';
import { requireSecretService } from '../support/secret-service';

const service = `keyfob-test-${randomBytes(5).toString('hex')}`;
const keychain = new KeytarKeychain({ service });

beforeAll(() => requireSecretService());
afterAll(async () => {
  for (const item of await keychain.list()) await keychain.delete(item.account);
});

describe('keytar against the real Secret Service', () => {
  it('gives up on a keychain that never answers, naming the likely cause', async () => {
    const never = () => new Promise<never>(() => undefined);
    const stuck = new KeytarKeychain({
      service,
      platform: 'linux',
      env: {},
      timeoutMs: 50,
      keytar: {
        getPassword: never,
        setPassword: never,
        deletePassword: never,
        findCredentials: never,
        findPassword: never,
      },
    });
    await expect(stuck.set('a', 'b')).rejects.toMatchObject({
      code: 'KEYCHAIN_LOCKED',
      message: expect.stringContaining('did not answer a write request'),
    });
    await expect(stuck.get('a')).rejects.toMatchObject({ code: 'KEYCHAIN_LOCKED' });
  });

  it('stores, lists and deletes items of its own service only', async () => {
    const other = new KeytarKeychain({ service: `${service}-other` });
    await keychain.set('one', 'value ✓ 1');
    await keychain.set('two', 'value 2');
    await other.set('one', 'elsewhere');
    expect(await keychain.get('one')).toBe('value ✓ 1');
    expect((await keychain.list()).map((i) => i.account).sort()).toEqual(['one', 'two']);
    expect(await keychain.delete('one')).toBe(true);
    expect(await keychain.delete('one')).toBe(false);
    expect(await keychain.get('one')).toBeNull();
    expect(await other.get('one')).toBe('elsewhere');
    await other.delete('one');
    await keychain.delete('two');
  });

  it('backs a vault end to end, including recovery of a secret whose metadata was lost', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyfob-vault-'));
    const vault = new Vault({ dir, keychain });
    const a = await vault.add({
      issuer: 'GitHub',
      label: 'alice',
      secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
      params: defaultParams('totp'),
      extra: {},
    });
    expect((await vault.code(a.id, 59_000)).code).toBe('287082');
    expect(await keychain.get(CANARY_ACCOUNT)).not.toBeNull();
    writeFileSync(join(dir, 'accounts.json'), 'garbage');
    const report = await vault.recover();
    expect(report.movedAside).toBeDefined();
    expect(report.orphans.map((o) => o.id)).toEqual([a.id]);
    expect(await vault.list()).toEqual([]);
    await vault.restoreOrphans([a.id]);
    expect((await vault.code(a.id, 59_000)).code).toBe('287082');
    await vault.remove(a.id);
    expect(await keychain.get(a.id)).toBeNull();
  });

  it('maps what the backends say to a cause and a fix', () => {
    const linux = new KeytarKeychain({ service, platform: 'linux', env: {} });
    const cases: Array<[string, string, RegExp]> = [
      ['Cannot autolaunch D-Bus without X11 $DISPLAY', 'KEYCHAIN_UNAVAILABLE', /D-Bus/],
      [
        'The name org.freedesktop.secrets was not provided by any .service files',
        'KEYCHAIN_UNAVAILABLE',
        /No Secret Service/,
      ],
      [
        'Object does not exist at path “/org/freedesktop/secrets/collection/login”',
        'KEYCHAIN_UNAVAILABLE',
        /"Login" keyring/,
      ],
      ['Cannot create an item in a locked collection', 'KEYCHAIN_LOCKED', /locked/],
      ['Something else entirely', 'KEYCHAIN_FAILED', /Something else/],
    ];
    for (const [text, code, message] of cases) {
      const error = linux.classify(new Error(text));
      expect(error).toBeInstanceOf(KeyfobError);
      expect(error.code, text).toBe(code);
      expect(error.message).toMatch(message);
      expect(error.hint).toBeTruthy();
    }
    const kde = new KeytarKeychain({ service, platform: 'linux', env: { XDG_CURRENT_DESKTOP: 'KDE' } });
    expect(kde.classify(new Error('Collection is locked')).hint).toContain('KWallet');
    const mac = new KeytarKeychain({ service, platform: 'darwin', env: {} });
    expect(mac.classify(new Error('User interaction is not allowed.')).hint).toContain('Keychain Access');
    expect(mac.classify(new Error('User interaction is not allowed.')).code).toBe('KEYCHAIN_LOCKED');
  });
});

describe('moving a vault from the old keychain service name to the new one', () => {
  const SECRETS = ['GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'JBSWY3DPEHPK3PXP', 'KRSXG5CTMVRXEZLUKN2XAZLSKRSXG5A'];

  /** A fresh pair of services, the old one holding a vault with three accounts and a pool's client secret. */
  async function oldVault() {
    const tag = randomBytes(5).toString('hex');
    const names = { old: `keyfob-test-old-${tag}`, current: `keyfob-test-new-${tag}` };
    const old = new KeytarKeychain({ service: names.old });
    const dir = mkdtempSync(join(tmpdir(), 'keyfob-move-'));
    const vault = new Vault({ dir, keychain: old });
    const ids: string[] = [];
    for (const [i, secret] of SECRETS.entries()) {
      const added = await vault.add({
        issuer: 'Site',
        label: `user${i}`,
        secret,
        params: defaultParams('totp'),
        extra: {},
      });
      ids.push(added.id);
    }
    await new ProfileStore(dir, old).save(
      { name: 'pool', region: 'eu-west-1', userPoolId: 'eu-west-1_abc', clientId: 'client' },
      { clientSecret: 'the-client-secret' },
    );
    const before = new Map((await old.list()).map((i) => [i.account, i.value]));
    // The canary, three accounts and the client secret.
    expect(before.size).toBe(5);
    const moves: KeychainMove[] = [];
    const current = () =>
      new KeytarKeychain({
        service: names.current,
        legacyServices: [names.old],
        onMove: (m) => moves.push(m),
      });
    return { names, dir, ids, old, before, current, moves };
  }

  async function cleanUp(...services: string[]): Promise<void> {
    for (const service of services) {
      const k = new KeytarKeychain({ service });
      for (const item of await k.list()) await k.delete(item.account);
    }
  }

  it('moves every item at first use and leaves nothing under the old name', async () => {
    const { names, dir, ids, old, before, current, moves } = await oldVault();
    try {
      const keychain = current();
      const vault = new Vault({ dir, keychain });
      expect((await vault.list()).map((a) => a.id)).toEqual(ids);
      for (const [i, id] of ids.entries()) expect((await vault.reveal(id)).secret).toBe(SECRETS[i]);
      const profiles = new ProfileStore(dir, keychain);
      expect(await profiles.clientSecret(await profiles.get('pool'))).toBe('the-client-secret');
      expect(await old.list()).toEqual([]);
      const after = new Map(
        (await new KeytarKeychain({ service: names.current }).list()).map((i) => [i.account, i.value]),
      );
      expect(after).toEqual(before);
      expect(moves).toHaveLength(1);
      expect(moves[0]!.conflicts).toEqual([]);
      // The canary goes last, so an interrupted move is always found again.
      expect(moves[0]!.moved.at(-1)).toBe(CANARY_ACCOUNT);
      expect(new Set(moves[0]!.moved)).toEqual(new Set(before.keys()));
    } finally {
      await cleanUp(names.old, names.current);
    }
  });

  it('finishes a move that a crash interrupted, with every key in at least one place throughout', async () => {
    const { names, dir, ids, old, before, current } = await oldVault();
    try {
      // The crash: the first account was copied but not yet deleted, the second fully moved, the rest untouched.
      const bare = new KeytarKeychain({ service: names.current });
      await bare.set(ids[0]!, before.get(ids[0]!)!);
      await bare.set(ids[1]!, before.get(ids[1]!)!);
      await old.delete(ids[1]!);
      const vault = new Vault({ dir, keychain: current() });
      for (const [i, id] of ids.entries()) expect((await vault.reveal(id)).secret).toBe(SECRETS[i]);
      expect(await old.list()).toEqual([]);
      expect(new Map((await bare.list()).map((i) => [i.account, i.value]))).toEqual(before);
    } finally {
      await cleanUp(names.old, names.current);
    }
  });

  it('never overwrites a different item already under the new name, and reports it', async () => {
    const { names, dir, ids, old, before, current, moves } = await oldVault();
    try {
      const bare = new KeytarKeychain({ service: names.current });
      await bare.set(ids[2]!, 'something else');
      const vault = new Vault({ dir, keychain: current() });
      expect((await vault.reveal(ids[0]!)).secret).toBe(SECRETS[0]);
      expect(moves[0]!.conflicts).toEqual([ids[2]]);
      expect(await bare.get(ids[2]!)).toBe('something else');
      // Both copies of the conflicting item stay, and so does the old canary, so the next start reports again.
      expect(new Map((await old.list()).map((i) => [i.account, i.value]))).toEqual(
        new Map([
          [ids[2]!, before.get(ids[2]!)!],
          [CANARY_ACCOUNT, before.get(CANARY_ACCOUNT)!],
        ]),
      );
      await current().get(CANARY_ACCOUNT);
      expect(moves[1]!.conflicts).toEqual([ids[2]]);
      // Meanwhile the vault works: it lists, adds and recovers as on any unlocked keychain.
      const again = new Vault({ dir, keychain: current() });
      expect(await again.list()).toHaveLength(ids.length);
      const added = await again.add({
        issuer: 'After',
        label: 'conflict',
        secret: 'MFRGGZDFMZTWQ2LK',
        params: defaultParams('totp'),
        extra: {},
      });
      expect((await again.reveal(added.id)).secret).toBe('MFRGGZDFMZTWQ2LK');
      await expect(again.recover()).resolves.toMatchObject({ orphans: [] });
    } finally {
      await cleanUp(names.old, names.current);
    }
  });

  it('moves an item the bulk move cannot see (no canary) when it is first read, and deletes both copies', async () => {
    const tag = randomBytes(5).toString('hex');
    const names = { old: `keyfob-test-old-${tag}`, current: `keyfob-test-new-${tag}` };
    const old = new KeytarKeychain({ service: names.old });
    try {
      await old.set('pool-client-secret:p', 'shh');
      await old.set('pool-client-secret:q', 'hush');
      const keychain = new KeytarKeychain({ service: names.current, legacyServices: [names.old] });
      expect(await keychain.get('pool-client-secret:p')).toBe('shh');
      expect(await old.get('pool-client-secret:p')).toBeNull();
      expect(await keychain.delete('pool-client-secret:q')).toBe(true);
      expect(await old.list()).toEqual([]);
      expect(await keychain.list()).toEqual([{ account: 'pool-client-secret:p', value: 'shh' }]);
    } finally {
      await cleanUp(names.old, names.current);
    }
  });

  it('leaves a service named by KEYFOB_KEYCHAIN_SERVICE alone, and defaults to a reverse-DNS name', () => {
    const named = new KeytarKeychain({ env: { KEYFOB_KEYCHAIN_SERVICE: service } });
    expect(named.service).toBe(service);
    // Named in messages by kind, as the catalogues word it, and by that service.
    const kinds: Partial<Record<NodeJS.Platform, string>> = { darwin: 'macos', win32: 'windows' };
    expect(named.kind).toBe(kinds[process.platform] ?? 'secretService');
    const everyday = new KeytarKeychain({ env: {} });
    expect(everyday.service).toBe('dev.keyfob.Keyfob');
  });
});

/**
 * Each case runs the CLI in a D-Bus session of its own, set up to fail one way. Without the tools (not Linux,
 * or no GNOME Keyring) there is nothing to break, and `npm test` has already insisted on them.
 */
describe('a keychain that is missing or locked gives exit 3 and says how to fix it', () => {
  const URI = 'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP';

  function sessionEnv(base: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
    const root = mkdtempSync(join(tmpdir(), 'keyfob-session-'));
    mkdirSync(join(root, 'data'));
    mkdirSync(join(root, 'run'), { mode: 0o700 });
    const env: NodeJS.ProcessEnv = {
      ...base,
      XDG_DATA_HOME: join(root, 'data'),
      XDG_RUNTIME_DIR: join(root, 'run'),
      KEYFOB_KEYCHAIN_TIMEOUT: '3',
    };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    delete env.GNOME_KEYRING_CONTROL;
    delete env.DISPLAY;
    delete env.WAYLAND_DISPLAY;
    return env;
  }

  /** dbus-run-session, then `setup` in a shell, then the CLI. */
  function inSession(setup: string, config?: string): string[] {
    return [
      'dbus-run-session',
      ...(config ? ['--config-file', config] : []),
      '--',
      'sh',
      '-c',
      `${setup}\nexec "$@"`,
      'sh',
      process.execPath,
    ];
  }

  it('without a D-Bus session', async () => {
    const s = sandbox();
    const env = { ...s.env };
    delete env.DBUS_SESSION_BUS_ADDRESS;
    delete env.DISPLAY;
    const result = await keyfob(['add', '--uri', URI], { env });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('No D-Bus session bus is running');
    expect(result.stderr).toContain('gnome-keyring-daemon --unlock');
  });

  it('without a Secret Service on the bus', async () => {
    const s = sandbox();
    const env = sessionEnv(s.env);
    // A session bus that knows no services, so nothing can be activated for org.freedesktop.secrets.
    const config = join(env.XDG_RUNTIME_DIR!, 'bus.conf');
    writeFileSync(
      config,
      `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig><type>session</type><listen>unix:tmpdir=${env.XDG_RUNTIME_DIR}</listen><auth>EXTERNAL</auth>
<policy context="default"><allow send_destination="*" eavesdrop="true"/><allow eavesdrop="true"/><allow own="*"/></policy></busconfig>`,
    );
    const result = await keyfob(['add', '--uri', URI], { env, command: inSession(':', config) });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('No Secret Service is running');
    expect(result.stderr).toContain('apt-get install gnome-keyring');
  });

  it('without a login keyring', async () => {
    const s = sandbox();
    const env = sessionEnv(s.env);
    // GNOME Keyring is started by D-Bus activation, with no login collection and no way to prompt for one.
    const result = await keyfob(['add', '--uri', URI], { env, command: inSession(':') });
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('no "Login" keyring');
  });

  it('with the login keyring locked, before and after accounts exist', async () => {
    const s = sandbox();
    const env = sessionEnv(s.env);
    const unlocked = inSession(
      'printf %s secret-pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null',
    );
    const locked = inSession('gnome-keyring-daemon --start --components=secrets >/dev/null');

    const added = await keyfob(['add', '--uri', URI], { env, command: unlocked });
    expect(added.code, added.stderr).toBe(0);

    // keytar reads of a locked collection return nothing (and its search can crash the process): the canary tells.
    const code = await keyfob(['code', 'github'], { env, command: locked });
    expect(code.signal).toBeNull();
    expect(code.code, code.stderr).toBe(3);
    expect(code.stderr).toContain('locked');
    expect(code.stderr).toContain('Unlock');
    // Listing reads no key (issue 9): the names are there even while the keychain is locked.
    const list = await keyfob(['list'], { env, command: locked });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toContain('GitHub');

    // A fresh vault has no canary yet: the write itself meets the locked collection.
    const fresh = { ...env, KEYFOB_HOME: mkdtempSync(join(tmpdir(), 'keyfob-cli-')) };
    const write = await keyfob(['add', '--uri', URI], { env: fresh, command: locked });
    expect(write.code).toBe(3);
    expect(write.stderr).toMatch(/is locked|did not answer/);

    // Nothing was lost: unlocked again, the account and its code are there.
    const again = await keyfob(['code', 'github', '--at', '59'], { env, command: unlocked });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/^\d{6}\n$/);
  });
});
