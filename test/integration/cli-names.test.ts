/**
 * Clean names through the real CLI (issue 9 §3): a link whose label carries a terminal escape (`%1B[2J`), a
 * right-to-left override (U+202E) and a zero-width space (U+200B) is added, imported, listed and scanned, and no
 * raw control, direction or invisible character reaches the terminal; look-alike names are noted as namesakes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliSandboxes, keyfob, type CliResult } from '../support/cli';
import { Canvas, drawQr, encodePng, squareAt } from '../support/qr-fixtures';

const fresh = cliSandboxes();

/** What must never reach a terminal raw: controls (ESC above all), bidi controls, zero-width characters, BOM. */
// eslint-disable-next-line no-control-regex -- finding them is the point
const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/u;

function expectPrintable(result: CliResult): void {
  expect(RAW.exec(result.stdout)?.[0], result.stdout).toBeUndefined();
  expect(RAW.exec(result.stderr)?.[0], result.stderr).toBeUndefined();
}

const SECRETS = ['JBSWY3DPEHPK3PXP', 'GEZDGNBVGY3TQOJQ', 'KRSXG5CTMVRXEZLU', 'MFRGGZDFMZTWQ2LK'];
/** An otpauth link as a hostile page might give it: issuer and label laced with an escape, an override, a ZWSP. */
const EVIL = `otpauth://totp/Evil%E2%80%AE%1B%5B2J:ada%E2%80%8B%1B%5B2J?secret=${SECRETS[0]}&issuer=Evil%E2%80%AE%1B%5B2J`;

describe('clean names in the CLI', () => {
  it('adds a link with an escape, an override and a zero-width space under a clean name, and lists it clean', async () => {
    const s = fresh();
    const added = await keyfob(['add', '--uri', EVIL], s);
    expect(added.code, added.stderr).toBe(0);
    expectPrintable(added);
    expect(added.stdout).toMatch(/^[0-9a-f-]{36} {2}Evil\[2J \(ada\[2J\)\n$/);

    const list = await keyfob(['list'], s);
    expect(list.code, list.stderr).toBe(0);
    expectPrintable(list);
    expect(list.stdout).toContain('Evil[2J');
    const json = JSON.parse((await keyfob(['list', '--json'], s)).stdout) as Array<{
      issuer: string;
      label: string;
    }>;
    expect(json.map((a) => [a.issuer, a.label])).toEqual([['Evil[2J', 'ada[2J']]);
  });

  it('imports a file of such links with a clean report, a nameless one named as unnamed accounts are', async () => {
    const s = fresh();
    const file = join(s.home, 'links\u001b[2J\u202e.txt');
    writeFileSync(
      file,
      [EVIL, `otpauth://totp/%E2%80%8B%E2%81%A0?secret=${SECRETS[1]}`, 'not a link \u001b[31m\u202e'].join(
        '\n',
      ),
    );
    const imported = await keyfob(['import', file], s);
    expectPrintable(imported);
    expect(imported.code).toBe(1);
    const report = imported.stdout + imported.stderr;
    expect(report).toContain('Evil[2J (ada[2J)');
    expect(report).toContain('Unnamed account 2');
    const names = JSON.parse((await keyfob(['list', '--json'], s)).stdout) as Array<{ label: string }>;
    expect(names.map((a) => a.label)).toEqual(['ada[2J', 'Unnamed account 2']);

    // An error that quotes a file name shows its controls as escapes.
    const missing = await keyfob(['import', join(s.home, 'gone\u001b[2J\u202e.txt')], s);
    expect(missing.code).toBe(1);
    expectPrintable(missing);
    expect(missing.stderr).toContain('gone\\u001B[2J\\u202E.txt');
  });

  it('escapes what a QR code holds when it scans one', async () => {
    const s = fresh();
    const raw = `otpauth://totp/Evil\u202e\u001b[2J:ada\u200b?secret=${SECRETS[2]}`;
    const canvas = new Canvas(700, 700);
    drawQr(canvas, raw, { quad: squareAt(100, 100, 500) });
    const file = join(s.home, 'evil.png');
    writeFileSync(file, encodePng(canvas));
    const scanned = await keyfob(['scan', file], s);
    expect(scanned.code, scanned.stderr).toBe(0);
    expectPrintable(scanned);
    expect(scanned.stdout).toBe(`otpauth://totp/Evil\\u202E\\u001B[2J:ada\\u200B?secret=${SECRETS[2]}\n`);

    // Added from the image, the same code gets the clean name.
    const added = await keyfob(['add', '--image', file], s);
    expect(added.code, added.stderr).toBe(0);
    expectPrintable(added);
    expect(added.stdout).toContain('  Evil[2J (ada)');
  });

  it('notes a zero-width or full-width look-alike as a namesake of the account already there', async () => {
    const s = fresh();
    const link = (issuer: string, label: string, secret: string) =>
      `otpauth://totp/${encodeURIComponent(issuer)}:${encodeURIComponent(label)}?secret=${secret}&issuer=${encodeURIComponent(issuer)}`;
    expect((await keyfob(['add', '--uri', link('Google', 'ada', SECRETS[0]!)], s)).code).toBe(0);

    const zeroWidth = await keyfob(['add', '--uri', link('Google\u200b', 'ada', SECRETS[1]!)], s);
    expect(zeroWidth.code, zeroWidth.stderr).toBe(0);
    expect(zeroWidth.stderr).toContain('it shares its name with Google (ada)');

    const fullWidth = await keyfob(['add', '--uri', link('ｇｏｏｇｌｅ', 'ADA', SECRETS[2]!)], s);
    expect(fullWidth.code, fullWidth.stderr).toBe(0);
    expect(fullWidth.stderr).toContain('it shares its name with Google (ada)');

    // The same key again under the look-alike name is the duplicate it is.
    const again = await keyfob(['add', '--uri', link('Google\u200b', 'ada', SECRETS[0]!)], s);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already stored as Google (ada)');
  });

  it('refuses a rename with an escape or an override, and lists names stored dirty before as clean', async () => {
    const s = fresh();
    expect((await keyfob(['add', '--uri', `otpauth://totp/Bank:me?secret=${SECRETS[3]}`], s)).code).toBe(0);
    const refused = await keyfob(['rename', 'Bank', '--label', 'me\u001b[2J\u202e'], s);
    expect(refused.code).toBe(1);
    expectPrintable(refused);
    expect(refused.stderr).toContain('U+001B, U+202E');

    // A record written by an older Keyfob, with raw characters in its names.
    const path = join(s.home, 'accounts.json');
    const file = JSON.parse(readFileSync(path, 'utf8')) as { accounts: Array<Record<string, unknown>> };
    file.accounts[0]!.issuer = 'Bank\u001b]0;owned\u0007\u202e';
    writeFileSync(path, JSON.stringify(file));
    const list = await keyfob(['list'], s);
    expectPrintable(list);
    expect(list.stdout).toContain('Bank]0;owned');
    const code = await keyfob(['code', 'Bank]0;owned'], s);
    expect(code.code, code.stderr).toBe(0);
    expect(code.stdout).toMatch(/^\d{6}\n$/);
  });
});
