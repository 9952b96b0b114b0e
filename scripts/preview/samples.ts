import { randomBytes } from 'node:crypto';
import { bytesToBase32 } from '../../main/otp/secret';
import { defaultParams, type Algorithm, type OtpParams } from '../../main/otp/types';
import type { NewAccount } from '../../main/vault/vault';

/**
 * Issuer and account pairs as people have them: well-known services first (brand icons), then some without an
 * icon (letter avatars), long names (ellipsis) and names in German and Chinese. The person is fictional.
 */
const PAIRS: Array<[issuer: string, label: string]> = [
  ['GitHub', 'ada-lovelace'],
  ['Google', 'ada.lovelace@gmail.com'],
  ['Amazon Web Services', 'ada@example.com'],
  ['Microsoft', 'ada.lovelace@outlook.com'],
  ['Dropbox', 'ada@example.com'],
  ['Slack', 'ada@analytical-engines.example'],
  ['Acme VPN', 'ada'],
  ['GitLab', 'ada.l'],
  ['Cloudflare', 'ops@analytical-engines.example'],
  ['Amazon Web Services', 'ada@example.com'],
  ['Discord', 'ada#1815'],
  ['Stripe', 'billing@analytical-engines.example'],
  ['PayPal', 'ada@example.com'],
  ['Kundenportal der Stadtwerke Musterstadt', 'kundennummer-4711-0815@stadtwerke.example'],
  ['Coinbase', 'ada@example.com'],
  ['DigitalOcean', 'ada@example.com'],
  ['阿里云', 'ada@example.com'],
  ['npm', 'adalovelace'],
  ['Docker', 'adalovelace'],
  ['Reddit', 'u/countess_of_lovelace'],
  ['LinkedIn', 'ada@example.com'],
  ['Twitch', 'ada_streams'],
  ['Proton', 'ada@proton.example'],
  ['Bitwarden', 'ada@example.com'],
  ['Figma', 'ada@analytical-engines.example'],
  ['Notion', 'ada@analytical-engines.example'],
  ['Atlassian', 'ada@analytical-engines.example'],
  ['Zoom', 'ada@example.com'],
  ['Facebook', 'ada.lovelace'],
  ['Instagram', '@ada.lovelace'],
  ['Shopify', 'analytical-engines.myshopify.example'],
  ['Namecheap', 'adalovelace'],
  ['Vercel', 'ada@example.com'],
  ['Netlify', 'ada@example.com'],
  ['Sentry', 'ada@analytical-engines.example'],
  ['Datadog', 'ada@analytical-engines.example'],
  ['Twilio', 'ada@analytical-engines.example'],
  ['Hetzner', 'AL1815-HETZNER'],
  ['Okta', 'ada.lovelace@analytical-engines.example'],
  ['Epic Games', 'AdaPlays'],
];

/** The account that counts (HOTP): a typical company VPN token. */
const HOTP_INDEX = 6;

function paramsFor(index: number): OtpParams {
  if (index === HOTP_INDEX) return { ...defaultParams('hotp'), counter: 3 };
  const algorithm: Algorithm = index % 7 === 3 ? 'SHA256' : 'SHA1';
  return {
    ...defaultParams('totp'),
    algorithm,
    digits: index % 5 === 3 ? 8 : 6,
    period: index % 6 === 4 ? 60 : 30,
  };
}

/**
 * `count` accounts with fresh random keys: a mix of 6 and 8 digits, 30 and 60 s, a few SHA-256, one HOTP, and
 * two (Amazon Web Services, ada@example.com) that share a name. Past the list the pairs repeat with numbered
 * addresses, so any count gives distinct, plausible names.
 */
export function sampleAccounts(count: number): NewAccount[] {
  return Array.from({ length: count }, (_, index) => {
    const [issuer, base] = PAIRS[index % PAIRS.length]!;
    const round = Math.floor(index / PAIRS.length);
    const label =
      round === 0 ? base : base.includes('@') ? base.replace('@', `+${round}@`) : `${base}-${round}`;
    return {
      issuer,
      label,
      secret: bytesToBase32(new Uint8Array(randomBytes(20))),
      params: paramsFor(index),
      extra: {},
    };
  });
}
