import type { CodeBatch } from '../preload/api';
import { systemClock, type Clock } from './otp/codes';
import { codeBatch } from './accounts/codes';
import type { Vault } from './vault/vault';

/**
 * Sends the renderer one batch of codes per second, just after each second turns, so a countdown never shows a
 * code that has already changed. Used by the app (to webContents) and by the end-to-end harness (to the page).
 */
export function startTicker(options: {
  vault: Vault;
  send: (batch: CodeBatch) => void | Promise<void>;
  clock?: Clock;
  onError?: (error: unknown) => void;
}): { stop: () => void; tick: () => Promise<void> } {
  const clock = options.clock ?? systemClock;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const tick = async () => {
    try {
      await options.send(await codeBatch(options.vault, clock.now()));
    } catch (error) {
      options.onError?.(error);
    }
  };
  const schedule = () => {
    if (stopped) return;
    const delay = 1000 - (clock.now() % 1000) + 5;
    timer = setTimeout(() => {
      void tick().finally(schedule);
    }, delay);
  };
  void tick().finally(schedule);
  return {
    stop: () => {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
    tick,
  };
}
