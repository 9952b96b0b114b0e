import type { FormatsErrorKey } from '../../../preload/error-keys/formats';
import type { ErrorCatalog, ErrorParams } from './types';

// ---------------------------------------------------------------------------------------------------------------
// Shared pieces: hints several errors give, and the words main sends as parameters (formats, parts, phrases).

const HINT = {
  de: {
    resave: 'Mach einen neuen Screenshot nur vom QR-Code oder speichere das Bild erneut als PNG.',
    smaller: 'Mach einen Screenshot nur vom QR-Code oder schneide das Bild auf den Code zu.',
    capture: 'Nimm den Bildschirm oder das Kamerabild erneut auf.',
    link: 'Kopiere den Einrichtungslink erneut oder füge das Konto stattdessen mit seinem Schlüssel hinzu.',
    newCode: 'Bitte die Website um einen neuen Einrichtungscode.',
    wholeKey: 'Kopiere den vollständigen Einrichtungsschlüssel erneut von der Website.',
    migration: 'Scanne den QR-Code erneut oder exportiere noch einmal aus Google Authenticator.',
  },
  zh: {
    resave: '请只对二维码重新截图，或将图片重新保存为 PNG。',
    smaller: '请只对二维码截图，或将图片裁剪到只剩二维码。',
    capture: '请重新截取屏幕或相机画面。',
    link: '请重新复制设置链接，或改为通过密钥添加账户。',
    newCode: '请向网站索取新的设置码。',
    wholeKey: '请从网站重新复制完整的设置密钥。',
    migration: '请重新扫描二维码，或在 Google 身份验证器中重新导出。',
  },
};

const SUPPORTED = {
  de: 'Keyfob kann QR-Codes aus PNG- und JPEG-Bildern lesen.',
  zh: 'Keyfob 可以从 PNG 和 JPEG 图片中读取二维码。',
};

/** Kinds of unsupported files (main/qr/image.ts OTHER_FORMATS). */
const OTHER_FORMATS: Record<'de' | 'zh', Record<string, string>> = {
  de: {
    gif: 'ein GIF-Bild',
    bmp: 'ein BMP-Bild',
    webp: 'ein WebP-Bild',
    tiff: 'ein TIFF-Bild',
    avif: 'ein AVIF-Bild',
    heic: 'ein HEIC/HEIF-Bild',
    isoMedia: 'ein Video oder eine ISO-Mediendatei',
    pdf: 'ein PDF-Dokument',
    svg: 'eine SVG- oder XML-Datei',
    ico: 'eine Symboldatei (ICO)',
  },
  zh: {
    gif: 'GIF 图片',
    bmp: 'BMP 图片',
    webp: 'WebP 图片',
    tiff: 'TIFF 图片',
    avif: 'AVIF 图片',
    heic: 'HEIC/HEIF 图片',
    isoMedia: '视频或 ISO 媒体文件',
    pdf: 'PDF 文档',
    svg: 'SVG 或 XML 文件',
    ico: '图标（ICO）文件',
  },
};

/** Why a file could not be read, by the system's error code (main/qr/index.ts describeIoError). */
const IO_REASON: Record<'de' | 'zh', Record<string, string>> = {
  de: {
    ENOENT: 'die Datei gibt es nicht',
    EISDIR: 'es ist ein Ordner, keine Datei',
    EACCES: 'Zugriff verweigert',
    EPERM: 'Zugriff verweigert',
    ENOTDIR: 'ein Teil des Pfads ist kein Ordner',
    ELOOP: 'der Pfad enthält eine Schleife aus symbolischen Links',
    EMFILE: 'zu viele Dateien sind geöffnet',
    ENFILE: 'zu viele Dateien sind geöffnet',
    EIO: 'der Datenträger meldete einen Ein-/Ausgabefehler',
    ERR_FS_FILE_TOO_LARGE: 'die Datei ist zu groß',
  },
  zh: {
    ENOENT: '文件不存在',
    EISDIR: '这是一个文件夹，不是文件',
    EACCES: '权限被拒绝',
    EPERM: '权限被拒绝',
    ENOTDIR: '路径中有一部分不是文件夹',
    ELOOP: '路径中存在符号链接循环',
    EMFILE: '打开的文件过多',
    ENFILE: '打开的文件过多',
    EIO: '磁盘报告了输入/输出错误',
    ERR_FS_FILE_TOO_LARGE: '文件过大',
  },
};

function ioReason(lang: 'de' | 'zh', errno: string): string {
  const known = IO_REASON[lang][errno];
  if (known) return known;
  if (lang === 'de') return errno ? `das System meldete ${errno}` : 'das System meldete einen Fehler';
  return errno ? `系统报告了 ${errno}` : '系统报告了错误';
}

function ioHint(lang: 'de' | 'zh', errno: string): string {
  const de = lang === 'de';
  switch (errno) {
    case 'ENOENT':
    case 'ENOTDIR':
      return de ? 'Prüfe Dateiname und Ordner und versuche es erneut.' : '请检查文件名和文件夹，然后重试。';
    case 'EISDIR':
      return de ? 'Gib den Pfad der Bilddatei selbst an.' : '请提供图片文件本身的路径。';
    case 'EACCES':
    case 'EPERM':
      return de
        ? 'Mach die Datei für deinen Benutzer lesbar oder kopiere sie an einen Ort, an dem du sie lesen kannst.'
        : '请让你的用户可以读取该文件，或将其复制到你能读取的位置。';
    default:
      return de
        ? 'Prüfe, ob die Datei existiert und sich öffnen lässt, und versuche es erneut.'
        : '请检查文件是否存在且可以打开，然后重试。';
  }
}

/** "Das PNG-Bild" / "Das Bild" (params.format is PNG, JPEG or empty). */
function imageDe(p: ErrorParams): string {
  return p.format ? `Das ${p.format}-Bild` : 'Das Bild';
}

function imageZh(p: ErrorParams): string {
  return p.format ? `该 ${p.format} 图片` : '该图片';
}

/** German writes a decimal comma: 2,5 Megapixel. */
function decimalDe(value: string | number | undefined): string {
  return String(value).replace('.', ',');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The part of an otpauth:// link a message is about (main/otp/uri.ts UriPart), as a German subject. */
function uriPartDe(p: ErrorParams): string {
  switch (p.part) {
    case 'accountName':
      return 'der Kontoname';
    case 'issuer':
      return 'der Anbieter';
    case 'parameterName':
      return 'ein Parametername';
    case 'parameter':
      return `der Parameter „${p.name}“`;
    case 'key':
      return 'der Schlüssel';
    case 'encoder':
      return 'der Parameter „encoder“';
    case 'algorithm':
      return 'der Algorithmus';
    case 'digits':
      return 'die Anzahl der Ziffern';
    case 'counter':
      return 'der Zähler';
    case 'period':
      return 'das Intervall';
    default:
      return 'ein Wert';
  }
}

function uriPartZh(p: ErrorParams): string {
  switch (p.part) {
    case 'accountName':
      return '账户名称';
    case 'issuer':
      return '发行方';
    case 'parameterName':
      return '参数名';
    case 'parameter':
      return `“${p.name}”参数`;
    case 'key':
      return '密钥';
    case 'encoder':
      return '“encoder”参数';
    case 'algorithm':
      return '算法';
    case 'digits':
      return '位数';
    case 'counter':
      return '计数器';
    case 'period':
      return '周期';
    default:
      return '某个值';
  }
}

/**
 * What part of the export data a message is about: main sends its English phrase (params.what, from
 * main/otp/migration.ts and protobuf.ts); German as the subject of a sentence, Chinese as a noun.
 */
const WHAT: Record<'de' | 'zh', Record<string, string>> = {
  de: {
    "an account's key": 'der Schlüssel eines Kontos',
    "an account's name": 'der Name eines Kontos',
    "an account's issuer": 'der Anbieter eines Kontos',
    "an account's algorithm": 'der Algorithmus eines Kontos',
    "an account's digit count": 'die Ziffernanzahl eines Kontos',
    "an account's type": 'die Art eines Kontos',
    "an account's counter": 'der Zähler eines Kontos',
    'an account': 'ein Konto',
    'the version': 'die Versionsangabe',
    'the number of QR codes': 'die Anzahl der QR-Codes',
    'the QR code number': 'die Nummer des QR-Codes',
    'the export id': 'die Export-ID',
    'a field key': 'eine Feldkennung',
    'an unknown number field': 'ein unbekanntes Zahlenfeld',
    'a number': 'eine Zahl',
    'an unknown field': 'ein unbekanntes Feld',
    'an unknown 64-bit field': 'ein unbekanntes 64-Bit-Feld',
    'an unknown 32-bit field': 'ein unbekanntes 32-Bit-Feld',
    'a fixed-size field': 'ein Feld fester Größe',
    'a text or binary field': 'ein Text- oder Binärfeld',
    'a text field': 'ein Textfeld',
    counter: 'der Zähler',
    number: 'die Zahl',
    "the length of an account's key": 'die Längenangabe des Schlüssels eines Kontos',
    "the length of an account's name": 'die Längenangabe des Namens eines Kontos',
    "the length of an account's issuer": 'die Längenangabe des Anbieters eines Kontos',
    'the length of an account': 'die Längenangabe eines Kontos',
    'the length of an unknown field': 'die Längenangabe eines unbekannten Felds',
    'the length of a text or binary field': 'die Längenangabe eines Text- oder Binärfelds',
    'the length of a text field': 'die Längenangabe eines Textfelds',
  },
  zh: {
    "an account's key": '某个账户的密钥',
    "an account's name": '某个账户的名称',
    "an account's issuer": '某个账户的发行方',
    "an account's algorithm": '某个账户的算法',
    "an account's digit count": '某个账户的位数',
    "an account's type": '某个账户的类型',
    "an account's counter": '某个账户的计数器',
    'an account': '某个账户',
    'the version': '版本号',
    'the number of QR codes': '二维码数量',
    'the QR code number': '二维码编号',
    'the export id': '导出 ID',
    'a field key': '某个字段标识',
    'an unknown number field': '某个未知的数字字段',
    'a number': '某个数字',
    'an unknown field': '某个未知字段',
    'an unknown 64-bit field': '某个未知的 64 位字段',
    'an unknown 32-bit field': '某个未知的 32 位字段',
    'a fixed-size field': '某个固定长度字段',
    'a text or binary field': '某个文本或二进制字段',
    'a text field': '某个文本字段',
    counter: '计数器',
    number: '数字',
  },
};

/** A phrase this catalog does not know still gives a sentence, just a less precise one. */
function whatDe(p: ErrorParams): string {
  return capitalise(WHAT.de[String(p.what)] ?? 'ein Wert');
}

function whatZh(p: ErrorParams): string {
  const what = String(p.what);
  const known = WHAT.zh[what];
  if (known) return known;
  const lengthOf = /^the length of (.+)$/.exec(what);
  if (lengthOf) return `${WHAT.zh[lengthOf[1] ?? ''] ?? '某个字段'}的长度`;
  return '某个值';
}

function base64BadDe(p: ErrorParams): string {
  const parts: string[] = [];
  if (p.chars) parts.push(String(p.chars));
  if (Number(p.equalsInMiddle) === 1) parts.push('ein „=“ mitten in den Daten');
  return parts.join(', ');
}

function base64BadZh(p: ErrorParams): string {
  const parts: string[] = [];
  if (p.chars) parts.push(`字符 ${p.chars}`);
  if (Number(p.equalsInMiddle) === 1) parts.push('位于中间的“=”');
  return parts.join('、');
}

const de = HINT.de;
const zh = HINT.zh;

/** German and Chinese for the formats errors main marks with a key. */
export const formatsErrors: ErrorCatalog<FormatsErrorKey> = {
  de: {
    // images
    imageInvalidSize: {
      message: (p) => `${imageDe(p)} gibt eine ungültige Größe an (${p.width} x ${p.height} Pixel).`,
      hint: () => de.resave,
    },
    imageTooManyPixels: {
      message: (p) =>
        `${imageDe(p)} hat ${p.width} x ${p.height} Pixel (${decimalDe(p.megapixels)} Megapixel), mehr als die Grenze von ${decimalDe(p.limit)} Megapixel.`,
      hint: () => de.smaller,
    },
    imagePixelsMismatch: {
      message: (p) => `Das ${p.format}-Bild ist beschädigt: Seine Pixeldaten passen nicht zu seinem Header.`,
      hint: () => de.resave,
    },
    imageEmpty: { message: () => 'Die Bilddatei ist leer.', hint: () => de.resave },
    imageUnsupported: {
      message: (p) => {
        const kind = OTHER_FORMATS.de[String(p.kind)];
        return kind
          ? `Diese Datei ist ${kind}. ${SUPPORTED.de}`
          : `Diese Datei ist kein PNG- oder JPEG-Bild. ${SUPPORTED.de}`;
      },
      hint: () => 'Speichere den Screenshot oder das Foto als PNG oder JPEG und versuche es erneut.',
    },
    imagePngTruncated: {
      message: () => 'Die PNG-Datei endet vor ihrem Header: Sie scheint abgeschnitten zu sein.',
      hint: () => de.resave,
    },
    imagePngNoHeader: {
      message: () => 'Die PNG-Datei ist beschädigt: Ihr Bild-Header fehlt.',
      hint: () => de.resave,
    },
    imagePngChecksum: {
      message: () => 'Die PNG-Datei ist beschädigt: Die Prüfsumme ihres Bild-Headers stimmt nicht.',
      hint: () => de.resave,
    },
    imagePngUnreadable: {
      message: () =>
        'Die PNG-Datei ist beschädigt oder unvollständig, daher lassen sich ihre Pixel nicht lesen.',
      hint: () => de.resave,
    },
    imageDecodeTooSlow: {
      message: (p) =>
        `Das Lesen des Bildes dauerte länger als ${decimalDe(p.seconds)} Sekunden, daher hat Keyfob es abgebrochen.`,
      hint: () => de.smaller,
    },
    imageDecodeTooMuchMemory: {
      message: () =>
        'Das Lesen des Bildes brauchte mehr Speicher, als Keyfob erlaubt, daher hat Keyfob es abgebrochen.',
      hint: () => de.smaller,
    },
    imageDecoderBusy: {
      message: () => 'Keyfob liest noch andere Bilder.',
      hint: () => 'Warte einen Moment und versuche es dann erneut.',
    },
    imagePngTooMuchData: {
      message: (p) =>
        `Die Pixeldaten der PNG-Datei entpacken sich zu mehr, als ein Bild von ${p.width} x ${p.height} braucht, daher liest Keyfob sie nicht: Die Datei ist beschädigt oder darauf angelegt, den Speicher zu erschöpfen.`,
      hint: () => de.resave,
    },
    imageJpegTruncated: {
      message: () =>
        'Die JPEG-Datei endet zu früh: Sie scheint abgeschnitten zu sein (zum Beispiel ein unvollständiger Download).',
      hint: () => de.resave,
    },
    imageJpegBroken: {
      message: () => 'Die JPEG-Datei ist beschädigt: Ihre Struktur ist fehlerhaft.',
      hint: () => de.resave,
    },
    imageJpegShortFrameHeader: {
      message: () => 'Die JPEG-Datei ist beschädigt: Ihr Frame-Header ist zu kurz.',
      hint: () => de.resave,
    },
    imageJpegRareEncoding: {
      message: () =>
        'Dieses JPEG verwendet eine seltene Kodierung (verlustfrei, hierarchisch oder arithmetisch), die Keyfob nicht lesen kann. Keyfob liest PNG- und gewöhnliche JPEG-Bilder.',
      hint: () =>
        'Öffne das Bild in einem beliebigen Bildbetrachter und speichere es erneut als PNG oder als gewöhnliches JPEG.',
    },
    imageJpegTwoFrameHeaders: {
      message: () => 'Die JPEG-Datei ist beschädigt: Sie hat zwei Frame-Header.',
      hint: () => de.resave,
    },
    imageJpegNoHeight: {
      message: () => 'Dieses JPEG gibt in seinem Header keine Höhe an; das wird nicht unterstützt.',
      hint: () =>
        'Öffne das Bild in einem beliebigen Bildbetrachter und speichere es erneut als PNG oder JPEG.',
    },
    imageJpegDataBeforeFrame: {
      message: () => 'Die JPEG-Datei ist beschädigt: Bilddaten stehen vor ihrem Frame-Header.',
      hint: () => de.resave,
    },
    imageJpegNoFrameHeader: {
      message: () => 'Die JPEG-Datei ist beschädigt: Sie hat keinen Frame-Header.',
      hint: () => de.resave,
    },
    imageJpegTooMuchMemory: {
      message: () => 'Das JPEG-Bild braucht zum Dekodieren mehr Speicher, als Keyfob erlaubt.',
      hint: () => de.smaller,
    },
    imageJpegUnreadable: {
      message: () =>
        'Die JPEG-Datei ist beschädigt oder hat ein ungewöhnliches Format, daher lassen sich ihre Pixel nicht lesen.',
      hint: () => de.resave,
    },
    imageNoPixelData: {
      message: () => 'Das Bild hat keine Pixeldaten (erwartet wurden RGBA-Bytes).',
      hint: () => de.capture,
    },
    imageDataSize: {
      message: (p) =>
        `Die Bilddaten haben ${p.bytes} Byte, aber ${p.width} x ${p.height} RGBA-Pixel brauchen ${p.needed}.`,
      hint: () => de.capture,
    },
    imageFileTooBig: {
      message: (p) =>
        `Die Datei „${p.path}“ ist ${p.megabytes} MB groß, zu groß für einen Screenshot oder ein Foto, das Keyfob lesen kann.`,
      hint: () => 'Mach einen Screenshot nur vom QR-Code oder speichere ihn als PNG.',
    },
    imageReadFailed: {
      message: (p) => `„${p.path}“ konnte nicht gelesen werden: ${ioReason('de', String(p.errno ?? ''))}.`,
      hint: (p) => ioHint('de', String(p.errno ?? '')),
    },
    // keys
    secretEmpty: { message: () => 'Der Schlüssel ist leer.', hint: () => de.wholeKey },
    secretTooLong: {
      message: (p) => `Der Schlüssel ist ${p.length} Zeichen lang, weit länger als ein echter.`,
      hint: () => 'Füge nur den Einrichtungsschlüssel ein, nicht die ganze Seite.',
    },
    secretNotBase32: {
      message: (p) =>
        `Der Schlüssel ist kein gültiges base32: Er enthält ${Number(p.count) === 1 ? 'das Zeichen' : 'die Zeichen'} ${p.chars}.`,
      hint: (p) =>
        Number(p.lookalike) === 1
          ? 'Base32-Schlüssel bestehen nur aus den Buchstaben A–Z und den Ziffern 2–7: Prüfe, ob eine 0 ein O sein sollte oder eine 1 ein I oder L.'
          : 'Base32-Schlüssel bestehen nur aus den Buchstaben A–Z und den Ziffern 2–7. Kopiere den Schlüssel erneut von der Website.',
    },
    secretBadLength: {
      message: (p) =>
        `Der Schlüssel hat ${p.length} Zeichen, eine Länge, die kein base32-Schlüssel haben kann; wahrscheinlich fehlt ein Zeichen oder eines ist zu viel.`,
      hint: () => de.wholeKey,
    },
    // otpauth:// links
    uriTooLong: {
      message: (p) => `Der Link ist länger als ${p.max} Byte; so viel braucht kein Einrichtungscode.`,
      hint: () => 'Prüfe, ob nur der otpauth://-Link kopiert wurde.',
    },
    uriNotOtpauth: {
      message: () => 'Das ist kein otpauth://-Link.',
      hint: () =>
        'Einrichtungslinks beginnen mit otpauth://; ein Export aus Google Authenticator beginnt mit otpauth-migration://.',
    },
    uriNoAccountName: {
      message: () => 'Der Link enthält keinen Kontonamen (nach dem Typ folgt nichts).',
      hint: () => de.link,
    },
    uriNoParameters: {
      message: () => 'Der Link hat keine Parameter und enthält daher keinen Schlüssel.',
      hint: () => de.link,
    },
    uriBadEncoding: {
      message: (p) =>
        `${capitalise(uriPartDe(p))} im Link ist nicht korrekt kodiert (ein „%“, auf das keine zwei Hexadezimalziffern folgen, oder Text, der kein UTF-8 ist).`,
      hint: () => de.link,
    },
    uriNotWholeNumber: {
      message: (p) => `${capitalise(uriPartDe(p))} muss eine ganze Zahl sein, nicht „${p.value}“.`,
      hint: () => de.link,
    },
    uriNumberTooSmall: {
      message: (p) =>
        `${capitalise(uriPartDe(p))} muss ${Number(p.min) === 0 ? 'null oder größer' : `mindestens ${p.min}`} sein, nicht ${p.value}.`,
      hint: () => de.link,
    },
    uriAlgorithmUnsupported: {
      message: (p) => `Der Algorithmus „${p.algorithm}“ wird nicht unterstützt.`,
      hint: () =>
        'Keyfob unterstützt SHA1, SHA256 und SHA512, die Algorithmen von RFC 6238; bitte die Website um einen üblichen Authenticator-Code.',
    },
    uriTypeMissing: {
      message: () => 'Der Link gibt nicht an, ob das Konto zeitbasiert (totp) oder zählerbasiert (hotp) ist.',
      hint: () => de.link,
    },
    uriTypeUnknown: {
      message: (p) => `Die Kontoart „${p.type}“ ist unbekannt.`,
      hint: () => 'Keyfob versteht zeitbasierte (totp), zählerbasierte (hotp) und Steam-Guard-Konten.',
    },
    uriEmptyAccountName: {
      message: () => 'Der Link hat einen leeren Kontonamen.',
      hint: () =>
        'Bitte die Website um einen neuen Einrichtungscode oder füge das Konto mit seinem Schlüssel hinzu und gib einen Namen ein.',
    },
    uriNoSecret: {
      message: () => 'Der Link enthält keinen Schlüssel (sein Parameter „secret“ fehlt oder ist leer).',
      hint: () => de.newCode,
    },
    uriDigitsUnsupported: {
      message: (p) => `Codes mit ${p.digits} Ziffern werden nicht unterstützt.`,
      hint: () => 'Authenticator-Codes haben 6, 7 oder 8 Ziffern.',
    },
    uriPeriodNotPositive: {
      message: (p) => `Das Intervall muss eine positive Anzahl Sekunden sein, nicht ${p.value}.`,
      hint: () => de.link,
    },
    // otpauth-migration:// exports
    migrationNotText: { message: () => 'Der Exportlink ist kein Text.', hint: () => de.migration },
    migrationTooLong: {
      message: (p) =>
        `Der Exportlink ist ${p.length} Zeichen lang, weit länger als ein Export aus Google Authenticator.`,
      hint: () => 'Füge nur den otpauth-migration://-Link ein, nicht eine ganze Datei.',
    },
    migrationNotExport: {
      message: () =>
        'Das ist kein Exportlink aus Google Authenticator (er sollte mit otpauth-migration://offline beginnen).',
      hint: () =>
        'Verwende in Google Authenticator „Konten übertragen → Konten exportieren“ und scanne den angezeigten Code.',
    },
    migrationWrongHost: {
      message: (p) =>
        `Der Exportlink verweist auf „${p.host}“ statt auf „offline“ und ist daher kein Export aus Google Authenticator.`,
      hint: () => de.migration,
    },
    // why an account is left out of an export for Google Authenticator
    exportSteam: { message: () => 'Der Export von Google Authenticator kennt keine Steam-Guard-Codes.' },
    exportKind: { message: () => 'Google Authenticator kann diese Art von Code nicht speichern.' },
    exportPeriod: {
      message: (p) =>
        `Der Export von Google Authenticator hat kein Intervall; dieses Konto verwendet Codes für ${p.period} s.`,
    },
    exportDigits: {
      message: (p) =>
        `Der Export von Google Authenticator trägt nur 6- oder 8-stellige Codes; dieses Konto verwendet ${p.digits} Stellen.`,
    },
    exportAlgorithm: {
      message: (p) => `Der Export von Google Authenticator kann den Algorithmus ${p.algorithm} nicht tragen.`,
    },
    exportCounter: { message: () => 'Das Konto hat einen ungültigen Zähler.' },
    exportKeyBroken: { message: () => 'Der gespeicherte Schlüssel lässt sich nicht exportieren.' },
    exportKeyMissing: { message: () => 'Der Schlüssel fehlt.' },
    migrationUnexpectedPath: {
      message: () => 'Der Exportlink hat nach „offline“ einen unerwarteten Pfad.',
      hint: () => de.migration,
    },
    migrationNoData: {
      message: () => 'Der Exportlink enthält keine Daten (der Teil „data=“ fehlt).',
      hint: () => de.migration,
    },
    migrationSeveralData: {
      message: () => 'Der Exportlink hat mehr als einen „data=“-Teil.',
      hint: () => de.migration,
    },
    migrationBrokenEscape: {
      message: () => 'Der Exportlink ist beschädigt: Seine Daten enthalten eine fehlerhafte %-Kodierung.',
      hint: () => de.migration,
    },
    migrationDataEmpty: {
      message: () => 'Der Exportlink enthält keine Daten (der Teil „data=“ ist leer).',
      hint: () => de.migration,
    },
    migrationNotBase64: {
      message: (p) => `Die Daten des Exportlinks sind kein gültiges base64: Sie enthalten ${base64BadDe(p)}.`,
      hint: () => de.migration,
    },
    migrationBase64Truncated: {
      message: () =>
        'Die Daten des Exportlinks sind abgeschnitten (unvollständig): Ihrem base64 fehlt ein Zeichen, oder es hat eines zu viel.',
      hint: () => de.migration,
    },
    migrationTooMuchPadding: {
      message: () => 'Die Daten des Exportlinks sind kein gültiges base64: Sie haben zu viel „=“-Auffüllung.',
      hint: () => de.migration,
    },
    migrationWrongEncoding: {
      message: (p) =>
        `Die Exportdaten haben nicht das erwartete Format (Feld ${p.field} ${p.where === 'an account' ? 'eines Kontos' : 'des Exports'} ist falsch kodiert).`,
      hint: () => de.migration,
    },
    migrationNotBinary: { message: () => 'Die Exportdaten sind keine Binärdaten.', hint: () => de.migration },
    migrationEmpty: { message: () => 'Die Exportdaten sind leer.', hint: () => de.migration },
    migrationUnreadable: {
      message: () => 'Die Exportdaten konnten nicht gelesen werden.',
      hint: () => de.migration,
    },
    migrationNoAccounts: {
      message: () =>
        'Die Exportdaten enthalten keine Konten; vielleicht ist es kein Export aus Google Authenticator.',
      hint: () => de.migration,
    },
    migrationBatchSize: {
      message: (p) =>
        `Laut den Exportdaten ist dies einer von ${p.size} QR-Codes, was nicht stimmen kann (1 bis 100).`,
      hint: () => de.migration,
    },
    migrationBatchIndex: {
      message: (p) =>
        `Laut den Exportdaten ist dies QR-Code ${p.number} von ${p.size}, was nicht stimmen kann.`,
      hint: () => de.migration,
    },
    migrationTruncated: {
      message: (p) =>
        `Die Exportdaten sind abgeschnitten (unvollständig): ${whatDe(p)} bricht mittendrin ab.`,
      hint: () => de.migration,
    },
    migrationLengthTruncated: {
      message: (p) =>
        `Die Exportdaten sind abgeschnitten (unvollständig): ${whatDe(p)} soll ${p.length} Byte umfassen, es sind aber nur noch ${p.remaining} übrig.`,
      hint: () => de.migration,
    },
    migrationOutOfRange: {
      message: (p) =>
        `${whatDe(p)} in den Exportdaten ist ${p.value} und liegt außerhalb des Bereichs, den Keyfob speichern kann (0 bis ${p.max}).`,
      hint: () => de.migration,
    },
    migrationVarintTooLarge: {
      message: (p) => `Die Exportdaten sind beschädigt: ${whatDe(p)} ist größer als 64 Bit.`,
      hint: () => de.migration,
    },
    migrationVarintTooLong: {
      message: (p) => `Die Exportdaten sind beschädigt: ${whatDe(p)} ist länger als 10 Byte.`,
      hint: () => de.migration,
    },
    migrationNotUtf8: {
      message: (p) => `Die Exportdaten sind beschädigt: ${whatDe(p)} ist kein gültiger UTF-8-Text.`,
      hint: () => de.migration,
    },
    migrationFieldZero: {
      message: () => 'Die Exportdaten haben nicht das erwartete Format (sie enthalten die Feldnummer 0).',
      hint: () => de.migration,
    },
    migrationFieldOutOfRange: {
      message: () =>
        'Die Exportdaten haben nicht das erwartete Format (eine Feldnummer liegt außerhalb des zulässigen Bereichs).',
      hint: () => de.migration,
    },
    migrationGroupEncoding: {
      message: () =>
        'Die Exportdaten haben nicht das erwartete Format (sie verwenden die veraltete Gruppenkodierung).',
      hint: () => de.migration,
    },
    migrationUnknownWireType: {
      message: (p) =>
        `Die Exportdaten haben nicht das erwartete Format (unbekannter Wire-Type ${p.wireType}).`,
      hint: () => de.migration,
    },
    migrationEntryNotUtf8: {
      message: () => 'Name oder Anbieter des Eintrags ist kein gültiger Text (UTF-8).',
    },
    migrationEntryNoKey: {
      message: () => 'Der Eintrag hat keinen Schlüssel, daher lassen sich keine Codes daraus erzeugen.',
    },
    migrationEntryMd5: {
      message: () => 'MD5 wird nicht unterstützt: Keyfob erzeugt Codes nur mit SHA-1, SHA-256 oder SHA-512.',
    },
    migrationEntryAlgorithm: {
      message: (p) => `Der Eintrag verwendet einen unbekannten Algorithmus (Nummer ${p.number}).`,
    },
    migrationEntryDigits: {
      message: (p) => `Der Eintrag verwendet eine unbekannte Codelänge (Nummer ${p.number}).`,
    },
    migrationEntryType: {
      message: (p) => `Der Eintrag verwendet eine unbekannte Codeart (Nummer ${p.number}).`,
    },
    migrationEntryNegativeCounter: {
      message: (p) => `Der Zähler des Eintrags ist negativ (${p.counter}).`,
    },
    migrationPerCode: {
      message: (p) =>
        `Die Anzahl der Konten pro QR-Code muss eine ganze Zahl von mindestens 1 sein (erhalten: ${p.value}).`,
    },
    migrationExportId: {
      message: (p) => `Die Export-ID muss eine ganze 32-Bit-Zahl sein (erhalten: ${p.value}).`,
    },
    migrationTooManyCodes: {
      message: (p) =>
        `${p.accounts} Konten brauchen ${p.codes} QR-Codes, mehr als die ${p.max}, die ein Export haben kann.`,
      hint: () => 'Exportiere die Konten in kleineren Gruppen.',
    },
  },
  zh: {
    // images
    imageInvalidSize: {
      message: (p) => `${imageZh(p)}声明的尺寸无效（${p.width} x ${p.height} 像素）。`,
      hint: () => zh.resave,
    },
    imageTooManyPixels: {
      message: (p) =>
        `${imageZh(p)}为 ${p.width} x ${p.height} 像素（${p.megapixels} 百万像素），超过了 ${p.limit} 百万像素的上限。`,
      hint: () => zh.smaller,
    },
    imagePixelsMismatch: {
      message: (p) => `该 ${p.format} 图片已损坏：其像素数据与文件头不符。`,
      hint: () => zh.resave,
    },
    imageEmpty: { message: () => '图片文件为空。', hint: () => zh.resave },
    imageUnsupported: {
      message: (p) => {
        const kind = OTHER_FORMATS.zh[String(p.kind)];
        return kind ? `此文件是${kind}。${SUPPORTED.zh}` : `此文件不是 PNG 或 JPEG 图片。${SUPPORTED.zh}`;
      },
      hint: () => '请将截图或照片保存为 PNG 或 JPEG 后重试。',
    },
    imagePngTruncated: {
      message: () => 'PNG 文件在文件头之前就结束了：它似乎被截断了。',
      hint: () => zh.resave,
    },
    imagePngNoHeader: { message: () => 'PNG 文件已损坏：缺少图像头。', hint: () => zh.resave },
    imagePngChecksum: { message: () => 'PNG 文件已损坏：图像头的校验和不匹配。', hint: () => zh.resave },
    imagePngUnreadable: { message: () => 'PNG 文件已损坏或不完整，无法读取其像素。', hint: () => zh.resave },
    imageDecodeTooSlow: {
      message: (p) => `读取图片超过了 ${p.seconds} 秒，因此 Keyfob 已停止。`,
      hint: () => zh.smaller,
    },
    imageDecodeTooMuchMemory: {
      message: () => '读取图片所需的内存超出了 Keyfob 允许的范围，因此 Keyfob 已停止。',
      hint: () => zh.smaller,
    },
    imageDecoderBusy: { message: () => 'Keyfob 仍在读取其他图片。', hint: () => '请稍等片刻后重试。' },
    imagePngTooMuchData: {
      message: (p) =>
        `此 PNG 文件的像素数据解压后超出了 ${p.width} x ${p.height} 图片所需的大小，因此 Keyfob 不读取它：该文件已损坏，或是故意构造来耗尽内存的。`,
      hint: () => zh.resave,
    },
    imageJpegTruncated: {
      message: () => 'JPEG 文件提前结束：它似乎被截断了（例如下载不完整）。',
      hint: () => zh.resave,
    },
    imageJpegBroken: { message: () => 'JPEG 文件已损坏：其结构有误。', hint: () => zh.resave },
    imageJpegShortFrameHeader: { message: () => 'JPEG 文件已损坏：其帧头过短。', hint: () => zh.resave },
    imageJpegRareEncoding: {
      message: () =>
        '此 JPEG 使用了一种罕见的编码（无损、分层或算术编码），Keyfob 无法读取。Keyfob 可读取 PNG 和普通 JPEG 图片。',
      hint: () => '请在任意看图软件中打开该图片，并重新保存为 PNG 或普通 JPEG。',
    },
    imageJpegTwoFrameHeaders: { message: () => 'JPEG 文件已损坏：它有两个帧头。', hint: () => zh.resave },
    imageJpegNoHeight: {
      message: () => '此 JPEG 的文件头中未注明高度，不受支持。',
      hint: () => '请在任意看图软件中打开该图片，并重新保存为 PNG 或 JPEG。',
    },
    imageJpegDataBeforeFrame: {
      message: () => 'JPEG 文件已损坏：图像数据出现在帧头之前。',
      hint: () => zh.resave,
    },
    imageJpegNoFrameHeader: { message: () => 'JPEG 文件已损坏：缺少帧头。', hint: () => zh.resave },
    imageJpegTooMuchMemory: {
      message: () => '解码此 JPEG 图片所需的内存超出了 Keyfob 允许的范围。',
      hint: () => zh.smaller,
    },
    imageJpegUnreadable: {
      message: () => 'JPEG 文件已损坏或格式特殊，无法读取其像素。',
      hint: () => zh.resave,
    },
    imageNoPixelData: { message: () => '该图片没有像素数据（应为 RGBA 字节）。', hint: () => zh.capture },
    imageDataSize: {
      message: (p) =>
        `图片数据有 ${p.bytes} 字节，但 ${p.width} x ${p.height} 个 RGBA 像素需要 ${p.needed} 字节。`,
      hint: () => zh.capture,
    },
    imageFileTooBig: {
      message: (p) => `文件“${p.path}”有 ${p.megabytes} MB，太大了，不是 Keyfob 能读取的截图或照片。`,
      hint: () => '请只对二维码截图，或将其保存为 PNG。',
    },
    imageReadFailed: {
      message: (p) => `无法读取“${p.path}”：${ioReason('zh', String(p.errno ?? ''))}。`,
      hint: (p) => ioHint('zh', String(p.errno ?? '')),
    },
    // keys
    secretEmpty: { message: () => '密钥为空。', hint: () => zh.wholeKey },
    secretTooLong: {
      message: (p) => `密钥长达 ${p.length} 个字符，远超真实密钥的长度。`,
      hint: () => '请只粘贴设置密钥，而不是整个页面。',
    },
    secretNotBase32: {
      message: (p) => `密钥不是有效的 base32：其中包含字符 ${p.chars}。`,
      hint: (p) =>
        Number(p.lookalike) === 1
          ? 'Base32 密钥只使用字母 A–Z 和数字 2–7：请检查是否有应为 O 的 0，或应为 I 或 L 的 1。'
          : 'Base32 密钥只使用字母 A–Z 和数字 2–7。请从网站重新复制密钥。',
    },
    secretBadLength: {
      message: (p) =>
        `密钥有 ${p.length} 个字符，任何 base32 密钥都不可能是这个长度；很可能少了或多了一个字符。`,
      hint: () => zh.wholeKey,
    },
    // otpauth:// links
    uriTooLong: {
      message: (p) => `该链接超过 ${p.max} 字节，任何设置码都不需要这么长。`,
      hint: () => '请检查是否只复制了 otpauth:// 链接。',
    },
    uriNotOtpauth: {
      message: () => '这不是 otpauth:// 链接。',
      hint: () => '设置链接以 otpauth:// 开头；Google 身份验证器的导出链接以 otpauth-migration:// 开头。',
    },
    uriNoAccountName: { message: () => '该链接没有账户名称（类型之后没有内容）。', hint: () => zh.link },
    uriNoParameters: { message: () => '该链接没有参数，因此不包含密钥。', hint: () => zh.link },
    uriBadEncoding: {
      message: (p) => `链接中的${uriPartZh(p)}编码不正确（“%”后面不是两位十六进制数字，或文本不是 UTF-8）。`,
      hint: () => zh.link,
    },
    uriNotWholeNumber: {
      message: (p) => `${uriPartZh(p)}“${p.value}”不是整数。`,
      hint: () => zh.link,
    },
    uriNumberTooSmall: {
      message: (p) =>
        `${uriPartZh(p)}必须${Number(p.min) === 0 ? '大于或等于 0' : `至少为 ${p.min}`}，而不是 ${p.value}。`,
      hint: () => zh.link,
    },
    uriAlgorithmUnsupported: {
      message: (p) => `不支持算法“${p.algorithm}”。`,
      hint: () =>
        'Keyfob 支持 RFC 6238 规定的 SHA1、SHA256 和 SHA512 算法；请向网站索取标准的身份验证器设置码。',
    },
    uriTypeMissing: {
      message: () => '该链接没有说明账户是基于时间（totp）还是基于计数器（hotp）。',
      hint: () => zh.link,
    },
    uriTypeUnknown: {
      message: (p) => `未知的账户类型“${p.type}”。`,
      hint: () => 'Keyfob 支持基于时间（totp）、基于计数器（hotp）和 Steam Guard 账户。',
    },
    uriEmptyAccountName: {
      message: () => '该链接的账户名称为空。',
      hint: () => '请向网站索取新的设置码，或通过密钥添加账户并输入名称。',
    },
    uriNoSecret: {
      message: () => '该链接不包含密钥（其“secret”参数缺失或为空）。',
      hint: () => zh.newCode,
    },
    uriDigitsUnsupported: {
      message: (p) => `不支持 ${p.digits} 位的验证码。`,
      hint: () => '身份验证器验证码为 6、7 或 8 位。',
    },
    uriPeriodNotPositive: {
      message: (p) => `周期必须是正的秒数，而不是 ${p.value}。`,
      hint: () => zh.link,
    },
    // otpauth-migration:// exports
    migrationNotText: { message: () => '导出链接不是文本。', hint: () => zh.migration },
    migrationTooLong: {
      message: (p) => `导出链接长达 ${p.length} 个字符，远超 Google 身份验证器导出链接的长度。`,
      hint: () => '请只粘贴 otpauth-migration:// 链接，而不是整个文件。',
    },
    migrationNotExport: {
      message: () => '这不是 Google 身份验证器的导出链接（它应以 otpauth-migration://offline 开头）。',
      hint: () => '请在 Google 身份验证器中使用“转移账户 → 导出账户”，然后扫描显示的二维码。',
    },
    migrationWrongHost: {
      message: (p) => `导出链接指向“${p.host}”而不是“offline”，因此不是 Google 身份验证器的导出。`,
      hint: () => zh.migration,
    },
    exportSteam: { message: () => 'Google 身份验证器的导出不支持 Steam 令牌验证码。' },
    exportKind: { message: () => 'Google 身份验证器无法保存这种验证码。' },
    exportPeriod: {
      message: (p) => `Google 身份验证器的导出没有周期字段；此账户使用 ${p.period} 秒的验证码。`,
    },
    exportDigits: {
      message: (p) => `Google 身份验证器的导出只支持 6 位或 8 位验证码；此账户使用 ${p.digits} 位。`,
    },
    exportAlgorithm: { message: (p) => `Google 身份验证器的导出无法携带 ${p.algorithm} 算法。` },
    exportCounter: { message: () => '此账户的计数器无效。' },
    exportKeyBroken: { message: () => '存储的密钥无法导出。' },
    exportKeyMissing: { message: () => '密钥缺失。' },
    migrationUnexpectedPath: {
      message: () => '导出链接在“offline”之后有意外的路径。',
      hint: () => zh.migration,
    },
    migrationNoData: { message: () => '导出链接不含数据（缺少“data=”部分）。', hint: () => zh.migration },
    migrationSeveralData: { message: () => '导出链接包含多个“data=”部分。', hint: () => zh.migration },
    migrationBrokenEscape: {
      message: () => '导出链接已损坏：其数据包含错误的 % 转义。',
      hint: () => zh.migration,
    },
    migrationDataEmpty: { message: () => '导出链接不含数据（“data=”部分为空）。', hint: () => zh.migration },
    migrationNotBase64: {
      message: (p) => `导出链接的数据不是有效的 base64：其中包含${base64BadZh(p)}。`,
      hint: () => zh.migration,
    },
    migrationBase64Truncated: {
      message: () => '导出链接的数据不完整（被截断）：其 base64 多了或少了一个字符。',
      hint: () => zh.migration,
    },
    migrationTooMuchPadding: {
      message: () => '导出链接的数据不是有效的 base64：“=”填充过多。',
      hint: () => zh.migration,
    },
    migrationWrongEncoding: {
      message: (p) =>
        `导出数据格式不符合预期（${p.where === 'an account' ? '某个账户' : '导出'}的字段 ${p.field} 编码错误）。`,
      hint: () => zh.migration,
    },
    migrationNotBinary: { message: () => '导出数据不是二进制数据。', hint: () => zh.migration },
    migrationEmpty: { message: () => '导出数据为空。', hint: () => zh.migration },
    migrationUnreadable: { message: () => '无法读取导出数据。', hint: () => zh.migration },
    migrationNoAccounts: {
      message: () => '导出数据中没有账户；它可能不是 Google 身份验证器的导出。',
      hint: () => zh.migration,
    },
    migrationBatchSize: {
      message: (p) => `导出数据声称这是 ${p.size} 个二维码之一，这不可能正确（应为 1 到 100）。`,
      hint: () => zh.migration,
    },
    migrationBatchIndex: {
      message: (p) => `导出数据声称这是第 ${p.number} 个二维码（共 ${p.size} 个），这不可能正确。`,
      hint: () => zh.migration,
    },
    migrationTruncated: {
      message: (p) => `导出数据不完整（被截断）：${whatZh(p)}在中途中断。`,
      hint: () => zh.migration,
    },
    migrationLengthTruncated: {
      message: (p) =>
        `导出数据不完整（被截断）：${whatZh(p)}声明有 ${p.length} 个字节，但只剩 ${p.remaining} 个。`,
      hint: () => zh.migration,
    },
    migrationOutOfRange: {
      message: (p) => `导出数据中的${whatZh(p)}为 ${p.value}，超出了 Keyfob 可存储的范围（0 到 ${p.max}）。`,
      hint: () => zh.migration,
    },
    migrationVarintTooLarge: {
      message: (p) => `导出数据已损坏：${whatZh(p)}超过 64 位。`,
      hint: () => zh.migration,
    },
    migrationVarintTooLong: {
      message: (p) => `导出数据已损坏：${whatZh(p)}超过 10 个字节。`,
      hint: () => zh.migration,
    },
    migrationNotUtf8: {
      message: (p) => `导出数据已损坏：${whatZh(p)}不是有效的 UTF-8 文本。`,
      hint: () => zh.migration,
    },
    migrationFieldZero: {
      message: () => '导出数据格式不符合预期（包含字段编号 0）。',
      hint: () => zh.migration,
    },
    migrationFieldOutOfRange: {
      message: () => '导出数据格式不符合预期（某个字段编号超出范围）。',
      hint: () => zh.migration,
    },
    migrationGroupEncoding: {
      message: () => '导出数据格式不符合预期（使用了已废弃的 group 编码）。',
      hint: () => zh.migration,
    },
    migrationUnknownWireType: {
      message: (p) => `导出数据格式不符合预期（未知的 wire type ${p.wireType}）。`,
      hint: () => zh.migration,
    },
    migrationEntryNotUtf8: { message: () => '该条目的名称或发行方不是有效文本（UTF-8）。' },
    migrationEntryNoKey: { message: () => '该条目没有密钥，因此无法生成验证码。' },
    migrationEntryMd5: { message: () => '不支持 MD5：Keyfob 只使用 SHA-1、SHA-256 或 SHA-512 生成验证码。' },
    migrationEntryAlgorithm: { message: (p) => `该条目使用了未知的算法（编号 ${p.number}）。` },
    migrationEntryDigits: { message: (p) => `该条目使用了未知的验证码长度（编号 ${p.number}）。` },
    migrationEntryType: { message: (p) => `该条目使用了未知的验证码类型（编号 ${p.number}）。` },
    migrationEntryNegativeCounter: { message: (p) => `该条目的计数器为负数（${p.counter}）。` },
    migrationPerCode: {
      message: (p) => `每个二维码的账户数必须是至少为 1 的整数（收到的是 ${p.value}）。`,
    },
    migrationExportId: { message: (p) => `导出 ID 必须是 32 位整数（收到的是 ${p.value}）。` },
    migrationTooManyCodes: {
      message: (p) => `${p.accounts} 个账户需要 ${p.codes} 个二维码，超过了单次导出最多 ${p.max} 个的上限。`,
      hint: () => '请分成较小的组导出账户。',
    },
  },
};
