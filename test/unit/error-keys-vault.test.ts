import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ErrorInfo } from '../../preload/api';
import { defaultParams } from '../../main/otp/types';
import { DEFAULT_SETTINGS, mergeSettings } from '../../main/settings';
import { moveItem } from '../../main/vault/keychain-move';
import { KeytarKeychain } from '../../main/vault/keytar-keychain';
import { MemoryKeychain } from '../../main/vault/memory-keychain';
import { METADATA_FILE, MetadataStore } from '../../main/vault/store';
import { Vault, type ImportOutcome, type NewAccount } from '../../main/vault/vault';
import { errorText } from '../support/words';
import { caught, forWindow } from '../support/error-checks';

const SECRET_A = 'JBSWY3DPEHPK3PXP';
const SECRET_B = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const SOME_ID = '0b5c4a44-6c8e-4f36-9a52-2f1f3f1c8e11';

function account(
  issuer: string,
  label: string,
  secret: string,
  overrides: Partial<NewAccount> = {},
): NewAccount {
  return { issuer, label, secret, params: defaultParams('totp'), extra: {}, ...overrides };
}

/** An import outcome's reason as App.tsx hands it to errorText. */
function reasonOf(outcome: ImportOutcome | undefined): ErrorInfo {
  if (!outcome || outcome.reason === undefined) throw new Error('expected a reason');
  expect(outcome.key).toBeDefined();
  const info: ErrorInfo = { code: '', message: outcome.reason };
  if (outcome.key) info.key = outcome.key;
  if (outcome.params) info.params = outcome.params;
  expect(errorText(info, 'en').message).toBe(outcome.reason);
  return info;
}

describe('vault errors in the window’s language', () => {
  let dir: string;
  let keychain: MemoryKeychain;
  let vault: Vault;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'keyfob-error-keys-'));
    keychain = new MemoryKeychain();
    vault = new Vault({ dir, keychain });
  });

  it('translates duplicate outcomes and the duplicate error with the existing account’s name', async () => {
    await vault.add(account('GitHub', 'alice', SECRET_A));
    const [sameKey, sameName] = await vault.addMany([
      account('Other', 'bob', SECRET_A),
      account('github', 'ALICE', SECRET_B),
    ]);
    const key = reasonOf(sameKey);
    expect(key.key).toBe('vaultDuplicateSameKey');
    expect(errorText(key, 'de').message).toBe(
      'derselbe Schlüssel ist bereits als GitHub (alice) gespeichert',
    );
    expect(errorText(key, 'zh').message).toBe('相同的密钥已存储为 GitHub (alice)');
    expect(sameName?.status).toBe('added');
    const name = reasonOf(sameName);
    expect(name.key).toBe('vaultSharesName');
    expect(errorText(name, 'de').message).toBe(
      'es heißt wie GitHub (alice), das einen anderen Schlüssel hat',
    );
    expect(errorText(name, 'zh').message).toBe('与 GitHub (alice) 同名，但密钥不同');

    const error = forWindow(await caught(() => vault.add(account('Other', 'bob', SECRET_A))));
    expect(error.key).toBe('vaultNotAddedSameKey');
    expect(errorText(error, 'de')).toEqual({
      message: 'Nicht hinzugefügt: Derselbe Schlüssel ist bereits als GitHub (alice) gespeichert.',
      hint: 'Es gibt nichts hinzuzufügen: Das Konto ist bereits in deiner Liste.',
    });
    expect(errorText(error, 'zh').message).toBe('未添加：相同的密钥已存储为 GitHub (alice)。');
  });

  it('translates refused accounts, in the import report and as the error of a single add', async () => {
    const [refused] = await vault.addMany([
      account('Site', 'carol', SECRET_A, { params: { ...defaultParams('totp'), digits: 9 } }),
    ]);
    const reason = reasonOf(refused);
    expect(errorText(reason, 'de').message).toBe('Codes mit 9 Stellen werden nicht unterstützt.');
    expect(errorText(reason, 'zh').message).toBe('不支持 9 位的验证码。');

    const period = forWindow(
      await caught(() =>
        vault.add(account('Site', 'carol', SECRET_A, { params: { ...defaultParams('totp'), period: -5 } })),
      ),
    );
    expect(errorText(period, 'de').message).toBe(
      'Der Zeitraum muss eine positive ganze Zahl von Sekunden sein, nicht -5.',
    );
    expect(errorText(period, 'zh').message).toBe('周期必须是正整数秒，而不是 -5。');

    const nameless = forWindow(await caught(() => vault.add(account('Site', '  ', SECRET_A))));
    expect(nameless.key).toBe('vaultNameNeeded');
    expect(errorText(nameless, 'de').hint).toMatch(/E-Mail-Adresse/);
    expect(errorText(nameless, 'zh').message).toBe('账户需要一个名称。');
  });

  it('translates a missing account and a missing key with their names', async () => {
    const missingId = forWindow(await caught(() => vault.reveal('nope-1234')));
    expect(missingId.key).toBe('vaultAccountNotFound');
    expect(errorText(missingId, 'de')).toEqual({ message: 'Es gibt kein Konto mit der ID nope-1234.' });
    expect(errorText(missingId, 'zh')).toEqual({ message: '没有 ID 为 nope-1234 的账户。' });

    // The window's own key for an id that went meanwhile stays as it was.
    const gone = forWindow(await caught(() => vault.get('nope-1234')));
    expect(gone.key).toBe('accountGone');

    const added = await vault.add(account('GitHub', 'alice', SECRET_A));
    keychain.items.delete(added.id);
    const missingKey = forWindow(await caught(() => vault.code(added.id)));
    expect(missingKey.key).toBe('vaultSecretMissing');
    // The keychain is named by its kind, in the reader's language, and by Keyfob's service in it.
    expect(errorText(missingKey, 'de').message).toBe(
      'Der Schlüssel von GitHub (alice) ist nicht im Schlüsselbund (Arbeitsspeicher, Dienst „memory“).',
    );
    expect(errorText(missingKey, 'zh').message).toBe(
      'GitHub (alice) 的密钥不在钥匙串（内存，服务“memory”）中。',
    );

    const mac = new MemoryKeychain('macos', 'dev.keyfob.Keyfob');
    const onMac = new Vault({ dir: mkdtempSync(join(tmpdir(), 'keyfob-error-keys-')), keychain: mac });
    await onMac.add(account('GitHub', 'alice', SECRET_A));
    mac.items.clear();
    const locked = forWindow(await caught(() => onMac.list().then((a) => onMac.code(a[0]!.id))));
    expect(locked.key).toBe('vaultKeychainLocked');
    expect(errorText(locked, 'en').message).toMatch(
      /^The keychain \(macOS Keychain, service "dev\.keyfob\.Keyfob"\)/,
    );
    expect(errorText(locked, 'de').message).toMatch(
      /^Der Schlüsselbund \(macOS-Schlüsselbund, Dienst „dev\.keyfob\.Keyfob“\)/,
    );
    expect(errorText(locked, 'zh').message).toMatch(/^钥匙串（macOS 钥匙串，服务“dev\.keyfob\.Keyfob”）/);

    const empty = forWindow(await caught(() => vault.rename(added.id, { label: ' ' })));
    expect(errorText(empty, 'zh').message).toBe('账户名称不能为空。');
  });

  it('translates a metadata file from a newer Keyfob with its path and schema', async () => {
    writeFileSync(join(dir, METADATA_FILE), JSON.stringify({ schema: 99, accounts: [] }));
    const store = new MetadataStore(dir);
    const error = forWindow(await caught(() => store.update(() => ({ save: false, value: undefined }))));
    expect(error.key).toBe('vaultFileNewer');
    const file = join(dir, METADATA_FILE);
    expect(errorText(error, 'de').message).toBe(
      `${file} wurde von einer neueren Version von Keyfob geschrieben (Schema 99).`,
    );
    expect(errorText(error, 'zh').message).toBe(`${file} 由更新版本的 Keyfob 写入（架构 99）。`);
  });

  it('translates a failed file operation with its action and cause', async () => {
    const file = join(dir, 'not-a-folder');
    writeFileSync(file, '');
    const store = new MetadataStore(join(file, 'inner'));
    const error = forWindow(await caught(() => store.ensureDir()));
    expect(error.key).toBe('vaultIoFailed');
    expect(error.params).toMatchObject({ action: 'create', path: join(file, 'inner') });
    const code = String(error.params?.code);
    expect(errorText(error, 'de').message).toBe(
      `${join(file, 'inner')} konnte nicht angelegt werden (${code}).`,
    );
    expect(errorText(error, 'zh').message).toBe(`无法创建 ${join(file, 'inner')}（${code}）。`);
  });
});

describe('names, settings and keychain moves in the window’s language', () => {
  it('says which accounts a name matches, or that none does', async () => {
    const vault = new Vault({
      dir: mkdtempSync(join(tmpdir(), 'keyfob-error-keys-')),
      keychain: new MemoryKeychain(),
    });
    const none = await caught(() => vault.resolve('nothing'));
    expect(none.message).toBe('No account matches "nothing".');
    expect(none.hint).toBe('Run `keyfob list` to see the accounts and their ids.');
    expect(errorText(forWindow(none), 'de').message).toBe('Kein Konto passt zu „nothing“.');

    const a = await vault.add(account('GitHub', 'alice', SECRET_A));
    const b = await vault.add(account('GitHub', 'bob', SECRET_B));
    const two = await caught(() => vault.resolve('github'));
    const list = `  ${a.id}  GitHub (alice)\n  ${b.id}  GitHub (bob)`;
    expect(two.message).toBe(`"github" matches 2 accounts:\n${list}`);
    expect(errorText(forWindow(two), 'zh').message).toBe(`“github”匹配 2 个账户：\n${list}`);
  });

  it('words a refused setting from its code, and the account shortcut’s own advice', async () => {
    const theme = forWindow(await caught(() => mergeSettings(DEFAULT_SETTINGS, { theme: 'pink' })));
    expect(theme.params).toEqual({ what: 'theme' });
    expect(errorText(theme, 'en').message).toBe('That theme cannot be used.');
    expect(errorText(theme, 'de').message).toBe('Dieses Erscheinungsbild kann nicht verwendet werden.');
    expect(errorText(theme, 'zh').message).toBe('无法使用该主题。');

    const shortcut = forWindow(
      await caught(() => mergeSettings(DEFAULT_SETTINGS, { accountShortcuts: { [SOME_ID]: 'K' } })),
    );
    expect(shortcut.variant).toBe('account');
    expect(errorText(shortcut, 'de')).toEqual({
      message:
        'Ein Kürzel braucht eine oder mehrere Umschalttasten und eine weitere Taste, z. B. Strg+Alt+1.',
      hint: 'Halte die Umschalttasten und drücke die Taste.',
    });
  });

  it('says that a locked keychain or a copy that was not kept stopped a move', async () => {
    const locked = new MemoryKeychain();
    locked.locked = true;
    const error = forWindow(await caught(() => locked.get('x')));
    expect(errorText(error, 'de')).toEqual({
      message: 'Der Schlüsselbund ist gesperrt.',
      hint: 'Entsperre ihn und versuche es erneut.',
    });

    const from = new MemoryKeychain();
    const forgetful = new MemoryKeychain();
    forgetful.set = async () => undefined;
    const lost = await caught(() => moveItem(from, forgetful, 'item-1', 'value'));
    expect(lost.message).toMatch(/^The keychain did not keep the copy of the item "item-1"/);
    expect(errorText(forWindow(lost), 'zh').message).toMatch(/^钥匙串没有保留条目“item-1”/);
  });
});

describe('keychain errors in the window’s language', () => {
  const keytar = (fail: Error | 'hang') => {
    const run = () => (fail === 'hang' ? new Promise<never>(() => undefined) : Promise.reject(fail));
    return {
      getPassword: run,
      setPassword: run,
      deletePassword: run,
      findCredentials: run,
    } as unknown as typeof import('keytar');
  };

  it('translates each Linux cause, with the unlock advice of the desktop', async () => {
    const gnome = new KeytarKeychain({ platform: 'linux', env: {}, keytar: keytar(new Error('x')) });
    const kde = new KeytarKeychain({
      platform: 'linux',
      env: { XDG_CURRENT_DESKTOP: 'KDE' },
      keytar: keytar(new Error('x')),
    });

    const noBus = forWindow(gnome.classify(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')));
    expect(noBus.key).toBe('keychainNoDbus');
    expect(errorText(noBus, 'de').message).toMatch(/^Es läuft kein D-Bus-Session-Bus/);
    expect(errorText(noBus, 'zh').hint).toContain('gnome-keyring-daemon --unlock --components=secrets');

    const noService = forWindow(
      gnome.classify(new Error('The name org.freedesktop.secrets was not provided by any .service files')),
    );
    expect(noService.key).toBe('keychainNoSecretService');
    expect(errorText(noService, 'zh').message).toBe(
      '没有运行 Secret Service（GNOME Keyring 和 KWallet 都没有在 D-Bus 上响应）。',
    );

    const noLogin = forWindow(
      gnome.classify(new Error('Object does not exist at path “/org/freedesktop/secrets/collection/login”')),
    );
    expect(noLogin.key).toBe('keychainNoLoginKeyring');

    const lockedGnome = forWindow(gnome.classify(new Error('Cannot create an item in a locked collection')));
    expect(lockedGnome.key).toBe('keychainLinuxLocked');
    expect(errorText(lockedGnome, 'de').hint).toContain('gnome-keyring-daemon --unlock');
    const lockedKde = forWindow(kde.classify(new Error('Cannot create an item in a locked collection')));
    expect(errorText(lockedKde, 'de').hint).toMatch(/^Öffne KWallet Manager/);
    expect(errorText(lockedKde, 'zh').hint).toMatch(/^请打开 KWallet Manager/);

    const refused = forWindow(gnome.classify(new Error('Something odd')));
    expect(refused.key).toBe('keychainRefused');
    expect(errorText(refused, 'de').message).toBe(
      'Der Schlüsselbund hat die Anfrage abgelehnt: Something odd',
    );
    expect(errorText(refused, 'zh').message).toBe('钥匙串拒绝了该请求：Something odd');
  });

  it('translates the macOS and Windows causes', () => {
    const mac = new KeytarKeychain({ platform: 'darwin', env: {}, keytar: keytar(new Error('x')) });
    const locked = forWindow(mac.classify(new Error('User interaction is not allowed. (-25308)')));
    expect(locked.key).toBe('keychainMacLocked');
    expect(errorText(locked, 'zh').message).toBe('macOS 钥匙串已锁定，或访问被拒绝。');

    const win = new KeytarKeychain({ platform: 'win32', env: {}, keytar: keytar(new Error('x')) });
    const session = forWindow(win.classify(new Error('A specified logon session does not exist.')));
    expect(session.key).toBe('keychainWindowsUnavailable');
    expect(errorText(session, 'de').message).toBe(
      'Windows Credential Manager ist in dieser Sitzung nicht verfügbar.',
    );
  });

  it('translates a keychain that does not answer, with the request, the seconds and the platform’s advice', async () => {
    const slow = (platform: NodeJS.Platform) =>
      new KeytarKeychain({ platform, env: {}, timeoutMs: 20, keytar: keytar('hang') });

    const linux = forWindow(await caught(() => slow('linux').get('x')));
    expect(linux.key).toBe('keychainTimedOut');
    // The request is a code that each language words; the desktop's unlock advice is the variant.
    expect(linux.params).toEqual({ operation: 'read', seconds: 0 });
    expect(linux.variant).toBe('gnome');
    expect(errorText(linux, 'de').message).toMatch(
      /^Der Schlüsselbund hat eine Leseanfrage nicht innerhalb von 0 s beantwortet;/,
    );
    expect(errorText(linux, 'de').hint).toContain('gnome-keyring-daemon --unlock');

    const mac = forWindow(await caught(() => slow('darwin').set('x', 'y')));
    expect(errorText(mac, 'zh').message).toMatch(/^钥匙串未在 0 秒内响应写入请求；/);
    expect(errorText(mac, 'zh').hint).toBe(
      '请在 Keychain Access（钥匙串访问）中解锁“login”钥匙串，然后重试。',
    );

    const win = forWindow(await caught(() => slow('win32').list()));
    expect(errorText(win, 'de').hint).toBe('Melde dich interaktiv bei Windows an und versuche es erneut.');
  });
});
