import type { ImportErrorKey } from '../../../preload/error-keys/import';
import type { ErrorCatalog } from './types';

// `format` is a product's name (Google Authenticator, Aegis): not translated.
export const importErrors: ErrorCatalog<ImportErrorKey> = {
  de: {
    importFormatUnknown: {
      message: (p) =>
        p.file
          ? `Keyfob kennt das Format von ${p.file} nicht.`
          : 'Keyfob kennt das Format dieser Eingabe nicht.',
      hint: (p) => `Keyfob liest ${p.formats}.`,
    },
    importPasswordNeeded: {
      message: (p) => `Dieser ${p.format}-Export ist mit einem Passwort geschützt.`,
      hint: () => 'Gib das Passwort ein, das du beim Exportieren gewählt hast.',
    },
    importPasswordWrong: {
      message: (p) => `Das Passwort öffnet diesen ${p.format}-Export nicht.`,
      hint: () => 'Prüfe das Passwort, das du beim Exportieren gewählt hast, und versuche es erneut.',
    },
  },
  zh: {
    importFormatUnknown: {
      message: (p) => (p.file ? `Keyfob 无法识别 ${p.file} 的格式。` : 'Keyfob 无法识别此输入的格式。'),
      hint: (p) => `Keyfob 可读取：${p.formats}。`,
    },
    importPasswordNeeded: {
      message: (p) => `此 ${p.format} 导出文件受密码保护。`,
      hint: () => '请输入导出时设置的密码。',
    },
    importPasswordWrong: {
      message: (p) => `该密码无法打开此 ${p.format} 导出文件。`,
      hint: () => '请检查导出时设置的密码，然后重试。',
    },
  },
};
