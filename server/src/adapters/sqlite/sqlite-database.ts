import Database from 'better-sqlite3';
import { statfsSync } from 'node:fs';
import { dirname } from 'node:path';
import { unusableDatabase } from './database-problem.js';
import { migrate } from './migrate.js';
import { privateCompanions, privateFile } from './private-file.js';
import { StorageWatch, type StorageWatchOptions } from './storage-watch.js';

export interface SqliteDatabaseOptions {
  /** a file path, or ':memory:' */
  file: string;
  busyTimeoutMs?: number;
  /** timers and thresholds of the disk-full watch (tests) */
  storage?: Partial<StorageWatchOptions>;
}

/**
 * The one connection of the process to madoguchi's database, and everything that belongs to the
 * connection rather than to a role's rows: opening (private file modes, migrations), WAL with
 * synchronous=FULL so that every committed ticket survives a power cut, the write transaction,
 * the disk-full watch, health, backup and closing. Several processes may share a file (writes
 * serialise on BEGIN IMMEDIATE).
 *
 * The stores of this folder (SqliteStore, SqliteRetentionStore, SqliteAuthStore,
 * SqliteButtonBindings) work through this object, and the connection never leaves this folder
 * but for tests; the app layer, auth and the routes see only the ports those stores implement.
 */
export class SqliteDatabase {
  /**
   * The better-sqlite3 handle, for the stores above that share the connection and for tests
   * that read rows; no port carries it.
   */
  readonly connection: Database.Database;
  /** whether the disk has room: every failed transaction reports to it */
  readonly storage: StorageWatch;
  private readonly statements = new Map<string, Database.Statement>();
  /** one transaction function for all: better-sqlite3 makes a nested call a savepoint */
  private readonly inTransaction: Database.Transaction<(fn: () => unknown) => unknown>;

  /** @throws DatabaseUnusableError when the file is not SQLite, damaged or unreadable */
  constructor(opts: SqliteDatabaseOptions) {
    const onDisk = opts.file !== ':memory:';
    let db: Database.Database | undefined;
    try {
      if (onDisk) privateFile(opts.file);
      db = new Database(opts.file);
      db.pragma(`busy_timeout = ${opts.busyTimeoutMs ?? 5000}`);
      // before the first table: a new file gives pages back incrementally from the start (only
      // then: on a file in use the pragma writes its header, and waits for another writer)
      if (Number(db.pragma('page_count', { simple: true })) === 0) db.pragma('auto_vacuum = INCREMENTAL');
      db.pragma('journal_mode = WAL');
      if (onDisk) privateCompanions(opts.file);
      db.pragma('synchronous = FULL');
      db.pragma('foreign_keys = ON');
      migrate(db, onDisk ? opts.file : null);
      incrementalVacuumOn(db);
    } catch (err) {
      db?.close();
      throw (onDisk ? unusableDatabase(opts.file, err) : null) ?? err;
    }
    this.connection = db;
    const dir = onDisk ? dirname(opts.file) : null;
    this.storage = new StorageWatch({
      freeBytes: () => {
        if (dir === null) return null;
        const s = statfsSync(dir);
        return s.bavail * s.bsize;
      },
      ...opts.storage,
    });
    this.inTransaction = this.connection.transaction((fn: () => unknown) => fn());
  }

  /** A prepared statement, prepared once per SQL text. */
  statement(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.connection.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  /** One serialised write transaction (BEGIN IMMEDIATE); nested, a savepoint. */
  transaction<T>(fn: () => T): T {
    try {
      return this.inTransaction.immediate(fn) as T;
    } catch (err) {
      // rolled back; the caller answers or logs it, the watch notes a full disk once per spell
      this.storage.failed(err, 'transaction');
      throw err;
    }
  }

  /** Throws when the database does not answer a query (the liveness check of `/healthz`). */
  check(): void {
    this.statement('SELECT 1').get();
  }

  /**
   * An online copy of the database into `file` (SQLite's backup API: writers go on meanwhile),
   * made one self-contained file (no -wal or -shm beside it) and checked: what its
   * `PRAGMA integrity_check` says ("ok"), and how many tickets it holds. Citizens' contacts for
   * turn-near alerts are never in a backup: they are deleted from the copy, overwritten, and the
   * copy vacuumed (docs/security.md).
   */
  async backup(file: string): Promise<{ integrity: string; tickets: number }> {
    await this.connection.backup(file);
    const copy = new Database(file);
    try {
      copy.pragma('journal_mode = DELETE');
      copy.pragma('secure_delete = ON');
      copy.prepare('UPDATE turn_alerts SET contact = NULL, line_code = NULL WHERE contact IS NOT NULL OR line_code IS NOT NULL').run();
      copy.prepare('DELETE FROM turn_alert_deliveries').run();
      copy.exec('VACUUM');
      const integrity = (copy.pragma('integrity_check') as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join('; ');
      const tickets = Number((copy.prepare('SELECT count(*) AS n FROM tickets').get() as { n: number }).n);
      return { integrity, tickets };
    } finally {
      copy.close();
    }
  }

  close(): void {
    this.storage.close();
    if (this.connection.open) this.connection.close();
  }
}

/**
 * A database made before retention (auto_vacuum NONE) switches to INCREMENTAL: SQLite applies
 * the change only with a full VACUUM, once, at this start (it rewrites the file: a while for a
 * large one, and room for a copy on the disk). From then on the housekeeping job hands the
 * pages of deleted days back to the file system with `PRAGMA incremental_vacuum`.
 */
function incrementalVacuumOn(db: Database.Database): void {
  const INCREMENTAL = 2;
  if (Number(db.pragma('auto_vacuum', { simple: true })) === INCREMENTAL) return;
  db.pragma('auto_vacuum = INCREMENTAL');
  db.exec('VACUUM');
}
