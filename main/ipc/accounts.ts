import { basename } from 'node:path';
import type {
  AccountView,
  AddedAccount,
  BackupWritten,
  CopyResult,
  ExportView,
  ImportReport,
  RemovedAccount,
  RevealedKey,
} from '../../preload/api';
import * as schema from '../../preload/schemas';
import { textInput, type ImportInput } from '../accounts';
import { KeyfobError } from '../errors';
import { writePrivateFile } from '../files';
import { defaultParams, displayName, type OtpParams } from '../otp/types';
import { formatOtpauthUri } from '../otp/uri';
import type { Account } from '../vault/vault';
import type { Handlers, IpcContext } from './context';
import { cancelled, check, result } from './result';

export function accountView(a: Account): AccountView {
  const view: AccountView = {
    id: a.id,
    issuer: a.issuer,
    label: a.label,
    type: a.type,
    algorithm: a.algorithm,
    digits: a.digits,
    period: a.period,
    status: a.status,
  };
  if (a.icon) view.icon = a.icon;
  if (a.cognito) view.cognito = { ...a.cognito };
  if (a.favourite) view.favourite = true;
  if (a.tags?.length) view.tags = [...a.tags];
  if (a.iconOverride !== undefined) view.iconOverride = a.iconOverride;
  if (a.lastUsed !== undefined) view.lastUsed = a.lastUsed;
  return view;
}

/** The window's export choices, by the format that writes each. */
const EXPORT_FORMATS = { uris: 'otpauth', migration: 'google-migration' } as const;

export function qrNotFound(): KeyfobError {
  return new KeyfobError('QR_NOT_FOUND', 'qrNotFound');
}

/** Imports inputs as the window does: an input with nothing in it at all is an error, not an empty report. */
export async function importForWindow(ctx: IpcContext, inputs: ImportInput[]): Promise<ImportReport> {
  const read = await ctx.accounts.read(inputs);
  if (read.accounts.length === 0 && read.refused.length === 0) {
    throw new KeyfobError('URI_INVALID', 'noLinkInText');
  }
  return ctx.accounts.store(read);
}

export function qrOf(ctx: IpcContext): NonNullable<IpcContext['qr']> {
  if (!ctx.qr) throw new KeyfobError('IMAGE_UNSUPPORTED', 'qrUnavailable');
  return ctx.qr;
}

type AccountHandlers = Pick<
  Handlers,
  | 'listAccounts'
  | 'addFromText'
  | 'addFromKey'
  | 'renameAccount'
  | 'reorderAccounts'
  | 'removeAccount'
  | 'undoRemoveAccount'
  | 'setFavourite'
  | 'setTags'
  | 'setIcon'
  | 'copyCode'
  | 'hotpCode'
  | 'revealKey'
  | 'exportAccounts'
  | 'exportBackup'
  | 'resolveOrphan'
>;

export function accountHandlers(
  ctx: IpcContext,
  forgetShortcut: (accountId: string) => Promise<void>,
): AccountHandlers {
  const { vault, accounts } = ctx;
  return {
    listAccounts: () => result(async () => (await vault.list()).map(accountView)),

    addFromText: (value) =>
      result(() =>
        importForWindow(ctx, [textInput(check(schema.pastedText, value, 'text'), { kind: 'text' })]),
      ),

    addFromKey: (value) =>
      result<AddedAccount>(async () => {
        const input = check(schema.keyInput, value, 'account');
        const params: OtpParams = defaultParams(input.type);
        if (input.algorithm !== undefined) params.algorithm = input.algorithm;
        if (input.type !== 'steam') params.digits = input.digits ?? params.digits;
        params.period = input.period ?? params.period;
        params.counter = input.counter ?? 0;
        const added = await vault.addOne({
          issuer: input.issuer.trim(),
          label: input.label.trim(),
          secret: input.secret,
          params,
          extra: {},
        });
        return {
          ...accountView(added.account),
          ...(added.reason !== undefined ? { reason: added.reason } : {}),
          ...(added.key !== undefined ? { reasonKey: added.key } : {}),
          ...(added.params !== undefined ? { reasonParams: added.params } : {}),
        };
      }),

    renameAccount: (rawId, rawNames) =>
      result(async () => {
        const names = check(schema.names, rawNames, 'names');
        const change: { issuer?: string; label?: string } = {};
        if (names.issuer !== undefined) change.issuer = names.issuer.trim();
        if (names.label !== undefined) change.label = names.label.trim();
        return accountView(await vault.rename(check(schema.accountId, rawId, 'account id'), change));
      }),

    reorderAccounts: (rawIds) =>
      result(async () => (await vault.reorder(check(schema.accountIds, rawIds, 'order'))).map(accountView)),

    removeAccount: (rawId) =>
      result<RemovedAccount>(async () => {
        const { account, undoMs } = await accounts.remove(check(schema.accountId, rawId, 'account id'), {
          // Kept through the undo time, so an Undo brings the account back with its shortcut.
          onRemoved: (a) => forgetShortcut(a.id),
        });
        return { ...accountView(account), undoMs };
      }),

    undoRemoveAccount: (rawId) =>
      result(async () =>
        accountView(await accounts.undoRemove(check(schema.accountId, rawId, 'account id'))),
      ),

    setFavourite: (rawId, rawOn) =>
      result(async () =>
        accountView(
          await vault.setFavourite(
            check(schema.accountId, rawId, 'account id'),
            check(schema.flag, rawOn, 'favourite'),
          ),
        ),
      ),

    setTags: (rawId, rawTags) =>
      result(async () =>
        accountView(
          await vault.setTags(
            check(schema.accountId, rawId, 'account id'),
            check(schema.tags, rawTags, 'tags'),
          ),
        ),
      ),

    setIcon: (rawId, rawIcon) =>
      result(async () =>
        accountView(
          await vault.setIconOverride(
            check(schema.accountId, rawId, 'account id'),
            check(schema.iconChoice, rawIcon, 'icon') ?? undefined,
          ),
        ),
      ),

    copyCode: (rawId) =>
      result<CopyResult>(async () => {
        const { code, next, validForMs } = await accounts.copyCode(
          check(schema.accountId, rawId, 'account id'),
          ctx.clipboard,
          ctx.nextCodeWithinMs ?? 3000,
        );
        if (!ctx.clipboard) return { code, next };
        // As the clipboard decides it (main/app/clipboard.ts): when the code expires, or after the timeout.
        const settings = await ctx.settings?.store.get().catch(() => undefined);
        const clearsInMs =
          settings?.clipboardClear === 'timeout' ? settings.clipboardTimeoutSeconds * 1000 : validForMs;
        return { code, next, clearsInSeconds: Math.max(1, Math.round(clearsInMs / 1000)) };
      }),

    hotpCode: (rawId) =>
      result(async () => (await vault.code(check(schema.accountId, rawId, 'account id'))).code),

    revealKey: (rawId) =>
      result<RevealedKey>(async () => {
        const account = await vault.get(check(schema.accountId, rawId, 'account id'));
        const yes = await ctx.confirm?.({ kind: 'reveal', account: displayName(account) });
        if (yes !== true) throw cancelled();
        const full = await vault.reveal(account.id);
        return { secret: full.secret, uri: formatOtpauthUri(full) };
      }),

    exportAccounts: (rawFormat) =>
      result<ExportView>(async () => {
        const format = check(schema.exportFormat, rawFormat, 'export format');
        const count = (await vault.list()).length;
        const yes = await ctx.confirm?.({ kind: 'export', count });
        if (yes !== true) throw cancelled();
        const exported = await accounts.export(EXPORT_FORMATS[format]);
        return {
          lines: exported.lines,
          excluded: exported.excluded.map((e) => ({
            name: e.name,
            reason: e.reason,
            ...(e.key ? { reasonKey: e.key } : {}),
            ...(e.params ? { reasonParams: e.params } : {}),
          })),
        };
      }),

    exportBackup: (rawPassword) =>
      result<BackupWritten>(async () => {
        if (rawPassword === '') throw new KeyfobError('INPUT_NEEDED', 'exportPasswordEmpty');
        const password = check(schema.backupPassword, rawPassword, 'backup password');
        const count = (await vault.list()).length;
        const yes = await ctx.confirm?.({ kind: 'export', count });
        if (yes !== true) throw cancelled();
        // Main's own dialog picks the file, so the page never names a path main would write keys to.
        if (!ctx.saveFile) throw new Error('exportBackup: no save dialog wired');
        const day = new Date(ctx.clock.now()).toISOString().slice(0, 10);
        const path = await ctx.saveFile(`keyfob-backup-${day}.json`);
        if (path === undefined) throw cancelled();
        const file = await accounts.exportFile('aegis', { password });
        await writePrivateFile(path, file.file);
        return {
          fileName: basename(path),
          count: file.count,
          excluded: file.excluded.map((e) => ({
            name: e.name,
            reason: e.reason,
            ...(e.key ? { reasonKey: e.key } : {}),
            ...(e.params ? { reasonParams: e.params } : {}),
          })),
        };
      }),

    resolveOrphan: (rawId, rawAction) =>
      result(async () => {
        const orphanId = check(schema.accountId, rawId, 'account id');
        if (check(schema.orphanAction, rawAction, 'choice') === 'delete') {
          await vault.deleteOrphan(orphanId);
          return;
        }
        const [restored] = await vault.restoreOrphans([orphanId]);
        if (!restored) throw new KeyfobError('ACCOUNT_NOT_FOUND', 'orphanGone');
      }),
  };
}
