import { createHmac, randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { createSrpSession, signSrpSession } from 'cognito-srp-helper';
import { describe, expect, it } from 'vitest';
import { secretHash, srpClient } from '../../main/cognito/srp';
import {
  formatSrpTimestamp,
  makeServerEphemeral,
  makeVerifier,
  padHex,
  verifyPasswordClaim,
} from '../support/cognito-standin/srp';

// amazon-cognito-identity-js ships no types for its SRP helper: the part used here, typed by hand.
interface JsbnInteger {
  toString(radix: number): string;
}
interface AuthenticationHelperLike {
  smallAValue: JsbnInteger;
  largeAValue: JsbnInteger;
  getPasswordAuthenticationKey(
    username: string,
    password: string,
    serverB: JsbnInteger,
    salt: JsbnInteger,
    callback: (err: unknown, key: Buffer) => void,
  ): void;
  calculateA(a: JsbnInteger, callback: (err: unknown, A: JsbnInteger) => void): void;
}
const require = createRequire(import.meta.url);
const { AuthenticationHelper } = require('amazon-cognito-identity-js') as {
  AuthenticationHelper: new (poolName: string) => AuthenticationHelperLike;
};
const BigInteger = (
  require('amazon-cognito-identity-js/lib/BigInteger') as {
    default: new (hex: string, radix: number) => JsbnInteger;
  }
).default;

const POOL_ID = 'eu-west-1_Ab12Cd34E';
const POOL_NAME = 'Ab12Cd34E';

/** A PASSWORD_VERIFIER challenge as the service would send it for `userId`. */
function challenge(userId: string, password: string) {
  const { salt, verifier } = makeVerifier(POOL_NAME, userId, password);
  const { b, B } = makeServerEphemeral(verifier);
  const secretBlock = randomBytes(64);
  return {
    params: {
      SRP_B: B.toString(16),
      SALT: salt.toString(16),
      SECRET_BLOCK: secretBlock.toString('base64'),
      USER_ID_FOR_SRP: userId,
      USERNAME: userId,
    },
    check: (A: string, signature: string, timestamp: string) =>
      verifyPasswordClaim({
        A: BigInt(`0x${A}`),
        B,
        b,
        verifier,
        poolName: POOL_NAME,
        username: userId,
        secretBlock,
        timestamp,
        signatureBase64: signature,
      }),
    B,
    salt,
    secretBlock,
  };
}

/** The password claim signature amazon-cognito-identity-js computes for the same client secret `a`. */
async function identityJsSignature(
  smallAHex: string,
  userId: string,
  password: string,
  c: ReturnType<typeof challenge>,
  timestamp: string,
): Promise<string> {
  const helper = new AuthenticationHelper(POOL_NAME);
  helper.smallAValue = new BigInteger(smallAHex, 16);
  helper.largeAValue = await new Promise<JsbnInteger>((resolve, reject) =>
    helper.calculateA(helper.smallAValue, (err, A) => (err ? reject(err) : resolve(A))),
  );
  const key = await new Promise<Buffer>((resolve, reject) =>
    helper.getPasswordAuthenticationKey(
      userId,
      password,
      new BigInteger(c.B.toString(16), 16),
      new BigInteger(c.salt.toString(16), 16),
      (err, k) => (err ? reject(err) : resolve(k)),
    ),
  );
  // CognitoUser.authenticateUser's last step, with node's HMAC instead of crypto-js.
  return createHmac('sha256', key)
    .update(Buffer.concat([Buffer.from(POOL_NAME + userId), c.secretBlock, Buffer.from(timestamp)]))
    .digest('base64');
}

describe('SRP (USER_SRP_AUTH / PASSWORD_VERIFIER)', () => {
  it("gives the same proof as amazon-cognito-identity-js's AuthenticationHelper on the same inputs", async () => {
    for (const [userId, password] of [
      ['alice', 'Corr3ct-Horse!'],
      ['7d9a5c3e-61f2-4b8e-9f0a-2c4d6e8f0a1b', 'pässwörd with spaces ☃'],
      ['bob@example.com', 'x'],
    ] as const) {
      const session = createSrpSession(userId, password, POOL_ID, false);
      const c = challenge(userId, password);
      const signed = signSrpSession(session, {
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeParameters: c.params,
      });
      const reference = await identityJsSignature(session.smallA, userId, password, c, session.timestamp);
      expect(signed.passwordSignature).toBe(reference);
      // And a server written from the maths accepts it, which it would not with another password.
      expect(c.check(session.largeA, signed.passwordSignature, session.timestamp)).toBe(true);
      const wrong = await identityJsSignature(session.smallA, userId, `${password}?`, c, session.timestamp);
      expect(c.check(session.largeA, wrong, session.timestamp)).toBe(false);
    }
  });

  it('answers with the challenge’s USER_ID_FOR_SRP, a canonical TIMESTAMP and a proof the server accepts', async () => {
    const client = await srpClient('Alice@Example.com', 'S3cret!pass', POOL_ID);
    // Signing in by alias: the service answers with the internal user name, which the proof must use.
    const c = challenge('alice-internal-id', 'S3cret!pass');
    const answer = client.answer(c.params);
    expect(answer.TIMESTAMP).toMatch(/^[A-Z][a-z]{2} [A-Z][a-z]{2} [1-9]\d? \d{2}:\d{2}:\d{2} UTC \d{4}$/);
    const parsed = new Date(
      answer.TIMESTAMP.replace(/^\w+ (\w+) (\d+) ([\d:]+) UTC (\d+)$/, '$1 $2 $4 $3 UTC'),
    );
    expect(formatSrpTimestamp(parsed)).toBe(answer.TIMESTAMP);
    expect(c.check(client.srpA, answer.PASSWORD_CLAIM_SIGNATURE, answer.TIMESTAMP)).toBe(true);
    expect(answer.PASSWORD_CLAIM_SECRET_BLOCK).toBe(c.params.SECRET_BLOCK);
  });

  it('pads hex the way Cognito does (a leading 00 when the top bit is set)', () => {
    expect(padHex(0x7fn)).toBe('7f');
    expect(padHex(0x80n)).toBe('0080');
    expect(padHex(0xabcn)).toBe('0abc');
  });
});

describe('SECRET_HASH', () => {
  it('is Base64(HMAC-SHA256(client secret, username + client id)), as documented', () => {
    // Computed independently: printf 'alice1example2client' | openssl dgst -sha256 -hmac sec -binary | base64
    expect(secretHash('alice', '1example2client', 'sec')).toBe(
      'M7opL0j108dq6I5IY3THMSONxft8mtINWBUdZoK+L70=',
    );
    expect(secretHash('alice', 'client', 'sec')).not.toBe(secretHash('bob', 'client', 'sec'));
  });
});
