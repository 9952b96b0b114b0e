import { describe, expect, it } from 'vitest';
import { displayWidth, padCells } from '../../main/cli/columns';

describe('terminal columns', () => {
  it('counts a Chinese character or full-width form as two cells, a combining mark as none', () => {
    expect(displayWidth('ISSUER')).toBe(6);
    expect(displayWidth('发行方')).toBe(6);
    expect(displayWidth('ＡＢ')).toBe(4);
    expect(displayWidth('e\u0301')).toBe(1);
    expect(displayWidth('한국')).toBe(4);
  });

  it('pads a column so the next one starts in the same cell whatever the script', () => {
    const rows = ['微信', 'GitHub', 'Deutsche Bahn'].map((issuer) => `${padCells(issuer, 14)}|`);
    expect(rows.map((row) => displayWidth(row.slice(0, row.indexOf('|'))))).toEqual([14, 14, 14]);
    expect(padCells('too long for it', 4)).toBe('too long for it');
  });
});
