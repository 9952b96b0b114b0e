import type { ImportPlace } from '../../preload/api';
import { isKeyfobError } from '../errors';
import { placeName, type ExportPart, type ParseOptions, type ParseResult, type ParsedEntry } from './types';

/** What one line of a text of links yields. */
export interface LineRead {
  entries: ParsedEntry[];
  parts?: ExportPart[];
}

/** The lines that carry something: not blank, not a `#` comment (export files may start with one). */
export function contentLines(text: string): Array<{ text: string; n: number }> {
  return text
    .split(/\r?\n/)
    .map((line, i) => ({ text: line.trim(), n: i + 1 }))
    .filter((l) => l.text !== '' && !l.text.startsWith('#'));
}

/**
 * Reads a text of links, one a line, with `read` for each. A line that cannot be read at all is refused under
 * its place: the input's own (the link, QR code 2) when it is one line, else "line n".
 */
export function readLines(
  text: string,
  options: ParseOptions,
  read: (line: string) => LineRead,
): ParseResult {
  const lines = contentLines(text);
  const result: Required<ParseResult> = { entries: [], parts: [] };
  for (const line of lines) {
    const place: ImportPlace =
      lines.length === 1 && options.place ? options.place : { kind: 'line', n: line.n };
    try {
      const got = read(line.text);
      result.entries.push(...got.entries);
      result.parts.push(...(got.parts ?? []));
    } catch (error) {
      if (!isKeyfobError(error)) throw error;
      result.entries.push({
        status: 'refused',
        name: placeName(place),
        reason: error.message,
        ...(error.key ? { key: error.key } : {}),
        ...(error.params ? { params: error.params } : {}),
        ...(error.variant !== undefined ? { variant: error.variant } : {}),
        place,
      });
    }
  }
  return result;
}
