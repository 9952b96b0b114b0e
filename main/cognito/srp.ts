import { createHmac } from 'node:crypto';

/** SECRET_HASH = Base64(HMAC-SHA256(key = client secret, message = username + client id)). */
export function secretHash(username: string, clientId: string, clientSecret: string): string {
  return createHmac('sha256', clientSecret)
    .update(username + clientId)
    .digest('base64');
}

/** The client side of Cognito's SRP: SRP_A for InitiateAuth, then the PASSWORD_VERIFIER answer. */
export interface SrpClient {
  readonly srpA: string;
  /** The PASSWORD_CLAIM_* responses for a PASSWORD_VERIFIER challenge's parameters. */
  answer(challenge: Record<string, string>): {
    PASSWORD_CLAIM_SECRET_BLOCK: string;
    PASSWORD_CLAIM_SIGNATURE: string;
    TIMESTAMP: string;
  };
}

/**
 * Wraps cognito-srp-helper. The password is hashed with USER_ID_FOR_SRP from the challenge (not the name the
 * user typed), so sign-in by e-mail alias works; the TIMESTAMP is English, UTC, day not zero-padded.
 */
export async function srpClient(username: string, password: string, userPoolId: string): Promise<SrpClient> {
  // Loaded on first use: the helper and its big-number libraries are a third of the engine's code, and the
  // password and admin flows never need them (keyfob login starts faster).
  const { createSrpSession, signSrpSession } = await import('cognito-srp-helper');
  const session = createSrpSession(username, password, userPoolId, false);
  return {
    srpA: session.largeA,
    answer(challenge) {
      const signed = signSrpSession(session, {
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeParameters: challenge,
      });
      return {
        PASSWORD_CLAIM_SECRET_BLOCK: signed.secret,
        PASSWORD_CLAIM_SIGNATURE: signed.passwordSignature,
        TIMESTAMP: signed.timestamp,
      };
    },
  };
}
