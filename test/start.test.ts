import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
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
    const { writeFileSync } = await import('node:fs');
    writeFileSync(cfg, 'sites:\n  - id: Naka\n');
    const failed = await start({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: `${dir}/data`, CONFIG: cfg }).then(
      () => 'started',
      (e: Error) => e.message,
    );
    expect(failed).toMatch(/exited 1/);
    expect(failed).toContain('bad.yaml: sites[0].id');
  });
});
