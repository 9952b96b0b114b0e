import { describe, expect, it, vi } from 'vitest';
import { aboutOptions, appMenu, menuLabels, TRAY_LIMIT, trayMenu } from '../../main/app/menus';

const account = (i: number, extra: Partial<{ type: string; status: string; issuer: string }> = {}) => ({
  id: `id-${i}`,
  issuer: `Site${i}`,
  label: `user${i}`,
  type: 'totp',
  status: 'active',
  ...extra,
});

describe('menus', () => {
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
    expect(mac[0]).toMatchObject({ role: 'appMenu' });
    expect(JSON.stringify(mac)).toContain('"role":"about"');
    const win = appMenu('win32', menuLabels('zh-CN'));
    expect(win.map((m) => m.role)).toEqual(['fileMenu', 'editMenu', 'help']);
    expect(JSON.stringify(win)).toContain('关于 Keyfob');
  });

  it('puts the versions a bug report needs in the about window', () => {
    const about = aboutOptions('1.2.3', { ...process.versions, electron: '45.4.1', chrome: '140.0.0.0' });
    expect(about).toMatchObject({ applicationName: 'Keyfob', applicationVersion: '1.2.3' });
    expect(about.version).toMatch(/^Electron 45\.4\.1 · Chromium 140\.0\.0\.0 · Node \d+/);
  });
});
