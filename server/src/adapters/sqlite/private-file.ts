import { chmodSync, closeSync, existsSync, openSync } from 'node:fs';

/** what SQLite keeps beside a database file */
const COMPANIONS = ['-wal', '-shm', '-journal'] as const;

/**
 * Creates `file` empty with mode 0600 when it does not exist (SQLite takes an empty file as an
 * empty database, and VACUUM INTO or a backup writes into one), or makes an existing one 0600.
 * The database holds password hashes, phone tokens and the audit log; the umask of a shell or a
 * service (022) would leave it readable by every local user. SQLite gives the -wal and -shm it
 * creates the mode of their database, so a 0600 database has 0600 companions from the start.
 */
export function privateFile(file: string): void {
  if (!existsSync(file)) closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
}

/** Makes the companions that exist 0600: ones left by an earlier version keep their old mode. */
export function privateCompanions(file: string): void {
  for (const suffix of COMPANIONS) if (existsSync(`${file}${suffix}`)) chmodSync(`${file}${suffix}`, 0o600);
}
