/**
 * A small disk for the disk-full tests: a tmpfs of a given size mounted over a temporary
 * directory. That needs root (CI runs as root); elsewhere the tests are skipped and say why.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmdirSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Mounts a tmpfs of `size` on `dir`; the reason it cannot, or null. */
export function mountTmpfs(dir: string, size: string): string | null {
  if (process.platform !== 'linux') return `tmpfs needs Linux (this is ${process.platform})`;
  if (process.getuid?.() !== 0) return 'mounting a small tmpfs needs root (run as root, as CI does)';
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir], { stdio: 'pipe' });
    return null;
  } catch (e) {
    return `mount -t tmpfs is not permitted here: ${(e as { stderr?: Buffer }).stderr?.toString().trim() ?? String(e)}`;
  }
}

/** Whether a tmpfs can be mounted here: tried once on a scratch directory, unmounted at once. */
export function probeTmpfs(): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-probe-'));
  const reason = mountTmpfs(dir, '64k');
  if (reason === null) execFileSync('umount', [dir]);
  rmdirSync(dir);
  return reason;
}

/** A new tmpfs of `size` on a new temporary directory (throws when it cannot). */
export function newTmpfs(size: string, prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const reason = mountTmpfs(dir, size);
  if (reason !== null) throw new Error(reason);
  return dir;
}

/** Unmounts lazily, so that a failed test (a file still open) cannot leave the mount behind. */
export function removeTmpfs(dir: string): void {
  execFileSync('umount', ['-l', dir]);
  rmdirSync(dir);
}

/** Free bytes on the file system holding `path`. */
export function freeBytes(path: string): number {
  const s = statfsSync(path);
  return s.bavail * s.bsize;
}

/**
 * Fills the file system holding `dir` with `file` but `leave` bytes. Under load the server's own
 * writes race the ballast: a write that meets a full disk has filled it all the same.
 */
export function fillDisk(dir: string, file: string, leave: number): void {
  try {
    writeFileSync(file, Buffer.alloc(Math.max(0, freeBytes(dir) - leave)));
  } catch (e) {
    if ((e as { code?: string }).code !== 'ENOSPC') throw e;
  }
}
