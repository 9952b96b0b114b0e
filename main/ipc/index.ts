import { accountHandlers } from './accounts';
import { appHandlers } from './app';
import { contextOf, type Handlers, type IpcServices } from './context';
import { flowHandlers } from './flows';
import { formatHandlers } from './formats';
import { linkHandlers } from './links';
import { poolHandlers } from './pools';
import { settingsHandlers } from './settings';

export { accountView } from './accounts';
export { codeBatch, type CodeCopier } from '../accounts';
export type { ClipboardCopier, CognitoServices, ConfirmRequest, Handlers, IpcServices } from './context';

/**
 * The handler map, one area per file: each handler checks its arguments, calls a service or use case, and maps
 * the outcome to the contract's types. Electron registers it (main/app/ipc-register.ts); tests call it directly.
 */
export function createHandlers(services: IpcServices): Handlers {
  const ctx = contextOf(services);
  const settings = settingsHandlers(ctx);
  return {
    ...appHandlers(ctx),
    ...accountHandlers(ctx, settings.forgetShortcut),
    ...linkHandlers(ctx),
    ...formatHandlers(ctx),
    ...settings.handlers,
    ...poolHandlers(ctx),
    ...flowHandlers(ctx),
  };
}
