import { describe, expect, it } from 'vitest';
import en from '../../locales/en/app.json';
import { stringsFrom, type Strings } from '../../renderer/src/i18n/words';
import { i18nFor } from '../support/words';

function strings(lang: string): Strings {
  return stringsFrom(i18nFor(lang).getFixedT(lang, 'app'), lang, Object.keys(en));
}

/** Every entry with arguments, called with sample arguments. */
function calls(t: Strings): string[] {
  return [
    t.more('GitHub'),
    t.screenFound(1),
    t.screenFound(3),
    t.place('text'),
    t.place('link'),
    t.place('line', 2),
    t.place('qr', 4),
    t.missingBatch([2, 3], 5),
    t.accountShortcutTitle('GitHub'),
    t.missingKeys('GitHub'),
    t.listMovedAside('/tmp/a.json', { reason: 'notJson' }),
    t.listMovedAside('/tmp/a.json', { reason: 'schemaUnknown', schema: 7 }),
    t.copiedToast('GitHub', false),
    t.copiedToast('GitHub', false, 30),
    t.copiedToast('GitHub', true),
    t.copiedToast('GitHub', true, 33),
    t.removedToast('GitHub'),
    t.noMatchTitle('zzz'),
    t.qrFor('GitHub'),
    t.exportStep(1, 2),
    t.removePool('dev'),
    t.editPool('dev'),
    t.poolAnswers('eu-west-1_A', 'client'),
    t.poolReachedBut('eu-west-1_A'),
    t.stepChallenge('mfaSetup'),
    t.stepChallenge('SOMETHING_NEW'),
    t.stepWaiting(12),
    t.stepPreference(true),
    t.stepPreference(false),
    t.stepReplaced('abc'),
    t.skew(4, true),
    t.skew(4, false),
    t.newPasswordHelp('ada'),
    t.codeHelp('text message'),
    t.codeHelp('e-mail', 'a***@e***'),
    t.enrolled('ada'),
    t.signedIn('ada'),
    t.expires('in 59 minutes', false),
    t.expires('5 minutes ago', true),
    t.userInPool('ada', 'staging'),
    t.signedInWithCode('ada'),
    t.copyToken('id token'),
    t.claims('id token'),
    t.cameraFailed('busy'),
  ];
}

describe('the window’s words from the app catalogue', () => {
  it('fills every entry with arguments in every language, leaving no placeholder', () => {
    for (const lang of ['en', 'de', 'zh-CN']) {
      for (const text of calls(strings(lang))) {
        expect(text, lang).not.toMatch(/\{\{|undefined|NaN|^$/);
      }
    }
  });

  it('says plurals, places, choices and the clock in each language as the reviewed texts did', () => {
    const de = strings('de');
    expect(de.screenFound(1)).toBe('Ein Einrichtungscode auf dem Bildschirm gefunden.');
    expect(de.screenFound(3)).toBe('3 Einrichtungscodes auf den Bildschirmen gefunden.');
    expect(de.place('line', 2)).toBe('Zeile 2');
    expect(de.skew(4, true)).toMatch(/^Die Uhr dieses Computers geht gegenüber Cognito 4 s nach\./);
    expect(de.codeHelp('text message', '+49***')).toBe('Cognito hat einen Code per SMS an +49*** gesendet.');
    const zh = strings('zh-CN');
    expect(zh.missingBatch([2, 3], 5)).toBe('此 Google 身份验证器导出共 5 个二维码，第 2、3 个尚未扫描。');
    expect(zh.stepPreference(true)).toBe('已启用 TOTP MFA 并设为首选。');
    const english = strings('en');
    expect(english.missingBatch([2, 3], 5)).toBe(
      'Codes 2, 3 of 5 of this Google Authenticator export were not scanned yet.',
    );
    expect(english.stepChallenge('SOMETHING_NEW')).toBe('Cognito asks for SOMETHING_NEW.');
    expect(english.accounts).toBe('Accounts');
    // Why the list was moved aside, nested from errorWords; which copy, and when the clipboard clears it.
    expect(english.listMovedAside('/d/accounts.json.bad', { reason: 'schemaUnknown', schema: 7 })).toMatch(
      /^The account list could not be read \(schema 7 is unknown\); it was kept as \/d\/accounts\.json\.bad\./,
    );
    expect(de.listMovedAside('/d/a', { reason: 'notJson' })).toMatch(/\(es ist kein gültiges JSON\)/);
    expect(english.copiedToast('GitHub', false, 30)).toBe('Copied GitHub · clears in 30 s');
    expect(english.copiedToast('GitHub', true)).toBe('Copied the next code of GitHub');
    expect(de.copiedToast('GitHub', true, 33)).toBe(
      'Nächster Code von GitHub kopiert · wird in 33 s gelöscht',
    );
    expect(zh.copiedToast('GitHub', false, 30)).toBe('已复制 GitHub · 30 秒后清除');
    expect(english.lang).toBe('en');
  });
});
