/**
 * The catalogues (locales/<lang>/<namespace>.json) are the only place a user-facing word lives, so these checks
 * stand in for the type checks the hand-written tables had: every language has every key, says the same
 * parameters, has the plural forms its language needs, and every key is used by some code.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import languages from '../../locales/languages.json';
import { LOCALES } from '../support/words';

const ROOT = join(__dirname, '..', '..');
type Tree = { [key: string]: string | Tree };

function read(lang: string, ns: string): Tree {
  return JSON.parse(readFileSync(join(LOCALES, lang, `${ns}.json`), 'utf8')) as Tree;
}

/** Every string in a catalogue by its dotted path. */
function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** A path without its plural suffix: languages have different plural forms of the same entry. */
const entryOf = (path: string) => path.replace(PLURAL, '');
const paramsOf = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]!);

/** Parameters a translation may leave out, each with its reason (none at present). */
const MAY_OMIT: Record<string, string[]> = {};

const codes = languages.map((l) => l.code);
const namespaces = readdirSync(join(LOCALES, 'en'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => f.replace(/\.json$/, ''));

describe('catalogues', () => {
  it('has one folder per listed language and lists every folder', () => {
    const folders = readdirSync(LOCALES).filter((f) => statSync(join(LOCALES, f)).isDirectory());
    expect(folders.sort()).toEqual([...codes].sort());
    expect(namespaces).toEqual(expect.arrayContaining(['app', 'errors']));
  });

  for (const ns of namespaces) {
    const en = flatten(read('en', ns));
    for (const lang of codes.filter((c) => c !== 'en')) {
      it(`${lang}/${ns}.json has every entry of en, and nothing else`, () => {
        const theirs = flatten(read(lang, ns));
        // The command line's wordings (`_cli`) too: the CLI speaks the language of the environment.
        const want = new Set([...en.keys()].map(entryOf));
        const have = new Set([...theirs.keys()].map(entryOf));
        expect(
          [...want].filter((k) => !have.has(k)),
          'missing',
        ).toEqual([]);
        expect(
          [...have].filter((k) => !want.has(k)),
          'not in en',
        ).toEqual([]);
      });

      it(`${lang}/${ns}.json uses the same parameters as en in each entry`, () => {
        const theirs = flatten(read(lang, ns));
        const byEntry = (m: Map<string, string>) => {
          const out = new Map<string, Set<string>>();
          for (const [k, v] of m) {
            const set = out.get(entryOf(k)) ?? new Set<string>();
            for (const p of paramsOf(v)) if (p !== 'count') set.add(p);
            out.set(entryOf(k), set);
          }
          return out;
        };
        const ours = byEntry(en);
        const mismatched: string[] = [];
        for (const [entry, params] of byEntry(theirs)) {
          const want = ours.get(entry);
          if (!want) continue;
          const omit = new Set(MAY_OMIT[`${ns}:${entry}`] ?? []);
          const a = [...want].filter((p) => !omit.has(p)).sort();
          const b = [...params].sort();
          if (a.join() !== b.join()) mismatched.push(`${entry}: en {${[...want]}} ${lang} {${b}}`);
        }
        expect(mismatched.join('\n')).toBe('');
      });
    }

    it(`${ns}.json words a count through plural forms, never "key(s)"`, () => {
      const unplural: string[] = [];
      for (const lang of codes) {
        // A language with one form for every number (Chinese) needs no suffix.
        if (new Intl.PluralRules(lang).resolvedOptions().pluralCategories.length < 2) continue;
        for (const [path, text] of flatten(read(lang, ns)))
          if (paramsOf(text).includes('count') && !PLURAL.test(path)) unplural.push(`${lang}: ${path}`);
      }
      expect(unplural).toEqual([]);
      expect([...en].filter(([, text]) => /\w\((s|es)\)/.test(text)).map(([path]) => path)).toEqual([]);
    });

    it(`${ns}.json has the plural forms each language needs`, () => {
      const incomplete: string[] = [];
      for (const lang of codes) {
        const paths = [...flatten(read(lang, ns)).keys()];
        const plural = new Set(paths.filter((p) => PLURAL.test(p)).map(entryOf));
        const needed = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
        for (const entry of plural) {
          for (const form of needed)
            if (!paths.includes(`${entry}_${form}`)) incomplete.push(`${lang}: ${entry}_${form}`);
        }
      }
      expect(incomplete).toEqual([]);
    });
  }
});

/** Every source file of the three layers and the shared i18n code, read once. */
function sources(dirs = ['main', 'preload', 'renderer/src', 'locales']): string {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.(ts|tsx|mts)$/.test(entry.name)) out.push(readFileSync(path, 'utf8'));
    }
  };
  for (const dir of dirs) walk(join(ROOT, dir));
  return out.join('\n');
}

describe('catalogue keys in use', () => {
  const code = sources();

  it('uses every error key somewhere in main, preload or the window', () => {
    const unused = Object.keys(read('en', 'errors')).filter((key) => !code.includes(`'${key}'`));
    expect(unused).toEqual([]);
  });

  it('uses every entry of the window’s catalogue (as t.<entry> or by its key)', () => {
    const entries = new Set(Object.keys(read('en', 'app')).map((k) => k.replace(/_.*$/, '')));
    const window = sources(['renderer/src']);
    // Screens take the words as `t` (the camera as `c`); the calls in i18n/strings.ts name their keys.
    const unused = [...entries].filter((key) => !new RegExp(`(\\b[tc]\\.${key}\\b|'${key}')`).test(window));
    expect(unused).toEqual([]);
  });

  it('uses every entry of the shell’s catalogue (tray, notifications, main’s dialogs)', () => {
    const entries = new Set(Object.keys(read('en', 'shell')).map((k) => k.replace(PLURAL, '')));
    const menus = sources(['main/app']);
    // A group of words (`menu`) is read word by word: t(`menu.${word}`).
    const used = (key: string) => menus.includes(`t('${key}'`) || menus.includes(`t(\`${key}.`);
    expect([...entries].filter((key) => !used(key))).toEqual([]);
  });

  it('uses every entry of the command line’s catalogue (by its key, or a key the CLI builds)', () => {
    const cli = sources(['main/cli']);
    // help_<command>, missing_<what>, codePrompt_<via>[_to] and place_<kind> are put together from their parts.
    const built = /^(help|missing|codePrompt|place)_/;
    const entries = Object.keys(read('en', 'cli')).map((k) => k.replace(PLURAL, ''));
    expect(entries.filter((key) => !built.test(key) && !cli.includes(`'${key}'`))).toEqual([]);
  });

  it('uses every group of parameter words (their entries are the codes main sends), by nesting it in an entry', () => {
    // Errors nest them, and so do the command line's messages that carry a code (why a file was moved aside).
    const entries = ['errors', 'cli', 'shell', 'app']
      .flatMap((ns) => [...flatten(read('en', ns)).values()])
      .join('\n');
    const unused = Object.keys(read('en', 'errorWords')).filter(
      (group) => !entries.includes(`$t(errorWords:${group}.{{`),
    );
    expect(unused).toEqual([]);
  });
});
