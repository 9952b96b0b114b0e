import { homedir } from 'node:os';
import { join } from 'node:path';

/** Electron's productName, which names its userData folder. */
export const APP_FOLDER = 'Keyfob';

/**
 * The data directory, the same for the app and the CLI so both see one vault: Electron's userData path
 * (appData + productName) unless KEYFOB_HOME says otherwise. Computed here rather than asked of Electron so
 * the CLI, which has no Electron, lands in the same place.
 */
export function dataDirectory(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  const override = env.KEYFOB_HOME?.trim();
  if (override) return override;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_FOLDER);
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_FOLDER);
  return join(env.XDG_CONFIG_HOME?.trim() || join(home, '.config'), APP_FOLDER);
}
