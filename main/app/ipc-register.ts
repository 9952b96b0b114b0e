import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import { CHANNELS } from '../../preload/api';
import type { Handlers } from '../ipc';

/**
 * The one place that touches ipcMain: every channel is registered from the typed handler map, and a call
 * from any frame other than our own window's top frame is dropped before its arguments are looked at.
 */
export function registerHandlers(
  handlers: Handlers,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
): void {
  for (const name of Object.keys(CHANNELS) as Array<keyof typeof CHANNELS>) {
    const channel = CHANNELS[name];
    ipcMain.removeHandler(channel);
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      if (!isTrustedSender(event)) {
        return { ok: false, error: { code: 'FORBIDDEN', message: 'This window may not use Keyfob.' } };
      }
      return handlers[name](...args);
    });
  }
}
