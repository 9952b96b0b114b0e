import { randomBytes } from 'node:crypto';
import { constants, promises as fs } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { KeyfobError } from './errors';

/** Windows has no O_NOFOLLOW; there the name is random and O_EXCL alone refuses anything already there. */
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const CREATE_NEW = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW;

function writeFailed(file: string, error: unknown): KeyfobError {
  if (error instanceof KeyfobError) return error;
  const errno = (error as NodeJS.ErrnoException).code ?? 'error';
  return new KeyfobError('IO_FAILED', 'fileWriteFailed', { file, errno }, { cause: error });
}

/**
 * Writes a file only its owner can read (0600) that holds keys: an export. The content goes to a new file
 * beside the target, created exclusively (never an existing file, never through a link), synced, and then
 * renamed over the target, so the target is either what it was or the whole new content, never a part.
 *
 * A symbolic link at the target is refused rather than replaced: whoever put it there meant the file it points
 * to (a synced folder, another disk), and replacing the link would quietly leave the keys somewhere they did
 * not expect, while writing through it would put them in a file whose permissions and place Keyfob does not
 * know. An existing plain file is replaced by the rename: a new inode, so hard links to the old file and
 * processes holding it open keep the old content, and the new one is never readable by anyone else, not even
 * for a moment. A link made at the target after the check is replaced by the rename, never followed.
 */
export async function writePrivateFile(file: string, data: string | Uint8Array): Promise<void> {
  const target = resolve(file);
  const existing = await fs.lstat(target).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw writeFailed(file, error);
  });
  if (existing?.isSymbolicLink()) throw new KeyfobError('IO_FAILED', 'fileIsLink', { file });
  if (existing && !existing.isFile())
    throw new KeyfobError('IO_FAILED', 'fileWriteFailed', {
      file,
      errno: existing.isDirectory() ? 'EISDIR' : 'EEXIST',
    });
  // Hidden, and named for what it is, should a crash leave it behind; in the target's own folder, so the
  // rename stays on one file system and is atomic.
  const temp = join(dirname(target), `.${basename(target)}.keyfob-${randomBytes(6).toString('hex')}.tmp`);
  let handle: fs.FileHandle | undefined;
  let made = false;
  try {
    handle = await fs.open(temp, CREATE_NEW, 0o600);
    made = true;
    // The umask may take more away than 0600 leaves; fchmod on our own descriptor makes it exactly 0600.
    if (process.platform !== 'win32') await handle.chmod(0o600);
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(temp, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    // Only a temp file this call made is removed: a failed open made nothing (EEXIST is someone else's).
    if (made) await fs.rm(temp, { force: true }).catch(() => undefined);
    throw writeFailed(file, error);
  }
  await syncFolder(dirname(target));
}

/** Makes the rename itself durable; Windows cannot open a folder, and there a rename is journaled already. */
async function syncFolder(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const folder = await fs.open(dir, 'r').catch(() => undefined);
  if (!folder) return;
  await folder
    .sync()
    .catch(() => undefined)
    .finally(() => folder.close());
}
