/**
 * JWTs for the stand-in. Real Cognito signs with RS256 and publishes the keys at
 * https://cognito-idp.<region>.amazonaws.com/<poolId>/.well-known/jwks.json; the stand-in does the
 * same with a key pair generated per server (served at GET /<poolId>/.well-known/jwks.json).
 */
import {
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  randomUUID,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';

export type JwtPayload = Record<string, unknown> & { exp?: number; iat?: number; token_use?: string };

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

export class TokenIssuer {
  readonly kid = randomUUID();
  private readonly privateKey: KeyObject;
  private readonly publicKey: KeyObject;

  constructor() {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey;
  }

  sign(payload: JwtPayload): string {
    const header = b64url(JSON.stringify({ kid: this.kid, alg: 'RS256' }));
    const body = b64url(JSON.stringify(payload));
    const signature = sign('sha256', Buffer.from(`${header}.${body}`), this.privateKey);
    return `${header}.${body}.${b64url(signature)}`;
  }

  /** The payload when `token` is a JWT signed by this issuer, else undefined. Expiry is not checked here. */
  decodeVerified(token: string): JwtPayload | undefined {
    const parts = token.split('.');
    if (parts.length !== 3) return undefined;
    const [header, body, signature] = parts as [string, string, string];
    try {
      const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as {
        alg?: string;
        kid?: string;
      };
      if (head.alg !== 'RS256' || head.kid !== this.kid) return undefined;
      const ok = verify(
        'sha256',
        Buffer.from(`${header}.${body}`),
        this.publicKey,
        Buffer.from(signature, 'base64url'),
      );
      if (!ok) return undefined;
      const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as unknown;
      return payload && typeof payload === 'object' ? (payload as JwtPayload) : undefined;
    } catch {
      return undefined;
    }
  }

  jwks(): { keys: object[] } {
    const jwk = createPublicKey(this.publicKey).export({ format: 'jwk' });
    return { keys: [{ ...jwk, alg: 'RS256', kid: this.kid, use: 'sig' }] };
  }
}

/**
 * Opaque refresh token shaped like Cognito's (a five-part JWE); only the stand-in's table gives it meaning.
 */
export function newRefreshToken(): string {
  const header = b64url(JSON.stringify({ cty: 'JWT', enc: 'A256GCM', alg: 'RSA-OAEP' }));
  return [
    header,
    b64url(randomBytes(256)),
    b64url(randomBytes(12)),
    b64url(randomBytes(384)),
    b64url(randomBytes(16)),
  ].join('.');
}

/**
 * Opaque session string: random, Cognito-like "AYABe" prefix, well inside the 20–2048 limit. URL-safe
 * like the real ones, so a session passed as an AccessToken passes the model's pattern and fails as
 * "Invalid Access Token" (§2.1) rather than as a validation error.
 */
export function newSession(): string {
  return `AYABe${randomBytes(240).toString('base64url')}`;
}
