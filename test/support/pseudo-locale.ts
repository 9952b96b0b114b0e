/**
 * A pseudo-locale made from the English catalogues at test time: every letter accented, each text about 40%
 * longer and bracketed, so that a screen in it shows at a glance (and to a test) any text that went around the
 * catalogue, and layouts meet longer words. Building it as one more folder plus one line in languages.json, with
 * no code change, is also the proof that a new language needs nothing else.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const PSEUDO = 'en-XA';
const ROOT = resolve(__dirname, '..', '..');

const ACCENTS: Record<string, string> = Object.fromEntries(
  [...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'].map((ch, i) => [
    ch,
    [...'áƀçðéƒĝĥíĵķĺɱñóþǫŕšţúṽŵẋýžÁƁÇÐÉƑĜĤÍĴĶĹṀÑÓÞǪŔŠŢÚṼŴẊÝŽ'][i]!,
  ]),
);

/** Interpolations ({{name}}, {{n, number}}) and nestings stay as they are: they are not words. */
const PLACEHOLDER = /(\{\{[^}]*\}\}|\$t\([^)]*\))/;

export function pseudo(text: string): string {
  if (text.trim() === '') return text;
  const accented = text
    .split(PLACEHOLDER)
    .map((part, i) => (i % 2 === 1 ? part : [...part].map((ch) => ACCENTS[ch] ?? ch).join('')))
    .join('');
  const letters = text.replace(new RegExp(PLACEHOLDER, 'g'), '').length;
  return `⟦${accented}${'·'.repeat(Math.ceil(letters * 0.4))}⟧`;
}

type Tree = { [key: string]: string | Tree };
function walk(tree: Tree): Tree {
  return Object.fromEntries(
    Object.entries(tree).map(([k, v]) => [k, typeof v === 'string' ? pseudo(v) : walk(v)]),
  );
}

/** Every letter a pseudo text can contain, to tell a pseudo-localised text from one that is not. */
export const PSEUDO_LETTERS = new Set(Object.values(ACCENTS));

/**
 * A copy of locales/ with the pseudo-locale as a fourth folder and line, and the renderer built from it into a
 * temporary folder; returns that folder.
 */
export function buildPseudoRenderer(): string {
  const dir = mkdtempSync(join(tmpdir(), 'keyfob-pseudo-'));
  const locales = join(dir, 'locales');
  cpSync(join(ROOT, 'locales'), locales, { recursive: true });
  mkdirSync(join(locales, PSEUDO));
  for (const file of readdirSync(join(locales, 'en'))) {
    const tree = JSON.parse(readFileSync(join(locales, 'en', file), 'utf8')) as Tree;
    writeFileSync(join(locales, PSEUDO, file), JSON.stringify(walk(tree), null, 2));
  }
  const list = JSON.parse(readFileSync(join(locales, 'languages.json'), 'utf8')) as unknown[];
  list.push({ code: PSEUDO, name: pseudo('English (pseudo)') });
  writeFileSync(join(locales, 'languages.json'), JSON.stringify(list, null, 2));
  const out = join(dir, 'renderer');
  execFileSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--config', 'renderer/vite.config.mts', '--logLevel', 'error'],
    {
      cwd: ROOT,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production', KEYFOB_LOCALES: locales, KEYFOB_RENDERER_OUT: out },
    },
  );
  return out;
}
