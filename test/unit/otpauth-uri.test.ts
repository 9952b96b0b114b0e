import { describe, expect, it } from 'vitest';
import { KeyfobError } from '../../main/errors';
import { formatOtpauthUri, parseOtpauthUri } from '../../main/otp/uri';
import { normaliseSecret } from '../../main/otp/secret';

const S = 'JBSWY3DPEHPK3PXP';

function refused(uri: string): KeyfobError {
  try {
    parseOtpauthUri(uri);
  } catch (error) {
    expect(error).toBeInstanceOf(KeyfobError);
    return error as KeyfobError;
  }
  throw new Error(`accepted: ${uri}`);
}

describe('parsing otpauth:// leniently', () => {
  it('reads the canonical form', () => {
    const a = parseOtpauthUri(`otpauth://totp/Example:alice@google.com?secret=${S}&issuer=Example`);
    expect(a).toEqual({
      issuer: 'Example',
      label: 'alice@google.com',
      secret: S,
      params: { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
      extra: {},
    });
  });

  it.each([
    ['lower case', 'jbswy3dpehpk3pxp'],
    ['padding', 'JBSWY3DPEHPK3PXP===='],
    ['encoded padding', 'JBSWY3DPEHPK3PXP%3D%3D'],
    ['spaces', 'JBSW%20Y3DP%20EHPK%203PXP'],
    ['hyphens', 'JBSW-Y3DP-EHPK-3PXP'],
    ['plus signs (ente)', 'JBSW+Y3DP+EHPK+3PXP'],
  ])('accepts a secret with %s', (_what, secret) => {
    expect(parseOtpauthUri(`otpauth://totp/x?secret=${secret}`).secret).toBe(S);
  });

  it('accepts an upper-case scheme and type', () => {
    expect(parseOtpauthUri(`OTPAUTH://TOTP/x?secret=${S}`).params.type).toBe('totp');
    expect(parseOtpauthUri(`otpauth://HOTP/x?secret=${S}&counter=3`).params).toMatchObject({
      type: 'hotp',
      counter: 3,
    });
  });

  it('takes the issuer from the parameter over the label prefix', () => {
    const a = parseOtpauthUri(`otpauth://totp/Some+Company:me@x.com?secret=${S}&issuer=Microsoft`);
    expect(a.issuer).toBe('Microsoft');
    expect(a.label).toBe('me@x.com');
  });

  it('takes the issuer from the prefix when there is no parameter', () => {
    expect(parseOtpauthUri(`otpauth://totp/ACME%20Co:john?secret=${S}`).issuer).toBe('ACME Co');
  });

  it('splits on the first literal colon or %3A before decoding, and trims spaces after it', () => {
    expect(parseOtpauthUri(`otpauth://totp/Cloudflare:%20user?secret=${S}`)).toMatchObject({
      issuer: 'Cloudflare',
      label: 'user',
    });
    expect(parseOtpauthUri(`otpauth://totp/Issuer:%20%20whitespace@test.com?secret=${S}`).label).toBe(
      'whitespace@test.com',
    );
    expect(parseOtpauthUri(`otpauth://totp/foo%3abar?secret=${S}`)).toMatchObject({
      issuer: 'foo',
      label: 'bar',
    });
    // Only the first separator splits: a second colon belongs to the account name.
    expect(parseOtpauthUri(`otpauth://totp/Text%20More:Secret:part?secret=${S}`)).toMatchObject({
      issuer: 'Text More',
      label: 'Secret:part',
    });
  });

  it('reads + and %20 as spaces in labels and issuers', () => {
    const a = parseOtpauthUri(`otpauth://totp/My+Bank:John%20Smith?secret=${S}&issuer=My+TOTP+Code`);
    expect(a).toMatchObject({ issuer: 'My TOTP Code', label: 'John Smith' });
  });

  it('decodes percent-encoded UTF-8 labels', () => {
    const a = parseOtpauthUri(`otpauth://totp/%E6%B5%8B%E8%AF%95:%C3%BCser%F0%9F%94%91?secret=${S}`);
    expect(a).toMatchObject({ issuer: '测试', label: 'üser🔑' });
  });

  it('keeps unencoded #, & and = inside the account name', () => {
    expect(parseOtpauthUri(`otpauth://totp/Shop:order#12&x=y?secret=${S}`).label).toBe('order#12&x=y');
  });

  it('accepts lower-case and hyphenated algorithm names', () => {
    expect(parseOtpauthUri(`otpauth://totp/x?secret=${S}&algorithm=sha256`).params.algorithm).toBe('SHA256');
    expect(parseOtpauthUri(`otpauth://totp/x?secret=${S}&algorithm=SHA-512`).params.algorithm).toBe('SHA512');
  });

  it('tolerates bare parameters and keeps unknown ones', () => {
    const a = parseOtpauthUri(
      `otpauth://totp/Ex:me?secret=${S}&issuer&digits=8&image=https%3A%2F%2Fex.com%2Fi.png&color=red&flag`,
    );
    expect(a.issuer).toBe('Ex');
    expect(a.params.digits).toBe(8);
    expect(a.extra).toEqual({ image: 'https://ex.com/i.png', color: 'red', flag: '' });
  });

  it('reads 7 and 8 digits and any positive period', () => {
    expect(parseOtpauthUri(`otpauth://totp/x?secret=${S}&digits=7&period=60`).params).toMatchObject({
      digits: 7,
      period: 60,
    });
    expect(parseOtpauthUri(`otpauth://totp/x?secret=${S}&period=1`).params.period).toBe(1);
  });

  it('defaults a missing HOTP counter to 0', () => {
    expect(parseOtpauthUri(`otpauth://hotp/x?secret=${S}`).params.counter).toBe(0);
  });

  it.each([
    ['otpauth://steam/Steam:gaben?secret=' + S],
    ['otpauth://totp/Steam:gaben?secret=' + S + '&issuer=Steam'],
    ['otpauth://totp/gaben?secret=' + S + '&issuer=steam'],
    ['otpauth://totp/Valve:gaben?secret=' + S + '&encoder=steam'],
  ])('recognises Steam Guard: %s', (uri) => {
    const a = parseOtpauthUri(uri);
    expect(a.params).toMatchObject({ type: 'steam', digits: 5, algorithm: 'SHA1', period: 30 });
    expect(a.label).toBe('gaben');
  });
});

describe('refusing what cannot work', () => {
  it.each([
    ['an empty secret', `otpauth://totp/x?secret=`, /no key/],
    ['no secret', `otpauth://totp/x?issuer=A`, /no key/],
    ['a non-base32 secret', `otpauth://totp/x?secret=JBSW0Y3DP`, /a key never contains: "0"/],
    [
      'a secret of impossible length',
      `otpauth://totp/x?secret=ABC`,
      /3 characters long, which no key can be/,
    ],
    ['5 digits', `otpauth://totp/x?secret=${S}&digits=5`, /5 digits/],
    ['9 digits', `otpauth://totp/x?secret=${S}&digits=9`, /9 digits/],
    ['a zero period', `otpauth://totp/x?secret=${S}&period=0`, /positive/],
    ['a negative period', `otpauth://totp/x?secret=${S}&period=-30`, /positive/],
    ['a fractional period', `otpauth://totp/x?secret=${S}&period=1.5`, /whole number/],
    ['MD5', `otpauth://totp/x?secret=${S}&algorithm=MD5`, /which Keyfob cannot make/],
    ['an unknown type', `otpauth://motp/x?secret=${S}`, /Keyfob does not know/],
    ['broken percent-encoding', `otpauth://totp/x%ZZ?secret=${S}`, /is damaged: it has a stray/],
    ['invalid UTF-8', `otpauth://totp/x%C3?secret=${S}`, /is damaged: it has a stray/],
    ['an empty label', `otpauth://totp/?secret=${S}`, /empty account name/],
    ['an issuer with an empty account', `otpauth://totp/Issuer:?secret=${S}`, /empty account name/],
    ['no parameters', `otpauth://totp/x`, /stops short: it carries no key/],
    ['another scheme', `https://example.com/?secret=${S}`, /not a setup link/],
    ['a URI over 4 KiB', `otpauth://totp/${'a'.repeat(4100)}?secret=${S}`, /4096 bytes/],
  ])('refuses %s', (_what, uri, message) => {
    const error = refused(uri);
    expect(error.code).toBe('URI_INVALID');
    expect(error.message).toMatch(message);
    expect(error.hint).toBeTruthy();
  });

  it('never repeats the secret in an error', () => {
    const secret = 'ABCDEFGHIJKLMNOP1';
    const error = refused(`otpauth://totp/x?secret=${secret}`);
    expect(error.message).not.toContain(secret);
    expect(error.hint ?? '').not.toContain(secret);
  });
});

describe('emitting strictly', () => {
  const base = { secret: S, extra: {} };

  it('writes the issuer as prefix and parameter, %20, upper-case algorithm and no padding', () => {
    const uri = formatOtpauthUri({
      ...base,
      secret: 'jbsw y3dp ehpk 3pxp====',
      issuer: 'My Bank',
      label: 'John Smith',
      params: { type: 'totp', algorithm: 'SHA256', digits: 8, period: 60, counter: 0 },
    });
    expect(uri).toBe(
      `otpauth://totp/My%20Bank:John%20Smith?secret=${S}&issuer=My%20Bank&algorithm=SHA256&digits=8&period=60`,
    );
  });

  it('never writes a colon inside the issuer', () => {
    const uri = formatOtpauthUri({
      ...base,
      issuer: 'Test: Foo',
      label: 'User',
      params: { type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
    });
    expect(uri).toContain('otpauth://totp/Test%20Foo:User?');
    expect(uri).toContain('issuer=Test%20Foo');
    expect(decodeURIComponent(uri.split('?')[0]!).match(/:/g)).toHaveLength(2); // otpauth: and the separator
  });

  it('writes HOTP with its counter and Steam so that other apps and Keyfob read it back', () => {
    const hotp = formatOtpauthUri({
      ...base,
      issuer: 'A',
      label: 'b',
      params: { type: 'hotp', algorithm: 'SHA1', digits: 6, period: 30, counter: 42 },
    });
    expect(hotp).toMatch(/^otpauth:\/\/hotp\/A:b\?.*counter=42/);
    const steam = formatOtpauthUri({
      ...base,
      issuer: 'Steam',
      label: 'gaben',
      params: { type: 'steam', algorithm: 'SHA1', digits: 5, period: 30, counter: 0 },
    });
    expect(steam).toMatch(/^otpauth:\/\/totp\/Steam:gaben\?.*issuer=Steam.*encoder=steam/);
    expect(parseOtpauthUri(steam).params.type).toBe('steam');
  });

  it('round-trips names with reserved and non-ASCII characters', () => {
    const account = {
      ...base,
      issuer: 'Ünïcode & Co #1',
      label: 'a+b@x.com?&=%/',
      params: { type: 'totp' as const, algorithm: 'SHA512' as const, digits: 7, period: 45, counter: 0 },
      extra: { image: 'https://x/y.png?a=b&c' },
    };
    expect(parseOtpauthUri(formatOtpauthUri(account))).toEqual({
      ...account,
      secret: normaliseSecret(account.secret),
    });
  });
});
