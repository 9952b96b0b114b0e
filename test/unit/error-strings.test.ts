import { describe, expect, it } from 'vitest';
import { errorText } from '../../renderer/src/error-strings';

describe('errors in the window’s language', () => {
  it('translates keyed errors with their parameters, and leaves English and unkeyed ones as main wrote them', () => {
    const keyed = {
      code: 'QR_NOT_FOUND',
      message: 'No QR code was found on any of the 2 screens.',
      hint: 'Show the setup QR code fully on a screen.',
      key: 'screenNoQr' as const,
      params: { screens: 2 },
    };
    expect(errorText(keyed, 'de').message).toBe('Auf keinem der 2 Bildschirme wurde ein QR-Code gefunden.');
    expect(errorText(keyed, 'zh').message).toBe('2 个屏幕上都未找到二维码。');
    expect(errorText(keyed, 'en')).toEqual({ message: keyed.message, hint: keyed.hint });
    const denied = { code: 'SCREEN_CAPTURE_DENIED', message: 'x', key: 'screenDenied' as const };
    expect(errorText({ ...denied, params: { system: 'macos' } }, 'de').hint).toMatch(
      /Bildschirm- & Systemaudio/,
    );
    expect(errorText({ ...denied, params: { system: 'wayland' } }, 'zh').hint).toMatch(/xdg-desktop-portal/);
    const plain = { code: 'COGNITO_AUTH', message: 'Incorrect user name or password.', hint: 'Check them.' };
    expect(errorText(plain, 'de')).toEqual({ message: plain.message, hint: plain.hint });
  });
});
