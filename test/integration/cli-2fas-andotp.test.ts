/**
 * 2FAS and andOTP backups through `keyfob import <file>`, into the real keychain: the apps' own plain exports,
 * a backup with entries Keyfob refuses, and encrypted ones, whose password comes from `--password-stdin` (the
 * first line of standard input). Without it, and with no terminal to ask on, an encrypted file stops with the
 * "protected by a password" message; a wrong password says so; neither adds anything.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliSandboxes, keyfob, type Sandbox } from '../support/cli';
import { andotpEncrypted, andotpPlain } from '../support/formats/andotp';
import { twofasEncrypted, twofasPlain } from '../support/formats/2fas';

const FIXTURES = join(__dirname, '../fixtures/formats');

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
  const result = await keyfob(['list', '--json'], s);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Listed[];
}

describe('keyfob import: 2FAS and andOTP', () => {
  const fresh = cliSandboxes();

  it('imports 2FAS’s and andOTP’s own plain exports, every kind of code, and skips them the second time', async () => {
    const s = fresh();
    const twofasFile = join(FIXTURES, '2fas/2fas_authenticator_plain_v4.2fas');
    const first = await keyfob(['import', twofasFile], s);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('5 added, 0 skipped as duplicates, 0 refused');
    expect(first.stdout).toMatch(/added\s+\S+\s+Boeing \(Sophia\)/);

    const andotpFile = join(FIXTURES, 'andotp/andotp_plain.json');
    const second = await keyfob(['import', andotpFile], s);
    expect(second.code).toBe(0);
    // The same accounts as 2FAS's file are duplicates; SPDX and Airbnb are new (2FAS's v4 file has neither).
    expect(second.stdout).toContain('2 added, 5 skipped as duplicates, 0 refused');

    const accounts = await listed(s);
    expect(
      accounts.map((a) => [a.issuer, a.label, a.type, a.algorithm, a.digits, a.period, a.counter]),
    ).toEqual([
      ['Deno', 'Mason', 'totp', 'SHA1', 6, 30, 0],
      ['Issuu', 'James', 'hotp', 'SHA1', 6, 30, 1],
      ['Air Canada', 'Benjamin', 'hotp', 'SHA256', 7, 30, 50],
      ['WWE', 'Mason', 'hotp', 'SHA512', 8, 30, 10300],
      ['Boeing', 'Sophia', 'steam', 'SHA1', 5, 30, 0],
      ['SPDX', 'James', 'totp', 'SHA256', 7, 20, 0],
      ['Airbnb', 'Elijah', 'totp', 'SHA512', 8, 50, 0],
    ]);
    // The keys went to the keychain, the right one for each account.
    const code = await keyfob(['code', 'Boeing'], s);
    expect(code.code).toBe(0);
    expect(code.stdout).toMatch(/^[2-9B-DF-HJ-NP-TV-Y]{5}\n$/);
  });

  it('reports what it refuses from a backup by name and reason, and adds the rest', async () => {
    const s = fresh();
    const file = join(s.home, 'backup.2fas');
    writeFileSync(
      file,
      twofasPlain(
        [
          { name: 'GitHub', account: 'ada', secret: 'JBSWY3DPEHPK3PXP' },
          { name: 'Counter', account: 'ada', secret: 'JBSWY3DPEHPK3PXQ', tokenType: 'HOTP', counter: 2 },
          { name: 'Broken', account: 'ada', secret: 'JBSW0DP1' },
        ],
        { schema: 2 },
      ),
    );
    // Schema 2 has no HOTP: the generator writes the type only from schema 3, so put it in as a newer app would.
    const json = JSON.parse(readFileSync(file, 'utf8')) as {
      services: Array<{ otp: Record<string, unknown> }>;
    };
    json.services[1]!.otp.tokenType = 'HOTP';
    writeFileSync(file, JSON.stringify(json));
    const result = await keyfob(['import', file], s);
    expect(result.code).toBe(1);
    // Standard output or error: where refusals go is being changed by the CLI's own work (issue 9, part 5).
    const all = result.stdout + result.stderr;
    expect(all).toContain('1 added, 0 skipped as duplicates, 2 refused');
    expect(all).toMatch(/Counter \(ada\): 2FAS backups of schema version 2 have no HOTP codes/);
    expect(all).toMatch(/Broken \(ada\): This key has characters? a key never contains/);
    expect((await listed(s)).map((a) => a.issuer)).toEqual(['GitHub']);
  });

  it('stops at an encrypted backup without a password, refuses a wrong one, adding nothing; adds all with the right one', async () => {
    const s = fresh();
    const sealed2fas = join(FIXTURES, '2fas/2fas_authenticator_encrypted_v4.2fas');
    const sealedAndotp = join(s.home, 'otp_accounts.json.aes');
    writeFileSync(
      sealedAndotp,
      andotpEncrypted(
        andotpPlain([
          { secret: 'JBSWY3DPEHPK3PXP', issuer: 'GitHub', label: 'ada' },
          { secret: 'JBSWY3DPEHPK3PXQ', issuer: 'Bank', label: 'ada', type: 'HOTP', counter: 5 },
        ]),
        'andotp pw',
        1000,
      ),
    );
    for (const [file, name] of [
      [sealed2fas, '2FAS'],
      [sealedAndotp, 'andOTP'],
    ] as const) {
      // No terminal and no --password-stdin: the clear error, which says how to give the password.
      const none = await keyfob(['import', file], s);
      expect(none.code, file).toBe(1);
      expect(none.stdout).toBe('');
      expect(none.stderr).toContain(`This ${name} export is protected by a password.`);
      expect(none.stderr).toContain('--password-stdin');
      const wrong = await keyfob(['import', '--password-stdin', file], { ...s, input: 'nope\n' });
      expect(wrong.code, file).toBe(1);
      expect(wrong.stdout).toBe('');
      expect(wrong.stderr).toContain(`The password does not open this ${name} export.`);
    }
    expect(await listed(s)).toEqual([]);

    const a = await keyfob(['import', '--password-stdin', sealed2fas], { ...s, input: 'test\n' });
    expect(a.code).toBe(0);
    expect(a.stdout).toContain('5 added, 0 skipped as duplicates, 0 refused');
    const b = await keyfob(['import', '--password-stdin', sealedAndotp], { ...s, input: 'andotp pw\n' });
    expect(b.code).toBe(0);
    expect(b.stdout).toMatch(/added\s+\S+\s+GitHub \(ada\)/);
    expect(b.stdout).toMatch(/added\s+\S+\s+Bank \(ada\)/);
    const accounts = await listed(s);
    expect(accounts).toHaveLength(7);
    expect(accounts.find((x) => x.issuer === 'Bank')).toMatchObject({ type: 'hotp', counter: 5 });
    // The key is in the keychain: the CLI makes codes from it.
    expect((await keyfob(['code', 'GitHub'], s)).stdout).toMatch(/^\d{6}\n$/);
  });

  it('imports an encrypted 2FAS file written by our generator the same way, through the registry it detects', async () => {
    const s = fresh();
    const file = join(s.home, 'mine.2fas');
    writeFileSync(
      file,
      twofasEncrypted([{ name: 'Mail', account: 'ada', secret: 'JBSWY3DPEHPK3PXP' }], 'pw'),
    );
    const refused = await keyfob(['import', file], s);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('This 2FAS export is protected by a password.');
    const added = await keyfob(['import', '--password-stdin', file], { ...s, input: 'pw\n' });
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(/added\s+\S+\s+Mail \(ada\)/);
    expect((await listed(s)).map((a) => a.issuer)).toEqual(['Mail']);
  });
});
