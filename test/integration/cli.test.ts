import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeAt, codeForCounter } from '../../main/otp/codes';
import { buildMigrationUris, parseMigrationUri } from '../../main/otp/migration';
import { defaultParams } from '../../main/otp/types';
import { parseOtpauthUri } from '../../main/otp/uri';
import { KeytarKeychain } from '../../main/vault/keytar-keychain';
import { FORMATS } from '../../main/formats';
import { cliSandboxes, keyfob } from '../support/cli';
import { i18nFor } from '../support/words';

const SECRET_A = 'JBSWY3DPEHPK3PXP';
const RFC_SEED = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const URI_A = `otpauth://totp/GitHub:alice%40example.com?secret=${SECRET_A}&issuer=GitHub`;

const fresh = cliSandboxes();

function lastLineId(stdout: string): string {
  const id = stdout.trim().split(/\s+/)[0];
  expect(id).toMatch(/^[0-9a-f-]{36}$/);
  return id!;
}

describe('keyfob CLI, end to end against the real keychain', () => {
  it('adds by URI, lists without secrets, and prints codes', async () => {
    const s = fresh();
    const added = await keyfob(['add', '--uri', URI_A], s);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('GitHub (alice@example.com)');
    const id = lastLineId(added.stdout);

    const list = await keyfob(['list', '--json'], s);
    expect(list.code).toBe(0);
    const json = JSON.parse(list.stdout);
    expect(json).toEqual([
      {
        id,
        issuer: 'GitHub',
        label: 'alice@example.com',
        type: 'totp',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
      },
    ]);
    expect(list.stdout).not.toContain(SECRET_A);
    expect(readFileSync(join(s.home, 'accounts.json'), 'utf8')).not.toContain(SECRET_A);

    const human = await keyfob(['list'], s);
    expect(human.stdout).toContain(id.slice(0, 8));
    expect(human.stdout).toContain('alice@example.com');

    const code = await keyfob(['code', 'github', '--at', '1700000000'], s);
    expect(code.code).toBe(0);
    expect(code.stdout).toBe(codeAt(SECRET_A, defaultParams('totp'), 1_700_000_000_000).code + '\n');

    const now = await keyfob(['code', id, '--json'], s);
    const parsed = JSON.parse(now.stdout);
    expect(parsed).toMatchObject({ id, issuer: 'GitHub', period: 30 });
    expect(parsed.code).toMatch(/^\d{6}$/);
    expect(parsed.remaining).toBeGreaterThanOrEqual(1);
    expect(parsed.remaining).toBeLessThanOrEqual(30);
  });

  it('adds by key with every option, and keeps HOTP counters moving', async () => {
    const s = fresh();
    const added = await keyfob(
      [
        'add',
        '--secret',
        'gezd gnbv gy3t qojq gezd gnbv gy3t qojq',
        '--issuer',
        'Bank',
        '--label',
        'me',
        '--type',
        'hotp',
        '--counter',
        '2',
        '--digits',
        '6',
        '--algorithm',
        'sha1',
      ],
      s,
    );
    expect(added.code).toBe(0);
    const first = await keyfob(['code', 'bank'], s);
    const second = await keyfob(['code', 'bank', '--json'], s);
    expect(first.stdout.trim()).toBe(codeForCounter(RFC_SEED, defaultParams('hotp'), 2));
    expect(JSON.parse(second.stdout)).toMatchObject({
      code: codeForCounter(RFC_SEED, defaultParams('hotp'), 3),
      counter: 3,
    });
    const list = JSON.parse((await keyfob(['list', '--json'], s)).stdout);
    expect(list[0]).toMatchObject({ type: 'hotp', counter: 4 });

    const sha = await keyfob(
      [
        'add',
        '--secret',
        'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU',
        '--issuer',
        'Sha',
        '--label',
        'x',
        '--algorithm',
        'SHA512',
        '--digits',
        '8',
        '--period',
        '60',
      ],
      s,
    );
    expect(sha.code).toBe(0);
    expect(JSON.parse((await keyfob(['list', '--json'], s)).stdout)[1]).toMatchObject({
      algorithm: 'SHA512',
      digits: 8,
      period: 60,
    });
  });

  it('computes a code from a URI without storing anything', async () => {
    const s = fresh();
    const totp = await keyfob(
      ['code', '--uri', `otpauth://totp/x?secret=${RFC_SEED}&digits=8`, '--at', '59'],
      s,
    );
    expect(totp).toMatchObject({ code: 0, stdout: '94287082\n' });
    const hotp = await keyfob(['code', '--uri', `otpauth://hotp/x?secret=${RFC_SEED}&counter=9`], s);
    expect(hotp.stdout).toBe('520489\n');
    expect(() => statSync(join(s.home, 'accounts.json'))).toThrow();
  });

  it('imports otpauth and migration links, reporting each entry and missing batches', async () => {
    const s = fresh();
    await keyfob(['add', '--uri', URI_A], s);
    const accounts = Array.from({ length: 12 }, (_, i) => ({
      issuer: `Issuer ${i}`,
      label: `user${i}@example.com`,
      secret: `${'ABCDEFGHIJKLMNOP'[i % 16]}${'Q'.repeat(15)}${'234567'[i % 6]}${'R'.repeat(15)}`,
      params: defaultParams(i === 3 ? 'hotp' : 'totp'),
    }));
    const { uris } = buildMigrationUris(accounts);
    expect(uris).toHaveLength(2);
    const lines = [
      '# my accounts',
      URI_A, // duplicate of the stored one
      uris[0]!, // the first of two codes only: the second is reported missing
      'otpauth://totp/Bad?secret=0000',
      'https://example.com',
      '',
    ];
    const file = join(s.home, 'import.txt');
    writeFileSync(file, lines.join('\n'));
    const result = await keyfob(['import', file], s);
    expect(result.code).toBe(1);
    // What was added or already there on standard output; refusals and the failed import's count on error.
    expect(result.stderr).toContain('10 added, 1 skipped as duplicates, 2 refused');
    expect(result.stdout).toMatch(/duplicate\s+GitHub \(alice@example.com\): the same key is already stored/);
    expect(result.stderr).toMatch(/refused\s+line 4: This key has a character a key never contains: "0"/);
    expect(result.stderr).toMatch(/refused\s+line 5: This is not a setup link/);
    expect(result.stderr).toMatch(/missing\s+Google Authenticator export \d+: QR code 2 of 2 not scanned/);

    // Both codes this time: the first ten are already there, and no code is missing any more.
    const rest = await keyfob(['import', '-'], { ...s, input: uris.join('\n') + '\n' });
    expect(rest.code).toBe(0);
    expect(rest.stdout).toContain('2 added, 10 skipped as duplicates, 0 refused');
    expect(rest.stdout).not.toContain('missing');
    const list = JSON.parse((await keyfob(['list', '--json'], s)).stdout);
    expect(list).toHaveLength(13);
    expect(list.find((a: { label: string }) => a.label === 'user3@example.com')).toMatchObject({
      type: 'hotp',
    });
  });

  it('keeps both keys of a Google Authenticator export holding two accounts of one name', async () => {
    const s = fresh();
    const roots = [RFC_SEED, 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU'].map((secret) => ({
      issuer: 'AWS',
      label: 'root',
      secret,
      params: defaultParams('totp'),
    }));
    const { uris } = buildMigrationUris(roots);
    const first = await keyfob(['import', '-'], { ...s, input: uris.join('\n') + '\n' });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('2 added, 0 skipped as duplicates, 0 refused');
    expect(first.stdout).toMatch(
      /added\s+\S+\s+AWS \(root\): it shares its name with AWS \(root\), which has another key/,
    );
    // The same export again: now each entry is the same key with the same parameters, so nothing is added twice.
    const again = await keyfob(['import', '-'], { ...s, input: uris.join('\n') + '\n' });
    expect(again.stdout).toContain('0 added, 2 skipped as duplicates, 0 refused');
    const list = JSON.parse((await keyfob(['list', '--json'], s)).stdout) as Array<{ id: string }>;
    expect(list).toHaveLength(2);
    const keys = new KeytarKeychain({ service: s.service });
    const stored = await Promise.all(list.map((a) => keys.get(a.id)));
    expect(stored.every((v) => typeof v === 'string')).toBe(true);
    expect(stored.filter((v) => v!.includes(RFC_SEED))).toHaveLength(1);
  });

  it('adds a single account beside one of the same name, and says so on standard error', async () => {
    const s = fresh();
    expect((await keyfob(['add', '--uri', URI_A], s)).code).toBe(0);
    const second = await keyfob(
      ['add', '--secret', RFC_SEED, '--issuer', 'GitHub', '--label', 'alice@example.com'],
      s,
    );
    expect(second.code).toBe(0);
    lastLineId(second.stdout);
    expect(second.stderr).toBe(
      'Note: it shares its name with GitHub (alice@example.com), which has another key. Rename one of them (keyfob rename) to tell them apart.\n',
    );
    expect(JSON.parse((await keyfob(['list', '--json'], s)).stdout)).toHaveLength(2);
  });

  it('exports as URIs and as migration codes only with --yes, leaving out what the format cannot carry', async () => {
    const s = fresh();
    await keyfob(['add', '--uri', URI_A], s);
    await keyfob(['add', '--secret', RFC_SEED, '--issuer', 'Slow', '--label', 'x', '--period', '60'], s);
    const refused = await keyfob(['export', '--format', 'uris'], s);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('--yes');
    expect(refused.stdout).toBe('');

    const uris = await keyfob(['export', '--format', 'uris', '--yes'], s);
    expect(uris.code).toBe(0);
    const parsed = uris.stdout.trim().split('\n').map(parseOtpauthUri);
    expect(parsed.map((a) => [a.issuer, a.secret, a.params.period])).toEqual([
      ['GitHub', SECRET_A, 30],
      ['Slow', RFC_SEED, 60],
    ]);

    const out = join(s.home, 'export.txt');
    const migration = await keyfob(['export', '--format', 'migration', '--out', out, '--yes'], s);
    expect(migration.code).toBe(0);
    expect(migration.stderr).toMatch(/left out Slow \(x\): .*60/);
    expect(statSync(out).mode & 0o777).toBe(0o600);
    const batch = parseMigrationUri(readFileSync(out, 'utf8').trim());
    expect(batch.entries).toHaveLength(1);
    expect(batch.entries[0]).toMatchObject({ status: 'ok', account: { issuer: 'GitHub', secret: SECRET_A } });
  });

  it('renames and removes, asking for --yes when it cannot ask', async () => {
    const s = fresh();
    const id = lastLineId((await keyfob(['add', '--uri', URI_A], s)).stdout);
    const renamed = await keyfob(
      ['rename', 'github', '--issuer', 'GitHub Enterprise', '--label', 'alice'],
      s,
    );
    expect(renamed).toMatchObject({ code: 0 });
    expect(renamed.stdout).toContain('GitHub Enterprise (alice)');
    const noYes = await keyfob(['remove', id], s);
    expect(noYes.code).toBe(1);
    expect(noYes.stderr).toContain('--yes');
    const removed = await keyfob(['remove', id, '--yes'], s);
    expect(removed.code).toBe(0);
    expect(JSON.parse((await keyfob(['list', '--json'], s)).stdout)).toEqual([]);
    expect(await new KeytarKeychain({ service: s.service }).get(id)).toBeNull();
  });

  it('lists the matches of an ambiguous search and fails', async () => {
    const s = fresh();
    await keyfob(['add', '--uri', URI_A], s);
    await keyfob(['add', '--uri', `otpauth://totp/GitLab:alice?secret=${RFC_SEED}`], s);
    expect((await keyfob(['code', 'alice'], s)).code).toBe(0); // the whole name of one account wins
    const result = await keyfob(['code', 'git'], s);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('matches 2 accounts');
    expect(result.stderr).toContain('GitHub (alice@example.com)');
    expect(result.stderr).toContain('GitLab (alice)');
    expect(result.stdout).toBe('');
  });

  it('exits 1 with a plain message for bad input, and 2 for usage errors', async () => {
    const s = fresh();
    const bad = await keyfob(['add', '--uri', 'otpauth://totp/x?secret=JBSW%ZZ'], s);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^keyfob: The key in the link is damaged/);
    expect(bad.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
    expect(bad.stderr).not.toMatch(/\bat .*\.js:\d+/); // no stack trace

    for (const args of [
      ['frobnicate'],
      ['add'],
      ['add', '--uri', URI_A, '--secret', SECRET_A],
      ['code', '--at', 'noon', 'x'],
      ['list', '--bogus'],
      ['export', '--format', 'csv', '--yes'],
    ]) {
      const usage = await keyfob(args, s);
      expect(usage.code, args.join(' ')).toBe(2);
      expect(usage.stderr).toContain('Usage');
    }
    const missing = await keyfob(['code', 'nothing'], s);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('No account matches "nothing"');

    // A file no format knows (not text at all) is said to be so, not read as lines of garbage.
    const binary = join(s.home, 'data.bin');
    writeFileSync(binary, Buffer.from([0xfe, 0x80, 0x81, 0x00, 0x10, 0x80, 0x81]));
    const unknown = await keyfob(['import', binary], s);
    expect(unknown.code).toBe(1);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toBe(
      // Every format the registry has, so that adding one does not break this test.
      `keyfob: Keyfob does not know the format of ${binary}.\n  ${i18nFor('en').t('errors:importFormatUnknown.hint', { formats: FORMATS.map((f) => f.id).join(',') })}\n`,
    );
  });

  it('never prints a secret in an error', async () => {
    const s = fresh();
    await keyfob(['add', '--uri', URI_A], s);
    const dup = await keyfob(['add', '--secret', SECRET_A.toLowerCase(), '--issuer', 'X', '--label', 'y'], s);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toContain('same key');
    expect(dup.stderr.toUpperCase()).not.toContain(SECRET_A);
    const bad = await keyfob(['add', '--secret', 'JBSWY3DPEHPK3PX1', '--issuer', 'X', '--label', 'y'], s);
    expect(bad.code).toBe(1);
    expect(bad.stderr).not.toContain('JBSWY3DPEHPK3PX1');
  });
});
