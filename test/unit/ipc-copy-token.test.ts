/**
 * A sign-in's token is copied through main's clipboard (main/app/clipboard.ts), as a code is, so that it leaves
 * the clipboard after the timeout of Settings: the page's own clipboard would keep it there for good.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CodeClipboard, type ClipboardText } from '../../main/app/clipboard';
import { createHandlers, type ClipboardCopier } from '../../main/ipc';
import { SettingsStore } from '../../main/settings';
import { MemoryKeychain } from '../../main/vault/memory-keychain';
import { Vault } from '../../main/vault/vault';
import { errorText } from '../support/words';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJuaW5hIn0.c2lnbmF0dXJl';

function setup(options: { clipboard?: 'none' | 'refusing' } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'keyfob-copy-token-'));
  let text = 'what the person copied before';
  const system: ClipboardText = {
    writeText: (t) => {
      if (options.clipboard === 'refusing') throw new Error('the clipboard is held by another app');
      text = t;
    },
    readText: () => text,
  };
  const timers: Array<{ run: () => void; ms: number }> = [];
  const clipboard = new CodeClipboard({
    clipboard: system,
    clock: { now: () => 0 },
    timers: {
      setTimeout: (run, ms) => timers.push({ run, ms }),
      clearTimeout: () => undefined,
    },
  });
  const settings = new SettingsStore(dir);
  const handlers = createHandlers({
    vault: new Vault({ dir, keychain: new MemoryKeychain() }),
    version: '1',
    settings: {
      store: settings,
      // As main/app/main.ts applies Settings to its clipboard.
      apply: (s) =>
        void clipboard.configure({ mode: s.clipboardClear, timeoutMs: s.clipboardTimeoutSeconds * 1000 }),
    },
    ...(options.clipboard === 'none' ? {} : { clipboard: clipboard satisfies ClipboardCopier }),
  });
  return { handlers, timers, text: () => text };
}

describe('copying a token', () => {
  it('puts it on the clipboard and takes it off after the timeout, though it expires much later', async () => {
    const { handlers, timers, text } = setup();
    // The default: codes clear when they expire; a token has no expiry the clipboard should wait for.
    expect(await handlers.copyToken(TOKEN)).toEqual({ ok: true, value: { clearsInSeconds: 30 } });
    expect(text()).toBe(TOKEN);
    expect(timers.map((t) => t.ms)).toEqual([30_000]);
    timers[0]!.run();
    await expect.poll(text).toBe('');
  });

  it('follows the time chosen in Settings', async () => {
    const { handlers, timers, text } = setup();
    expect((await handlers.saveSettings({ clipboardClear: 'timeout', clipboardTimeoutSeconds: 45 })).ok).toBe(
      true,
    );
    expect(await handlers.copyToken(TOKEN)).toEqual({ ok: true, value: { clearsInSeconds: 45 } });
    expect(timers.map((t) => t.ms)).toEqual([45_000]);
    timers[0]!.run();
    await expect.poll(text).toBe('');
  });

  it('says so, in the reader language and without the token, when the clipboard refuses it', async () => {
    for (const clipboard of ['refusing', 'none'] as const) {
      const { handlers, timers } = setup({ clipboard });
      const r = await handlers.copyToken(TOKEN);
      expect(r).toMatchObject({ ok: false, error: { code: 'IO_FAILED', key: 'clipboardRefused' } });
      expect(JSON.stringify(r)).not.toContain(TOKEN);
      expect(timers).toEqual([]);
      if (!r.ok) expect(errorText(r.error, 'de').message).toMatch(/Zwischenablage/);
    }
  });

  it('refuses what is not a token, naming it', async () => {
    const { handlers, text } = setup();
    for (const bad of [undefined, 42, '', 'x'.repeat(65_537), { token: TOKEN }]) {
      const r = await handlers.copyToken(bad);
      expect(r).toMatchObject({ ok: false, error: { code: 'PARAMS_INVALID', key: 'ipcInvalid' } });
      if (!r.ok) expect(r.error.message).toBe('Keyfob received an invalid token.');
    }
    expect(text()).toBe('what the person copied before');
  });
});

describe('copying an import’s report', () => {
  it('puts it on the clipboard and leaves it there, even with a code’s clear still to come', async () => {
    const { handlers, timers, text } = setup();
    expect((await handlers.copyToken(TOKEN)).ok).toBe(true);
    const report = 'Added GitHub (ada)\nNot added line 3 — This is not a setup link.';
    expect(await handlers.copyReport(report)).toEqual({ ok: true });
    expect(text()).toBe(report);
    // The token's clear runs, finds the report, and leaves it.
    expect(timers).toHaveLength(1);
    timers[0]!.run();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(text()).toBe(report);
  });

  it('says so when the clipboard refuses it, and refuses what is not a report', async () => {
    for (const clipboard of ['refusing', 'none'] as const) {
      const r = await setup({ clipboard }).handlers.copyReport('Added GitHub (ada)');
      expect(r).toMatchObject({ ok: false, error: { code: 'IO_FAILED', key: 'clipboardRefused' } });
    }
    const { handlers, text } = setup();
    for (const bad of [undefined, 42, '', { text: 'x' }]) {
      const r = await handlers.copyReport(bad);
      expect(r).toMatchObject({ ok: false, error: { code: 'PARAMS_INVALID', key: 'ipcInvalid' } });
    }
    expect(text()).toBe('what the person copied before');
  });
});
