import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../server/dist/madoguchi.js', import.meta.url));

let child: ChildProcess | undefined;
let dir: string | undefined;
afterEach(() => {
  child?.kill('SIGKILL');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Starts the built server and resolves with its base URL once it prints that it listens. */
function start(env: Record<string, string>): Promise<{ url: string; output: () => string }> {
  return new Promise((resolve, reject) => {
    child = spawn(process.execPath, [MAIN], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve({ url: m[1], output: () => out });
    });
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
}

describe('the built server as a process', () => {
  it('creates the admin on a fresh data directory, signs in, and stops on SIGTERM within 3 s', async () => {
    dir = mkdtempSync(`${tmpdir()}/madoguchi-start-`);
    const { url, output } = await start({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, LOG_LEVEL: 'warn' });

    const file = `${dir}/initial-admin.txt`;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const [username, password] = readFileSync(file, 'utf8').trim().split(':');
    expect(username).toBe('admin');
    expect(output()).toContain(`password: ${password}`);
    expect(output()).toMatch(/kiosk +http:\/\/\S+\/kiosk\/\?token=dev_/);

    const login = await fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    expect(login.status).toBe(200);
    expect(await login.json()).toEqual({ user: { username: 'admin', role: 'admin' } });
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    const started = performance.now();
    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    child?.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(performance.now() - started).toBeLessThan(3000);
  });

  it('stops with file, path and reason for an invalid configuration', async () => {
    dir = mkdtempSync(`${tmpdir()}/madoguchi-start-`);
    const cfg = `${dir}/bad.yaml`;
    writeFileSync(cfg, 'sites:\n  - id: Naka\n');
    const failed = await start({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: `${dir}/data`, CONFIG: cfg }).then(
      () => 'started',
      (e: Error) => e.message,
    );
    expect(failed).toMatch(/exited 1/);
    expect(failed).toContain('bad.yaml: sites[0].id');
  });
});

describe('the built server on an unusable database', () => {
  /** starts the server on `dir` and resolves with its exit code and output once it stops */
  const run = (env: Record<string, string>) =>
    start({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env }).then(
      () => ({ code: -1, out: 'started' }),
      (e: Error) => ({ code: Number(/exited (\d+)/.exec(e.message)?.[1] ?? -2), out: e.message }),
    );

  const noStackTrace = (out: string) => expect(out).not.toMatch(/^\s+at /m);

  it('stops on a file that is not SQLite: names the file, says what is wrong, names the newest backup and how to restore it', async () => {
    dir = mkdtempSync(`${tmpdir()}/madoguchi-start-`);
    const db = `${dir}/madoguchi.db`;
    writeFileSync(db, Buffer.alloc(8192, 0x5a));
    mkdirSync(`${dir}/backups`);
    writeFileSync(`${dir}/backups/madoguchi-2026-04-04.db`, 'older');
    utimesSync(`${dir}/backups/madoguchi-2026-04-04.db`, new Date('2026-04-04T12:00:00Z'), new Date('2026-04-04T12:00:00Z'));
    writeFileSync(`${dir}/backups/madoguchi-2026-04-05.db`, 'newest');
    utimesSync(`${dir}/backups/madoguchi-2026-04-05.db`, new Date('2026-04-05T12:00:00Z'), new Date('2026-04-05T12:00:00Z'));
    const { code, out } = await run({ DATA_DIR: dir });
    expect(code).toBe(1);
    expect(out).toContain(`the database ${db} is not a SQLite database`);
    expect(out).toContain(`The newest backup is ${dir}/backups/madoguchi-2026-04-05.db`);
    expect(out).toContain(`install -m 0600 ${dir}/backups/madoguchi-2026-04-05.db ${db}`);
    noStackTrace(out);
    // nothing was written over the broken file: it is still there to inspect
    expect(readFileSync(db)).toEqual(Buffer.alloc(8192, 0x5a));
  });

  it('stops on a damaged database ("malformed") and says so when there is no backup', async () => {
    dir = mkdtempSync(`${tmpdir()}/madoguchi-start-`);
    const db = `${dir}/madoguchi.db`;
    const good = new Database(db);
    good.exec('CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);');
    good.close();
    // the header stays SQLite's; the schema page after it is overwritten
    const bytes = readFileSync(db);
    bytes.fill(0xa5, 100, 4096);
    writeFileSync(db, bytes);
    const { code, out } = await run({ DATA_DIR: dir });
    expect(code).toBe(1);
    expect(out).toContain(`the database ${db} is damaged: SQLite says "database disk image is malformed"`);
    expect(out).toContain(`No backup was found in ${dir}/backups or ${dir}`);
    noStackTrace(out);
  });

  it('stops when the database is not a readable file (a directory in its place)', async () => {
    dir = mkdtempSync(`${tmpdir()}/madoguchi-start-`);
    mkdirSync(`${dir}/madoguchi.db`);
    writeFileSync(`${dir}/madoguchi.db.before-0009.bak`, 'a copy');
    const { code, out } = await run({ DATA_DIR: dir });
    expect(code).toBe(1);
    expect(out).toMatch(new RegExp(`the database ${dir}/madoguchi\\.db cannot be (opened|read)`));
    expect(out).toContain(`The newest backup is ${dir}/madoguchi.db.before-0009.bak`);
    noStackTrace(out);
  });
});
