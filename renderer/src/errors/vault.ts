import type { VaultErrorKey } from '../../../preload/error-keys/vault';
import type { ErrorCatalog, ErrorParams } from './types';

type Lang = 'de' | 'zh';

/** A parameter main sends as one of a few English words, in the window's language (unknown ones as they came). */
function pick(table: Record<string, string>, value: string | number | undefined): string {
  const v = String(value ?? '');
  return table[v] ?? v;
}

/** What a JsonStore holds (its `what`, in English from main). */
const WHAT: Record<Lang, Record<string, string>> = {
  de: {
    'the accounts': 'die Konten',
    'the settings': 'die Einstellungen',
    'the pool profiles': 'die Pool-Profile',
  },
  zh: { 'the accounts': '账户', 'the settings': '设置', 'the pool profiles': '用户池配置' },
};

/** ioError's action, as the participle ("konnte nicht … werden") and as a verb. */
const IO_ACTION: Record<Lang, Record<string, string>> = {
  de: {
    read: 'gelesen',
    'move aside': 'beiseitegelegt',
    write: 'geschrieben',
    create: 'angelegt',
    lock: 'gesperrt',
  },
  zh: { read: '读取', 'move aside': '移到一旁', write: '写入', create: '创建', lock: '锁定' },
};

function ioWhy(lang: Lang, p: ErrorParams): string {
  if (p.reason === 'permission') return lang === 'de' ? 'Zugriff verweigert' : '权限被拒绝';
  if (p.reason === 'diskFull') return lang === 'de' ? 'der Datenträger ist voll' : '磁盘已满';
  return p.code ? String(p.code) : lang === 'de' ? 'unbekannter Fehler' : '未知错误';
}

/** The keychain request that timed out. */
const OPERATION: Record<Lang, Record<string, string>> = {
  de: { read: 'Leseanfrage', write: 'Schreibanfrage', delete: 'Löschanfrage', list: 'Auflistungsanfrage' },
  zh: { read: '读取请求', write: '写入请求', delete: '删除请求', list: '列出请求' },
};

/** How to unlock a locked keychain, per platform (and, on Linux, per desktop). */
const UNLOCK: Record<Lang, Record<'kde' | 'gnome' | 'darwin' | 'win32', string>> = {
  de: {
    kde: 'Öffne KWallet Manager und entsperre deine Wallet (und achte darauf, dass die „Secret Service“-Integration aktiviert ist), dann versuche es erneut.',
    gnome:
      'Entsperre den Schlüsselbund „Login“ (in Passwörter und Verschlüsselung / Seahorse oder im Terminal mit gnome-keyring-daemon --unlock, wobei du dein Passwort eingibst), dann versuche es erneut.',
    darwin:
      'Entsperre den Schlüsselbund „login“ in Keychain Access (Schlüsselbundverwaltung), dann versuche es erneut.',
    win32: 'Melde dich interaktiv bei Windows an und versuche es erneut.',
  },
  zh: {
    kde: '请打开 KWallet Manager 并解锁你的钱包（并确认已启用“Secret Service”集成），然后重试。',
    gnome:
      '请解锁“Login”密钥环（在“密码和密钥”/ Seahorse 中，或在终端中运行 gnome-keyring-daemon --unlock 并输入密码），然后重试。',
    darwin: '请在 Keychain Access（钥匙串访问）中解锁“login”钥匙串，然后重试。',
    win32: '请以交互方式登录 Windows，然后重试。',
  },
};

function unlockHint(lang: Lang, p: ErrorParams): string {
  if (p.platform === 'linux') return UNLOCK[lang][p.desktop === 'kde' ? 'kde' : 'gnome'];
  return UNLOCK[lang][p.platform === 'darwin' ? 'darwin' : 'win32'];
}

/** German and Chinese for the vault errors main marks with a key. */
export const vaultErrors: ErrorCatalog<VaultErrorKey> = {
  de: {
    vaultKeychainLocked: {
      message: (p) =>
        `Der Schlüsselbund (${p.keychain}) hat keines der Elemente von Keyfob geliefert: Er ist gesperrt, oder seine Elemente wurden gelöscht.`,
      hint: (p) =>
        p.platform === 'linux'
          ? 'Entsperre den Schlüsselbund „Login“ (Passwörter und Verschlüsselung / Seahorse, KWallet Manager oder im Terminal: gnome-keyring-daemon --unlock) und versuche es erneut.'
          : 'Entsperre deinen Schlüsselbund und versuche es erneut.',
    },
    vaultSecretMissing: {
      message: (p) => `Der Schlüssel von ${p.account} ist nicht im Schlüsselbund (${p.keychain}).`,
      hint: () =>
        'Vielleicht wurde er außerhalb von Keyfob gelöscht. Entferne das Konto und füge es auf der Website erneut hinzu.',
    },
    vaultSecretUnreadable: {
      message: (p) => `Das Schlüsselbund-Element von ${p.account} hat nicht das Format von Keyfob.`,
      hint: () => 'Entferne das Konto und füge es auf der Website erneut hinzu.',
    },
    vaultAccountNotFound: {
      message: (p) => `Es gibt kein Konto mit der ID ${p.id}.`,
    },
    vaultAccountRemovedMeanwhile: {
      message: (p) => `${p.account} wurde inzwischen entfernt.`,
    },
    vaultNameNeeded: {
      message: () => 'Das Konto braucht einen Namen.',
      hint: () => 'Gib den Benutzernamen oder die E-Mail-Adresse ein, mit der du dich anmeldest.',
    },
    vaultDigitsUnsupported: {
      message: (p) => `Codes mit ${p.digits} Stellen werden nicht unterstützt.`,
      hint: () => 'Verwende 6, 7 oder 8 Stellen.',
    },
    vaultPeriodInvalid: {
      message: (p) => `Der Zeitraum muss eine positive ganze Zahl von Sekunden sein, nicht ${p.period}.`,
      hint: () => 'Die meisten Websites verwenden 30 Sekunden.',
    },
    vaultCounterInvalid: {
      message: (p) => `Der Zähler muss null oder größer sein, nicht ${p.counter}.`,
    },
    vaultNameEmpty: {
      message: () => 'Der Kontoname darf nicht leer sein.',
    },
    vaultNotAddedSameKey: {
      message: (p) => `Nicht hinzugefügt: Derselbe Schlüssel ist bereits als ${p.existing} gespeichert.`,
      hint: () => 'Es gibt nichts hinzuzufügen: Das Konto ist bereits in deiner Liste.',
    },
    vaultDuplicateSameKey: {
      message: (p) => `derselbe Schlüssel ist bereits als ${p.existing} gespeichert`,
    },
    vaultSharesName: {
      message: (p) => `es heißt wie ${p.existing}, das einen anderen Schlüssel hat`,
    },
    vaultNotStored: {
      message: () => 'nicht gespeichert',
    },
    vaultRemovedWhileAdding: {
      message: () => 'Es wurde entfernt, während es hinzugefügt wurde.',
    },
    vaultIoFailed: {
      message: (p) => `${p.path} konnte nicht ${pick(IO_ACTION.de, p.action)} werden (${ioWhy('de', p)}).`,
      hint: () => 'Prüfe, ob der Ordner existiert und beschreibbar ist, und versuche es erneut.',
    },
    vaultFileNewer: {
      message: (p) =>
        `${p.file} wurde von einer neueren Version von Keyfob geschrieben (Schema ${p.schema}).`,
      hint: () => 'Aktualisiere Keyfob, um diesen Tresor zu öffnen; die Datei wurde nicht verändert.',
    },
    vaultBusy: {
      message: (p) => `Ein anderer Keyfob-Prozess ändert seit mehr als 10 Sekunden ${pick(WHAT.de, p.what)}.`,
      hint: (p) =>
        `Warte, bis er fertig ist, und versuche es erneut. Läuft kein Keyfob, lösche ${p.lockFile}.`,
    },
    keychainModuleMissing: {
      message: () => 'Das Schlüsselbund-Modul (keytar) konnte nicht geladen werden.',
      hint: (p) =>
        p.platform === 'linux'
          ? 'Installiere libsecret (Debian/Ubuntu: sudo apt-get install libsecret-1-0, und libsecret-1-dev, um aus dem Quellcode zu bauen); in einem Quellcode-Checkout führe `npm ci` erneut aus, damit keytar neu gebaut wird.'
          : 'Führe `npm ci` erneut aus, damit keytar für diesen Rechner neu gebaut wird.',
    },
    keychainTimedOut: {
      message: (p) =>
        `Der Schlüsselbund hat eine ${pick(OPERATION.de, p.operation)} nicht innerhalb von ${p.seconds} s beantwortet; vermutlich ist er gesperrt und wartet auf eine Entsperrabfrage, die hier nicht angezeigt werden kann.`,
      hint: (p) => unlockHint('de', p),
    },
    keychainNoDbus: {
      message: () =>
        'Es läuft kein D-Bus-Session-Bus, daher erreicht Keyfob den Secret Service nicht, der seine Schlüssel verwahrt.',
      hint: () =>
        'Starte Keyfob in deiner Desktop-Sitzung. Auf einem Rechner ohne Bildschirm starte eine mit GNOME Keyring: ' +
        'dbus-run-session -- sh -c \'printf %s "$PASSWORD" | gnome-keyring-daemon --unlock --components=secrets; keyfob …\'',
    },
    keychainNoSecretService: {
      message: () => 'Es läuft kein Secret Service (weder GNOME Keyring noch KWallet antwortet über D-Bus).',
      hint: () =>
        'Installiere und starte GNOME Keyring (Debian/Ubuntu: sudo apt-get install gnome-keyring) oder aktiviere die Secret-Service-Integration von KWallet, dann versuche es erneut.',
    },
    keychainNoLoginKeyring: {
      message: () =>
        'Der Secret Service hat keinen Schlüsselbund „Login“ (Collection) zum Speichern von Schlüsseln und konnte hier keinen anlegen.',
      hint: () =>
        'Öffne Passwörter und Verschlüsselung (Seahorse), lege einen Schlüsselbund namens „Login“ an und mache ihn zum Standard; oder ohne Bildschirm: printf %s "$PASSWORD" | gnome-keyring-daemon --unlock legt ihn an und entsperrt ihn.',
    },
    keychainLinuxLocked: {
      message: () => 'Der Schlüsselbund mit den Schlüsseln von Keyfob ist gesperrt.',
      hint: (p) => unlockHint('de', { ...p, platform: 'linux' }),
    },
    keychainMacLocked: {
      message: () => 'Der macOS-Schlüsselbund ist gesperrt, oder der Zugriff wurde abgelehnt.',
      hint: () =>
        'Entsperre den Schlüsselbund „login“ in Keychain Access (Schlüsselbundverwaltung) und erlaube Keyfob den Zugriff, dann versuche es erneut.',
    },
    keychainWindowsUnavailable: {
      message: () => 'Windows Credential Manager ist in dieser Sitzung nicht verfügbar.',
      hint: () =>
        'Melde dich interaktiv bei Windows an (nicht als Dienst oder über eine Netzwerkanmeldung) und versuche es erneut.',
    },
    keychainRefused: {
      message: (p) => `Der Schlüsselbund hat die Anfrage abgelehnt: ${p.detail}`,
      hint: () => 'Prüfe, ob dein Schlüsselbund entsperrt ist und funktioniert, dann versuche es erneut.',
    },
  },
  zh: {
    vaultKeychainLocked: {
      message: (p) => `钥匙串（${p.keychain}）没有返回任何 Keyfob 的条目：它已锁定，或其中的条目已被删除。`,
      hint: (p) =>
        p.platform === 'linux'
          ? '请解锁“Login”密钥环（“密码和密钥”/ Seahorse、KWallet Manager，或在终端中运行 gnome-keyring-daemon --unlock），然后重试。'
          : '请解锁你的钥匙串，然后重试。',
    },
    vaultSecretMissing: {
      message: (p) => `${p.account} 的密钥不在钥匙串（${p.keychain}）中。`,
      hint: () => '它可能已在 Keyfob 之外被删除。请移除该账户，然后从网站重新添加。',
    },
    vaultSecretUnreadable: {
      message: (p) => `${p.account} 的钥匙串条目不是 Keyfob 的格式。`,
      hint: () => '请移除该账户，然后从网站重新添加。',
    },
    vaultAccountNotFound: {
      message: (p) => `没有 ID 为 ${p.id} 的账户。`,
    },
    vaultAccountRemovedMeanwhile: {
      message: (p) => `${p.account} 已在此期间被移除。`,
    },
    vaultNameNeeded: {
      message: () => '账户需要一个名称。',
      hint: () => '请填写你登录时使用的用户名或电子邮件地址。',
    },
    vaultDigitsUnsupported: {
      message: (p) => `不支持 ${p.digits} 位的验证码。`,
      hint: () => '请使用 6、7 或 8 位。',
    },
    vaultPeriodInvalid: {
      message: (p) => `周期必须是正整数秒，而不是 ${p.period}。`,
      hint: () => '大多数网站使用 30 秒。',
    },
    vaultCounterInvalid: {
      message: (p) => `计数器必须大于或等于零，而不是 ${p.counter}。`,
    },
    vaultNameEmpty: {
      message: () => '账户名称不能为空。',
    },
    vaultNotAddedSameKey: {
      message: (p) => `未添加：相同的密钥已存储为 ${p.existing}。`,
      hint: () => '无需添加：该账户已在你的列表中。',
    },
    vaultDuplicateSameKey: {
      message: (p) => `相同的密钥已存储为 ${p.existing}`,
    },
    vaultSharesName: {
      message: (p) => `与 ${p.existing} 同名，但密钥不同`,
    },
    vaultNotStored: {
      message: () => '未存储',
    },
    vaultRemovedWhileAdding: {
      message: () => '它在添加过程中被移除了。',
    },
    vaultIoFailed: {
      message: (p) => `无法${pick(IO_ACTION.zh, p.action)} ${p.path}（${ioWhy('zh', p)}）。`,
      hint: () => '请检查该文件夹是否存在且可写，然后重试。',
    },
    vaultFileNewer: {
      message: (p) => `${p.file} 由更新版本的 Keyfob 写入（架构 ${p.schema}）。`,
      hint: () => '请更新 Keyfob 以打开此保管库；该文件未被改动。',
    },
    vaultBusy: {
      message: (p) => `另一个 Keyfob 进程修改${pick(WHAT.zh, p.what)}已超过 10 秒。`,
      hint: (p) => `请等待它完成后重试。如果没有 Keyfob 在运行，请删除 ${p.lockFile}。`,
    },
    keychainModuleMissing: {
      message: () => '无法加载钥匙串模块（keytar）。',
      hint: (p) =>
        p.platform === 'linux'
          ? '请安装 libsecret（Debian/Ubuntu：sudo apt-get install libsecret-1-0，从源码构建还需 libsecret-1-dev）；在源码检出中，请重新运行 `npm ci` 以重新构建 keytar。'
          : '请重新运行 `npm ci`，以便为这台机器重新构建 keytar。',
    },
    keychainTimedOut: {
      message: (p) =>
        `钥匙串未在 ${p.seconds} 秒内响应${pick(OPERATION.zh, p.operation)}；它可能已锁定，正在等待一个无法在此显示的解锁提示。`,
      hint: (p) => unlockHint('zh', p),
    },
    keychainNoDbus: {
      message: () => '没有运行 D-Bus 会话总线，因此 Keyfob 无法连接到保存其密钥的 Secret Service。',
      hint: () =>
        '请在你的桌面会话中运行 Keyfob。在无桌面的机器上，可以用 GNOME Keyring 启动一个会话：' +
        'dbus-run-session -- sh -c \'printf %s "$PASSWORD" | gnome-keyring-daemon --unlock --components=secrets; keyfob …\'',
    },
    keychainNoSecretService: {
      message: () => '没有运行 Secret Service（GNOME Keyring 和 KWallet 都没有在 D-Bus 上响应）。',
      hint: () =>
        '请安装并启动 GNOME Keyring（Debian/Ubuntu：sudo apt-get install gnome-keyring），或启用 KWallet 的 Secret Service 集成，然后重试。',
    },
    keychainNoLoginKeyring: {
      message: () => 'Secret Service 没有用于存储密钥的“Login”密钥环（collection），并且无法在此创建。',
      hint: () =>
        '请打开“密码和密钥”（Seahorse），创建一个名为“Login”的密钥环并将其设为默认；或者在无桌面环境中：printf %s "$PASSWORD" | gnome-keyring-daemon --unlock 会创建并解锁它。',
    },
    keychainLinuxLocked: {
      message: () => '保存 Keyfob 密钥的密钥环已锁定。',
      hint: (p) => unlockHint('zh', { ...p, platform: 'linux' }),
    },
    keychainMacLocked: {
      message: () => 'macOS 钥匙串已锁定，或访问被拒绝。',
      hint: () => '请在 Keychain Access（钥匙串访问）中解锁“login”钥匙串并允许 Keyfob 访问，然后重试。',
    },
    keychainWindowsUnavailable: {
      message: () => 'Windows Credential Manager 在此会话中不可用。',
      hint: () => '请以交互方式登录 Windows（而不是作为服务或通过网络登录），然后重试。',
    },
    keychainRefused: {
      message: (p) => `钥匙串拒绝了该请求：${p.detail}`,
      hint: () => '请检查你的钥匙串是否已解锁并正常工作，然后重试。',
    },
  },
};
