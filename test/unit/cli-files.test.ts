import {
  chmodSync,
  linkSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  promises,
  readFileSync,
  readdirSync,
  readlinkSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { writePrivateFile } from '../../main/files';
import { isKeyfobError } from '../../main/errors';

const posix = process.platform !== 'win32';
const folder = () => mkdtempSync(join(tmpdir(), 'keyfob-files-'));

async function failure(run: Promise<unknown>) {
  try {
    await run;
  } catch (error) {
    return error;
  }
  throw new Error('expected a failure');
}

describe('writePrivateFile', () => {
  it.runIf(posix)('makes a new file readable by its owner alone, whatever the umask', async () => {
    const dir = folder();
    const file = join(dir, 'export.txt');
    const umask = process.umask(0o000);
    try {
      await writePrivateFile(file, 'otpauth://totp/A?secret=JBSWY3DPEHPK3PXP\n');
    } finally {
      process.umask(umask);
    }
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe('otpauth://totp/A?secret=JBSWY3DPEHPK3PXP\n');
    expect(readdirSync(dir)).toEqual(['export.txt']);
  });

  it.runIf(posix)('replaces an existing file with a new one, never writing into its inode', async () => {
    const dir = folder();
    const file = join(dir, 'export.txt');
    writeFileSync(file, 'old content that others may read\n', { mode: 0o644 });
    chmodSync(file, 0o644);
    // A hard link elsewhere shares the old inode: writing into it would change what the link shows.
    const other = join(dir, 'someone-elses-link');
    linkSync(file, other);
    const before = statSync(file).ino;
    await writePrivateFile(file, 'new\n');
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    expect(statSync(file).ino).not.toBe(before);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(other, 'utf8')).toBe('old content that others may read\n');
    expect(statSync(other).mode & 0o777).toBe(0o644);
  });

  it.runIf(posix)(
    'refuses a symbolic link at the target, leaving the link and its target alone',
    async () => {
      const dir = folder();
      const target = join(dir, 'elsewhere.txt');
      writeFileSync(target, 'not yours\n');
      const link = join(dir, 'export.txt');
      symlinkSync(target, link);
      const error = await failure(writePrivateFile(link, 'keys\n'));
      expect(isKeyfobError(error, 'IO_FAILED')).toBe(true);
      expect((error as { key: string }).key).toBe('fileIsLink');
      expect((error as Error).message).toBe(
        `${link} is a symbolic link; Keyfob does not write keys through a link.`,
      );
      expect(lstatSync(link).isSymbolicLink()).toBe(true);
      expect(readlinkSync(link)).toBe(target);
      expect(readFileSync(target, 'utf8')).toBe('not yours\n');
      expect(readdirSync(dir).sort()).toEqual(['elsewhere.txt', 'export.txt']);
    },
  );

  it.runIf(posix)('refuses a dangling symbolic link too: it would create the file it points to', async () => {
    const dir = folder();
    const link = join(dir, 'export.txt');
    symlinkSync(join(dir, 'not-yet'), link);
    const error = await failure(writePrivateFile(link, 'keys\n'));
    expect((error as { key: string }).key).toBe('fileIsLink');
    expect(readdirSync(dir)).toEqual(['export.txt']);
  });

  it('refuses a folder at the target', async () => {
    const dir = folder();
    const sub = join(dir, 'exports');
    mkdirSync(sub);
    const error = await failure(writePrivateFile(sub, 'keys\n'));
    expect((error as { key: string; params: unknown }).key).toBe('fileWriteFailed');
    expect((error as { params: unknown }).params).toEqual({ file: sub, errno: 'EISDIR' });
    expect(readdirSync(dir)).toEqual(['exports']);
  });

  it('leaves no file, whole or partial, when the folder does not exist', async () => {
    const dir = folder();
    const file = join(dir, 'missing', 'export.txt');
    const error = await failure(writePrivateFile(file, 'keys\n'));
    expect((error as { key: string; params: unknown }).key).toBe('fileWriteFailed');
    expect((error as { params: unknown }).params).toEqual({ file, errno: 'ENOENT' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it.runIf(posix && process.getuid?.() !== 0)(
    'leaves the old file as it was when the folder cannot be written',
    async () => {
      const dir = folder();
      const file = join(dir, 'export.txt');
      writeFileSync(file, 'old\n');
      chmodSync(dir, 0o500);
      try {
        const error = await failure(writePrivateFile(file, 'new\n'));
        expect((error as { params: unknown }).params).toEqual({ file, errno: 'EACCES' });
      } finally {
        chmodSync(dir, 0o700);
      }
      expect(readFileSync(file, 'utf8')).toBe('old\n');
      expect(readdirSync(dir)).toEqual(['export.txt']);
    },
  );

  it('removes its temporary file when the rename fails, and keeps what was there', async () => {
    const dir = folder();
    const file = join(dir, 'export.txt');
    writeFileSync(file, 'old\n');
    // A rename that fails after the content was written (a full disk, a folder gone): as root, no permission
    // makes the real one fail, so the failure is injected.
    let temp = '';
    const rename = vi.spyOn(promises, 'rename').mockImplementationOnce(async (from) => {
      temp = String(from);
      expect(readFileSync(temp, 'utf8')).toBe('new content\n');
      throw Object.assign(new Error('no space'), { code: 'ENOSPC', syscall: 'rename' });
    });
    try {
      const error = await failure(writePrivateFile(file, 'new content\n'));
      expect((error as { params: unknown }).params).toEqual({ file, errno: 'ENOSPC' });
    } finally {
      rename.mockRestore();
    }
    expect(temp.startsWith(join(dir, '.export.txt.keyfob-'))).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe('old\n');
    expect(readdirSync(dir)).toEqual(['export.txt']);
  });

  it('leaves nothing when the name is too long for the folder', async () => {
    const dir = folder();
    const file = join(dir, 'x'.repeat(250));
    const error = await failure(writePrivateFile(file, 'keys\n'));
    expect((error as { params: { errno: string } }).params.errno).toBe('ENAMETOOLONG');
    expect(readdirSync(dir)).toEqual([]);
  });
});
