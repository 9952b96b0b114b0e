import { describe, expect, it, vi } from 'vitest';
import de from '../../locales/de/errors.json';
import { KeyfobError } from '../../main/errors';
import type { MenuItemConstructorOptions } from 'electron';
import { aboutOptions, appMenu, keyQuestion, menuLabels, TRAY_LIMIT, trayMenu } from '../../main/app/menus';

const account = (i: number, extra: Partial<{ type: string; status: string; issuer: string }> = {}) => ({
  id: `id-${i}`,
  issuer: `Site${i}`,
  label: `user${i}`,
  type: 'totp',
  status: 'active',
  ...extra,
});

describe('menus', () => {
  it("words a notification's error in the shell's language, with the window's hint", () => {
    const gone = new KeyfobError('ACCOUNT_NOT_FOUND', 'accountGone', { id: 'x' }).forApp();
    const text = menuLabels('de-AT').error(gone);
    expect(text).toBe(`${de.accountGone.message} ${de.accountGone.hint_app}`);
    expect(menuLabels('en').error(gone)).not.toBe(text);
  });

  it('lists time-based active accounts in the tray; choosing one copies its code', () => {
    const copy = vi.fn();
    const items = trayMenu(
      [
        account(1),
        account(2, { type: 'hotp' }),
        account(3, { status: 'pending' }),
        account(4, { issuer: '' }),
      ],
      menuLabels('en-GB'),
      { copy, show: vi.fn(), quit: vi.fn() },
    );
    expect(items.map((i) => i.label ?? i.type)).toEqual([
      'Site1 — user1',
      'user4',
      'separator',
      'Show Keyfob',
      'Quit Keyfob',
    ]);
    items[0]!.click!({} as never, undefined, {} as never);
    expect(copy).toHaveBeenCalledWith('id-1');
    // An account's own shortcut shows beside it, as a hint only: registering it again here would fail.
    const withShortcut = trayMenu(
      [account(1)],
      menuLabels('en'),
      { copy, show: vi.fn(), quit: vi.fn() },
      {
        'id-1': 'Alt+Shift+1',
      },
    );
    expect(withShortcut[0]).toMatchObject({ accelerator: 'Alt+Shift+1', registerAccelerator: false });
  });

  it('says when there is nothing to copy, and caps a long list', () => {
    const labels = menuLabels('de-DE');
    expect(trayMenu([], labels, { copy: vi.fn(), show: vi.fn(), quit: vi.fn() })[0]).toMatchObject({
      label: 'Noch keine Konten',
      enabled: false,
    });
    const many = Array.from({ length: TRAY_LIMIT + 5 }, (_, i) => account(i));
    const items = trayMenu(many, labels, { copy: vi.fn(), show: vi.fn(), quit: vi.fn() });
    expect(items.filter((i) => i.label?.startsWith('Site'))).toHaveLength(TRAY_LIMIT);
    expect(items.some((i) => i.label === '… 5')).toBe(true);
  });

  it('follows each platform’s menu conventions', () => {
    const mac = appMenu('darwin', menuLabels('en'));
    expect(mac[0]).toMatchObject({ label: 'Keyfob' });
    expect(JSON.stringify(mac)).toContain('"role":"about"');
    const win = appMenu('win32', menuLabels('zh-CN'));
    expect(win.map((m) => m.label)).toEqual(['文件', '编辑', '帮助']);
    expect(JSON.stringify(win)).toContain('关于 Keyfob');
    // Every item a person reads has its label from the catalogue: Electron would show its English role labels.
    const unlabelled = (items: MenuItemConstructorOptions[]): string[] =>
      items.flatMap((item) => [
        ...(item.type === 'separator' || item.label ? [] : [String(item.role)]),
        ...(Array.isArray(item.submenu) ? unlabelled(item.submenu) : []),
      ]);
    for (const platform of ['darwin', 'win32', 'linux'] as const)
      expect(unlabelled(appMenu(platform, menuLabels('de')))).toEqual([]);
  });

  it('puts the versions a bug report needs in the about window', () => {
    const versions = { ...process.versions, electron: '45.4.1', chrome: '140.0.0.0' };
    const about = aboutOptions('1.2.3', versions, menuLabels('en'));
    expect(about).toMatchObject({
      applicationName: 'Keyfob',
      applicationVersion: '1.2.3',
      copyright: 'MIT licence',
    });
    expect(aboutOptions('1.2.3', versions, menuLabels('de')).copyright).toBe('MIT-Lizenz');
    expect(about.version).toMatch(/^Electron 45\.4\.1 · Chromium 140\.0\.0\.0 · Node \d+/);
  });

  it('asks before a key leaves in each language, with Cancel as the default and the answer to Escape', () => {
    const english = keyQuestion({ kind: 'reveal', account: 'GitHub (ada)' }, menuLabels('en-GB'));
    expect(english).toMatchObject({
      type: 'warning',
      message: 'Show the key of GitHub (ada)?',
      buttons: ['Cancel', 'Show key'],
      defaultId: 0,
      cancelId: 0,
    });
    expect(english.detail).toContain('Anyone who sees the key');
    expect(keyQuestion({ kind: 'export', count: 1 }, menuLabels('en')).message).toBe(
      'Export the key of 1 account?',
    );
    const german = keyQuestion({ kind: 'export', count: 4 }, menuLabels('de-AT'));
    expect(german).toMatchObject({
      message: 'Die Schlüssel von 4 Konten exportieren?',
      buttons: ['Abbrechen', 'Exportieren'],
    });
    const chinese = keyQuestion({ kind: 'reveal', account: 'GitHub (ada)' }, menuLabels('zh-CN'));
    expect(chinese).toMatchObject({ message: '显示 GitHub (ada) 的密钥？', buttons: ['取消', '显示密钥'] });
    // Every language has its own words for every part of both questions.
    for (const lang of ['de', 'zh']) {
      const labels = menuLabels(lang);
      for (const key of ['cancel', 'revealButton', 'revealDetail', 'exportButton', 'exportDetail'] as const)
        expect(labels[key], `${lang} ${key}`).not.toBe(menuLabels('en')[key]);
      expect(labels.debuggingRefused('--inspect')).toContain('--inspect');
    }
  });
});
