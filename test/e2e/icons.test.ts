/**
 * AccountIcon in Chromium: a small page that renders the component for a handful of accounts, served on loopback
 * like the end-to-end harness serves the renderer, with the icons the renderer's build made (dist/renderer/icons)
 * and the window's own Content-Security-Policy. Brand tiles must load, every icon must have its name, only the
 * icons shown may be fetched, and the index must come after the first paint. Screenshots in both themes go to
 * test-results/screens/icons-{light,dark}.png.
 */
import { createServer, type Server } from 'node:http';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppProtocolHandler } from '../../main/app/scheme';
import { launchChromium, SCREENSHOTS } from '../support/e2e-harness';
import { expectAccessible } from '../support/ui-steps';

const ROOT = resolve(__dirname, '../..');

/** What the page's elements are read for; typed here because this file compiles without the DOM library. */
interface Image {
  complete: boolean;
  naturalWidth: number;
}

const RENDERER = join(ROOT, 'dist/renderer');

/** Each case: what the account holds, and what its icon should be (a slug, or the letter avatar's letter). */
const CASES: Array<{ issuer: string; label: string; override?: string; name: string; expect: string }> = [
  { issuer: 'GitHub', label: 'alice', name: 'GitHub', expect: 'icon:github' },
  {
    issuer: 'accounts.google.com',
    label: 'alice@gmail.com',
    name: 'accounts.google.com',
    expect: 'icon:google',
  },
  { issuer: 'Sony', label: 'alice', name: 'Sony', expect: 'icon:sony' },
  { issuer: 'Hugging Face', label: 'alice', name: 'Hugging Face', expect: 'icon:huggingface' },
  { issuer: 'Twitter', label: '@alice', name: 'Twitter', expect: 'icon:x' },
  { issuer: '支付宝', label: 'alice', name: '支付宝', expect: 'icon:alipay' },
  { issuer: '', label: 'ops@gitlab.com', name: 'ops@gitlab.com', expect: 'icon:gitlab' },
  { issuer: 'Acme', label: 'alice', override: 'stripe', name: 'Acme', expect: 'icon:stripe' },
  {
    issuer: 'Amazon Web Services (AWS)',
    label: 'root',
    name: 'Amazon Web Services (AWS)',
    expect: 'letter:A',
  },
  { issuer: 'My Bank', label: 'alice', name: 'My Bank', expect: 'letter:M' },
  { issuer: '微软', label: 'alice', name: '微软', expect: 'letter:微' },
  { issuer: 'GitHub', label: 'work', override: 'letter', name: 'GitHub', expect: 'letter:G' },
];

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
};

/** The page's files from `page`, and /icons/ from the built renderer. */
async function servePage(page: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const base = path.startsWith('/icons/') ? RENDERER : page;
    const file = join(base, path === '/' ? 'index.html' : path);
    if (!file.startsWith(base)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { url: `http://127.0.0.1:${port}/`, server };
}

/** The window's own CSP meta element, so the page is held to what the app's page is. */
function windowCsp(): string {
  const html = readFileSync(join(ROOT, 'renderer/index.html'), 'utf8');
  const meta = /<meta\s+http-equiv="Content-Security-Policy"[^>]*>/s.exec(html);
  if (!meta) throw new Error('renderer/index.html has no Content-Security-Policy');
  return meta[0];
}

async function makePage(dir: string): Promise<void> {
  const entry = `
    import { createRoot } from 'react-dom/client';
    import { AccountIcon } from './renderer/src/ui/AccountIcon';
    const cases = ${JSON.stringify(CASES)};
    createRoot(document.getElementById('root')).render(
      <ul>
        {cases.map((c, i) => (
          <li key={i} data-case={i}>
            <AccountIcon issuer={c.issuer} label={c.label} size={48} {...(c.override ? { override: c.override } : {})} />
            <span>{c.name}{c.override ? ' (' + c.override + ')' : ''}</span>
          </li>
        ))}
      </ul>,
    );`;
  await build({
    stdin: { contents: entry, resolveDir: ROOT, loader: 'tsx', sourcefile: 'icons-page.tsx' },
    bundle: true,
    format: 'esm',
    jsx: 'automatic',
    outdir: dir,
    entryNames: 'page',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  const html = `<!doctype html><html lang="en"><head><meta charset="UTF-8" /><title>Account icons</title>${windowCsp()}
    <link rel="stylesheet" href="./page.css" />
    <style>
      :root { color-scheme: light dark; background: light-dark(#f6f7f9, #121418); color: light-dark(#16181d, #eef0f4); font: 15px system-ui, sans-serif; }
      ul { list-style: none; margin: 0; padding: 16px; display: grid; grid-template-columns: repeat(3, 220px); gap: 12px; }
      li { display: flex; align-items: center; gap: 10px; }
    </style></head>
    <body><div id="root"></div><script type="module" src="./page.js"></script></body></html>`;
  writeFileSync(join(dir, 'index.html'), html);
}

describe('AccountIcon in Chromium', () => {
  let browser: Browser;
  let served: { url: string; server: Server };
  let dir: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'keyfob-icons-page-'));
    await makePage(dir);
    served = await servePage(dir);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    served?.server.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function open(
    colorScheme: 'light' | 'dark',
  ): Promise<{ page: Page; fetched: string[]; csp: string[] }> {
    // A context of its own, as axe-core asks, closed with its page.
    const context = await browser.newContext({ colorScheme, viewport: { width: 720, height: 300 } });
    const page = await context.newPage();
    page.on('close', () => void context.close());
    const fetched: string[] = [];
    const csp: string[] = [];
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path.startsWith('/icons/')) fetched.push(path.slice('/icons/'.length));
    });
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) csp.push(message.text());
    });
    await page.goto(served.url);
    return { page, fetched, csp };
  }

  it('shows brand tiles that load and letter avatars, each an image with the account’s name', async () => {
    const { page, fetched, csp } = await open('light');
    for (const [i, c] of CASES.entries()) {
      const item = page.locator(`[data-case="${i}"]`);
      const image = item.getByRole('img', { name: c.name, exact: true });
      await expect.poll(() => image.count(), { message: c.name }).toBe(1);
      const [kind, value] = c.expect.split(':') as [string, string];
      if (kind === 'icon') {
        await expect.poll(() => image.getAttribute('data-icon'), { message: c.name }).toBe(value);
        await expect
          .poll(() => image.evaluate((img) => (img as unknown as Image).naturalWidth), { message: c.name })
          .toBeGreaterThan(0);
        expect(await image.evaluate((img) => (img as unknown as Image).complete)).toBe(true);
        expect(await image.evaluate((img) => img.tagName)).toBe('IMG');
      } else {
        await expect.poll(() => image.textContent(), { message: c.name }).toBe(value);
      }
    }
    // Only the tiles on the page were fetched, once each, and nothing was refused by the CSP.
    const shown = CASES.filter((c) => c.expect.startsWith('icon:')).map((c) => `${c.expect.slice(5)}.svg`);
    expect(fetched.filter((f) => f.endsWith('.svg')).sort()).toEqual([...new Set(shown)].sort());
    expect(fetched.filter((f) => f === 'index.js')).toHaveLength(1);
    expect(csp).toEqual([]);
    // A bare page of icons, each beside its name as a caption: no main landmark or heading is expected of it, and
    // its captions repeat the images' names on purpose (the app's cards keep the two apart).
    await expectAccessible(page, [
      'landmark-one-main',
      'page-has-heading-one',
      'region',
      'image-redundant-alt',
    ]);
    await page.close();
  });

  it('imports the index only after the first paint', async () => {
    const { page } = await open('light');
    await expect.poll(() => page.locator('img[data-icon="github"]').count()).toBe(1);
    const timing = await page.evaluate(() => ({
      paint: performance.getEntriesByName('first-paint')[0]?.startTime,
      index: performance.getEntriesByType('resource').find((e) => e.name.endsWith('/icons/index.js'))
        ?.startTime,
    }));
    expect(timing.paint).toBeDefined();
    expect(timing.index).toBeDefined();
    expect(timing.index!).toBeGreaterThanOrEqual(timing.paint!);
    await page.close();
  });

  it('is photographed in the light and the dark theme', async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const scheme of ['light', 'dark'] as const) {
      const { page } = await open(scheme);
      const images = page.locator('img.account-icon');
      const brands = CASES.filter((c) => c.expect.startsWith('icon:')).length;
      await expect
        .poll(() =>
          images.evaluateAll((all) => all.filter((i) => (i as unknown as Image).naturalWidth > 0).length),
        )
        .toBe(brands);
      // The letter avatars' colours change with the theme: light tiles under dark letters in the dark theme.
      const letter = page.locator('[data-case="9"] [role="img"]');
      const colours = await letter.evaluate((el) => {
        const style = (
          globalThis as unknown as {
            getComputedStyle(e: unknown): { backgroundColor: string; color: string };
          }
        ).getComputedStyle(el);
        return { bg: style.backgroundColor, fg: style.color };
      });
      expect(colours.fg).toBe(scheme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(17, 19, 24)');
      await page.screenshot({ path: join(SCREENSHOTS, `icons-${scheme}.png`) });
      await page.close();
    }
  });

  it('is served by the app:// handler with the types the page needs', async () => {
    const handle = createAppProtocolHandler({ root: RENDERER });
    const index = await handle(new Request('app://keyfob/icons/index.js'));
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/^text\/javascript/);
    const tile = await handle(new Request('app://keyfob/icons/github.svg'));
    expect(tile.status).toBe(200);
    expect(tile.headers.get('content-type')).toBe('image/svg+xml');
    expect(await tile.text()).toMatch(/^<svg [^>]*width="72" height="72"/);
    for (const notice of ['LICENSE.md', 'DISCLAIMER.md'])
      expect((await handle(new Request(`app://keyfob/icons/${notice}`))).status).toBe(200);
  });
});
