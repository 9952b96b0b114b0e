/**
 * Switches that open the app to another program: Chromium's remote debugging (a port or pipe through which
 * anything local can read and drive the window, keys included) and Node's inspector. A packaged Keyfob refuses
 * to start with them; the EnableNodeCliInspectArguments fuse already disables --inspect, and this also covers
 * the Chromium ones, which no fuse does.
 */
const DEBUGGING =
  /^(remote-debugging-port|remote-debugging-pipe|remote-debugging-address|inspect(-[a-z-]+)?)$/;

/**
 * The first debugging switch on a command line, as written, or undefined. Chromium reads `--x`, `-x` and, on
 * Windows, `/x`, with or without `=value`, up to a lone `--`.
 */
export function debuggingSwitch(
  argv: readonly string[],
  platform: NodeJS.Platform = process.platform,
): string | undefined {
  for (const arg of argv.slice(1)) {
    if (arg === '--') return undefined;
    const match = (platform === 'win32' ? /^(?:--|-|\/)([^=]+)/ : /^(?:--|-)([^=]+)/).exec(arg);
    if (match && DEBUGGING.test(match[1]!.toLowerCase())) return arg.split('=')[0];
  }
  return undefined;
}

/** The same switches by name, for app.commandLine.hasSwitch (which also sees switches Electron was given otherwise). */
export const DEBUGGING_SWITCHES = [
  'remote-debugging-port',
  'remote-debugging-pipe',
  'remote-debugging-address',
  'inspect',
  'inspect-brk',
  'inspect-port',
  'inspect-brk-node',
] as const;
