import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { Resource } from 'i18next';
import type { ErrorInfo } from '../../preload/api';
import { createI18n, errorText, matchLanguage } from '../../locales/i18n';
import { readCatalogues } from '../../locales/node';

/**
 * The tray and application menus as plain data, so they are tested without Electron; main.ts turns them into
 * Menus. Their words, the notifications' and main's own dialogs' are the `shell` catalogue, in the window's
 * language.
 */

// main/app/ in the sources and dist/main/ in the build (and the packaged app) are both two folders down.
const LOCALES = join(__dirname, '..', '..', 'locales');
// Read on first use: a main process refusing to start (debuggingRefused) needs one language, the tray all.
let shell: Resource | undefined;

const MENU_WORDS = [
  'file',
  'edit',
  'window',
  'help',
  'undo',
  'redo',
  'cut',
  'copy',
  'paste',
  'selectAll',
  'services',
  'hide',
  'hideOthers',
  'unhide',
  'minimize',
  'zoom',
  'front',
  'close',
] as const;
type MenuWord = (typeof MENU_WORDS)[number];

export interface MenuLabels {
  show: string;
  quit: string;
  about: string;
  licence: string;
  noAccounts: string;
  copy: (name: string) => string;
  copied: (name: string) => string;
  copiedNext: string;
  copyFailed: string;
  cancel: string;
  revealButton: string;
  revealMessage: (name: string) => string;
  revealDetail: string;
  exportButton: string;
  exportMessage: (count: number) => string;
  exportDetail: string;
  /** The save dialog of the window's encrypted backup: its title and the name of its file type. */
  backupSaveTitle: string;
  backupFileType: string;
  debuggingRefused: (flag: string) => string;
  /** The application menu's own words: Electron's role labels are English outside macOS. */
  menu: Record<MenuWord, string>;
  /** An error in a notification: the window's wording of it, in the shell's language. */
  error: (error: ErrorInfo) => string;
}

/** The shell's words for a language setting or a system locale (`de-AT`, `zh`), English where none fits. */
export function menuLabels(locale: string): MenuLabels {
  // errors and errorWords too: a notification may have to say why a copy failed.
  shell ??= readCatalogues(LOCALES, { namespaces: ['shell', 'errors', 'errorWords'] });
  const i18n = createI18n(shell, matchLanguage([locale]));
  const t = (key: string, params?: Record<string, string | number>) => i18n.t(`shell:${key}`, params ?? {});
  return {
    show: t('show'),
    quit: t('quit'),
    about: t('about'),
    licence: t('licence'),
    noAccounts: t('noAccounts'),
    copy: (name) => t('copy', { name }),
    copied: (name) => t('copied', { name }),
    copiedNext: t('copiedNext'),
    copyFailed: t('copyFailed'),
    cancel: t('cancel'),
    revealButton: t('revealButton'),
    revealMessage: (name) => t('revealMessage', { name }),
    revealDetail: t('revealDetail'),
    exportButton: t('exportButton'),
    exportMessage: (count) => t('exportMessage', { count }),
    exportDetail: t('exportDetail'),
    backupSaveTitle: t('backupSaveTitle'),
    backupFileType: t('backupFileType'),
    debuggingRefused: (flag) => t('debuggingRefused', { flag }),
    menu: Object.fromEntries(MENU_WORDS.map((w) => [w, t(`menu.${w}`)])) as Record<MenuWord, string>,
    error: (error) => {
      const words = errorText(i18n, error, 'app');
      return words.hint ? `${words.message} ${words.hint}` : words.message;
    },
  };
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
          toolTip: labels.copy(a.issuer || a.label),
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

/**
 * The application menu with each platform's conventions: the app menu on macOS, File/Edit/Help elsewhere. Every
 * item has its label from the catalogue: Electron's role labels are English, whatever the language.
 */
export function appMenu(platform: NodeJS.Platform, labels: MenuLabels): MenuItemConstructorOptions[] {
  const m = labels.menu;
  // The edit roles give the text fields copy, paste and undo with the usual keys on every platform.
  const edit: MenuItemConstructorOptions = {
    label: m.edit,
    submenu: [
      { role: 'undo', label: m.undo },
      { role: 'redo', label: m.redo },
      { type: 'separator' },
      { role: 'cut', label: m.cut },
      { role: 'copy', label: m.copy },
      { role: 'paste', label: m.paste },
      { role: 'selectAll', label: m.selectAll },
    ],
  };
  if (platform === 'darwin') {
    return [
      {
        label: 'Keyfob',
        submenu: [
          { role: 'about', label: labels.about },
          { type: 'separator' },
          { role: 'services', label: m.services },
          { type: 'separator' },
          { role: 'hide', label: m.hide },
          { role: 'hideOthers', label: m.hideOthers },
          { role: 'unhide', label: m.unhide },
          { type: 'separator' },
          { role: 'quit', label: labels.quit },
        ],
      },
      edit,
      {
        role: 'windowMenu',
        label: m.window,
        submenu: [
          { role: 'minimize', label: m.minimize },
          { role: 'zoom', label: m.zoom },
          { type: 'separator' },
          { role: 'front', label: m.front },
          { role: 'close', label: m.close },
        ],
      },
    ];
  }
  return [
    { label: m.file, submenu: [{ role: 'quit', label: labels.quit }] },
    edit,
    { role: 'help', label: m.help, submenu: [{ role: 'about', label: labels.about }] },
  ];
}

/** What main asks before a key leaves the vault (see ConfirmRequest in main/ipc/context.ts). */
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
export function aboutOptions(version: string, versions: NodeJS.ProcessVersions, labels: MenuLabels) {
  return {
    applicationName: 'Keyfob',
    applicationVersion: version,
    version: `Electron ${versions.electron ?? '?'} · Chromium ${versions.chrome ?? '?'} · Node ${versions.node}`,
    copyright: labels.licence,
  };
}
