import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';

/**
 * The database file cannot be used at all (not SQLite, damaged, unreadable): the server cannot
 * start, and the operator needs the file, what is wrong and what to do, not a stack trace.
 */
export class DatabaseUnusableError extends Error {
  override readonly name = 'DatabaseUnusableError';
  constructor(
    readonly file: string,
    /** what is wrong, as a clause: "is not a SQLite database (…)" */
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${file} ${problem}`, options);
  }
}

/** The error opening `file` failed with, as a DatabaseUnusableError when it is about the file itself. */
export function unusableDatabase(file: string, err: unknown): DatabaseUnusableError | null {
  const code = String((err as { code?: unknown } | null)?.code ?? '');
  const detail = err instanceof Error ? err.message : String(err);
  const uid = process.getuid?.();
  const user = uid === undefined ? 'this user' : `this user (uid ${uid})`;
  let problem: string | null = null;
  if (code === 'SQLITE_NOTADB') problem = `is not a SQLite database: its first bytes are not SQLite's (overwritten, truncated to garbage, or another kind of file)`;
  else if (code.startsWith('SQLITE_CORRUPT')) problem = `is damaged: SQLite says "${detail}"`;
  else if (code === 'EACCES' || code === 'EPERM' || code === 'SQLITE_PERM' || code.startsWith('SQLITE_READONLY')) {
    problem = `cannot be read and written by ${user}: check the owner and mode of the file and of its directory (${detail})`;
  } else if (code.startsWith('SQLITE_CANTOPEN') || code === 'EISDIR') problem = `cannot be opened: it is not a readable file (${detail})`;
  else if (code.startsWith('SQLITE_IOERR') || code === 'EIO') problem = `cannot be read from the disk (I/O error: ${detail})`;
  return problem === null ? null : new DatabaseUnusableError(file, problem, { cause: err });
}

/** Database copies in `dirs`: a backup (`*.db`) or the copy made before a migration (`*.bak`). */
const BACKUP = /\.(db|bak)$/;

/** The most recently written backup in `dirs` (the database itself excluded), or null. */
export function newestBackup(dirs: readonly string[], database: string): string | null {
  let best: { file: string; at: number } | null = null;
  for (const dir of new Set(dirs)) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      const file = join(dir, name);
      if (!BACKUP.test(name) || file === database || name === basename(database)) continue;
      const st = statSync(file, { throwIfNoEntry: false });
      if (!st?.isFile() || st.size === 0) continue;
      if (!best || st.mtimeMs > best.at) best = { file, at: st.mtimeMs };
    }
  }
  return best?.file ?? null;
}

/** What the server prints when it stops for an unusable database: the file, the problem, and how to restore. */
export function unusableDatabaseAdvice(err: DatabaseUnusableError, backupDirs: readonly string[]): string {
  const f = err.file;
  const backup = newestBackup(backupDirs, f);
  const lines = [`madoguchi: cannot start: the database ${f} ${err.problem}.`, 'The file was left as it is.'];
  if (backup) {
    lines.push(
      '',
      `The newest backup is ${backup}. To restore it (docs/operations.md, "Restore"):`,
      `  mkdir -p ${f}.broken && mv ${f} ${f}-wal ${f}-shm ${f}.broken/ 2>/dev/null`,
      `  install -m 0600 ${backup} ${f}        # as the service user (or add -o madoguchi -g madoguchi)`,
      '  then start the server again. Tickets and changes since that backup are lost.',
    );
  } else {
    lines.push(
      '',
      `No backup was found in ${[...new Set(backupDirs)].join(' or ')}. Restore the newest copy you keep elsewhere as`,
      `${f} (moving ${basename(f)}, ${basename(f)}-wal and ${basename(f)}-shm aside first; docs/operations.md, "Restore").`,
    );
  }
  return `${lines.join('\n')}\n`;
}
