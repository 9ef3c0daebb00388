/**
 * The database holds staff password hashes, phone tokens and the audit log: its files are the
 * service user's alone (0600), whatever the data directory's mode or the process's umask.
 */
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMigrations } from './migrate.js';
import { SqliteDatabase } from './sqlite-database.js';
import { SqliteStore } from './sqlite-store.js';

let dir: string;
let umask: number;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-mode-'));
  chmodSync(dir, 0o755);
  // the usual umask of a shell or a service: new files are 0644
  umask = process.umask(0o022);
});

afterEach(() => {
  process.umask(umask);
  rmSync(dir, { recursive: true, force: true });
});

const mode = (f: string) => statSync(f).mode & 0o777;

describe('database file modes', () => {
  it('creates madoguchi.db, -wal and -shm 0600 in a 0755 directory under umask 022', () => {
    const file = join(dir, 'madoguchi.db');
    const database = new SqliteDatabase({ file });
    try {
      new SqliteStore(database).ensureSite('naka');
      expect(existsSync(`${file}-wal`)).toBe(true);
      expect([file, `${file}-wal`, `${file}-shm`].map((f) => [f, mode(f).toString(8)])).toEqual(
        [file, `${file}-wal`, `${file}-shm`].map((f) => [f, '600']),
      );
    } finally {
      database.close();
    }
  });

  it('makes an existing 0644 database and its 0644 -wal/-shm 0600 when it opens them, and the copy made before a migration', () => {
    const file = join(dir, 'madoguchi.db');
    // an older database, one migration behind, left world-readable by an earlier version
    const old = new Database(file);
    old.pragma('journal_mode = WAL');
    old.exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
    const all = readMigrations();
    for (const m of all.slice(0, -1)) {
      old.exec(m.sql);
      old.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(m.version, m.name, '2026-01-01T00:00:00Z');
    }
    for (const f of [file, `${file}-wal`, `${file}-shm`]) chmodSync(f, 0o644);
    const database = new SqliteDatabase({ file });
    try {
      old.close();
      new SqliteStore(database).ensureSite('naka');
      const last = all.at(-1)?.name.slice(0, 4) ?? '';
      const bak = `${file}.before-${last}.bak`;
      expect(existsSync(bak)).toBe(true);
      for (const f of [file, `${file}-wal`, `${file}-shm`, bak]) expect([f, mode(f).toString(8)]).toEqual([f, '600']);
    } finally {
      database.close();
    }
  });
});
