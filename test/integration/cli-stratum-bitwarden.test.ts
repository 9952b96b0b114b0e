/**
 * `keyfob import` of Authenticator Pro / Stratum backups and Bitwarden exports, through the built CLI and the real
 * keychain. Encrypted files take their password from `--password-stdin`; without one (and no terminal to ask on)
 * they are refused unread, and a wrong one adds nothing.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliSandboxes, keyfob, type Sandbox } from '../support/cli';
import {
  AUTH_TYPE,
  authenticator,
  authProBackup,
  legacyAuthPro,
  plainAuthPro,
  strongAuthPro,
} from '../support/formats/authenticator-pro';
import { bitwardenCsv, bitwardenJson, bitwardenProtected, item } from '../support/formats/bitwarden';

const fresh = cliSandboxes();
const FIXTURES = join(__dirname, '..', 'fixtures', 'formats');

interface Listed {
  issuer: string;
  label: string;
  type: string;
  algorithm: string;
  digits: number;
  period: number;
  counter: number;
}

async function listed(s: Sandbox): Promise<Listed[]> {
  const list = await keyfob(['list', '--json'], s);
  expect(list.code, list.stderr).toBe(0);
  return JSON.parse(list.stdout) as Listed[];
}

describe('keyfob import: Authenticator Pro (Stratum)', () => {
  it('imports a real backup the app wrote, every kind of account with its parameters', async () => {
    const s = fresh();
    const result = await keyfob(['import', join(FIXTURES, 'authenticator-pro', 'stratum_plain.json')], s);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('7 added, 0 skipped as duplicates, 0 refused');
    const list = await listed(s);
    expect(list.map((a) => [a.issuer, a.label, a.type, a.algorithm, a.digits, a.period, a.counter])).toEqual([
      ['Deno', 'Mason', 'totp', 'SHA1', 6, 30, 0],
      ['SPDX', 'James', 'totp', 'SHA256', 7, 20, 0],
      ['Airbnb', 'Elijah', 'totp', 'SHA512', 8, 50, 0],
      ['Issuu', 'James', 'hotp', 'SHA1', 6, 30, 1],
      ['Air Canada', 'Benjamin', 'hotp', 'SHA256', 7, 30, 50],
      ['WWE', 'Mason', 'hotp', 'SHA512', 8, 30, 10300],
      ['Boeing', 'Sophia', 'steam', 'SHA1', 5, 30, 0],
    ]);
    // The same file again: every account is already there.
    const again = await keyfob(['import', join(FIXTURES, 'authenticator-pro', 'stratum_plain.json')], s);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('0 added, 7 skipped as duplicates, 0 refused');
  });

  it('reports by name the entries it cannot store, and adds the rest', async () => {
    const s = fresh();
    const file = join(s.home, 'backup.authpro');
    writeFileSync(
      file,
      plainAuthPro(
        authProBackup([
          authenticator({ Issuer: 'GitHub', Username: 'ada' }),
          authenticator({ Type: AUTH_TYPE.yandex, Issuer: 'Yandex', Username: 'ivan', Pin: '1234' }),
        ]),
      ),
    );
    const result = await keyfob(['import', file], s);
    expect(result.code).toBe(1);
    // Something was refused: the refusal and the count go to standard error.
    expect(result.stderr).toContain('1 added, 0 skipped as duplicates, 1 refused');
    expect(`${result.stdout}${result.stderr}`).toMatch(/Yandex \(ivan\): Keyfob cannot make Yandex codes/);
    expect((await listed(s)).map((a) => a.issuer)).toEqual(['GitHub']);
  });

  it('refuses an encrypted backup without its password or with a wrong one, adding nothing; imports it with it', async () => {
    const s = fresh();
    const backup = authProBackup([
      authenticator({ Issuer: 'GitHub', Username: 'ada' }),
      authenticator({ Type: AUTH_TYPE.hotp, Issuer: 'Bank', Username: 'ada', Counter: 3 }),
    ]);
    const strong = join(s.home, 'strong.authpro');
    writeFileSync(strong, await strongAuthPro(backup, 'correct horse'));
    const result = await keyfob(['import', strong], s);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('This Authenticator Pro (Stratum) export is protected by a password.');
    expect(result.stderr).toContain('--password-stdin');
    expect(await listed(s)).toEqual([]);

    const wrong = await keyfob(['import', '--password-stdin', strong], { ...s, input: 'wrong horse\n' });
    expect(wrong.code).toBe(1);
    expect(wrong.stdout).toBe('');
    expect(wrong.stderr).toContain('The password does not open this Authenticator Pro (Stratum) export.');
    expect(await listed(s)).toEqual([]);
    const right = await keyfob(['import', '--password-stdin', strong], { ...s, input: 'correct horse\n' });
    expect(right.code, right.stderr).toBe(0);
    expect(right.stdout).toContain('2 added, 0 skipped as duplicates, 0 refused');
    const old = join(s.home, 'old.authpro');
    writeFileSync(old, legacyAuthPro(backup, 'old one'));
    const legacy = await keyfob(['import', '--password-stdin', old], { ...s, input: 'old one\n' });
    expect(legacy.code, legacy.stderr).toBe(0);
    expect(legacy.stdout).toContain('0 added, 2 skipped as duplicates, 0 refused');
    expect((await listed(s)).map((a) => [a.issuer, a.type, a.counter])).toEqual([
      ['GitHub', 'totp', 0],
      ['Bank', 'hotp', 3],
    ]);
    const code = await keyfob(['code', 'GitHub'], s);
    expect(code.code, code.stderr).toBe(0);
    expect(code.stdout).toMatch(/^\d{6}\n$/);
  }, 180_000);
});

describe('keyfob import: Bitwarden', () => {
  it('imports the real JSON and CSV exports, and each only once', async () => {
    const s = fresh();
    const json = await keyfob(['import', join(FIXTURES, 'bitwarden', 'bitwarden.json')], s);
    expect(json.code, json.stderr).toBe(0);
    expect(json.stdout).toContain('4 added, 0 skipped as duplicates, 0 refused');
    const csv = await keyfob(['import', join(FIXTURES, 'bitwarden', 'bitwarden.csv')], s);
    expect(csv.code, csv.stderr).toBe(0);
    expect(csv.stdout).toContain('0 added, 4 skipped as duplicates, 0 refused');
    expect((await listed(s)).map((a) => [a.issuer, a.type, a.digits])).toEqual([
      ['Deno', 'totp', 6],
      ['SPDX', 'totp', 7],
      ['Airbnb', 'totp', 8],
      ['Test Steam', 'steam', 5],
    ]);
  });

  it('reads links, bare keys and Steam keys from a vault export, from a file and from standard input', async () => {
    const s = fresh();
    const items = [
      item({ name: 'GitHub', username: 'ada', totp: 'otpauth://totp/GitHub:ada?secret=JBSWY3DPEHPK3PXP' }),
      item({ name: 'Mail', username: 'ada@example.com', totp: 'JBSW Y3DP EHPK 3PXQ' }),
      item({ name: 'Steam', username: 'gaben', totp: 'steam://JBSWY3DPEHPK3PXR' }),
      item({ name: 'Shop', username: 'ada' }),
      item({ name: 'Broken', username: 'b', totp: 'not a key 0' }),
    ];
    const file = join(s.home, 'bitwarden_export.json');
    writeFileSync(file, bitwardenJson(items));
    const result = await keyfob(['import', file], s);
    expect(result.code).toBe(1);
    // The login without a key is no authenticator account: it is not reported at all.
    expect(result.stderr).toContain('3 added, 0 skipped as duplicates, 1 refused');
    expect(`${result.stdout}${result.stderr}`).toMatch(
      /Broken: This key has a character a key never contains: "0"/,
    );
    expect(`${result.stdout}${result.stderr}`).not.toContain('Shop');
    const csv = bitwardenCsv([
      { name: 'VPN', username: 'ada', totp: 'JBSWY3DPEHPK3PXS', uris: ['https://vpn.example.org'] },
    ]);
    const stdin = await keyfob(['import', '-'], { ...s, input: csv });
    expect(stdin.code, stdin.stderr).toBe(0);
    expect((await listed(s)).map((a) => [a.issuer, a.label, a.type])).toEqual([
      ['GitHub', 'ada', 'totp'],
      ['Mail', 'ada@example.com', 'totp'],
      ['Steam', 'gaben', 'steam'],
      ['VPN', 'ada', 'totp'],
    ]);
  });

  it('refuses a password-protected export without its password or with a wrong one; imports it with it', async () => {
    const s = fresh();
    const file = join(s.home, 'protected.json');
    writeFileSync(
      file,
      await bitwardenProtected(
        bitwardenJson([item({ name: 'GitHub', username: 'ada', totp: 'JBSWY3DPEHPK3PXP' })]),
        'pw',
      ),
    );
    const result = await keyfob(['import', file], s);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('This Bitwarden export is protected by a password.');
    expect(await listed(s)).toEqual([]);
    const wrong = await keyfob(['import', '--password-stdin', file], { ...s, input: 'wp\n' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('The password does not open this Bitwarden export.');
    expect(await listed(s)).toEqual([]);
    const right = await keyfob(['import', '--password-stdin', file], { ...s, input: 'pw\n' });
    expect(right.code, right.stderr).toBe(0);
    expect(right.stdout).toMatch(/added\s+\S+\s+GitHub \(ada\)/);
    expect((await listed(s)).map((a) => a.issuer)).toEqual(['GitHub']);
  }, 60_000);
});
