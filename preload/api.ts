/**
 * The typed contract between the renderer and main: one map from channel to request and result types.
 * preload/index.ts exposes exactly these as `window.keyfob`; main/ipc.ts implements them. Types only:
 * nothing here may import Electron or Node, because the renderer imports it too.
 */
export interface ErrorInfo {
  code: string;
  message: string;
  hint?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

export interface AccountView {
  id: string;
  issuer: string;
  label: string;
  type: 'totp' | 'hotp' | 'steam';
  digits: number;
  period: number;
  status: 'active' | 'pending';
}

export interface AppInfo {
  version: string;
  keychain: string;
}

export interface KeyfobApi {
  appInfo(): Promise<Result<AppInfo>>;
  listAccounts(): Promise<Result<AccountView[]>>;
}

export const CHANNELS = {
  appInfo: 'app:info',
  listAccounts: 'accounts:list',
} as const satisfies Record<keyof KeyfobApi, string>;
