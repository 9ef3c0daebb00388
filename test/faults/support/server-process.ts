/**
 * The built server (server/dist/madoguchi.js, as `npm start` runs it) as a child process, for fault
 * tests that need a real process to kill. Every child started here is remembered so that a
 * test's afterEach/afterAll can kill what is left, even after a failure.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SAMPLE_CONFIG_TEXT } from '../../../server/src/sample-office.js';

export const MAIN = fileURLToPath(new URL('../../../server/dist/madoguchi.js', import.meta.url));

export interface ServerProcess {
  /** http://127.0.0.1:<port> */
  url: string;
  child: ChildProcess;
  /** stdout and stderr so far */
  output(): string;
  /** SIGKILL, resolved once the process is gone */
  kill(): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Kills every child process still running (afterEach/afterAll). */
export async function killAll(): Promise<void> {
  await Promise.all([...running].map((c) => killChild(c)));
}

function killChild(c: ChildProcess): Promise<void> {
  if (c.exitCode !== null || c.signalCode !== null) {
    running.delete(c);
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    c.once('exit', () => {
      running.delete(c);
      resolve();
    });
    c.kill('SIGKILL');
  });
}

/**
 * Starts the built server on `dataDir` (any free port on 127.0.0.1, the embedded sample office,
 * the printer simulator on free ports) and resolves once it prints that it listens.
 */
export function startServerProcess(dataDir: string, env: Record<string, string> = {}, timeoutMs = 20_000): Promise<ServerProcess> {
  const base: NodeJS.ProcessEnv = { ...process.env };
  // the embedded sample office (demo mode), whatever the developer's shell says
  for (const k of ['CONFIG', 'PUBLIC_URL', 'PORT', 'HOST', 'DATA_DIR', 'MANUAL_CLOCK']) delete base[k];
  const child = spawn(process.execPath, [MAIN], {
    env: { ...base, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'warn', PRINTER_SIM_PORT: '0', PRINTER_SIM_WEB_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void killChild(child);
      reject(new Error(`the server did not listen within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ url: m[1], child, output: () => out, kill: () => killChild(child) });
      }
    });
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code, signal) => {
      running.delete(child);
      clearTimeout(timer);
      reject(new Error(`the server exited (${code ?? signal}) before listening:\n${out}`));
    });
  });
}

/**
 * The embedded sample office as a configuration file in `dir`, but with no practical issue limit:
 * for fault tests whose kiosks take hundreds of tickets while MANUAL_CLOCK stands still (the
 * limit's bucket refills only as that clock moves). Pass the path as CONFIG.
 */
export function unlimitedSampleConfig(dir: string): string {
  const text = SAMPLE_CONFIG_TEXT.replace('    demo: true\n', '    demo: true\n    issueLimit: { perMinute: 100000, burst: 100000 }\n');
  if (text === SAMPLE_CONFIG_TEXT) throw new Error('the sample office changed: cannot set its issue limit');
  const file = join(dir, 'unlimited-sample.yaml');
  writeFileSync(file, text);
  return file;
}
