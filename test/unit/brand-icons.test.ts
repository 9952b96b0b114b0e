import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildIconIndex,
  HAND_ALIASES,
  IconIndex,
  labelDomain,
  nameCandidates,
  normaliseName,
  type SimpleIconData,
} from '../../renderer/src/features/accounts/brand-icons';
import {
  avatarLetter,
  contrastRatio,
  glyphColour,
  GRAPHIC_CONTRAST,
  LETTER_ON_DARK,
  LETTER_ON_LIGHT,
  LETTER_PALETTE,
  letterColours,
} from '../../renderer/src/features/accounts/brand-icons-colour';
import { indexModule, tileSvg } from '../../scripts/build-icons';

const PACKAGE = resolve(__dirname, '../../node_modules/simple-icons');
const DATA = JSON.parse(readFileSync(resolve(PACKAGE, 'data/simple-icons.json'), 'utf8')) as SimpleIconData[];
const VERSION = (JSON.parse(readFileSync(resolve(PACKAGE, 'package.json'), 'utf8')) as { version: string })
  .version;

/** The index as the window gets it: built, written as the module's JSON, read back. */
function shippedIndex(): IconIndex {
  const source = indexModule(buildIconIndex(DATA, VERSION));
  const json = JSON.parse(/^export default JSON\.parse\((.*)\);\n$/s.exec(source)![1]!) as string;
  return new IconIndex(JSON.parse(json));
}
const index = shippedIndex();
const slugOf = (issuer: string, label = '') => index.match(issuer, label)?.slug;

describe('matching an issuer to a brand icon', () => {
  // Spellings seen in real otpauth:// links, exports of other authenticators and what people type.
  const cases: Array<[string, string]> = [
    ['GitHub', 'github'],
    ['github', 'github'],
    ['GITHUB', 'github'],
    ['github.com', 'github'],
    ['GitHub, Inc.', 'github'],
    ['Ｇｉｔｈｕｂ', 'github'],
    ['GitHub (alice)', 'github'],
    ['Google', 'google'],
    ['Google Account', 'google'],
    ['Google LLC', 'google'],
    ['accounts.google.com', 'google'],
    ['Gmail', 'gmail'],
    ['Proton', 'proton'],
    ['Proton AG', 'proton'],
    ['proton.me', 'proton'],
    ['ProtonMail', 'protonmail'],
    ['Proton Mail', 'protonmail'],
    ['Bitwarden', 'bitwarden'],
    ['Bitwarden Inc.', 'bitwarden'],
    ['Cloudflare', 'cloudflare'],
    ['dash.cloudflare.com', 'cloudflare'],
    ['Discord', 'discord'],
    ['discord.com', 'discord'],
    ['Dropbox', 'dropbox'],
    ['Epic Games', 'epicgames'],
    ['Epic Games, Inc.', 'epicgames'],
    ['Epic Games Store', 'epicgames'],
    ['Facebook', 'facebook'],
    ['Meta', 'meta'],
    ['Meta Platforms, Inc.', 'meta'],
    ['Twitter', 'x'],
    ['twitter.com', 'x'],
    ['X', 'x'],
    ['x.com', 'x'],
    ['X Corp.', 'x'],
    ['Coinbase', 'coinbase'],
    ['Binance', 'binance'],
    ['Binance.US', 'binance'],
    ['npm', 'npm'],
    ['npmjs.com', 'npm'],
    ['PyPI', 'pypi'],
    ['pypi.org', 'pypi'],
    ['Docker', 'docker'],
    ['Docker Hub', 'docker'],
    ['GitLab', 'gitlab'],
    ['gitlab.com', 'gitlab'],
    ['Atlassian', 'atlassian'],
    ['Zoom', 'zoom'],
    ['zoom.us', 'zoom'],
    ['Okta', 'okta'],
    ['1Password', '1password'],
    ['Sony', 'sony'],
    ['Steam', 'steam'],
    ['steampowered.com', 'steam'],
    ['Ubisoft', 'ubisoft'],
    ['Ubisoft Connect', 'ubisoft'],
    ['Reddit', 'reddit'],
    ['Tumblr', 'tumblr'],
    ['Twitch', 'twitch'],
    ['DigitalOcean', 'digitalocean'],
    ['Namecheap', 'namecheap'],
    ['Hetzner', 'hetzner'],
    ['Hetzner Online GmbH', 'hetzner'],
    ['console.hetzner.cloud', 'hetzner'],
    ['OVH', 'ovh'],
    ['OVHcloud', 'ovh'],
    ['PayPal', 'paypal'],
    ['Stripe', 'stripe'],
    ['Shopify', 'shopify'],
    ['WordPress', 'wordpress'],
    ['WordPress.com', 'wordpress'],
    ['Mailchimp', 'mailchimp'],
    ['Zoho', 'zoho'],
    ['Zoho Corporation', 'zoho'],
    ['Tutanota', 'tuta'],
    ['Tuta', 'tuta'],
    ['Mastodon', 'mastodon'],
    ['mastodon.social', 'mastodon'],
    ['Hugging Face', 'huggingface'],
    ['huggingface.co', 'huggingface'],
    ['Anthropic', 'anthropic'],
    ['Apple', 'apple'],
    ['Apple ID', 'apple'],
    ['Bank of America', 'bankofamerica'],
    ['AT&T', 'atandt'],
    ['Booking.com', 'bookingdotcom'],
    ['Battle.net', 'battledotnet'],
    ['Blizzard', 'battledotnet'],
    ['kakaotalk', 'kakaotalk'],
    ['카카오톡', 'kakaotalk'],
    ['구글', 'google'],
    ['支付宝', 'alipay'],
    ['腾讯QQ', 'qq'],
    ['Nubank', 'nubank'],
  ];
  it.each(cases)('%s → %s', (issuer, slug) => {
    expect(slugOf(issuer)).toBe(slug);
  });

  // Brands people have accounts with that simple-icons removed at their owners' request, and names that would
  // match another brand if the matcher guessed: a letter avatar, never someone else's logo.
  it.each([
    'Amazon Web Services (AWS)',
    'AWS',
    'aws.amazon.com',
    'Amazon',
    'Microsoft',
    'Microsoft account',
    'login.microsoftonline.com',
    'Slack',
    'LinkedIn',
    'Salesforce',
    'Heroku',
    'Nintendo',
    'Fastmail',
    'OpenAI',
    'Kraken', // not GitKraken
    'Gemini', // the exchange, not Google Gemini
    'Epic', // not Epic Games: Epic Systems is a different company
  ])('%s has no icon', (issuer) => {
    expect(slugOf(issuer)).toBeUndefined();
  });

  it.each([
    'My Bank',
    'test',
    'Test',
    'TEST',
    'root',
    'Root',
    'root@server',
    'admin',
    'localhost',
    'example.com',
    'Home',
    'e',
    'C',
    '',
    '   ',
    '🔐',
  ])('%j is not taken for a brand', (issuer) => {
    expect(slugOf(issuer)).toBeUndefined();
  });

  it('falls back to the e-mail domain of the label only when there is no issuer', () => {
    expect(slugOf('', 'alice@github.com')).toBe('github');
    expect(slugOf('', 'Alice <alice@gitlab.com>')).toBe('gitlab');
    expect(slugOf('', 'ops@staff.hetzner.de')).toBe('hetzner');
    expect(slugOf('', 'alice')).toBeUndefined();
    expect(slugOf('GitHub', 'alice@gitlab.com')).toBe('github');
    expect(slugOf('Unknown Widgets', 'alice@gitlab.com')).toBeUndefined();
  });

  it('does not take a mailbox provider for the service the code is for', () => {
    for (const label of [
      'alice@gmail.com',
      'bob@outlook.com',
      'carol@mail.proton.me',
      'dave@yahoo.co.uk',
      'erin@qq.com',
    ]) {
      expect(labelDomain(label), label).toBeUndefined();
      expect(slugOf('', label), label).toBeUndefined();
    }
    expect(labelDomain('frank@shop.example.co.uk')).toBe('shop.example.co.uk');
  });

  it('normalises NFKC, case and Latin accents, and keeps other scripts', () => {
    expect(normaliseName('Ｅｐｉｃ　Ｇａｍｅｓ')).toBe('epicgames');
    expect(normaliseName('Crédit Agricole')).toBe('creditagricole');
    expect(normaliseName('STRAẞE')).toBe('strasse');
    expect(normaliseName('Disney+')).toBe('disneyplus');
    expect(normaliseName('ソニー')).toBe('ソニー');
    expect(normaliseName('バンダイ')).toBe('バンダイ');
    expect(nameCandidates('Amazon Web Services (AWS)')).toEqual([
      'amazonwebservices',
      'aws',
      'amazonwebservicesaws',
    ]);
    expect(nameCandidates('accounts.google.com')).toEqual(['accountsgooglecom', 'accountsgoogle', 'google']);
  });

  it('is deterministic: the same data gives the same index and the same answers', () => {
    expect(buildIconIndex(DATA, VERSION)).toEqual(buildIconIndex(DATA, VERSION));
    const again = shippedIndex();
    for (const [issuer] of cases) expect(again.match(issuer)).toEqual(index.match(issuer));
    expect(letterColours('GitHub')).toEqual(letterColours('github'));
  });

  it('finds every icon by its slug and by its own title unless another icon or a stop word has it', () => {
    let ownTitle = 0;
    for (const icon of DATA) {
      expect(index.bySlug(icon.slug)?.hex).toBe(icon.hex.toUpperCase());
      if (index.matchName(icon.title)?.slug === icon.slug) ownTitle++;
    }
    // A few titles normalise alike ("Pi" and "PI"), are single letters or are stop words.
    expect(ownTitle).toBeGreaterThan(DATA.length * 0.97);
  });

  it('refuses a hand-kept alias whose icon simple-icons no longer has', () => {
    const target = Object.values(HAND_ALIASES)[0]!;
    expect(() =>
      buildIconIndex(
        DATA.filter((icon) => icon.slug !== target),
        VERSION,
      ),
    ).toThrow(target);
  });

  it('searches for the picker: exact name first, then prefixes, then the rest, the same order every time', () => {
    const found = index.search('git', 8).map((icon) => icon.slug);
    expect(found[0]).toBe('git');
    expect(found).toContain('github');
    expect(found).toEqual(index.search('Git', 8).map((icon) => icon.slug));
    expect(index.search('twitter', 3)[0]?.slug).toBe('x');
    // The picker offers what matching refuses: someone may really mean ROOT.
    expect(index.search('root', 5).map((icon) => icon.slug)).toContain('root');
    expect(index.search('kraken', 5).map((icon) => icon.slug)).toEqual(['gitkraken']);
    expect(index.search('', 5)).toEqual([]);
    expect(index.search('zzzzqqq', 5)).toEqual([]);
  });
});

describe('icon colours', () => {
  it('draws every brand glyph with at least WCAG’s 3:1 for graphics on its tile, white where it can', () => {
    for (const icon of DATA) {
      const glyph = glyphColour(icon.hex);
      expect(contrastRatio(icon.hex, glyph), icon.slug).toBeGreaterThanOrEqual(GRAPHIC_CONTRAST);
      if (glyph === '#000000') expect(contrastRatio(icon.hex, '#ffffff'), icon.slug).toBeLessThan(3);
    }
    expect(glyphColour('000000')).toBe('#ffffff');
    expect(glyphColour('4285F4')).toBe('#ffffff');
    expect(glyphColour('FFFFFF')).toBe('#000000');
    expect(glyphColour('FFD21E')).toBe('#000000');
  });

  it('gives letter avatars WCAG AA text contrast in the light and the dark theme', () => {
    for (const { light, dark } of LETTER_PALETTE) {
      expect(contrastRatio(light, LETTER_ON_LIGHT), light).toBeGreaterThanOrEqual(4.5);
      expect(contrastRatio(dark, LETTER_ON_DARK), dark).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('spreads names over the palette', () => {
    const used = new Set(Array.from({ length: 200 }, (_, i) => letterColours(`Issuer ${i}`).light));
    expect(used.size).toBe(LETTER_PALETTE.length);
  });

  it('takes the first letter or digit, whole graphemes, CJK included', () => {
    expect(avatarLetter('github')).toBe('G');
    expect(avatarLetter('élan')).toBe('É');
    expect(avatarLetter('e\u0301cole')).toBe('É');
    expect(avatarLetter('ßig')).toBe('ß');
    expect(avatarLetter('支付宝')).toBe('支');
    expect(avatarLetter('카카오')).toBe('카');
    expect(avatarLetter('ソニー')).toBe('ソ');
    expect(avatarLetter('🔐 Vault Co')).toBe('V');
    expect(avatarLetter('(test)')).toBe('T');
    expect(avatarLetter('1Password')).toBe('1');
    expect(avatarLetter('🔐')).toBe('');
  });

  it('makes a tile the size the window asks for, with the glyph in the contrasting colour', () => {
    const svg = tileSvg('FFD21E', 'M0 0h24v24H0z');
    expect(svg).toContain('width="72" height="72"');
    expect(svg).toContain('fill="#FFD21E"');
    expect(svg).toContain('<path fill="#000000" d="M0 0h24v24H0z"/>');
  });
});
