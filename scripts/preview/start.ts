/**
 * What the preview runs, apart from its command line: the Cognito stand-in with the demo pools, the host (the
 * real renderer and handlers on loopback) over a throw-away vault seeded with sample accounts, a profile for each
 * demo pool, and the chosen language and theme. `npm run preview` (main.ts) hands its address to a person;
 * `npm run screenshots` (scripts/screenshots/main.ts) drives it with Playwright.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { version } from '../../package.json';
import type { NewAccount } from '../../main/vault/vault';
import { CognitoStandIn } from '../../test/support/cognito-standin';
import {
  DEMO_CREDENTIALS,
  DEMO_POOL,
  DEMO_REGION,
  SETUP_POOL,
  seedDemoPools,
} from '../../test/support/demo-pools';
import { startHost, type Host, type HostOptions } from '../../test/support/host';

/** The profile names the Cognito screen shows for the demo pools. */
export const DEMO_PROFILES = { demo: DEMO_POOL, 'demo-setup': SETUP_POOL } as const;

export interface PreviewOptions {
  accounts: NewAccount[];
  port?: number;
  lang?: string;
  theme?: 'light' | 'dark';
  /** The stand-in's clock (epoch ms); the real one by default. */
  now?: () => number;
  /** More of the host's options: the engine's clock, whether codes tick, what a copy does. */
  host?: Omit<HostOptions, 'home' | 'service' | 'port'>;
}

export interface Preview {
  host: Host;
  standIn: CognitoStandIn;
  /** The data folder and keychain service of the throw-away vault. */
  home: string;
  service: string;
  /** Closes the host and the stand-in and deletes the vault; safe to call more than once. */
  stop(): Promise<void>;
}

export async function startPreview(options: PreviewOptions): Promise<Preview> {
  const home = mkdtempSync(join(tmpdir(), 'keyfob-preview-'));
  const service = `keyfob-preview-${process.pid}-${randomBytes(4).toString('hex')}`;
  // What the app and the CLI read: anything started from here finds the same throw-away vault.
  process.env.KEYFOB_HOME = home;
  process.env.KEYFOB_KEYCHAIN_SERVICE = service;

  let host: Host | undefined;
  let standIn: CognitoStandIn | undefined;
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      // The keychain may already be gone (Ctrl-C reaches the private keyring's daemon too): never hang on it.
      const limit = new Promise<void>((done) => setTimeout(done, 5_000).unref());
      await Promise.race([host?.close().catch(() => undefined), limit]);
      await standIn?.close().catch(() => undefined);
      rmSync(home, { recursive: true, force: true });
    })());

  try {
    standIn = await CognitoStandIn.start({
      region: DEMO_REGION,
      adminCredentials: DEMO_CREDENTIALS,
      ...(options.now ? { now: options.now } : {}),
    });
    seedDemoPools(standIn);
    host = await startHost({
      version,
      hostName: hostname(),
      ...options.host,
      home,
      service,
      port: options.port ?? 0,
    });
    const { vault, profiles, settings } = host.services;
    await vault.addMany(options.accounts);
    for (const [name, pool] of Object.entries(DEMO_PROFILES))
      await profiles.save({
        name,
        region: DEMO_REGION,
        userPoolId: pool.id,
        clientId: pool.client,
        endpoint: standIn.endpoint,
      });
    await settings.update({
      ...(options.lang !== undefined ? { language: options.lang } : {}),
      ...(options.theme !== undefined ? { theme: options.theme } : {}),
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return { host, standIn, home, service, stop };
}
