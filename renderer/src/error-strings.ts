import type { AppErrorKey, ErrorInfo, ErrorKey } from '../../preload/api';
import { cognitoErrors } from './errors/cognito';
import { formatsErrors } from './errors/formats';
import { importErrors } from './errors/import';
import type { ErrorCatalog, ErrorEntry } from './errors/types';
import { vaultErrors } from './errors/vault';
import type { Lang } from './strings';

const screenHint: Record<'de' | 'zh', Record<string, string>> = {
  de: {
    macos:
      'Erlaube Keyfob unter Systemeinstellungen → Datenschutz & Sicherheit → Bildschirm- & Systemaudioaufnahme, dann beende und öffne Keyfob neu.',
    wayland:
      'Wähle im Dialog deines Desktops die Bildschirme zum Teilen. Erscheint keiner, installiere xdg-desktop-portal und das Portal deines Desktops (xdg-desktop-portal-gnome oder -kde) und versuche es erneut.',
    windows:
      'Eine Richtlinie deiner Organisation blockiert vielleicht Bildschirmaufnahmen; öffne den QR-Code stattdessen als Bilddatei.',
    other:
      'Prüfe, ob dein Desktop Anwendungen Bildschirmaufnahmen erlaubt, oder öffne den QR-Code als Bilddatei.',
  },
  zh: {
    macos: '请在“系统设置 → 隐私与安全性 → 录屏与系统录音”中允许 Keyfob，然后退出并重新打开 Keyfob。',
    wayland:
      '请在桌面弹出的对话框中选择要共享的屏幕。如果没有出现对话框，请安装 xdg-desktop-portal 及桌面对应的门户（xdg-desktop-portal-gnome 或 -kde），然后重试。',
    windows: '屏幕截取可能被你所在组织的策略阻止；请改为以图片文件打开二维码。',
    other: '请检查桌面是否允许应用截取屏幕，或改为以图片文件打开二维码。',
  },
};

/** German and Chinese for the app's own keyed errors; the other areas have theirs in ./errors/. */
const APP_ERRORS: ErrorCatalog<AppErrorKey> = {
  de: {
    noLinkInText: {
      message: () => 'In diesem Text steht kein otpauth://- oder otpauth-migration://-Link.',
      hint: () =>
        'Füge den Link ein, den eine Website unter ihrem QR-Code zeigt, oder füge das Konto mit seinem Schlüssel hinzu.',
    },
    qrNotFound: {
      message: () => 'Es wurde kein QR-Code gefunden.',
      hint: () =>
        'Mach den QR-Code größer und schärfer (heranzoomen oder das Bild zuschneiden) und versuche es erneut.',
    },
    screenNotSetupCodes: {
      message: () => 'Die QR-Codes auf deinen Bildschirmen sind keine Einrichtungscodes für Authenticator.',
      hint: () =>
        'Zeige den Einrichtungs-QR-Code vollständig auf einem Bildschirm (nicht von diesem Fenster verdeckt) und scanne erneut.',
    },
    screenNoQr: {
      message: (p) =>
        Number(p.screens) === 1
          ? 'Auf dem Bildschirm wurde kein QR-Code gefunden.'
          : `Auf keinem der ${p.screens} Bildschirme wurde ein QR-Code gefunden.`,
      hint: () =>
        'Zeige den Einrichtungs-QR-Code vollständig auf einem Bildschirm (nicht von diesem Fenster verdeckt) und scanne erneut.',
    },
    screenDenied: {
      message: () => 'Keyfob durfte den Bildschirm nicht aufnehmen.',
      hint: (p) => screenHint.de[String(p.system)] ?? screenHint.de.other!,
    },
    screenNoPicture: {
      message: () => 'Keyfob konnte den Bildschirm nicht sehen (das System lieferte kein Bild).',
      hint: (p) => screenHint.de[String(p.system)] ?? screenHint.de.other!,
    },
    counterOnRequest: {
      message: () => 'Ein zählerbasierter Code wird auf Anfrage erzeugt.',
      hint: () => 'Verwende „Code erzeugen“.',
    },
    linkGone: {
      message: () => 'Dieser Link wartet nicht mehr.',
      hint: () => 'Öffne ihn erneut.',
    },
    accountGone: {
      message: () => 'Dieses Konto gibt es nicht mehr.',
      hint: () =>
        'Vielleicht wurde es inzwischen gelöscht, hier oder über die Befehlszeile; die Liste zeigt die vorhandenen Konten.',
    },
    shortcutNeedsModifier: {
      message: () =>
        'Ein Kürzel braucht eine oder mehrere Umschalttasten und eine weitere Taste, z. B. Strg+Alt+1.',
      hint: () => 'Halte die Umschalttasten und drücke die Taste.',
    },
    shortcutTwice: {
      message: (p) => `${p.accelerator} ist das Kürzel von zwei Konten.`,
      hint: () => 'Wähle für eines davon eine andere Tastenkombination.',
    },
    shortcutIsQuickSearch: {
      message: (p) => `${p.accelerator} ist zugleich das Kürzel der Schnellsuche und das eines Kontos.`,
      hint: () => 'Wähle für eines davon eine andere Tastenkombination.',
    },
    clipboardSeconds: {
      message: () => 'Die Zeit für die Zwischenablage muss zwischen 5 und 600 Sekunden liegen.',
      hint: () => 'Wähle eine Zeit in diesem Bereich.',
    },
    notALink: { message: () => 'Das ist kein otpauth://- oder otpauth-migration://-Link.' },
    internal: {
      message: () => 'In Keyfob ist etwas schiefgegangen.',
      hint: () => 'Versuche es erneut; passiert es wieder, starte Keyfob neu.',
    },
  },
  zh: {
    noLinkInText: {
      message: () => '这段文字中没有 otpauth:// 或 otpauth-migration:// 链接。',
      hint: () => '请粘贴网站在二维码下方显示的链接，或通过密钥添加账户。',
    },
    qrNotFound: {
      message: () => '未找到二维码。',
      hint: () => '请把二维码放大、弄清晰些（放大或裁剪图片），然后重试。',
    },
    screenNotSetupCodes: {
      message: () => '屏幕上的二维码不是身份验证器的设置码。',
      hint: () => '请将设置二维码完整显示在屏幕上（不要被此窗口遮挡），然后重新扫描。',
    },
    screenNoQr: {
      message: (p) =>
        Number(p.screens) === 1 ? '屏幕上未找到二维码。' : `${p.screens} 个屏幕上都未找到二维码。`,
      hint: () => '请将设置二维码完整显示在屏幕上（不要被此窗口遮挡），然后重新扫描。',
    },
    screenDenied: {
      message: () => 'Keyfob 未获准截取屏幕。',
      hint: (p) => screenHint.zh[String(p.system)] ?? screenHint.zh.other!,
    },
    screenNoPicture: {
      message: () => 'Keyfob 无法看到屏幕（系统未提供画面）。',
      hint: (p) => screenHint.zh[String(p.system)] ?? screenHint.zh.other!,
    },
    counterOnRequest: {
      message: () => '基于计数器的验证码需按需生成。',
      hint: () => '请使用“生成验证码”。',
    },
    linkGone: {
      message: () => '此链接已不在等待中。',
      hint: () => '请重新打开它。',
    },
    accountGone: {
      message: () => '此账户已不存在。',
      hint: () => '它可能已在此处或通过命令行被删除；列表显示现有的账户。',
    },
    shortcutNeedsModifier: {
      message: () => '快捷键需要一个或多个修饰键加一个其他键，例如 Ctrl+Alt+1。',
      hint: () => '请按住修饰键再按该键。',
    },
    shortcutTwice: {
      message: (p) => `${p.accelerator} 是两个账户的快捷键。`,
      hint: () => '请为其中一个选择其他组合键。',
    },
    shortcutIsQuickSearch: {
      message: (p) => `${p.accelerator} 既是快速搜索的快捷键，也是某个账户的快捷键。`,
      hint: () => '请为其中一个选择其他组合键。',
    },
    clipboardSeconds: {
      message: () => '剪贴板时间必须在 5 到 600 秒之间。',
      hint: () => '请选择此范围内的时间。',
    },
    notALink: { message: () => '这不是 otpauth:// 或 otpauth-migration:// 链接。' },
    internal: {
      message: () => 'Keyfob 内部出错了。',
      hint: () => '请重试；如果问题持续，请重启 Keyfob。',
    },
  },
};

/**
 * Every keyed error (preload/api.ts ErrorKey) in German and Chinese; English is main's own text. A key missing
 * from any area fails the type check, so a new keyed error cannot ship untranslated.
 */
const ERRORS: Record<'de' | 'zh', Record<ErrorKey, ErrorEntry>> = {
  de: { ...APP_ERRORS.de, ...cognitoErrors.de, ...formatsErrors.de, ...importErrors.de, ...vaultErrors.de },
  zh: { ...APP_ERRORS.zh, ...cognitoErrors.zh, ...formatsErrors.zh, ...importErrors.zh, ...vaultErrors.zh },
};

/** An error in the window's language: a keyed one translated, any other (and all in English) as main wrote it. */
export function errorText(error: ErrorInfo, lang: Lang): { message: string; hint?: string } {
  const entry = lang === 'en' || !error.key ? undefined : ERRORS[lang][error.key];
  if (!entry) return { message: error.message, ...(error.hint ? { hint: error.hint } : {}) };
  const params = error.params ?? {};
  const hint = entry.hint?.(params) ?? error.hint;
  return { message: entry.message(params), ...(hint ? { hint } : {}) };
}

/** A reason (an import refusal, an export exclusion) in the window's language, from its key when it has one. */
export function reasonText(
  r: { reason: string; reasonKey?: ErrorKey; reasonParams?: Record<string, string | number> },
  lang: Lang,
): string {
  return errorText(
    {
      code: '',
      message: r.reason,
      ...(r.reasonKey ? { key: r.reasonKey } : {}),
      ...(r.reasonParams ? { params: r.reasonParams } : {}),
    },
    lang,
  ).message;
}
