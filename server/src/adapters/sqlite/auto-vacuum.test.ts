import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteDatabase } from './sqlite-database.js';
import { SqliteStore } from './sqlite-store.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-vacuum-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const INCREMENTAL = 2;

describe('auto_vacuum', () => {
  it('is INCREMENTAL on a new database file', () => {
    const database = new SqliteDatabase({ file: join(dir, 'madoguchi.db') });
    expect(database.connection.pragma('auto_vacuum', { simple: true })).toBe(INCREMENTAL);
    database.close();
  });

  it('switches a database made before retention (auto_vacuum NONE) to INCREMENTAL once, keeping its rows', () => {
    const file = join(dir, 'madoguchi.db');
    const first = new SqliteDatabase({ file });
    new SqliteStore(first).ensureSite('naka');
    // as an older version left it: the pragma is NONE and the file was written that way
    first.connection.pragma('auto_vacuum = NONE');
    first.connection.exec('VACUUM');
    first.close();
    const old = new Database(file);
    expect(old.pragma('auto_vacuum', { simple: true })).toBe(0);
    old.close();

    const database = new SqliteDatabase({ file });
    expect(database.connection.pragma('auto_vacuum', { simple: true })).toBe(INCREMENTAL);
    expect(new SqliteStore(database).siteDay('naka')).toEqual({ businessDate: null, seq: 0 });
    database.close();
  });
});
