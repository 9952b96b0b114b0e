/**
 * "Import from another app" in main: the formats the window lists come from the registry (a format added there
 * is listed by itself), and a file is read with the chosen format, asking for its password when it has one.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Accounts } from '../../main/accounts';
import {
  FORMATS,
  FormatRegistry,
  passwordNeeded,
  passwordWrong,
  textOf,
  type Format,
} from '../../main/formats';
import { createHandlers } from '../../main/ipc';
import { parseOtpauthUri } from '../../main/otp/uri';
import { MemoryKeychain } from '../../main/vault/memory-keychain';
import { Vault } from '../../main/vault/vault';

const URI = 'otpauth://totp/GitHub:ada%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=GitHub';
const OTHER = 'otpauth://totp/Mail:ada?secret=GEZDGNBVGY3TQOJQ&issuer=Mail';
const bytes = (text: string) => new TextEncoder().encode(text);

/** An encrypted export, as a later format (issue 9) will be: its password is the word in the file, for the test. */
const lockbox: Format = {
  id: 'lockbox',
  password: 'always',
  fileTypes: ['.lockbox'],
  detect: (b) => (textOf(b)?.startsWith('{"lockbox"') ? 1 : 0),
  parse(b, options) {
    const file = JSON.parse(textOf(b) ?? '{}') as { lockbox: string; uris: string[] };
    if (options.password === undefined) throw passwordNeeded('lockbox');
    if (options.password !== file.lockbox) throw passwordWrong('lockbox');
    return { entries: file.uris.map((u) => ({ status: 'ok' as const, account: parseOtpauthUri(u) })) };
  },
};

function setup(formats: readonly Format[] = FORMATS) {
  const vault = new Vault({
    dir: mkdtempSync(join(tmpdir(), 'keyfob-ipc-formats-')),
    keychain: new MemoryKeychain(),
  });
  const accounts = new Accounts({ vault, formats: new FormatRegistry(formats) });
  return { vault, handlers: createHandlers({ vault, accounts, version: '1.2.3' }) };
}

describe('formats over IPC', () => {
  it('lists the registry’s formats, and a format added to it by itself', async () => {
    expect(await setup().handlers.listFormats()).toEqual({
      ok: true,
      value: FORMATS.map((f) => ({
        id: f.id,
        password: f.password ?? 'never',
        fileTypes: [...(f.fileTypes ?? [])],
      })),
    });
    const listed = await setup([...FORMATS, lockbox]).handlers.listFormats();
    expect(listed.ok && listed.value.at(-1)).toEqual({
      id: 'lockbox',
      password: 'always',
      fileTypes: ['.lockbox'],
    });
  });

  it('imports a file with the chosen format, reporting each entry', async () => {
    const { handlers, vault } = setup();
    await handlers.addFromText(URI);
    const r = await handlers.importFile({
      bytes: bytes(`${URI}\n${OTHER}\nnot a link\n`),
      fileName: 'export.txt',
      format: 'otpauth',
    });
    expect(r.ok && r.value.entries.map((e) => [e.status, e.place?.n ?? e.name])).toEqual([
      ['duplicate', 'GitHub (ada@example.com)'],
      ['added', 'Mail (ada)'],
      ['refused', 3],
    ]);
    expect((await vault.list()).map((a) => a.issuer).sort()).toEqual(['GitHub', 'Mail']);
  });

  it('asks for the password of an encrypted export, says when it is wrong, and stores nothing until right', async () => {
    const { handlers, vault } = setup([...FORMATS, lockbox]);
    const file = {
      bytes: bytes(JSON.stringify({ lockbox: 'pw', uris: [URI, OTHER] })),
      fileName: 'a.lockbox',
    };
    expect(await handlers.importFile({ ...file, format: 'lockbox' })).toMatchObject({
      ok: false,
      error: { code: 'PASSWORD_NEEDED', key: 'importPasswordNeeded', params: { format: 'lockbox' } },
    });
    expect(await handlers.importFile({ ...file, format: 'lockbox', password: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'PASSWORD_WRONG', key: 'importPasswordWrong' },
    });
    expect(await vault.list()).toEqual([]);
    const r = await handlers.importFile({ ...file, format: 'lockbox', password: 'pw' });
    expect(r.ok && r.value.entries.map((e) => e.status)).toEqual(['added', 'added']);
  });

  it('refuses what it cannot read: an unknown format, an empty or empty-handed file', async () => {
    const { handlers } = setup();
    expect(await handlers.importFile({ bytes: bytes(URI), fileName: 'a.txt', format: 'nope' })).toMatchObject(
      {
        ok: false,
        error: { code: 'PARAMS_INVALID', key: 'ipcInvalid', params: { what: 'format' } },
      },
    );
    expect(await handlers.importFile({ bytes: new Uint8Array(), fileName: 'a.txt' })).toMatchObject({
      ok: false,
      error: { code: 'PARAMS_INVALID' },
    });
    expect(
      await handlers.importFile({ bytes: bytes('\n\n'), fileName: 'blank.txt', format: 'otpauth' }),
    ).toMatchObject({
      ok: false,
      error: { key: 'importNoLinks', params: { file: 'blank.txt' } },
    });
    expect(await handlers.importFile('export.txt')).toMatchObject({
      ok: false,
      error: { code: 'PARAMS_INVALID' },
    });
  });
});
