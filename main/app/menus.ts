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
    cancel: 'Cancel',
    revealButton: 'Show key',
    revealMessage: (name: string) => `Show the key of ${name}?`,
    revealDetail:
      'Anyone who sees the key, or a picture of it, can make the codes of this account. Make sure no one is watching your screen.',
    exportButton: 'Export',
    exportMessage: (count: number) =>
      count === 1 ? 'Export the key of 1 account?' : `Export the keys of ${count} accounts?`,
    exportDetail:
      'Whoever gets the export can make the codes of every account in it. Keep it out of screenshots, chats and shared folders.',
    debuggingRefused: (flag: string) =>
      `Keyfob does not start with ${flag}: it would let other programs read and control the window that shows your keys.`,
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
    cancel: 'Abbrechen',
    revealButton: 'Schlüssel zeigen',
    revealMessage: (name: string) => `Den Schlüssel von ${name} zeigen?`,
    revealDetail:
      'Wer den Schlüssel oder ein Bild davon sieht, kann die Codes dieses Kontos erzeugen. Achte darauf, dass niemand auf deinen Bildschirm schaut.',
    exportButton: 'Exportieren',
    exportMessage: (count: number) =>
      count === 1
        ? 'Den Schlüssel von 1 Konto exportieren?'
        : `Die Schlüssel von ${count} Konten exportieren?`,
    exportDetail:
      'Wer den Export bekommt, kann die Codes aller darin enthaltenen Konten erzeugen. Halte ihn aus Bildschirmfotos, Chats und geteilten Ordnern heraus.',
    debuggingRefused: (flag: string) =>
      `Keyfob startet nicht mit ${flag}: Damit könnten andere Programme das Fenster lesen und steuern, das deine Schlüssel zeigt.`,
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
    cancel: '取消',
    revealButton: '显示密钥',
    revealMessage: (name: string) => `显示 ${name} 的密钥？`,
    revealDetail: '任何看到密钥或其图片的人都能生成此账户的验证码。请确保没有人在看你的屏幕。',
    exportButton: '导出',
    exportMessage: (count: number) => `导出 ${count} 个账户的密钥？`,
    exportDetail: '拿到导出内容的人可以生成其中所有账户的验证码。请勿将其放入截图、聊天或共享文件夹。',
    debuggingRefused: (flag: string) =>
      `Keyfob 不会在带有 ${flag} 的情况下启动：它会让其他程序读取并控制显示你密钥的窗口。`,
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

/** What main asks before a key leaves the vault (see ConfirmRequest in main/ipc.ts). */
export type KeyQuestion = { kind: 'reveal'; account: string } | { kind: 'export'; count: number };

/**
 * The native question for `request`, in the labels' language. "Cancel" is the default and the answer to
 * Escape or closing the box, so only a deliberate click on the second button says yes (response 1).
 */
export function keyQuestion(request: KeyQuestion, labels: MenuLabels) {
  const reveal = request.kind === 'reveal';
  return {
    type: 'warning' as const,
    title: 'Keyfob',
    message: reveal ? labels.revealMessage(request.account) : labels.exportMessage(request.count),
    detail: reveal ? labels.revealDetail : labels.exportDetail,
    buttons: [labels.cancel, reveal ? labels.revealButton : labels.exportButton],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
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
