import type { FormatRegistry } from '../formats';
import type { ExportResult } from '../formats/types';
import { KeyfobError } from '../errors';
import type { OtpAccount } from '../otp/types';
import type { Vault } from '../vault/vault';

/** Every account, keys included, in a format that can be written. Only on the person's explicit request. */
export async function exportAccounts(
  vault: Vault,
  formats: FormatRegistry,
  formatId: string,
): Promise<ExportResult> {
  const format = formats.byId(formatId);
  if (!format?.export) {
    throw new KeyfobError('EXPORT_UNSUPPORTED', 'exportFormatUnknown', {
      format: formatId,
      formats: formats.exporters.map((f) => f.id).join(','),
    });
  }
  const full: OtpAccount[] = [];
  for (const a of await vault.list()) full.push(await vault.reveal(a.id));
  return format.export(full);
}
