import type { MenuItemConstructorOptions } from 'electron';

/**
 * The tray and application menus as plain data, so they are tested without Electron; main.ts turns them into
 * Menus. Labels follow the system language like the window's (English, German, Simplified Chinese).
 */
const LABELS = {
  en: {
    show: 'Show Keyfob',
    quit: 'Quit Keyfob',
    about: 'About Keyfob',
    noAccounts: 'No accounts yet',
    copy: 'Copy the code of',
    copied: 'Code copied:',
    copiedNext: 'The code was about to change, so the next one was copied.',
    copyFailed: 'Keyfob could not copy a code',
  },
  de: {
    show: 'Keyfob zeigen',
    quit: 'Keyfob beenden',
    about: 'Über Keyfob',
    noAccounts: 'Noch keine Konten',
    copy: 'Code kopieren von',
    copied: 'Code kopiert:',
    copiedNext: 'Der Code lief gleich ab, deshalb wurde der nächste kopiert.',
    copyFailed: 'Keyfob konnte keinen Code kopieren',
  },
  zh: {
    show: '显示 Keyfob',
    quit: '退出 Keyfob',
    about: '关于 Keyfob',
    noAccounts: '还没有账户',
    copy: '复制验证码：',
    copied: '已复制验证码：',
    copiedNext: '当前验证码即将过期，已复制下一个验证码。',
    copyFailed: 'Keyfob 无法复制验证码',
  },
};

export type MenuLabels = (typeof LABELS)['en'];

export function menuLabels(locale: string): MenuLabels {
  const base = locale.toLowerCase().split('-')[0];
  return base === 'de' || base === 'zh' ? LABELS[base] : LABELS.en;
}

export interface TrayAccount {
  id: string;
  issuer: string;
  label: string;
  type: string;
  status: string;
}

/** Menus hold a few dozen items well; past that the window's search is the better way in. */
export const TRAY_LIMIT = 30;

/** The tray (menu bar) menu: choosing an account copies its current code. */
export function trayMenu(
  accounts: readonly TrayAccount[],
  labels: MenuLabels,
  actions: { copy(id: string): void; show(): void; quit(): void },
  /** Accounts' own shortcuts, shown beside them as a reminder (the global registration is elsewhere). */
  shortcuts: Readonly<Record<string, string>> = {},
): MenuItemConstructorOptions[] {
  // A counter-based code is made on request and pending keys are not in use yet: neither belongs in a
  // one-click copy list.
  const usable = accounts.filter((a) => a.type !== 'hotp' && a.status === 'active');
  const items: MenuItemConstructorOptions[] =
    usable.length === 0
      ? [{ label: labels.noAccounts, enabled: false }]
      : usable.slice(0, TRAY_LIMIT).map((a) => ({
          label: a.issuer ? `${a.issuer} — ${a.label}` : a.label,
          toolTip: `${labels.copy} ${a.issuer || a.label}`,
          click: () => actions.copy(a.id),
          ...(shortcuts[a.id] ? { accelerator: shortcuts[a.id], registerAccelerator: false } : {}),
        }));
  if (usable.length > TRAY_LIMIT)
    items.push({ label: `… ${usable.length - TRAY_LIMIT}`, click: actions.show });
  return [
    ...items,
    { type: 'separator' },
    { label: labels.show, click: actions.show },
    { label: labels.quit, click: actions.quit },
  ];
}

/** The application menu with each platform's conventions: the app menu on macOS, File/Edit/Help elsewhere. */
export function appMenu(platform: NodeJS.Platform, labels: MenuLabels): MenuItemConstructorOptions[] {
  // The edit roles give the text fields copy, paste and undo with the usual keys on every platform.
  const edit: MenuItemConstructorOptions = { role: 'editMenu' };
  if (platform === 'darwin') {
    return [
      {
        role: 'appMenu',
        submenu: [
          { role: 'about', label: labels.about },
          { type: 'separator' },
          { role: 'services' },
          { type: 'separator' },
          { role: 'hide' },
          { role: 'hideOthers' },
          { role: 'unhide' },
          { type: 'separator' },
          { role: 'quit', label: labels.quit },
        ],
      },
      edit,
      { role: 'windowMenu' },
    ];
  }
  return [
    { role: 'fileMenu', submenu: [{ role: 'quit', label: labels.quit }] },
    edit,
    { role: 'help', submenu: [{ role: 'about', label: labels.about }] },
  ];
}

/** What the about window shows: the versions a bug report needs. */
export function aboutOptions(version: string, versions: NodeJS.ProcessVersions) {
  return {
    applicationName: 'Keyfob',
    applicationVersion: version,
    version: `Electron ${versions.electron ?? '?'} · Chromium ${versions.chrome ?? '?'} · Node ${versions.node}`,
    copyright: 'MIT licence',
  };
}
