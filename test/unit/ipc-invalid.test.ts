/**
 * A refused IPC argument is named in the reader's language: each name main/ipc/ gives check() or invalid() is a
 * word of errorWords.ipcWhat. New channels add names; this finds any without its word.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import en from '../../locales/en/errorWords.json';
import { invalid } from '../../main/ipc/result';
import { errorText } from '../support/words';

const IPC = join(__dirname, '../../main/ipc');
const source = readdirSync(IPC)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => readFileSync(join(IPC, f), 'utf8'))
  .join('\n');

// The last argument of check(schema, value, 'name') (which may span lines) and invalid('name').
const named = [
  ...source.matchAll(/\bcheck\((?:[^()]|\([^()]*\))*?,\s*'([^']+)',?\s*\)/g),
  ...source.matchAll(/\binvalid\('([^']+)'\)/g),
].map((m) => m[1]!);

describe('an invalid IPC argument', () => {
  it('is named by a word of the catalogue, for every name main/ipc gives', () => {
    expect(named.length).toBeGreaterThan(20);
    const words = en.ipcWhat as Record<string, string>;
    expect([...new Set(named)].filter((name) => words[name] === undefined)).toEqual([]);
  });

  it('is said in the reader language, not with the English name', () => {
    const de = errorText(invalid('account id').forApp(), 'de');
    expect(de.message).toContain('Konto-ID');
    expect(de.message).not.toContain('account id');
  });
});
