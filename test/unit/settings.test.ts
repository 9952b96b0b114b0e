import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acceleratorKey, DEFAULT_SETTINGS, mergeSettings, SettingsStore } from '../../main/settings';

describe('settings', () => {
  it('accepts only known settings with usable values', () => {
    expect(
      mergeSettings(DEFAULT_SETTINGS, { clipboardClear: 'timeout', clipboardTimeoutSeconds: 45 }),
    ).toMatchObject({
      clipboardClear: 'timeout',
      clipboardTimeoutSeconds: 45,
    });
    for (const bad of [
      { clipboardClear: 'never' },
      { clipboardTimeoutSeconds: 2 },
      { clipboardTimeoutSeconds: 30.5 },
      { theme: 'neon' },
      { density: 'cosy' },
      // A code no language will have (a real one, such as fr, may be added one day).
      { language: 'xx' },
      { startAtLogin: 'yes' },
      { secret: 'x' },
      'theme=dark',
    ]) {
      expect(() => mergeSettings(DEFAULT_SETTINGS, bad)).toThrow(/cannot be used|between 5 and 600/);
    }
    const withLanguage = mergeSettings(DEFAULT_SETTINGS, { language: 'zh' });
    // Saved before Chinese became zh-CN (locales/languages.json); it still means the same language.
    expect(withLanguage.language).toBe('zh-CN');
    expect(mergeSettings(DEFAULT_SETTINGS, { language: 'zh-CN' }).language).toBe('zh-CN');
    expect(mergeSettings(withLanguage, { language: null })).not.toHaveProperty('language');
    expect(DEFAULT_SETTINGS.density).toBe('comfortable');
    expect(mergeSettings(DEFAULT_SETTINGS, { density: 'compact' }).density).toBe('compact');
  });

  it('keeps account shortcuts as valid accelerators, each key combination used once', () => {
    const a = '0f5e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
    const b = '1f5e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
    expect(
      mergeSettings(DEFAULT_SETTINGS, { accountShortcuts: { [a]: 'Alt+Shift+1' } }).accountShortcuts,
    ).toEqual({
      [a]: 'Alt+Shift+1',
    });
    for (const bad of [{ [a]: '1' }, { 'not-an-id': 'Alt+1' }, { [a]: 7 }, [a]]) {
      expect(() => mergeSettings(DEFAULT_SETTINGS, { accountShortcuts: bad })).toThrow(
        /cannot be used|modifier/,
      );
    }
    // The same keys spelled differently are still the same keys.
    expect(() =>
      mergeSettings(DEFAULT_SETTINGS, { accountShortcuts: { [a]: 'Alt+Shift+1', [b]: 'shift+option+1' } }),
    ).toThrow('shift+option+1 is the shortcut of two accounts.');
    expect(() => mergeSettings(DEFAULT_SETTINGS, { accountShortcuts: { [a]: 'Shift+CmdOrCtrl+K' } })).toThrow(
      /both the quick-search shortcut and an account/,
    );
    expect(acceleratorKey('Control+Shift+K', 'linux')).toBe(
      acceleratorKey('CommandOrControl+Shift+K', 'linux'),
    );
    expect(acceleratorKey('Control+Shift+K', 'darwin')).not.toBe(
      acceleratorKey('CmdOrCtrl+Shift+K', 'darwin'),
    );
    expect(acceleratorKey('Cmd+Shift+K', 'darwin')).toBe(acceleratorKey('CmdOrCtrl+Shift+K', 'darwin'));
    expect(acceleratorKey('Super+1', 'darwin')).toBe(acceleratorKey('Command+1', 'darwin'));
    expect(acceleratorKey('Super+1', 'linux')).toBe(acceleratorKey('Meta+1', 'linux'));
    expect(acceleratorKey('Alt+Return', 'linux')).toBe(acceleratorKey('Alt+Enter', 'linux'));
    const bound = mergeSettings(DEFAULT_SETTINGS, { accountShortcuts: { [a]: 'Alt+Shift+1' } });
    expect(() => mergeSettings(bound, { shortcut: 'Alt+Shift+1' })).toThrow(/both the quick-search/);
  });

  it('persists changes, and keeps every readable choice of a partly broken file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyfob-settings-'));
    const store = new SettingsStore(dir);
    expect(await store.get()).toEqual(DEFAULT_SETTINGS);
    await store.update({ theme: 'dark', startAtLogin: true });
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).settings).toMatchObject({
      theme: 'dark',
      startAtLogin: true,
    });
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({
        schema: 1,
        settings: { theme: 'light', clipboardTimeoutSeconds: -4, language: 'de' },
      }),
    );
    expect(await new SettingsStore(dir).get()).toEqual({
      ...DEFAULT_SETTINGS,
      theme: 'light',
      language: 'de',
    });
    // Account shortcuts one by one: a broken entry loses only itself.
    const a = '0f5e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
    writeFileSync(
      join(dir, 'settings.json'),
      JSON.stringify({
        schema: 1,
        settings: { accountShortcuts: { [a]: 'Alt+Shift+1', nope: 'Alt+Shift+2' } },
      }),
    );
    const store2 = new SettingsStore(dir);
    expect((await store2.get()).accountShortcuts).toEqual({ [a]: 'Alt+Shift+1' });
    // One account at a time, and gone accounts dropped, each in one read-modify-write.
    const b = '1f5e1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b';
    await Promise.all([store2.setAccountShortcut(b, 'Alt+Shift+2'), store2.setAccountShortcut(a, '')]);
    expect((await store2.get()).accountShortcuts).toEqual({ [b]: 'Alt+Shift+2' });
    expect(await store2.keepAccountShortcuts(new Set([b]))).toBeUndefined();
    expect((await store2.keepAccountShortcuts(new Set()))?.accountShortcuts).toEqual({});
  });
});
