import type { AppInfo, StartupReport } from '../../preload/api';
import { displayName } from '../otp/types';
import type { Handlers, IpcContext } from './context';
import { result } from './result';

export function appHandlers(
  ctx: IpcContext,
): Pick<Handlers, 'appInfo' | 'startupReport' | 'ready' | 'dismissPalette'> {
  return {
    startupReport: () =>
      result<StartupReport>(async () => {
        const report = await ctx.recovery?.();
        if (!report) return { orphans: [], missingKey: [] };
        // Asked again, not taken from the report: after a reload, keys restored or deleted since are not offered.
        const orphans = report.orphans.length > 0 ? await ctx.vault.orphans() : [];
        return {
          ...(report.movedAside ? { movedAside: report.movedAside } : {}),
          orphans: orphans.map((o) => ({ id: o.id, name: displayName(o), pending: o.pending })),
          missingKey: report.missingSecret.map((a) => ({ id: a.id, name: displayName(a) })),
        };
      }),

    appInfo: () =>
      result<AppInfo>(() => ({
        version: ctx.version,
        keychain: ctx.vault.keychainPlace,
        hostName: ctx.hostName ?? '',
        platform: ctx.platform ?? '',
      })),

    ready: () =>
      result(() => {
        ctx.onReady?.();
      }),

    dismissPalette: () =>
      result(() => {
        ctx.palette?.dismissed();
      }),
  };
}
