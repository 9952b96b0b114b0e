import { isKeyfobError } from './errors';
import type { AccountView, AppInfo, KeyfobApi, Result } from '../preload/api';
import type { Vault } from './vault/vault';

/** What a handler receives: the renderer's arguments, untrusted until validated. */
export type Handlers = { [K in keyof KeyfobApi]: (...args: unknown[]) => ReturnType<KeyfobApi[K]> };

export interface Services {
  vault: Vault;
  version: string;
}

async function result<T>(run: () => Promise<T>): Promise<Result<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (error) {
    if (isKeyfobError(error)) return { ok: false, error: error.toJSON() };
    // Unexpected errors cross without their text, which might quote something it should not.
    return {
      ok: false,
      error: {
        code: 'INTERNAL',
        message: 'Something went wrong inside Keyfob.',
        hint: 'Try again; if it keeps happening, restart Keyfob.',
      },
    };
  }
}

/** The handler map: Electron registers it (main/app/ipc-register.ts); tests call it directly. */
export function createHandlers(services: Services): Handlers {
  return {
    appInfo: () =>
      result<AppInfo>(async () => ({
        version: services.version,
        keychain: services.vault.keychainDescription,
      })),
    listAccounts: () =>
      result<AccountView[]>(async () =>
        (await services.vault.list()).map((a) => ({
          id: a.id,
          issuer: a.issuer,
          label: a.label,
          type: a.type,
          digits: a.digits,
          period: a.period,
          status: a.status,
        })),
      ),
  };
}
