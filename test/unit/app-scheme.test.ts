import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { debuggingSwitch } from '../../main/app/launch-guard';
import { createAppProtocolHandler, fileFor, RENDERER_URL } from '../../main/app/scheme';

/** A renderer folder with a page, a script and, beside it, a file the scheme must never serve. */
function site() {
  const base = mkdtempSync(join(tmpdir(), 'keyfob-scheme-'));
  const root = join(base, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Keyfob</title>');
  writeFileSync(join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(base, 'secret.txt'), 'outside');
  return { root, handler: createAppProtocolHandler({ root }) };
}

describe('the app:// scheme', () => {
  it('serves the page and its assets with their types', async () => {
    const { handler } = site();
    expect(RENDERER_URL).toBe('app://keyfob/index.html');
    const page = await handler(new Request(RENDERER_URL));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>Keyfob</title>');
    const script = await handler(new Request('app://keyfob/assets/index-abc.js'));
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    expect(await (await handler(new Request('app://keyfob/'))).text()).toContain('Keyfob');
  });

  it.each([
    'app://keyfob/../secret.txt',
    'app://keyfob/%2e%2e/secret.txt',
    'app://keyfob/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    'app://keyfob/..%5csecret.txt',
    'app://keyfob/index.html%00.js',
    'app://keyfob/%E0%A4%A',
    'app://keyfob/missing.js',
    'app://keyfob/assets',
    'app://other/index.html',
  ])('answers 404 for %s and never reads outside the folder', async (url) => {
    const { handler } = site();
    const response = await handler(new Request(url));
    expect(response.status).toBe(404);
    expect(await response.text()).toBe('');
  });

  it('answers only GET and HEAD', async () => {
    const { handler } = site();
    expect((await handler(new Request(RENDERER_URL, { method: 'POST', body: 'x' }))).status).toBe(405);
    const head = await handler(new Request(RENDERER_URL, { method: 'HEAD' }));
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('maps a path to a file inside the root only', () => {
    const root = join(tmpdir(), 'r');
    expect(fileFor(root, '/')).toBe(join(root, 'index.html'));
    expect(fileFor(root, '/a/b.js')).toBe(join(root, 'a', 'b.js'));
    expect(fileFor(root, '/a/../b.js')).toBe(join(root, 'b.js'));
    expect(fileFor(root, '/../r2/x')).toBeUndefined();
    expect(fileFor(root, '/%2e%2e')).toBeUndefined();
  });
});

describe('debugging switches', () => {
  it.each([
    [['keyfob', '--remote-debugging-port=9222'], '--remote-debugging-port'],
    [['keyfob', '--remote-debugging-pipe'], '--remote-debugging-pipe'],
    [['keyfob', '--REMOTE-DEBUGGING-PORT=1'], '--REMOTE-DEBUGGING-PORT'],
    [['keyfob', '-remote-debugging-port=9222'], '-remote-debugging-port'],
    [['keyfob', 'otpauth://totp/x', '--inspect'], '--inspect'],
    [['keyfob', '--inspect-brk=0.0.0.0:9229'], '--inspect-brk'],
    [['keyfob', '--inspect-port=9229'], '--inspect-port'],
  ])('finds %j', (argv, expected) => {
    expect(debuggingSwitch(argv, 'linux')).toBe(expected);
  });

  it('finds /switch on Windows only', () => {
    expect(debuggingSwitch(['keyfob.exe', '/remote-debugging-port=9222'], 'win32')).toBe(
      '/remote-debugging-port',
    );
    expect(debuggingSwitch(['keyfob', '/remote-debugging-port=9222'], 'linux')).toBeUndefined();
  });

  it.each([
    [['keyfob']],
    [['keyfob', 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP']],
    [['keyfob', '--enable-features=X', '--inspector-like']],
    [['keyfob', '--', '--inspect']],
    // The executable itself is never a switch.
    [['--inspect']],
  ])('lets %j through', (argv) => {
    expect(debuggingSwitch(argv, 'linux')).toBeUndefined();
  });
});
