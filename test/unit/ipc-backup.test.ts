/**
 * The window's encrypted backup in main (exportBackup): main asks first, its save dialog picks the file, the
 * file is an Aegis vault sealed with the password (read back by the independent reader), written 0600, and
 * nothing of the keys comes back over IPC.
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Accounts } from '../../main/accounts';
import { FORMATS, FormatRegistry } from '../../main/formats';
import { createHandlers, type ConfirmRequest } from '../../main/ipc';
import { MemoryKeychain } from '../../main/vault/memory-keychain';
import { Vault } from '../../main/vault/vault';
import { readAegisVault } from '../support/aegis-reader';

const URIS = [
  'otpauth://totp/GitHub:ada%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=GitHub',
  'otpauth://hotp/Mail:ada?secret=GEZDGNBVGY3TQOJQ&issuer=Mail&counter=7',
];

async function setup(options: { confirms?: boolean; dialog?: 'save' | 'cancel' } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'keyfob-ipc-backup-'));
  const vault = new Vault({ dir, keychain: new MemoryKeychain() });
  const accounts = new Accounts({ vault, formats: new FormatRegistry(FORMATS) });
  const asked: ConfirmRequest[] = [];
  const suggested: string[] = [];
  const target = join(dir, 'backup.json');
  const handlers = createHandlers({
    vault,
    accounts,
    version: '1.2.3',
    clock: { now: () => Date.UTC(2026, 11, 5, 9, 30) },
    confirm: async (request) => {
      asked.push(request);
      return options.confirms ?? true;
    },
    saveFile: async (name) => {
      suggested.push(name);
      return options.dialog === 'cancel' ? undefined : target;
    },
  });
  expect(await handlers.addFromText(URIS.join('\n'))).toMatchObject({ ok: true });
  return { handlers, asked, suggested, target };
}

describe('exportBackup over IPC', () => {
  it('asks main first, then writes an Aegis vault the independent reader opens with the password', async () => {
    const { handlers, asked, suggested, target } = await setup();
    const r = await handlers.exportBackup('correct horse');
    expect(r).toEqual({ ok: true, value: { fileName: 'backup.json', count: 2, excluded: [] } });
    expect(asked).toEqual([{ kind: 'export', count: 2 }]);
    expect(suggested).toEqual(['keyfob-backup-2026-12-05.json']);
    if (process.platform !== 'win32') expect(statSync(target).mode & 0o777).toBe(0o600);
    const read = await readAegisVault(readFileSync(target, 'utf8'), 'correct horse');
    expect(read.encrypted).toBe(true);
    expect(read.entries.map((e) => [e.type, e.issuer, e.name, e.info['secret']])).toEqual([
      ['totp', 'GitHub', 'ada@example.com', 'JBSWY3DPEHPK3PXP'],
      ['hotp', 'Mail', 'ada', 'GEZDGNBVGY3TQOJQ'],
    ]);
    await expect(readAegisVault(readFileSync(target, 'utf8'), 'wrong')).rejects.toThrow();
  });

  it('writes nothing when main is told no or the dialog is closed', async () => {
    for (const options of [{ confirms: false }, { dialog: 'cancel' as const }]) {
      const { handlers, target } = await setup(options);
      expect(await handlers.exportBackup('pw')).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
      expect(() => statSync(target)).toThrow();
    }
  });

  it('refuses an empty or a wrong-typed password before asking anything', async () => {
    const { handlers, asked, suggested } = await setup();
    expect(await handlers.exportBackup('')).toMatchObject({
      ok: false,
      error: { code: 'INPUT_NEEDED', key: 'exportPasswordEmpty' },
    });
    expect(await handlers.exportBackup(42)).toMatchObject({ ok: false, error: { code: 'PARAMS_INVALID' } });
    expect(await handlers.exportBackup('x'.repeat(1025))).toMatchObject({ ok: false });
    expect(asked).toEqual([]);
    expect(suggested).toEqual([]);
  });
});
