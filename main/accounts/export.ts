import type { FormatRegistry } from '../formats';
import type { ExportFile, ExportOptions, ExportOutput, ExportResult, Format } from '../formats/types';
import { KeyfobError } from '../errors';
import type { OtpAccount } from '../otp/types';
import type { Vault } from '../vault/vault';

/** Every account, keys included, in a format that can be written. Only on the person's explicit request. */
export async function exportAccounts(
  vault: Vault,
  formats: FormatRegistry,
  formatId: string,
  options: ExportOptions = {},
): Promise<ExportOutput> {
  const format = formats.byId(formatId);
  if (!format?.export) {
    throw new KeyfobError('EXPORT_UNSUPPORTED', 'exportFormatUnknown', {
      format: formatId,
      formats: formats.exporters.map((f) => f.id).join(','),
    });
  }
  const full: OtpAccount[] = [];
  for (const a of await vault.list()) full.push(await vault.reveal(a.id));
  return format.export(full, options);
}

export function isExportFile(output: ExportOutput): output is ExportFile {
  return 'file' in output;
}

/** A format of lines (links, QR codes' texts); one that writes a file is asked for through exportFile. */
export async function exportLines(
  vault: Vault,
  formats: FormatRegistry,
  formatId: string,
): Promise<ExportResult> {
  const offered = (f: Format) => f.exportsFile !== true;
  const format = formats.byId(formatId);
  if (format !== undefined && !offered(format)) throw unsupported(formats, formatId, offered);
  const output = await exportAccounts(vault, formats, formatId);
  if (isExportFile(output)) throw unsupported(formats, formatId, offered);
  return output;
}

/**
 * A format that is one file (an Aegis vault): encrypted with `options.password`, or plain when
 * `options.plain`. The CLI's `export --format aegis` and the window's encrypted backup call it.
 */
export async function exportFile(
  vault: Vault,
  formats: FormatRegistry,
  formatId: string,
  options: ExportOptions,
): Promise<ExportFile> {
  if (formats.byId(formatId)?.exportsFile !== true)
    throw unsupported(formats, formatId, (f) => f.exportsFile === true);
  const output = await exportAccounts(vault, formats, formatId, options);
  if (!isExportFile(output)) throw unsupported(formats, formatId, (f) => f.exportsFile === true);
  return output;
}

function unsupported(
  formats: FormatRegistry,
  formatId: string,
  offered: (f: Format) => boolean,
): KeyfobError {
  return new KeyfobError('EXPORT_UNSUPPORTED', 'exportFormatUnknown', {
    format: formatId,
    formats: formats.exporters
      .filter(offered)
      .map((f) => f.id)
      .join(','),
  });
}
