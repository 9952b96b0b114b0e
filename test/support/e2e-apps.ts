/**
 * e2eApps() apart from the harness: it is the only part that needs vitest, and the benchmark (run by tsx, where
 * vitest refuses to load) opens apps through the harness too.
 */
import type { Browser } from 'playwright';
import { afterAll, beforeAll } from 'vitest';
import { launchChromium, openApp, type AppUnderTest } from './e2e-harness';
import { requireSecretService } from './secret-service';

/**
 * What every end-to-end file sets up: one Chromium for the file, and apps opened on it that are closed with it.
 * Call it at the top of the file; it returns the function that opens an app.
 */
export function e2eApps(): (options?: Parameters<typeof openApp>[1]) => Promise<AppUnderTest> {
  let browser: Browser | undefined;
  const apps: AppUnderTest[] = [];
  beforeAll(async () => {
    requireSecretService();
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    for (const app of apps) await app.close();
    await browser?.close();
  });
  return async (options = {}) => {
    if (!browser) throw new Error('e2eApps() opens apps only inside its file’s tests');
    const app = await openApp(browser, options);
    apps.push(app);
    return app;
  };
}
