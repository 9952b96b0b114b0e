/**
 * The cost of brand icons (issue 8): loading the index the window imports after its first paint (cold), and
 * matching 500 and 2,000 issuers once it is loaded (warm), on the built index in dist/renderer/icons; and what
 * the icons weigh. Run after `npm run build` (npm run bench does), or alone with `npx tsx test/bench/icons.ts`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { gzipSync } from 'node:zlib';
import { IconIndex, type IconIndexData } from '../../renderer/src/features/accounts/brand-icons';

const ICONS = resolve(__dirname, '../../dist/renderer/icons');

/** Issuers as an authenticator holds them: brands in several spellings, unknown names, label-only accounts. */
const BRANDS = [
  'GitHub',
  'Google',
  'Amazon Web Services (AWS)',
  'Microsoft',
  'Proton',
  'Bitwarden',
  'Cloudflare',
  'Discord',
  'Dropbox',
  'Epic Games',
  'Facebook',
  'Twitter',
  'Coinbase',
  'Binance',
  'npm',
  'PyPI',
  'Docker',
  'GitLab',
  'Atlassian',
  'Slack',
  'Zoom',
  'Okta',
  '1Password',
  'Nintendo',
  'Sony',
  'Steam',
  'Ubisoft',
  'Reddit',
  'Tumblr',
  'Twitch',
  'LinkedIn',
  'Salesforce',
  'Heroku',
  'DigitalOcean',
  'Namecheap',
  'Hetzner',
  'OVH',
  'Kraken',
  'Gemini',
  'PayPal',
  'Stripe',
  'Shopify',
  'WordPress',
  'Mailchimp',
  'Zoho',
  'Fastmail',
  'Tutanota',
  'Mastodon',
  'Hugging Face',
  'OpenAI',
  'Anthropic',
  'Apple',
];
const SPELLINGS = [
  (b: string) => b,
  (b: string) => b.toLowerCase(),
  (b: string) => `${b}, Inc.`,
  (b: string) => `${b.toLowerCase().replace(/[^a-z0-9]/g, '')}.com`,
  (b: string) => `${b} Account`,
];

export function sampleAccounts(count: number): Array<{ issuer: string; label: string }> {
  return Array.from({ length: count }, (_, i) => {
    const brand = BRANDS[i % BRANDS.length]!;
    if (i % 10 === 7) return { issuer: `Acme Widgets ${i}`, label: `user${i}` };
    if (i % 10 === 9) return { issuer: '', label: `user${i}@${brand.toLowerCase().replace(/\W/g, '')}.com` };
    return { issuer: SPELLINGS[i % SPELLINGS.length]!(brand), label: `user${i}@example.com` };
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

/** What the window does with icons/index.js: parse the module's JSON, then build the lookup tables. */
function loadIndex(source: string): IconIndex {
  const literal = /^export default JSON\.parse\((.*)\);\n$/s.exec(source);
  if (!literal) throw new Error('dist/renderer/icons/index.js is not the expected module');
  return new IconIndex(JSON.parse(JSON.parse(literal[1]!) as string) as IconIndexData);
}

export interface IconBench {
  icons: number;
  indexBytes: number;
  indexGzipBytes: number;
  svgFiles: number;
  svgBytes: number;
  largestSvgBytes: number;
  coldLoadMs: number;
  rows: Array<{ accounts: number; matched: number; coldMs: number; warmMs: number; perIssuerUs: number }>;
}

export function benchIcons(): IconBench {
  const source = readFileSync(join(ICONS, 'index.js'), 'utf8');
  const svgs = readdirSync(ICONS).filter((name) => name.endsWith('.svg'));
  const sizes = svgs.map((name) => statSync(join(ICONS, name)).size);
  // Cold: reading and building the index from its text, as on the window's first load (median of fresh loads).
  const cold: number[] = [];
  let index = loadIndex(source);
  for (let i = 0; i < 9; i++) {
    const start = performance.now();
    index = loadIndex(readFileSync(join(ICONS, 'index.js'), 'utf8'));
    cold.push(performance.now() - start);
  }
  const rows: IconBench['rows'] = [];
  for (const count of [500, 2000]) {
    const accounts = sampleAccounts(count);
    // Cold: a fresh index and the first pass over every account, as when the window opens.
    const colds: number[] = [];
    for (let i = 0; i < 9; i++) {
      const start = performance.now();
      const fresh = loadIndex(readFileSync(join(ICONS, 'index.js'), 'utf8'));
      for (const a of accounts) fresh.match(a.issuer, a.label);
      colds.push(performance.now() - start);
    }
    const times: number[] = [];
    let matched = 0;
    for (let round = 0; round < 15; round++) {
      matched = 0;
      const start = performance.now();
      for (const a of accounts) if (index.match(a.issuer, a.label)) matched++;
      times.push(performance.now() - start);
    }
    const warmMs = median(times);
    rows.push({
      accounts: count,
      matched,
      coldMs: median(colds),
      warmMs,
      perIssuerUs: (warmMs / count) * 1000,
    });
  }
  return {
    icons: index.size,
    indexBytes: Buffer.byteLength(source),
    indexGzipBytes: gzipSync(source).length,
    svgFiles: svgs.length,
    svgBytes: sizes.reduce((a, b) => a + b, 0),
    largestSvgBytes: Math.max(...sizes),
    coldLoadMs: median(cold),
    rows,
  };
}

export function printIconBench(r: IconBench): void {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
  console.log(`\nBrand icons (${r.icons} icons of simple-icons, matching in Node on the built index)`);
  console.log(`  index.js ${kb(r.indexBytes)} (${kb(r.indexGzipBytes)} gzipped), loaded after first paint`);
  console.log(
    `  ${r.svgFiles} tiles, ${(r.svgBytes / 1024 / 1024).toFixed(1)} MB together, ` +
      `${kb(r.svgBytes / r.svgFiles)} on average, ${kb(r.largestSvgBytes)} the largest; each fetched only when shown`,
  );
  console.log(
    `  cold: loading the index (parse and lookup tables), median of 9: ${r.coldLoadMs.toFixed(2)} ms`,
  );
  for (const row of r.rows) {
    console.log(
      `  ${row.accounts} accounts (${row.matched} matched): cold, load and first match, ` +
        `${row.coldMs.toFixed(2)} ms; warm, median of 15, ${row.warmMs.toFixed(2)} ms ` +
        `(${row.perIssuerUs.toFixed(1)} µs each)`,
    );
  }
}

if (require.main === module) printIconBench(benchIcons());
