import { spawn } from 'node:child_process';
import {
  lstatSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildMigrationUris } from '../../main/otp/migration';
import { defaultParams } from '../../main/otp/types';
import { KeytarKeychain } from '../../main/vault/keytar-keychain';
import { CLI, cliSandboxes, keyfob, type CliResult, type Sandbox } from '../support/cli';
import {
  Canvas,
  drawQr,
  encodeJpeg,
  encodePng,
  squareAt,
  TOTP_AWS,
  TOTP_GITHUB,
} from '../support/qr-fixtures';

const fresh = cliSandboxes();

const SECRET = 'JBSWY3DPEHPK3PXP';
const URI_A = `otpauth://totp/GitHub:alice@example.com?secret=${SECRET}&issuer=GitHub`;
const URI_B = 'otpauth://totp/Mail:bob@example.com?secret=KRSXG5CTMVRXEZLU&issuer=Mail';

/** keyfob() with bytes on standard input (an image piped in), which the shared helper takes only as text. */
function keyfobBytes(args: string[], s: Sandbox, input: Uint8Array): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { env: s.env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(Buffer.from(input));
  });
}

async function listed(s: Sandbox): Promise<Array<{ id: string; issuer: string; label: string }>> {
  return JSON.parse((await keyfob(['list', '--json'], s)).stdout);
}

describe('keys from standard input', () => {
  it('adds an account from --secret-stdin, one line, never from the command line', async () => {
    const s = fresh();
    const added = await keyfob(['add', '--secret-stdin', '--issuer', 'GitHub', '--label', 'alice'], {
      ...s,
      input: `${SECRET}\nthe rest is ignored\n`,
    });
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/^[0-9a-f-]{36} {2}GitHub \(alice\)\n$/);
    const code = await keyfob(['code', 'GitHub', '--at', '59'], s);
    // RFC 6238's shape with this key: the code of that key at 59 s, the same as the link would give.
    const expected = await keyfob(['code', '--uri', URI_A, '--at', '59'], s);
    expect(code.stdout).toBe(expected.stdout);

    const empty = await keyfob(['add', '--secret-stdin', '--label', 'x'], { ...s, input: '\n' });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toBe(
      'keyfob: No key on standard input.\n  Pipe it in on the first line, e.g. printf "%s\\n" "$KEY" | keyfob add --secret-stdin --label <account>.\n',
    );
    const both = await keyfob(['add', '--secret-stdin', '--secret', SECRET, '--label', 'x'], s);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('Give exactly one of');
    expect(await listed(s)).toHaveLength(1);
  });

  it('reads the link of add --uri - from standard input', async () => {
    const s = fresh();
    const added = await keyfob(['add', '--uri', '-'], { ...s, input: `${URI_B}\n` });
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toMatch(/ {2}Mail \(bob@example\.com\)\n$/);
    const none = await keyfob(['add', '--uri', '-'], { ...s, input: '' });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('No link on standard input.');
  });
});

describe('import --format', () => {
  it('forces a format, and names the ids when given one Keyfob does not know', async () => {
    const s = fresh();
    const links = join(s.home, 'links.txt');
    writeFileSync(links, `${URI_A}\n`);
    // Links read as a 2FAS backup: not JSON, so the whole file is refused, and nothing is added.
    const forced = await keyfob(['import', '--format', '2fas', links], s);
    expect(forced.code).toBe(1);
    expect(forced.stderr).toMatch(/2FAS/);
    expect((await keyfob(['list', '--json'], s)).stdout).toBe('[]\n');
    // The same file, its own format forced: added.
    const right = await keyfob(['import', '--format', 'otpauth', links], s);
    expect(right.code, right.stderr).toBe(0);
    expect(right.stdout).toContain('GitHub (alice@example.com)');
    const unknown = await keyfob(['import', '--format', 'keepass', links], s);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('--format is one of: ');
    expect(unknown.stderr).toContain('2fas');
  });
});

describe('export --out', () => {
  it('writes a file only its owner reads, replacing one that was there, refusing a link', async () => {
    const s = fresh();
    await keyfob(['add', '--uri', URI_A], s);
    const out = join(s.home, 'keys.txt');
    writeFileSync(out, 'an older export\n', { mode: 0o644 });
    const inode = statSync(out).ino;
    const wrote = await keyfob(['export', '--format', 'uris', '--out', out, '--yes'], s);
    expect(wrote.code, wrote.stderr).toBe(0);
    expect(wrote.stdout).toBe('');
    expect(wrote.stderr).toBe(`keyfob: wrote 1 account to ${out}\n`);
    expect(readFileSync(out, 'utf8')).toMatch(
      /^otpauth:\/\/totp\/GitHub:alice%40example\.com\?secret=JBSWY3DPEHPK3PXP/,
    );
    expect(statSync(out).mode & 0o777).toBe(0o600);
    expect(statSync(out).ino).not.toBe(inode);

    const target = join(s.home, 'somewhere-else.txt');
    writeFileSync(target, 'not an export\n');
    const link = join(s.home, 'link.txt');
    symlinkSync(target, link);
    const refused = await keyfob(['export', '--format', 'uris', '--out', link, '--yes'], s);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toBe(
      `keyfob: ${link} is a symbolic link; Keyfob does not write keys through a link.\n  Give the path of the file itself, or a new name.\n`,
    );
    expect(readlinkSync(link)).toBe(target);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('not an export\n');
    // Nothing half-written beside them.
    expect(readdirSync(s.home).filter((f) => f.includes('keyfob-'))).toEqual([]);
  });
});

describe('import reports', () => {
  it('puts results on standard output, refusals and a failed count on standard error', async () => {
    const s = fresh();
    await keyfob(['add', '--uri', URI_A], s);
    const mixed = await keyfob(['import', '-'], { ...s, input: `${URI_A}\n${URI_B}\nnot a link\n` });
    expect(mixed.code).toBe(1);
    expect(mixed.stdout).toMatch(
      /^duplicate\s+GitHub \(alice@example\.com\): the same key is already stored/m,
    );
    expect(mixed.stdout).toMatch(/^added\s+[0-9a-f-]{36} {2}Mail \(bob@example\.com\)$/m);
    expect(mixed.stdout).not.toContain('refused');
    // The refused line and the count, and nothing else.
    expect(mixed.stderr).toMatch(
      /^refused {4}line 3: This is not a setup link [^\n]+\n1 added, 1 skipped as duplicates, 1 refused\n$/,
    );

    // Everything there already, or added: success, and nothing on standard error.
    const again = await keyfob(['import', '-'], { ...s, input: `${URI_A}\n${URI_B}\n` });
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('');
    expect(again.stdout).toContain('0 added, 2 skipped as duplicates, 0 refused\n');

    const usage = await keyfob(['import'], s);
    expect(usage.code).toBe(2);
    const two = await keyfob(['import', 'a', 'b'], s);
    expect(two.code).toBe(2);
  });

  it('says in one line what a file it cannot read looks like, and what to do', async () => {
    const s = fresh();
    const files: Record<string, [Uint8Array | string, RegExp]> = {
      'accounts.pdf': [
        '%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n'.repeat(50),
        /looks like a PDF document/,
      ],
      'backup.zip': [
        new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0, 0x0a, 0x0a, 0x0a]),
        /a ZIP archive/,
      ],
      'links.txt.gz': [gzipSync(`${URI_A}\n${URI_B}\n`), /a gzip-compressed file/],
      'authenticator.db': [`SQLite format 3\0${'\n'.repeat(200)}`, /an SQLite database/],
      'aegis.json': [JSON.stringify({ version: 1, db: { entries: [] } }, null, 2), /looks like JSON/],
    };
    for (const [name, [content, kind]] of Object.entries(files)) {
      const file = join(s.home, name);
      writeFileSync(file, content);
      const result = await keyfob(['import', file], s);
      expect(result.code, name).toBe(1);
      expect(result.stdout, name).toBe('');
      const lines = result.stderr.trimEnd().split('\n');
      // The error and its advice: two lines, whatever the file's size or number of "lines".
      expect(lines, name).toHaveLength(2);
      expect(lines[0], name).toMatch(new RegExp(`^keyfob: ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} `));
      expect(lines[0], name).toMatch(kind);
      expect(lines[1], name).toMatch(/^ {2}\S/);
    }
    const notes = join(s.home, 'notes.txt');
    writeFileSync(notes, Array.from({ length: 300 }, (_, i) => `shopping item ${i}`).join('\n'));
    const text = await keyfob(['import', notes], s);
    expect(text.code).toBe(1);
    expect(text.stderr).toBe(
      `keyfob: ${notes} has no links to import.\n  Put one otpauth:// or otpauth-migration:// link on each line.\n`,
    );
    expect(await listed(s)).toEqual([]);
  });
});

describe('import of an image', () => {
  it('adds every QR code of a PNG or JPEG, through the same formats as add --image', async () => {
    const s = fresh();
    const canvas = new Canvas(1000, 520);
    drawQr(canvas, TOTP_GITHUB, { quad: squareAt(30, 30, 440) });
    drawQr(canvas, TOTP_AWS, { quad: squareAt(530, 30, 440) });
    const png = join(s.home, 'shot.png');
    writeFileSync(png, encodePng(canvas));
    const result = await keyfob(['import', png], s);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('2 added, 0 skipped as duplicates, 0 refused');
    const names = (await listed(s)).map((a) => a.issuer).sort();
    expect(names).toEqual(
      [new URL(TOTP_GITHUB).searchParams.get('issuer'), new URL(TOTP_AWS).searchParams.get('issuer')].sort(),
    );

    // A Google Authenticator transfer code in a JPEG, piped in: each account of it.
    const accounts = ['One', 'Two'].map((issuer, i) => ({
      issuer,
      label: `user${i}`,
      secret: ['GEZDGNBVGY3TQOJQ', 'KRSXG5CTMVRXEZLU'][i]!,
      params: defaultParams('totp'),
    }));
    const [transfer] = buildMigrationUris(accounts).uris;
    const photo = new Canvas(700, 700);
    drawQr(photo, transfer!, { quad: squareAt(100, 100, 500) });
    const piped = await keyfobBytes(['import', '-'], s, encodeJpeg(photo, 92));
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stdout).toContain('2 added, 0 skipped as duplicates, 0 refused');
    expect((await listed(s)).map((a) => a.issuer)).toEqual(expect.arrayContaining(['One', 'Two']));

    const blank = join(s.home, 'blank.png');
    writeFileSync(blank, encodePng(new Canvas(200, 200)));
    const none = await keyfob(['import', blank], s);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain(`No QR code was found in ${blank}.`);
  });
});

describe('listing without keys', () => {
  it('lists, finds, renames and removes with every key gone from the keychain behind its back', async () => {
    const s = fresh();
    await keyfob(['import', '-'], { ...s, input: `${URI_A}\n${URI_B}\n` });
    const before = await listed(s);
    expect(before).toHaveLength(2);
    // The keys deleted from the keychain without Keyfob knowing: a command that read one would say it is missing.
    const keychain = new KeytarKeychain({ service: s.service });
    for (const a of before) expect(await keychain.delete(a.id)).toBe(true);

    const list = await keyfob(['list'], s);
    expect(list.code).toBe(0);
    expect(list.stderr).toBe('');
    expect(list.stdout).toContain('GitHub');
    expect(list.stdout).toContain('Mail');
    const renamed = await keyfob(['rename', 'Mail', '--label', 'robert@example.com'], s);
    expect(renamed.code, renamed.stderr).toBe(0);
    expect(renamed.stderr).toBe('');
    // Only computing a code needs the key, and then it says which one is missing.
    const code = await keyfob(['code', 'robert'], s);
    expect(code.code).toBe(1);
    expect(code.stderr).toContain('Mail (robert@example.com)');
    const removed = await keyfob(['remove', 'GitHub', '--yes'], s);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stderr).toBe('');
    expect((await listed(s)).map((a) => a.label)).toEqual(['robert@example.com']);
  });
});
