import { describe, expect, it } from 'vitest';
import { EXIT } from '../../main/cli/common';
import { exitCodeFor } from '../../main/cli/run';
import { KeyfobError } from '../../main/errors';

describe('the CLI exit status', () => {
  it('is 130 for a question stopped with Ctrl-C, as a shell reports an interrupt', () => {
    expect(exitCodeFor(new KeyfobError('CANCELLED', 'cancelled'))).toBe(130);
    expect(EXIT.cancelled).toBe(130);
  });

  it('tells a wrong password (1) from a failing service (4) and a locked keychain (3)', () => {
    expect(exitCodeFor(new KeyfobError('COGNITO_AUTH', 'cognitoWrongPassword'))).toBe(EXIT.failure);
    expect(exitCodeFor(new KeyfobError('COGNITO_NETWORK', 'cognitoNetwork'))).toBe(EXIT.service);
    expect(exitCodeFor(new KeyfobError('KEYCHAIN_LOCKED', 'keychainLinuxLocked'))).toBe(EXIT.keychain);
    expect(exitCodeFor(new Error('boom'))).toBe(EXIT.failure);
  });
});
