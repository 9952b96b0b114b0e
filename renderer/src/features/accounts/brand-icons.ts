/**
 * Brand icons for accounts: an issuer ("GitHub", "accounts.google.com", "Amazon Web Services (AWS)") matched to
 * one of simple-icons' icons through a compact index built at build time (scripts/build-icons.ts). This file is
 * plain TypeScript with no DOM and no Node: the build, the window, the unit tests and the bench share it, so the
 * names in the index are normalised by exactly the code that normalises an issuer.
 */

/** One entry of simple-icons' data/simple-icons.json, as far as the index needs it. */
export interface SimpleIconData {
  title: string;
  slug: string;
  hex: string;
  aliases?: {
    aka?: readonly string[];
    dup?: ReadonlyArray<{ title: string }>;
    loc?: Readonly<Record<string, string>>;
    old?: readonly string[];
  };
}

/** The index as shipped (dist/renderer/icons/index.js): small, and read without any normalising at load. */
export interface IconIndexData {
  /** Format of this object; a window meeting another one shows letters only. */
  v: 1;
  /** The simple-icons version the index and the SVG files were made from. */
  simpleIcons: string;
  /** [slug, hex, title] per icon, in simple-icons' order. */
  icons: Array<[string, string, string]>;
  /**
   * Normalised names (titles, aliases, the hand-kept table) → position in `icons`. A slug is a name too, but is
   * left out here when it is its own normalised form (nearly always), and added back at load.
   */
  names: Record<string, number>;
}

export interface BrandIcon {
  slug: string;
  /** The brand's colour, six hex digits without '#'. */
  hex: string;
  title: string;
}

export const INDEX_FORMAT = 1;

/**
 * Names authenticators really see that simple-icons' titles and aliases do not give (keys are normalised).
 * Only slugs the installed simple-icons has may appear: the build refuses a target it does not know, so an
 * icon removed upstream (Microsoft, AWS, Slack and LinkedIn were, at their owners' request) cannot leave a dead
 * link; those brands get a letter avatar.
 */
export const HAND_ALIASES: Readonly<Record<string, string>> = {
  // One-letter names are too ambiguous to take from the data in general; this one is a real issuer.
  x: 'x',
  fb: 'facebook',
  googlemail: 'gmail',
  npmjs: 'npm',
  pythonpackageindex: 'pypi',
  dockerhub: 'docker',
  ovhcloud: 'ovh',
  epicgamesstore: 'epicgames',
  ubisoftconnect: 'ubisoft',
  steampowered: 'steam',
  steamcommunity: 'steam',
  binanceus: 'binance',
  coinbasepro: 'coinbase',
  intuitmailchimp: 'mailchimp',
  playstationnetwork: 'playstation',
  psn: 'playstation',
  protonag: 'proton',
  tutao: 'tuta',
  battlenet: 'battledotnet',
  blizzard: 'battledotnet',
  blizzardentertainment: 'battledotnet',
  gog: 'gogdotcom',
  hf: 'huggingface',
  // What a Chinese-language authenticator shows for these services (simple-icons knows only their Latin names).
  支付宝: 'alipay',
  微信: 'wechat',
  哔哩哔哩: 'bilibili',
  淘宝: 'taobao',
  百度: 'baidu',
  微博: 'sinaweibo',
  新浪微博: 'sinaweibo',
  腾讯qq: 'qq',
};

/**
 * Words that are names of icons but far more often a placeholder someone typed ("root", "test") or a word that
 * says nothing about the brand: never matched, though the picker still finds them.
 */
const GENERIC = new Set(
  (
    'root test tests testing demo example sample mail email bank mybank server admin administrator home work ' +
    'personal private vpn wifi router nas cloud account accounts login default user local localhost dev ' +
    'development staging prod production company office school main backup website site web app api sso auth ' +
    'otp totp 2fa mfa key token secret password unknown none null undefined issuer service other misc temp ' +
    'new old my me system portal console shop store game games chat social news files git go wallet exchange pay'
  ).split(' '),
);

/** Company forms and words around a brand name ("Proton AG", "Google Account", "Steam Guard"). */
const TRAILING = new Set(
  (
    'inc llc ltd limited gmbh ag sa sas sarl bv nv plc corp corporation co company kk pty srl spa oy ab se lp ' +
    'llp group holdings account accounts acct id login signin sso 2fa mfa totp otp auth authenticator ' +
    'authentication security verify verification guard console portal dashboard admin online web cloud mail ' +
    'email platform platforms'
  ).split(' '),
);

/**
 * Where an address is a mailbox, not a service: "alice@gmail.com" says where Alice reads mail, not which site
 * this code is for, so these domains are not matched from a label.
 */
const MAILBOX_DOMAINS = new Set(
  (
    'gmail googlemail outlook hotmail live msn yahoo ymail icloud me mac aol proton protonmail pm tuta ' +
    'tutanota tutamail gmx web mailbox posteo fastmail qq 163 126 sina yandex mail zoho hey duck'
  ).split(' '),
);

// Latin diacritics only: stripping every mark would also take the dakuten off Japanese kana.
const LATIN_MARKS = /[\u0300-\u036f]/g;

/** NFKC, case-folded, Latin accents removed: the form both sides of a match are compared in. */
function fold(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(LATIN_MARKS, '')
      .normalize('NFKC')
      // Lower, upper, lower is close to Unicode case folding: ẞ and ß → ss, final ς → σ.
      .toLowerCase()
      .toUpperCase()
      .toLowerCase()
  );
}

interface Token {
  text: string;
  /** The token followed a dot ("google" in "accounts.google.com"): domain-like. */
  dotted: boolean;
}

function tokens(folded: string): Token[] {
  // simple-icons spells these out in slugs (atandt, disneyplus), and so does a person reading a name aloud.
  const spelled = folded.replace(/&/g, ' and ').replace(/\+/g, ' plus ');
  const out: Token[] = [];
  for (const match of spelled.matchAll(/([^\p{L}\p{N}]*)([\p{L}\p{N}]+)/gu)) {
    out.push({ text: match[2] as string, dotted: (match[1] as string).includes('.') });
  }
  return out;
}

/** The key a name is indexed and looked up by: "Epic Games, Inc." → "epicgamesinc". */
export function normaliseName(text: string): string {
  return tokens(fold(text))
    .map((t) => t.text)
    .join('');
}

// The labels under a country's domain that registrable names sit beside: example.co.uk, example.com.au.
const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'ac', 'gov', 'edu', 'ne', 'or']);

/**
 * Keys to try for one phrase, best first: whole; without company forms and generic words at the end; without
 * a top-level domain ("github.com", "example.co.uk"); then, for a host name, its registrable name alone.
 */
function phraseKeys(phrase: string, out: string[]): void {
  const list = tokens(phrase);
  const emit = () => out.push(list.map((t) => t.text).join(''));
  const last = () => list[list.length - 1] as Token;
  if (list.length === 0) return;
  emit();
  while (list.length > 1 && !last().dotted && TRAILING.has(last().text)) {
    list.pop();
    emit();
  }
  if (list.length > 1 && last().dotted && /^[a-z]{2,7}$/.test(last().text)) {
    list.pop();
    emit();
    if (list.length > 1 && last().dotted && SECOND_LEVEL.has(last().text)) {
      list.pop();
      emit();
    }
  }
  // "accounts.google" (what is left of accounts.google.com): the registrable name is the last label.
  if (list.length > 1 && list.slice(1).every((t) => t.dotted)) out.push(last().text);
}

/**
 * The keys to look an issuer up by, best first. A parenthesised part is tried after the rest ("Amazon Web
 * Services (AWS)" → "amazonwebservices", then "aws"), and an address after the name it is in.
 */
export function nameCandidates(text: string): string[] {
  const folded = fold(text).trim();
  const out: string[] = [];
  const inside = [...folded.matchAll(/\(([^()]*)\)/g)].map((m) => m[1] as string);
  const outside = folded.replace(/\([^()]*\)/g, ' ');
  const address = /@([\p{L}\p{N}.-]+\.[\p{L}]{2,})/u.exec(outside);
  phraseKeys(address ? outside.slice(0, address.index) : outside, out);
  for (const part of inside) phraseKeys(part, out);
  if (address) phraseKeys(address[1] as string, out);
  if (inside.length > 0) phraseKeys(folded, out);
  return [...new Set(out.filter((key) => key !== ''))];
}

/** The domain of an e-mail address in a label, unless it is a mailbox provider's. */
export function labelDomain(label: string): string | undefined {
  const match = /@([\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+)\s*>?\s*$/u.exec(label.trim());
  if (!match) return undefined;
  const domain = fold(match[1] as string);
  const labels = domain.split('.');
  // The registrable name: the label before the top-level domain (and before "co" in co.uk and the like).
  let end = labels.length - 1;
  if (end >= 2 && SECOND_LEVEL.has(labels[end - 1] as string)) end -= 1;
  const name = labels[end - 1];
  if (name === undefined || MAILBOX_DOMAINS.has(name)) return undefined;
  return domain;
}

/** The loaded index: names to icons, matching and search. Built once per window from IconIndexData. */
export class IconIndex {
  readonly version: string;
  readonly size: number;
  readonly #icons: BrandIcon[];
  readonly #names = new Map<string, number>();
  readonly #slugs = new Map<string, number>();
  /** Normalised titles, made on the first search: matching, which every window does, never needs them. */
  #titles: string[] | undefined;

  constructor(data: IconIndexData) {
    if (data.v !== INDEX_FORMAT)
      throw new Error(`Icon index format ${String(data.v)} is not ${INDEX_FORMAT}`);
    this.version = data.simpleIcons;
    this.#icons = data.icons.map(([slug, hex, title]) => ({ slug, hex, title }));
    this.size = this.#icons.length;
    this.#icons.forEach((icon, i) => this.#slugs.set(icon.slug, i));
    for (const [name, i] of Object.entries(data.names)) this.#names.set(name, i);
    // Slugs are already normalised ([a-z0-9]); a title's name keeps its place if another icon's slug collides.
    this.#icons.forEach((icon, i) => {
      if (icon.slug.length > 1 && !this.#names.has(icon.slug)) this.#names.set(icon.slug, i);
    });
  }

  bySlug(slug: string): BrandIcon | undefined {
    const i = this.#slugs.get(slug);
    return i === undefined ? undefined : this.#icons[i];
  }

  /** The icon for a name, or undefined; generic words ("root", "test") never match. */
  matchName(text: string): BrandIcon | undefined {
    for (const key of nameCandidates(text)) {
      if (GENERIC.has(key)) continue;
      const i = this.#names.get(key);
      if (i !== undefined) return this.#icons[i];
    }
    return undefined;
  }

  /** The icon for an account: by its issuer, or with none, by the domain of the e-mail address in its label. */
  match(issuer: string, label = ''): BrandIcon | undefined {
    if (issuer.trim() !== '') return this.matchName(issuer);
    const domain = labelDomain(label);
    return domain === undefined ? undefined : this.matchName(domain);
  }

  /**
   * Icons for the "Change icon…" picker: an exact name (or alias) first, then titles and slugs that start with
   * the query, then those that contain it; shorter titles first within each group, then alphabetical.
   */
  search(query: string, limit = 20): BrandIcon[] {
    const key = normaliseName(query);
    if (key === '' || limit <= 0) return [];
    const ranked: Array<{ icon: BrandIcon; rank: number }> = [];
    const exact = this.#names.get(key);
    const titles = (this.#titles ??= this.#icons.map((icon) => normaliseName(icon.title)));
    this.#icons.forEach((icon, i) => {
      const title = titles[i] as string;
      let rank: number;
      if (i === exact) rank = 0;
      else if (title.startsWith(key) || icon.slug.startsWith(key)) rank = 1;
      else if (title.includes(key) || icon.slug.includes(key)) rank = 2;
      else return;
      ranked.push({ icon, rank });
    });
    ranked.sort(
      (a, b) =>
        a.rank - b.rank ||
        a.icon.title.length - b.icon.title.length ||
        (a.icon.title < b.icon.title ? -1 : a.icon.title > b.icon.title ? 1 : 0),
    );
    return ranked.slice(0, limit).map((r) => r.icon);
  }
}

/**
 * The index from simple-icons' data (at build time). Names are added in order of trust: the hand-kept table,
 * then every title, then aliases ("aka", duplicates' titles, localised and old names); a name an earlier entry
 * took is not taken over, so the result does not depend on anything but the data's order.
 */
export function buildIconIndex(data: readonly SimpleIconData[], version: string): IconIndexData {
  const icons: IconIndexData['icons'] = data.map((icon) => [icon.slug, icon.hex.toUpperCase(), icon.title]);
  const position = new Map(data.map((icon, i) => [icon.slug, i]));
  const names = new Map<string, number>();
  const add = (name: string, i: number, minLength = 2) => {
    const key = normaliseName(name);
    if (key.length >= minLength && !names.has(key)) names.set(key, i);
  };
  for (const [name, slug] of Object.entries(HAND_ALIASES)) {
    const i = position.get(slug);
    if (i === undefined) throw new Error(`The hand-kept icon alias "${name}" names a missing icon "${slug}"`);
    add(name, i, 1);
  }
  data.forEach((icon, i) => add(icon.title, i));
  data.forEach((icon, i) => {
    const aliases = icon.aliases ?? {};
    for (const name of aliases.aka ?? []) add(name, i);
    for (const dup of aliases.dup ?? []) add(dup.title, i);
    for (const name of Object.values(aliases.loc ?? {})) add(name, i);
    for (const name of aliases.old ?? []) add(name, i);
  });
  const compact: Record<string, number> = {};
  for (const [key, i] of [...names].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    // The slug is added back at load (unless it is a single letter); only other names are shipped.
    if (key !== data[i]?.slug || key.length < 2) compact[key] = i;
  }
  return { v: INDEX_FORMAT, simpleIcons: version, icons, names: compact };
}
