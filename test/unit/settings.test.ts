import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, mergeSettings, SettingsStore } from '../../main/settings';

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
      { language: 'fr' },
      { startAtLogin: 'yes' },
      { secret: 'x' },
      'theme=dark',
    ]) {
      expect(() => mergeSettings(DEFAULT_SETTINGS, bad)).toThrow(/cannot be used|between 5 and 600/);
    }
    const withLanguage = mergeSettings(DEFAULT_SETTINGS, { language: 'zh' });
    expect(mergeSettings(withLanguage, { language: null })).not.toHaveProperty('language');
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
  });
});
