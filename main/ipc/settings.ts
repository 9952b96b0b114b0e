import * as schema from '../../preload/schemas';
import { KeyfobError } from '../errors';
import { DEFAULT_SETTINGS, type Settings } from '../settings';
import type { Handlers, IpcContext } from './context';
import { check, invalid, result } from './result';

type SettingsHandlers = Pick<
  Handlers,
  'getSettings' | 'saveSettings' | 'setAccountShortcut' | 'suspendShortcuts'
>;

export function settingsHandlers(ctx: IpcContext): {
  handlers: SettingsHandlers;
  /** A removed account's shortcut would otherwise stay registered, copying nothing but an error. */
  forgetShortcut: (accountId: string) => Promise<void>;
} {
  const settingsView = async (saved: Settings): Promise<Settings> => ({
    ...saved,
    ...(ctx.settings?.apply?.(saved) ?? {}),
  });
  const store = () => {
    if (!ctx.settings) throw new KeyfobError('IO_FAILED', 'settingsUnavailable');
    return ctx.settings.store;
  };
  const forgetShortcut = async (accountId: string): Promise<void> => {
    const settings = ctx.settings;
    if (!settings) return;
    try {
      const current = await settings.store.get();
      if (current.accountShortcuts[accountId] === undefined) return;
      // Saved first: `apply?.(await …)` would skip the save itself wherever there is no apply.
      const saved = await settings.store.setAccountShortcut(accountId, '');
      settings.apply?.(saved);
    } catch {
      // The account is gone either way; main drops shortcuts of missing accounts when it next lists them.
    }
  };
  return {
    forgetShortcut,
    handlers: {
      getSettings: () =>
        result(async () =>
          ctx.settings
            ? { ...(await ctx.settings.store.get()), ...ctx.settings.status?.() }
            : { ...DEFAULT_SETTINGS },
        ),

      saveSettings: (change) =>
        result(async () => {
          const settings = store();
          // The whole map from the window could be an old copy (an account removed since): one at a time only.
          if (typeof change === 'object' && change !== null && 'accountShortcuts' in change)
            throw invalid('setting');
          // The store checks each setting itself (settings.ts), with the messages the window shows.
          return settingsView(await settings.update(change));
        }),

      setAccountShortcut: (rawId, rawAccelerator) =>
        result(async () => {
          const settings = store();
          const account = await ctx.vault.get(check(schema.accountId, rawId, 'account id'));
          const accelerator = check(schema.shortcut, rawAccelerator, 'shortcut');
          return settingsView(await settings.setAccountShortcut(account.id, accelerator));
        }),

      suspendShortcuts: (suspended) =>
        result(() => {
          ctx.shortcuts?.suspend(check(schema.flag, suspended, 'value'));
        }),
    },
  };
}
