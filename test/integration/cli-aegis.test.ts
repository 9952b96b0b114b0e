/**
 * `keyfob import` of Aegis vaults and `keyfob export --format aegis`, through the built CLI and the real keychain:
 * passwords from standard input, from a hidden prompt on a real terminal (a pseudo-terminal from util-linux's
 * `script`), and refused without either.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, cliSandboxes, keyfob, type Sandbox } from '../support/cli';
import { readAegisVault } from '../support/aegis-reader';
import { aegisVault, SAMPLE } from '../support/formats/aegis';

const FIXTURES = join(__dirname, '..', 'fixtures', 'formats', 'aegis');
const ENCRYPTED = join(FIXTURES, 'aegis_encrypted.json');
const PLAIN = join(FIXTURES, 'aegis_plain.json');

const fresh = cliSandboxes();

async function names(s: Sandbox): Promise<string[]> {
  const list = await keyfob(['list', '--json'], s);
  expect(list.code).toBe(0);
  return (JSON.parse(list.stdout) as Array<{ issuer: string; label: string }>).map(
    (a) => `${a.issuer}/${a.label}`,
  );
}

const AEGIS_NAMES = [
  'Deno/Mason',
  'SPDX/James',
  'Airbnb/Elijah',
  'Issuu/James',
  'Air Canada/Benjamin',
  'WWE/Mason',
  'Boeing/Sophia',
];

/**
 * The CLI on a pseudo-terminal: each time its output ends with a prompt, the next answer is typed. Driven by what
 * the CLI prints, never by waiting, so the answers reach a terminal already in no-echo mode.
 */
function onTerminal(
  args: string[],
  s: Sandbox,
  answers: string[],
): Promise<{ code: number | null; output: string }> {
  const command = [process.execPath, CLI, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      env: s.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let output = '';
    let asked = 0;
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
      const promptsSoFar = (output.match(/(Password[^:\n]*|The same password again): /g) ?? []).length;
      while (asked < promptsSoFar && asked < answers.length) child.stdin.write(`${answers[asked++]}\r`);
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      child.stdin.end();
      resolve({ code, output });
    });
  });
}

const hasScript = spawnSync('script', ['--version']).status === 0;

describe('keyfob import of Aegis vaults', () => {
  it('imports a plain vault, and an encrypted one with --password-stdin', async () => {
    const s = fresh();
    const plain = await keyfob(['import', PLAIN], s);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('7 added, 0 skipped as duplicates, 0 refused');
    const t = fresh();
    const encrypted = await keyfob(['import', '--password-stdin', ENCRYPTED], { ...t, input: 'test\n' });
    expect(encrypted.code).toBe(0);
    expect(await names(t)).toEqual(AEGIS_NAMES);
    const codes = await Promise.all(
      [s, t].map((x) => keyfob(['code', 'Airbnb', '--at', '1700000000'], x).then((r) => r.stdout)),
    );
    expect(codes[0]).toMatch(/^\d{8}\n$/);
    expect(codes[1]).toBe(codes[0]);
  });

  it('says a wrong password is wrong, exits 1 and adds nothing', async () => {
    const s = fresh();
    const wrong = await keyfob(['import', '--password-stdin', ENCRYPTED], { ...s, input: 'Test\n' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toBe(
      'keyfob: The password does not open this Aegis export.\n  Check the password you chose when exporting, and try again.\n',
    );
    expect(wrong.stdout).toBe('');
    expect(await names(s)).toEqual([]);
  });

  it('without a terminal or --password-stdin, says how to give the password, and adds nothing', async () => {
    const s = fresh();
    const none = await keyfob(['import', ENCRYPTED], s);
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('This Aegis export is protected by a password.');
    expect(none.stderr).toContain('--password-stdin');
    const empty = await keyfob(['import', '--password-stdin', ENCRYPTED], { ...s, input: '\n' });
    expect(empty.code).toBe(1);
    expect(empty.stderr).toContain('No password on standard input.');
    expect(await names(s)).toEqual([]);
  });

  it('refuses `import -` with --password-stdin as a usage error (both read standard input)', async () => {
    const s = fresh();
    const both = await keyfob(['import', '-', '--password-stdin'], {
      ...s,
      input: readFileSync(PLAIN, 'utf8'),
    });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('import - and --password-stdin both read standard input');
    expect(await names(s)).toEqual([]);
  });

  it('names the entries it cannot store, adds the rest and exits 1', async () => {
    const s = fresh();
    const file = join(s.home, 'mixed.json');
    writeFileSync(
      file,
      await aegisVault([
        ...SAMPLE,
        {
          type: 'yandex',
          name: 'ya',
          issuer: 'Yandex',
          secret: 'JBSWY3DPEHPK3PXP',
          algo: 'SHA256',
          digits: 8,
        },
      ]),
    );
    const result = await keyfob(['import', file], s);
    expect(result.code).toBe(1);
    expect(result.stderr + result.stdout).toContain('Yandex (ya): Keyfob cannot make Yandex codes.');
    expect(await names(s)).toHaveLength(SAMPLE.length);
  });

  it.skipIf(!hasScript)('asks for the password on a terminal without echoing it', async () => {
    const s = fresh();
    const typed = await onTerminal(['import', ENCRYPTED], s, ['test']);
    expect(typed.code).toBe(0);
    expect(typed.output).toContain('Password: ');
    expect(typed.output).not.toContain('test');
    expect(await names(s)).toEqual(AEGIS_NAMES);
  });
});

describe('keyfob export --format aegis', () => {
  it('writes an encrypted vault the independent reader opens, and imports it back', async () => {
    const s = fresh();
    expect((await keyfob(['import', PLAIN], s)).code).toBe(0);
    const out = join(s.home, 'backup.json');
    const exported = await keyfob(
      ['export', '--format', 'aegis', '--password-stdin', '--out', out, '--yes'],
      {
        ...s,
        input: 'a long pass phrase\n',
      },
    );
    expect(exported.code).toBe(0);
    expect(exported.stderr).toBe(`keyfob: wrote 7 accounts to ${out}, encrypted (an Aegis vault)\n`);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const text = readFileSync(out, 'utf8');
    expect(text).not.toContain('4SJHB4GSD43FZBAI7C2HLRJGPQ');
    const read = await readAegisVault(text, 'a long pass phrase');
    expect(read.slot).toMatchObject({ n: 32768, r: 8, p: 1 });
    expect(read.entries.map((e) => `${e.issuer}/${e.name}`)).toEqual(AEGIS_NAMES);

    const t = fresh();
    const back = await keyfob(['import', '--password-stdin', out], { ...t, input: 'a long pass phrase\n' });
    expect(back.code).toBe(0);
    expect(await names(t)).toEqual(AEGIS_NAMES);
    const wrong = await keyfob(['import', '--password-stdin', out], { ...fresh(), input: 'a long pass\n' });
    expect(wrong.code).toBe(1);
  });

  it('to standard output too; --plain writes the unencrypted vault, behind --yes', async () => {
    const s = fresh();
    expect((await keyfob(['import', PLAIN], s)).code).toBe(0);
    const encrypted = await keyfob(['export', '--format', 'aegis', '--password-stdin', '--yes'], {
      ...s,
      input: 'pw\n',
    });
    expect(encrypted.code).toBe(0);
    expect((await readAegisVault(encrypted.stdout, 'pw')).entries).toHaveLength(7);

    const unconfirmed = await keyfob(['export', '--format', 'aegis', '--plain'], s);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stdout).toBe('');
    expect(unconfirmed.stderr).toContain('every key in plain text');
    const plain = await keyfob(['export', '--format', 'aegis', '--plain', '--yes'], s);
    expect(plain.code).toBe(0);
    const read = await readAegisVault(plain.stdout);
    expect(read.encrypted).toBe(false);
    expect(read.entries[0]!.info.secret).toBe('4SJHB4GSD43FZBAI7C2HLRJGPQ');
  });

  it('refuses without a password (no terminal), an empty one, and options that do not go together', async () => {
    const s = fresh();
    expect((await keyfob(['import', PLAIN], s)).code).toBe(0);
    const none = await keyfob(['export', '--format', 'aegis', '--yes'], s);
    expect(none.code).toBe(1);
    expect(none.stdout).toBe('');
    expect(none.stderr).toContain('there is no terminal to ask for it on');
    expect(none.stderr).toContain('--password-stdin');
    const empty = await keyfob(['export', '--format', 'aegis', '--password-stdin', '--yes'], {
      ...s,
      input: '\n',
    });
    expect(empty.code).toBe(1);
    expect(empty.stdout).toBe('');
    const unconfirmed = await keyfob(['export', '--format', 'aegis', '--password-stdin'], {
      ...s,
      input: 'pw\n',
    });
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toContain('An encrypted backup holds every key');
    for (const args of [
      ['--format', 'uris', '--plain'],
      ['--format', 'migration', '--password-stdin'],
      ['--format', 'aegis', '--plain', '--password-stdin'],
      ['--format', 'csv'],
    ]) {
      const usage = await keyfob(['export', ...args, '--yes'], { ...s, input: 'pw\n' });
      expect(usage.code, args.join(' ')).toBe(2);
      expect(usage.stdout).toBe('');
    }
  });

  it.skipIf(!hasScript)('asks twice on a terminal, and refuses two different passwords', async () => {
    const s = fresh();
    expect((await keyfob(['import', PLAIN], s)).code).toBe(0);
    const out = join(s.home, 'typed.json');
    const differ = await onTerminal(['export', '--format', 'aegis', '--yes', '--out', out], s, [
      'one',
      'two',
    ]);
    expect(differ.code).toBe(1);
    expect(differ.output).toContain('The two passwords are not the same; nothing was exported.');
    expect(() => statSync(out)).toThrow();
    const same = await onTerminal(['export', '--format', 'aegis', '--yes', '--out', out], s, [
      'secret',
      'secret',
    ]);
    expect(same.code).toBe(0);
    expect(same.output).toContain('Password for the backup: ');
    expect(same.output).toContain('The same password again: ');
    expect(same.output).not.toContain('secret');
    expect((await readAegisVault(readFileSync(out, 'utf8'), 'secret')).entries).toHaveLength(7);
  });
});
