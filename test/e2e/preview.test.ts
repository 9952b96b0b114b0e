/**
 * `npm run preview` as a person uses it: started as its own process, its printed address opened in a plain
 * Chromium page (no binding, no init script: the page gets `window.keyfob` from the preview's own bridge), the
 * seeded accounts shown with live codes, one copied; the server refuses a request without the token or with
 * another Host; Ctrl-C leaves no keychain item and no data folder behind.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { request } from 'node:http';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeAt } from '../../main/otp/codes';
import { KeytarKeychain } from '../../main/vault/keytar-keychain';
import { Vault } from '../../main/vault/vault';
import { launchChromium, SCREENSHOTS } from '../support/e2e-harness';
import { requireSecretService } from '../support/secret-service';
import { fromMenu } from '../support/ui-steps';

const ROOT = resolve(__dirname, '../..');
const ACCOUNTS = 12;

interface Started {
  child: ChildProcess;
  url: string;
  origin: string;
  home: string;
  service: string;
  output: () => string;
}

/** Starts the preview as `npm run preview` does (the build is the suite's), and reads what it prints. */
async function startPreview(args: string[]): Promise<Started> {
  // Its own process group, so the test can press "Ctrl-C" as a terminal does: to the whole group.
  const child = spawn(process.execPath, ['scripts/preview.mjs', ...args], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  await new Promise<void>((done, fail) => {
    const look = () => {
      if (/Ctrl-C/.test(out)) done();
    };
    child.stdout!.on('data', look);
    child.on('exit', (code) => fail(new Error(`the preview ended (${code}) before it was ready:\n${out}`)));
  });
  const url = /Keyfob preview: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out)?.[1];
  const vault = /Vault: (\S+) \(keychain service (\S+)\)/.exec(out);
  if (!url || !vault) throw new Error(`unexpected output:\n${out}`);
  return { child, url, origin: new URL(url).origin, home: vault[1]!, service: vault[2]!, output: () => out };
}

/** A raw request, so the Host header can be anything (fetch does not let it be set). */
function get(
  url: string,
  headers: Record<string, string>,
  method = 'GET',
  body?: string,
): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = request(url, { method, headers }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => done({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', fail);
    req.end(body);
  });
}

let browser: Browser | undefined;
let preview: Started | undefined;

beforeAll(async () => {
  requireSecretService();
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  // A failed test still stops the preview the way a person does, so it deletes what it made.
  const child = preview?.child;
  if (child && child.exitCode === null && child.signalCode === null) {
    const ended = new Promise((done) => child.on('close', done));
    process.kill(-child.pid!, 'SIGINT');
    await ended;
  }
  await browser?.close();
}, 30_000);

describe('npm run preview', () => {
  it('serves the whole app to a plain browser page, guarded by its token and Host, and cleans up on Ctrl-C', async () => {
    preview = await startPreview([
      '--port',
      '0',
      '--accounts',
      String(ACCOUNTS),
      '--lang',
      'en',
      '--theme',
      'dark',
    ]);
    const { url, origin, home, service } = preview;
    const token = new URL(url).searchParams.get('token')!;
    const keychain = new KeytarKeychain({ service });
    const vault = new Vault({ dir: home, keychain });
    const seeded = await vault.list();
    expect(seeded).toHaveLength(ACCOUNTS);
    expect((await keychain.list()).length).toBeGreaterThanOrEqual(ACCOUNTS);

    // Refused without the token, with a wrong one, and with another Host even when the token is right.
    const info = `${origin}/rpc/app:info`;
    expect((await get(info, {}, 'POST', '[]')).status).toBe(403);
    expect((await get(info, { 'x-keyfob-token': 'x'.repeat(token.length) }, 'POST', '[]')).status).toBe(403);
    expect((await get(`${origin}/`, {})).status).toBe(403);
    expect((await get(`${origin}/events`, {})).status).toBe(403);
    const port = new URL(origin).port;
    expect(
      (await get(info, { 'x-keyfob-token': token, host: `rebound.example:${port}` }, 'POST', '[]')).status,
    ).toBe(403);
    expect((await get(`${origin}/?token=${token}`, { host: `rebound.example:${port}` })).status).toBe(403);
    // The same request with the token and its own Host is answered: the refusals above were about them.
    const answered = await get(info, { 'x-keyfob-token': token }, 'POST', '[]');
    expect(answered.status).toBe(200);
    expect(JSON.parse(answered.body)).toMatchObject({ ok: true, value: { version: expect.any(String) } });

    const page = await browser!.newPage({ colorScheme: 'light', locale: 'de-DE' });
    await page.goto(url);
    // The token went into a cookie and out of the address bar.
    expect(page.url()).toBe(`${origin}/`);
    const rows = page.getByRole('button', { name: /^Copy code: / });
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(ACCOUNTS - 1);
    // The HOTP account has no code until asked; the two namesakes are both there.
    expect(await page.getByRole('button', { name: 'Generate code' }).count()).toBe(1);
    expect(
      await page.getByRole('button', { name: 'Copy code: Amazon Web Services (ada@example.com)' }).count(),
    ).toBe(2);
    // --theme dark and --lang en are the throw-away settings the page follows, over the browser's light and
    // German (the English row names above show the language).
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');

    // The code shown is the seeded key's, pushed over the preview's event stream.
    const github = seeded.find((a) => a.issuer === 'GitHub')!;
    const { secret, params } = (await vault.secretsFor([github.id])).get(github.id)!;
    vault.close();
    const row = page.getByRole('button', { name: 'Copy code: GitHub (ada-lovelace)' });
    await expect.poll(async () => (await row.textContent()) ?? '', { timeout: 5000 }).toMatch(/\d{3} \d{3}/);
    const shown = ((await row.textContent()) ?? '').match(/(\d{3}) (\d{3})/)!;
    const now = codeAt(secret, params, Date.now());
    const before = codeAt(secret, params, Date.now() - 2000);
    expect([before.code, now.code, now.next]).toContain(`${shown[1]}${shown[2]}`);

    const copied = page.waitForResponse((r) => r.url().endsWith('/rpc/codes:copy'));
    await row.click();
    const result = (await (await copied).json()) as { ok: boolean; value: { code: string } };
    expect(result.ok).toBe(true);
    const later = codeAt(secret, params, Date.now());
    expect([now.code, now.next, later.code, later.next]).toContain(result.value.code);
    await expect.poll(() => page.getByRole('status').textContent()).toMatch(/Copied/);
    await expect.poll(() => preview!.output()).toMatch(/copied a code/);
    await page.screenshot({ path: join(SCREENSHOTS, 'preview-dark.png') });

    // The Cognito tab has the stand-in's pools ready, and they answer.
    await fromMenu(page, 'Cognito');
    await page.getByRole('button', { name: 'Test connection' }).first().click();
    await expect
      .poll(() => page.getByRole('status').filter({ hasText: 'answer as expected' }).count())
      .toBe(1);
    await page.close();

    // Ctrl-C, as a terminal sends it: to every process of the group.
    const ended = new Promise<void>((done) => preview!.child.on('close', () => done()));
    process.kill(-preview.child.pid!, 'SIGINT');
    await ended;
    expect(await keychain.list()).toEqual([]);
    expect(existsSync(home)).toBe(false);
  });
});
