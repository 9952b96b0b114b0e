import { describe, expect, it } from 'vitest';
import { errorText } from '../support/words';

function withoutCause<T extends { cause?: unknown }>(info: T): Omit<T, 'cause'> {
  const { cause: _cause, ...rest } = info;
  return rest;
}

describe('errors worded from the catalogues', () => {
  it('words keyed errors from their key and parameters in each language, and unkeyed ones as main wrote them', () => {
    const keyed = {
      code: 'QR_NOT_FOUND',
      message: 'No QR code was found on any of the 2 screens.',
      hint: 'Show the setup QR code fully on a screen (not covered by this window), then scan again.',
      key: 'screenNoQr' as const,
      params: { count: 2 },
    };
    expect(errorText(keyed, 'de').message).toBe('Auf keinem der 2 Bildschirme wurde ein QR-Code gefunden.');
    expect(errorText(keyed, 'zh').message).toBe('2 个屏幕上都未找到二维码。');
    expect(errorText(keyed, 'en')).toEqual({ message: keyed.message, hint: keyed.hint });
    // The throw site names the wording of one screen (a sentence of its own, not a plural form).
    expect(errorText({ ...keyed, params: { count: 1 }, variant: 'single' }, 'en').message).toBe(
      'No QR code was found on the screen.',
    );
    const denied = { code: 'SCREEN_CAPTURE_DENIED', message: 'x', key: 'screenDenied' as const };
    expect(errorText({ ...denied, variant: 'macos' }, 'de').hint).toMatch(/Bildschirm- & Systemaudio/);
    expect(errorText({ ...denied, variant: 'wayland' }, 'zh').hint).toMatch(/xdg-desktop-portal/);
    const plain = { code: 'COGNITO_AUTH', message: 'Incorrect user name or password.', hint: 'Check them.' };
    expect(errorText(plain, 'de')).toEqual({ message: plain.message, hint: plain.hint });
  });

  it('gives the command line its own wording of a hint and the window the other', () => {
    const gone = {
      code: 'ACCOUNT_NOT_FOUND',
      message: 'x',
      key: 'accountGone' as const,
      params: { id: 'a1' },
    };
    expect(errorText(gone, 'en', 'cli')).toEqual({
      message: 'No account has the id a1.',
      hint: 'Run `keyfob list` to see the accounts.',
    });
    expect(errorText(gone, 'en', 'app').hint).toMatch(/^It may have been deleted meanwhile/);
  });

  it('says a pending enrollment’s cause in the window’s language, then what became of the key', () => {
    const cause = { code: 'COGNITO_SESSION', message: 'x', key: 'cognitoSessionUsed' as const };
    const kept = {
      code: 'COGNITO_SESSION',
      message: 'x',
      key: 'cognitoPendingKept' as const,
      params: { pendingId: 'd4c9c1de' },
      cause,
    };
    const de = errorText(kept, 'de');
    expect(de.message).toBe(errorText(cause, 'de').message);
    expect(de.hint).toBe(`${errorText(cause, 'de').hint} ${errorText(withoutCause(kept), 'de').hint}`);
    expect(de.hint).toMatch(/„Einrichtung fortsetzen“/);
    expect(errorText(kept, 'en', 'cli')).toEqual({
      message:
        'The sign-in session is no longer valid (each step of a Cognito sign-in can be answered only once).',
      hint: 'Start again from the sign-in. The key is kept as a pending account (d4c9c1de): enroll again to retry, or remove it with keyfob remove d4c9c1de --yes.',
    });
    // A cause the catalogue does not know is said as main wrote it; the note is still translated.
    const plain = errorText(
      { ...kept, cause: { code: 'IO_FAILED', message: 'Disk full.', hint: 'Free space.' } },
      'zh',
    );
    expect(plain.message).toBe('Disk full.');
    expect(plain.hint).toMatch(/^Free space\. .*“丢弃”可将其删除。$/);
  });

  it('gives a variant’s hint for each front end where the entry words it so, the front end’s hint otherwise', () => {
    const none = {
      code: 'COGNITO_CONFIG',
      message: 'x',
      key: 'cognitoSetupWithoutTotp' as const,
      params: { username: 'ana', pool: 'dev' },
      variant: 'none',
    };
    expect(errorText(none, 'en', 'cli')).toEqual({
      message: 'The pool asks ana to set up MFA, but not with an authenticator app (it offers: nothing).',
      hint: 'Enable TOTP on the pool (keyfob pool mfa-config dev --totp on) or set up the other method elsewhere.',
    });
    expect(errorText(none, 'en', 'app').hint).toMatch(/^Ask the pool's administrator/);
    const flow = { code: 'COGNITO_CONFIG', message: 'x', key: 'cognitoFlowNotEnabled' as const };
    expect(errorText({ ...flow, variant: 'USER_SRP_AUTH' }, 'en', 'cli').hint).toMatch(/ALLOW_USER_SRP_AUTH/);
    expect(errorText(flow, 'en', 'cli').hint).toMatch(/ALLOW_ADMIN_USER_PASSWORD_AUTH/);
  });

  it('words the codes main sends as parameters from the word groups, in every language', () => {
    const io = {
      code: 'IO_FAILED',
      message: 'x',
      key: 'vaultIoFailed' as const,
      params: { action: 'moveAside', path: '/p', code: 'EACCES' },
      variant: 'permission',
    };
    expect(errorText(io, 'en').message).toBe('Could not move aside /p (permission denied).');
    expect(errorText(io, 'de').message).toBe('/p konnte nicht beiseitegelegt werden (Zugriff verweigert).');
    const what = { code: '', message: 'x', key: 'migrationNotUtf8' as const };
    expect(errorText({ ...what, params: { what: 'textFieldLength' } }, 'zh').message).toContain(
      '某个文本字段的长度',
    );
    expect(errorText({ ...what, params: { what: 'accountKey' } }, 'de').message).toBe(
      'Dieser Export aus Google Authenticator ist beschädigt: Der Schlüssel eines Kontos ist kein lesbarer Text.',
    );
  });
});

describe('English for main from the bundled catalogue', () => {
  it('gives message, CLI hint and the window hint where it differs', async () => {
    const { englishError } = await import('../../locales/english');
    expect(englishError('vaultPeriodInvalid', { period: '-5' })).toEqual({
      message: 'The period must be a positive whole number of seconds, not -5.',
      hint: 'Most sites use 30 seconds.',
    });
    expect(englishError('cognitoClientSecretMissing', { name: 'dev' })).toEqual({
      message: 'The client secret of pool profile "dev" is not in the keychain.',
      hint: 'Store it again: keyfob pool add dev … --client-secret-stdin --replace.',
      appHint: 'Edit the pool profile and enter its client secret again.',
    });
  });
});

describe('KeyfobError from a key', () => {
  it('takes its English from the catalogue: the message, the command line’s hint and the window’s', async () => {
    const { KeyfobError } = await import('../../main/errors');
    const error = new KeyfobError('DUPLICATE', 'vaultNotAddedSameKey', { existing: 'GitHub (ada)' });
    expect(error.message).toBe('Not added: the same key is already stored as GitHub (ada).');
    expect(error.hint).toBe('To keep a second copy of it anyway, add it with --allow-duplicate.');
    expect(error.appHint).toBe('There is nothing to add: the account is already in your list.');
    expect(error.forApp()).toEqual({
      code: 'DUPLICATE',
      message: error.message,
      hint: error.appHint,
      key: 'vaultNotAddedSameKey',
      params: { existing: 'GitHub (ada)' },
    });
    // The window words it from the key in its own language.
    expect(errorText(error.forApp(), 'de').message).toBe(
      'Nicht hinzugefügt: Derselbe Schlüssel ist bereits als GitHub (ada) gespeichert.',
    );
  });

  it('carries the wording the throw site chose to the window, where an entry has several', async () => {
    const { KeyfobError } = await import('../../main/errors');
    const one = new KeyfobError('QR_NOT_FOUND', 'qrNotSetupCodes', { codes: 1 }, { variant: 'single' });
    expect(one.message).toBe('The QR code is not an authenticator setup code.');
    expect(one.forApp().variant).toBe('single');
    expect(errorText(one.forApp(), 'zh').message).toBe('该二维码不是身份验证器的设置码。');
    const unknown = new KeyfobError(
      'FORMAT_UNKNOWN',
      'importFormatUnknown',
      {
        formats: 'otpauth',
      },
      { variant: 'input' },
    );
    expect(unknown.message).toBe('Keyfob does not know the format of this input.');
    // The formats by id, each named in the reader's language.
    expect(unknown.hint).toBe('Keyfob reads otpauth:// links.');
  });

  it('refuses a key the catalogue does not have, instead of an error with no words', async () => {
    const { KeyfobError } = await import('../../main/errors');
    expect(() => new KeyfobError('PARAMS_INVALID', 'accountGon' as never)).toThrow(/No entry "accountGon"/);
  });
});
