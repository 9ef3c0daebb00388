import type Database from 'better-sqlite3';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { privateFile } from './private-file.js';

/** The first folder up from `dir` that holds a package.json and a migrations folder. */
function migrationsAbove(dir: string): string {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, 'package.json')) && existsSync(join(d, 'migrations'))) return join(d, 'migrations');
    if (dirname(d) === d) throw new Error(`no server/migrations above ${dir}`);
  }
}

/** server/migrations, from src/adapters/sqlite, dist/adapters/sqlite or the bundle (dist/madoguchi.js) */
export const MIGRATIONS_DIR = migrationsAbove(dirname(fileURLToPath(import.meta.url)));

const NAME = /^(\d{4})_[a-z0-9_]+\.sql$/;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.sql')).sort();
  return files.map((name, i) => {
    const m = NAME.exec(name);
    if (!m) throw new Error(`migration file name ${name} must look like 0001_words.sql`);
    const version = Number(m[1]);
    if (version !== i + 1) throw new Error(`migration ${name} is out of sequence: expected ${String(i + 1).padStart(4, '0')}`);
    return { version, name, sql: readFileSync(`${dir}/${name}`, 'utf8') };
  });
}

/**
 * Applies pending forward-only migrations. A database that already holds data is first
 * copied aside (VACUUM INTO, a consistent snapshot) so a failed upgrade can be undone by hand.
 */
export function migrate(db: Database.Database, file: string | null, migrations = readMigrations()): { applied: string[]; backup: string | null } {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
  const done = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((r) => r.version),
  );
  const pending = migrations.filter((m) => !done.has(m.version));
  if (pending.length === 0) return { applied: [], backup: null };

  let backup: string | null = null;
  if (file && done.size > 0) {
    backup = `${file}.before-${pending[0]?.name.slice(0, 4)}.bak`;
    if (!existsSync(backup)) {
      // created 0600 first: VACUUM INTO keeps the mode of the empty file it writes into
      privateFile(backup);
      db.prepare('VACUUM INTO ?').run(backup);
    }
  }
  const insert = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  for (const m of pending) {
    db.transaction(() => {
      db.exec(m.sql);
      insert.run(m.version, m.name, new Date().toISOString());
    }).immediate();
  }
  return { applied: pending.map((m) => m.name), backup };
}
