import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeytarKeychain } from '../../main/vault/keytar-keychain';
import { cliSandboxes, keyfob } from '../support/cli';

const URIS = [
  'otpauth://totp/GitHub:alice?secret=JBSWY3DPEHPK3PXP&issuer=GitHub',
  'otpauth://totp/Mail:bob?secret=GEZDGNBVGY3TQOJQ&issuer=Mail',
  'otpauth://totp/Bank:carol?secret=KRSXG5CTMVRXEZLU&issuer=Bank',
];

const fresh = cliSandboxes();

describe('keyfob recover', () => {
  it('lists keys without details, and restores or deletes them only when told which', async () => {
    const s = fresh();
    const ids: string[] = [];
    for (const uri of URIS) {
      const added = await keyfob(['add', '--uri', uri], { env: s.env });
      expect(added.code, added.stderr).toBe(0);
      ids.push(added.stdout.split(/\s+/)[0]!);
    }
    writeFileSync(join(s.home, 'accounts.json'), '{"schema": 1, "accounts": [');

    // Any command says so, and restores nothing by itself.
    const list = await keyfob(['list'], { env: s.env });
    expect(list.stderr).toContain('3 keys in the keychain have lost their account details');
    expect(list.stderr).toContain('keyfob recover');
    expect(list.stdout).not.toContain('GitHub');

    const offered = await keyfob(['recover'], { env: s.env });
    expect(offered.code).toBe(0);
    for (const [i, name] of ['GitHub (alice)', 'Mail (bob)', 'Bank (carol)'].entries())
      expect(offered.stdout).toContain(`${ids[i]}  ${name}`);
    expect(offered.stderr).toContain('--restore <id>');

    const unknown = await keyfob(['recover', '--restore', '00000000-0000-4000-8000-000000000000'], {
      env: s.env,
    });
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No key without account details has the id');

    const chosen = await keyfob(['recover', '--restore', ids[0]!, '--delete', ids[1]!], { env: s.env });
    expect(chosen.code, chosen.stderr).toBe(0);
    expect(chosen.stdout).toContain(`restored  ${ids[0]}  GitHub (alice)`);
    expect(chosen.stdout).toContain(`deleted   ${ids[1]}  Mail (bob)`);
    expect(await new KeytarKeychain({ service: s.service }).get(ids[1]!)).toBeNull();

    const rest = await keyfob(['recover', '--yes'], { env: s.env });
    expect(rest.stdout).toContain(`restored  ${ids[2]}  Bank (carol)`);
    const after = await keyfob(['list', '--json'], { env: s.env });
    expect((JSON.parse(after.stdout) as Array<{ id: string }>).map((a) => a.id).sort()).toEqual(
      [ids[0], ids[2]].sort(),
    );
    expect((await keyfob(['recover'], { env: s.env })).stdout).toContain(
      'Every key in the keychain belongs to an account.',
    );
  });

  it('refuses to mix --yes with a choice, or to restore and delete one key', async () => {
    const s = fresh();
    const id = '00000000-0000-4000-8000-000000000000';
    expect((await keyfob(['recover', '--yes', '--delete', id], { env: s.env })).code).toBe(2);
    expect((await keyfob(['recover', '--restore', id, '--delete', id], { env: s.env })).code).toBe(2);
  });
});
