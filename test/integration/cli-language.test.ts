/**
 * The CLI speaks the language of LC_ALL, LC_MESSAGES or LANG (POSIX order) from the same catalogues as the
 * window; what scripts read (codes, ids, --json, exit status) is the same in every language.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

import { cliSandboxes, CLI, keyfob, type Sandbox } from '../support/cli';

const SECRET = 'JBSWY3DPEHPK3PXP';
const URI = `otpauth://totp/GitHub:alice%40example.com?secret=${SECRET}&issuer=GitHub`;
const HOTP = `otpauth://hotp/Example:bob?secret=${SECRET}&counter=7`;

const fresh = cliSandboxes();
const speaking = (s: Sandbox, locale: Record<string, string>) => ({ env: { ...s.env, ...locale } });

describe('keyfob CLI in the language of the environment', () => {
  it('reports an import and words an error in German under LANG=de_DE.UTF-8', async () => {
    const s = fresh();
    const de = speaking(s, { LANG: 'de_DE.UTF-8' });
    const imported = await keyfob(['import', '-'], { ...de, input: `${URI}\nnot a link\n` });
    expect(imported.stdout).toMatch(/^hinzugefügt\s+[0-9a-f-]{36} {2}GitHub \(alice@example\.com\)$/m);
    expect(imported.stderr).toContain('1 hinzugefügt, 0 als Duplikate übersprungen, 1 abgelehnt');
    // The refused line is named in German too ("Zeile 2", not "line 2").
    expect(imported.stderr).toMatch(/^abgelehnt\s+Zeile 2: /m);
    expect(imported.code).toBe(1);

    const missing = await keyfob(['import', '/nonexistent/keys.txt'], de);
    expect(missing.stderr).toBe(
      'keyfob: /nonexistent/keys.txt konnte nicht gelesen werden (ENOENT).\n  Prüfe den Pfad.\n',
    );
    expect(missing.code).toBe(1);

    const usage = await keyfob(['code', '--bogus'], de);
    expect(usage.stderr).toMatch(/^keyfob code: Unbekannte Option '--bogus'\.\n\nAufruf:\n/);
    expect(usage.code).toBe(2);
  });

  it('follows LC_ALL over LC_MESSAGES over LANG, and C or POSIX is English', async () => {
    const s = fresh();
    const run = (locale: Record<string, string>) =>
      keyfob(['import', '/nonexistent/keys.txt'], speaking(s, locale)).then((r) => r.stderr.split('\n')[0]);
    expect(await run({ LANG: 'de_DE.UTF-8', LC_MESSAGES: 'zh_CN.UTF-8' })).toBe(
      'keyfob: 无法读取 /nonexistent/keys.txt（ENOENT）。',
    );
    expect(await run({ LANG: 'zh_CN.UTF-8', LC_MESSAGES: 'de_DE', LC_ALL: 'C' })).toBe(
      'keyfob: Could not read /nonexistent/keys.txt (ENOENT).',
    );
    expect(await run({ LANG: 'POSIX' })).toBe('keyfob: Could not read /nonexistent/keys.txt (ENOENT).');
    // A language without a catalogue is English too (xx: a code no language will have).
    expect(await run({ LANG: 'xx_XX.UTF-8' })).toBe('keyfob: Could not read /nonexistent/keys.txt (ENOENT).');
  });

  it('prints the same codes, ids, JSON and exit status in every language', async () => {
    const s = fresh();
    const added = await keyfob(['add', '--uri', URI], s);
    expect(added.code).toBe(0);
    const outputs = [];
    for (const LANG of ['C', 'de_DE.UTF-8', 'zh_CN.UTF-8']) {
      const env = speaking(s, { LANG });
      outputs.push({
        list: await keyfob(['list', '--json'], env),
        code: await keyfob(['code', 'GitHub', '--at', '1700000000', '--json'], env),
        plain: await keyfob(['code', 'GitHub', '--at', '1700000000'], env),
        uri: await keyfob(['code', '--uri', HOTP], env),
        uriJson: await keyfob(['code', '--uri', URI, '--at', '1700000000', '--json'], env),
        notFound: await keyfob(['code', 'nobody'], env),
      });
    }
    const [english, ...others] = outputs.map((o) =>
      Object.fromEntries(Object.entries(o).map(([k, r]) => [k, { stdout: r.stdout, code: r.code }])),
    );
    expect(english!.plain!.stdout).toMatch(/^\d{6}\n$/);
    expect(JSON.parse(english!.list!.stdout)).toHaveLength(1);
    expect(english!.notFound!.code).toBe(1);
    for (const other of others) expect(other).toEqual(english);
  });

  it('prints a code without any catalogue, and speaks English when it cannot find them', () => {
    // The command line on its own (the launcher and the bundle it loads), with no locales/ two folders up: `code`
    // never reads a catalogue.
    const alone = join(mkdtempSync(join(tmpdir(), 'keyfob-alone-')), 'dist', 'cli');
    mkdirSync(alone, { recursive: true });
    for (const file of ['keyfob.js', 'keyfob-main.js'])
      copyFileSync(join(dirname(CLI), file), join(alone, file));
    const env = { ...fresh().env, LANG: 'de_DE.UTF-8' };
    const run = (args: string[]) =>
      spawnSync(process.execPath, [join(alone, 'keyfob.js'), ...args], { env, encoding: 'utf8' });
    const code = run(['code', '--uri', URI, '--at', '1700000000']);
    expect(code).toMatchObject({ status: 0, stderr: '' });
    expect(code.stdout).toMatch(/^\d{6}\n$/);
    const wrong = run(['code', '--bogus']);
    expect(wrong.stderr).toMatch(/^keyfob code: Unknown option '--bogus'\.\n/);
    expect(wrong.status).toBe(2);
  });
});
