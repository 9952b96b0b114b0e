/** The encrypted backup's strength hint: an estimate from length and kinds of characters, and its limits. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { passwordBits, passwordStrength } from '../../renderer/src/features/accounts/strength';

describe('password strength hint', () => {
  it('calls short and single-kind passwords weak, long mixed ones strong', () => {
    expect(passwordStrength('')).toBe('weak');
    expect(passwordStrength('password')).toBe('weak');
    expect(passwordStrength('12345678901')).toBe('weak');
    expect(passwordStrength('aaaaaaaaaaaaaaaaaaaaaaaa')).toBe('weak');
    expect(passwordStrength('Summer2024')).toBe('fair');
    expect(passwordStrength('correct horse battery staple')).toBe('strong');
    expect(passwordStrength('密码很长很长的一句话也算数吧')).toBe('strong');
  });

  it('never falls when a character is added', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.string({ minLength: 1, maxLength: 1 }), (pw, c) => {
        expect(passwordBits(pw + c)).toBeGreaterThanOrEqual(passwordBits(pw));
      }),
    );
  });
});
