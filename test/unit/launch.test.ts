import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cacheDirectory } from '../../main/cli/launch';

describe('where the CLI keeps its compile cache', () => {
  it('uses each platform’s cache folder, and none when turned off', () => {
    expect(cacheDirectory({}, 'linux', '/home/ada')).toBe(join('/home/ada', '.cache', 'keyfob'));
    expect(cacheDirectory({ XDG_CACHE_HOME: '/xdg' }, 'linux', '/home/ada')).toBe(join('/xdg', 'keyfob'));
    expect(cacheDirectory({ XDG_CACHE_HOME: '  ' }, 'linux', '/home/ada')).toBe(
      join('/home/ada', '.cache', 'keyfob'),
    );
    expect(cacheDirectory({}, 'darwin', '/Users/ada')).toBe(
      join('/Users/ada', 'Library', 'Caches', 'Keyfob'),
    );
    expect(cacheDirectory({ LOCALAPPDATA: 'C:\\Local' }, 'win32', 'C:\\Users\\ada')).toBe(
      join('C:\\Local', 'Keyfob', 'Cache'),
    );
    expect(cacheDirectory({ KEYFOB_CODE_CACHE: '0' }, 'linux', '/home/ada')).toBeUndefined();
  });
});
