import { promises as fs } from 'node:fs';
import { extname, isAbsolute, join, relative, sep } from 'node:path';

/**
 * The window's page comes from app://keyfob/, not file://. A file: page shares its origin with every file on
 * the disk (what fetch or an <iframe> could reach is then down to Chromium's file rules and the
 * GrantFileProtocolExtraPrivileges fuse, which electron-builder.yml turns off); this scheme serves the
 * renderer's own folder and nothing else, and gives the page a real origin for its CSP's 'self'.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'keyfob';
export const RENDERER_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Registered before the app is ready. `standard` gives the scheme origins and relative URLs like https, `secure`
 * makes the page a secure context (the camera needs one); nothing else (no CORS, no service workers, no
 * bypassing the CSP).
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
} as const;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
};

function answer(status: number): Response {
  return new Response(null, { status, headers: { 'X-Content-Type-Options': 'nosniff' } });
}

/** The file under `root` that `pathname` names, or undefined when it would leave the folder. */
export function fileFor(root: string, pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  // A backslash is a separator on Windows and a NUL ends a path in C: neither belongs in our file names.
  if (decoded.includes('\\') || decoded.includes('\0')) return undefined;
  const file = join(root, decoded === '/' ? 'index.html' : decoded);
  const inside = relative(root, file);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside))
    return undefined;
  return file;
}

export interface AppProtocolSettings {
  /** The built renderer's folder (dist/renderer). */
  root: string;
  readFile?: (path: string) => Promise<Uint8Array>;
}

/**
 * protocol.handle's handler for app://: GET and HEAD of files in the renderer's folder, with their types and
 * nosniff; any other host, method or path is refused, and a missing file is a plain 404.
 */
export function createAppProtocolHandler(
  settings: AppProtocolSettings,
): (request: Request) => Promise<Response> {
  const readFile = settings.readFile ?? ((path: string) => fs.readFile(path));
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return answer(400);
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return answer(404);
    if (request.method !== 'GET' && request.method !== 'HEAD') return answer(405);
    const file = fileFor(settings.root, url.pathname);
    if (file === undefined) return answer(404);
    let body: Uint8Array;
    try {
      body = await readFile(file);
    } catch {
      // Missing, a folder, or unreadable: the page gets nothing either way, and the path is not echoed.
      return answer(404);
    }
    return new Response(request.method === 'HEAD' ? null : (body as Uint8Array<ArrayBuffer>), {
      status: 200,
      headers: {
        'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'X-Content-Type-Options': 'nosniff',
      },
    });
  };
}
