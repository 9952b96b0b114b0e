/**
 * `keyfob import` with the exports of Ente Auth, Proton Authenticator and FreeOTP+, through the built CLI and the
 * real keychain. Encrypted exports take their password from `--password-stdin`; without one (and no terminal to ask
 * on) they stop with the "protected by a password" message, and with a wrong one they say so; neither adds anything.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeAt } from '../../main/otp/codes';
import { defaultParams } from '../../main/otp/types';
import { cliSandboxes, keyfob } from '../support/cli';
import { entePlain } from '../support/formats/ente';
import { protonEncrypted, protonPlain } from '../support/formats/proton';

const FIXTURES = join(__dirname, '..', 'fixtures', 'formats');
const fresh = cliSandboxes();

interface Listed {
  issuer: string;
  label: string;
  type: string;
  algorithm: string;
  digits: number;
  period: number;
  counter: number;
}

function place(home: string, fixture: string): string {
  const file = join(home, fixture.replace('/', '-'));
  copyFileSync(join(FIXTURES, fixture), file);
  return file;
}

describe('keyfob import, other apps’ exports', () => {
  it('imports the same accounts from Ente Auth, FreeOTP+ and Proton, and knows them for the same keys', async () => {
    const s = fresh();
    const first = await keyfob(['import', place(s.home, 'ente/ente_auth.txt')], s);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('7 added, 0 skipped as duplicates, 0 refused');
    expect(first.stdout).toMatch(/added\s+\S+\s+WWE \(Mason\)/);
    const list = JSON.parse((await keyfob(['list', '--json'], s)).stdout) as Listed[];
    expect(list.find((a) => a.issuer === 'WWE')).toMatchObject({
      type: 'hotp',
      algorithm: 'SHA512',
      digits: 8,
      counter: 10300,
    });
    expect(list.find((a) => a.issuer === 'Boeing')).toMatchObject({ type: 'steam', digits: 5 });
    const deno = await keyfob(['code', 'Deno', '--at', '1700000000'], s);
    expect(deno.stdout).toBe(
      `${codeAt('4SJHB4GSD43FZBAI7C2HLRJGPQ', defaultParams('totp'), 1_700_000_000_000).code}\n`,
    );

    // FreeOTP+ keeps HOTP counters one lower than the link; read right, its six are the same accounts.
    const freeotp = await keyfob(['import', place(s.home, 'freeotp-plus/freeotp_plus.json')], s);
    expect(freeotp.code).toBe(0);
    expect(freeotp.stdout).toContain('0 added, 6 skipped as duplicates, 0 refused');
    const proton = await keyfob(['import', place(s.home, 'proton/proton_authenticator.json')], s);
    expect(proton.code).toBe(0);
    expect(proton.stdout).toContain('0 added, 3 skipped as duplicates, 0 refused');
    expect(JSON.parse((await keyfob(['list', '--json'], s)).stdout)).toHaveLength(7);
  });

  it('names what it leaves out, and stops at an encrypted or damaged export without adding anything', async () => {
    const s = fresh();
    const file = join(s.home, 'ente-auth-codes-2026-12-01.txt');
    writeFileSync(
      file,
      entePlain([
        { issuer: 'GitHub', account: 'ada', secret: 'JBSWY3DPEHPK3PXP' },
        { issuer: 'Old', account: 'gone', secret: 'GEZDGNBVGY3TQOJQ', trashed: true },
      ]),
    );
    const trashed = await keyfob(['import', file], s);
    expect(trashed.code).toBe(1);
    expect(trashed.stdout + trashed.stderr).toMatch(
      /refused\s+Old \(gone\): The entry is in the trash of Ente Auth, so it was left out\./,
    );
    expect(trashed.stderr).toContain('1 added');

    const t = fresh();
    const sealed = await keyfob(['import', place(t.home, 'ente/encrypted.lowcomplexity.txt')], t);
    expect(sealed.code).not.toBe(0);
    expect(sealed.stderr).toContain('This Ente Auth export is protected by a password.');
    expect(sealed.stdout).toBe('');

    const cut = join(t.home, 'proton-cut.json');
    writeFileSync(
      cut,
      readFileSync(join(FIXTURES, 'proton/proton_authenticator.json'), 'utf8').slice(0, 300),
    );
    const damaged = await keyfob(['import', cut], t);
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toContain(
      'This Proton Authenticator export is damaged or cut short: Keyfob cannot read it.',
    );
    expect(JSON.parse((await keyfob(['list', '--json'], t)).stdout)).toEqual([]);
  });

  it('opens encrypted Ente Auth and Proton exports with --password-stdin; a wrong password adds nothing', async () => {
    const s = fresh();
    const enteFile = place(s.home, 'ente/encrypted.lowcomplexity.txt');
    const protonFile = join(s.home, 'proton-export.json');
    writeFileSync(
      protonFile,
      await protonEncrypted(
        protonPlain([
          { kind: 'Totp', uri: 'otpauth://totp/Proton:ada?secret=GEZDGNBVGY3TQOJQ&issuer=Proton' },
        ]),
        'proton pw',
      ),
    );
    // The Ente file proton-pass-common published holds a line whose key has no valid length: refused by name.
    for (const [file, name, password, code, summary] of [
      [enteFile, 'Ente Auth', 'password', 1, '2 added, 0 skipped as duplicates, 1 refused'],
      [protonFile, 'Proton Authenticator', 'proton pw', 0, '1 added, 0 skipped as duplicates, 0 refused'],
    ] as const) {
      const before = (JSON.parse((await keyfob(['list', '--json'], s)).stdout) as Listed[]).length;
      const none = await keyfob(['import', file], s);
      expect(none.code, file).toBe(1);
      expect(none.stdout).toBe('');
      expect(none.stderr).toContain(`This ${name} export is protected by a password.`);
      expect(none.stderr).toContain('--password-stdin');
      const wrong = await keyfob(['import', '--password-stdin', file], { ...s, input: 'passwort\n' });
      expect(wrong.code, file).toBe(1);
      expect(wrong.stdout).toBe('');
      expect(wrong.stderr).toContain(`The password does not open this ${name} export.`);
      expect(JSON.parse((await keyfob(['list', '--json'], s)).stdout)).toHaveLength(before);
      const right = await keyfob(['import', '--password-stdin', file], { ...s, input: `${password}\n` });
      expect(right.code, right.stderr).toBe(code);
      // The count goes to standard error when anything was refused (Ente's line 3), else to standard output.
      expect(code === 0 ? right.stdout : right.stderr).toContain(summary);
    }
    const listed = JSON.parse((await keyfob(['list', '--json'], s)).stdout) as Listed[];
    expect(listed.map((a) => a.issuer)).toEqual(['dfdf', 'issuertest', 'Proton']);
  }, 120_000);
});
