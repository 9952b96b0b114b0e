import type { FormatInfo, ImportReport } from '../../preload/api';
import * as schema from '../../preload/schemas';
import { KeyfobError } from '../errors';
import type { Handlers, IpcContext } from './context';
import { check, invalid, result } from './result';

/**
 * "Import from another app": the formats of main's registry, described for the window (a format added to
 * main/formats shows up there by itself), a file read with one of them, and its report copied.
 */
export function formatHandlers(ctx: IpcContext): Pick<Handlers, 'listFormats' | 'importFile' | 'copyReport'> {
  const { formats } = ctx.accounts;
  return {
    listFormats: () =>
      result<FormatInfo[]>(() =>
        formats.all.map((f) => ({
          id: f.id,
          password: f.password ?? 'never',
          fileTypes: [...(f.fileTypes ?? [])],
        })),
      ),

    importFile: (value) =>
      result<ImportReport>(async () => {
        const file = check(schema.fileImport, value, 'file');
        if (file.format !== undefined && formats.byId(file.format) === undefined) throw invalid('format');
        const read = await ctx.accounts.read([{ bytes: file.bytes, fileName: file.fileName }], {
          ...(file.format !== undefined ? { format: file.format } : {}),
          ...(file.password !== undefined && file.password !== '' ? { password: file.password } : {}),
        });
        if (read.accounts.length === 0 && read.refused.length === 0) {
          throw new KeyfobError('FORMAT_UNKNOWN', 'importNoLinks', { file: file.fileName });
        }
        return ctx.accounts.store(read);
      }),

    // Through main's clipboard: the app's permission policy refuses the page its own (main/app/permissions.ts).
    copyReport: (rawText) =>
      result<void>(async () => {
        const text = check(schema.reportText, rawText, 'report');
        if (!ctx.clipboard?.keep || !(await ctx.clipboard.keep(text))) {
          throw new KeyfobError('IO_FAILED', 'clipboardRefused');
        }
      }),
  };
}
