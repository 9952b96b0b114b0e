import type { ImportEntry, ImportPlace, ImportReport } from '../../preload/api';
import type { FormatRegistry } from '../formats';
import type { ExportPart, Format } from '../formats/types';
import type { OtpAccount } from '../otp/types';
import { cleanName, importedNames, unnamed } from '../vault/names';
import type { ImportOutcome, Vault } from '../vault/vault';

/** One input to import: a file, a paste, a link, a QR code's text; as bytes, never split beforehand. */
export interface ImportInput {
  bytes: Uint8Array;
  fileName?: string;
  /** What to call the input when it is one piece (the link, QR code 2). */
  place?: ImportPlace;
}

export interface ReadOptions {
  /** A format's id, when the person chose it; else each input's format is detected. */
  format?: string;
  password?: string;
}

/** What the inputs hold, before anything is stored: the accounts, and what was refused and why. */
export interface ImportRead {
  accounts: OtpAccount[];
  refused: ImportEntry[];
  /** Parts of split exports among the inputs (Google Authenticator's QR codes). */
  parts: ExportPart[];
  missing: ImportReport['missing'];
}

export function textInput(text: string, place?: ImportPlace): ImportInput {
  return { bytes: new TextEncoder().encode(text), ...(place ? { place } : {}) };
}

/** Reads every input with its format (chosen or detected): nothing is stored yet. */
export async function readImport(
  formats: FormatRegistry,
  inputs: readonly ImportInput[],
  options: ReadOptions = {},
): Promise<ImportRead> {
  const chosen = options.format === undefined ? undefined : formats.byId(options.format);
  if (options.format !== undefined && chosen === undefined)
    throw new Error(`No import format has the id ${options.format}.`);
  const out: ImportRead = { accounts: [], refused: [], parts: [], missing: [] };
  const parts = out.parts;
  for (const input of inputs) {
    const format: Format = chosen ?? formats.detect(input.bytes, input.fileName);
    const parsed = await format.parse(input.bytes, {
      ...(options.password !== undefined ? { password: options.password } : {}),
      ...(input.fileName !== undefined ? { fileName: input.fileName } : {}),
      ...(input.place ? { place: input.place } : {}),
    });
    // Every format's names are cleaned here, after decoding, so no format needs its own cleaning: stripped and
    // cut rather than refused, so that no account is lost over its name (main/vault/names.ts).
    for (const entry of parsed.entries) {
      if (entry.status === 'ok')
        out.accounts.push(importedNames(entry.account, unnamed(out.accounts.length + 1)));
      else
        out.refused.push({
          name: cleanName(entry.name) || unnamed(),
          status: 'refused',
          reason: entry.reason,
          ...(entry.key ? { reasonKey: entry.key } : {}),
          ...(entry.params ? { reasonParams: entry.params } : {}),
          ...(entry.variant !== undefined ? { reasonVariant: entry.variant } : {}),
          ...(entry.place ? { place: entry.place } : {}),
        });
    }
    parts.push(...(parsed.parts ?? []));
  }
  out.missing = missingParts(parts);
  return out;
}

/** Parts of split exports that none of the inputs held. */
function missingParts(parts: readonly ExportPart[]): ImportReport['missing'] {
  const groups = new Map<string, { part: ExportPart; seen: Set<number> }>();
  for (const part of parts) {
    const key = `${part.format}/${part.exportId}/${part.size}`;
    const group = groups.get(key) ?? { part, seen: new Set<number>() };
    group.seen.add(part.index);
    groups.set(key, group);
  }
  const missing: ImportReport['missing'] = [];
  for (const { part, seen } of groups.values()) {
    const absent: number[] = [];
    for (let i = 0; i < part.size; i++) if (!seen.has(i)) absent.push(i + 1);
    if (absent.length > 0)
      missing.push({ batchSize: part.size, missing: absent, format: part.format, exportId: part.exportId });
  }
  return missing;
}

/** Stores what was read; each account added, skipped as a duplicate or refused, in one report. */
export async function storeImport(
  vault: Vault,
  read: ImportRead,
  options: { allowDuplicates?: boolean } = {},
): Promise<ImportReport> {
  const outcomes = read.accounts.length > 0 ? await vault.addMany(read.accounts, options) : [];
  return { entries: [...outcomes.map(outcomeEntry), ...read.refused], missing: read.missing };
}

function outcomeEntry(o: ImportOutcome): ImportEntry {
  const reason =
    o.reason === undefined
      ? {}
      : {
          reason: o.reason,
          ...(o.key ? { reasonKey: o.key } : {}),
          ...(o.params ? { reasonParams: o.params } : {}),
          ...(o.status === 'refused' && o.variant !== undefined ? { reasonVariant: o.variant } : {}),
        };
  // An added entry may carry a note too: it shares its name with an account that has another key.
  if (o.status === 'added') return { name: o.name, status: 'added', id: o.account.id, ...reason };
  return { name: o.name, status: o.status, ...reason };
}
