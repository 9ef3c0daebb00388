/**
 * Servers under test run in child processes — their own event loop and, on a 2-core machine,
 * their own core — while the load generators and clients run in the benchmark process. A child
 * signals `{ type: 'ready', info }` over IPC and answers `{ id, cmd, … }` requests with
 * `{ id, ok, result | error }` (bench/lib/server-entry.ts, bare-servers.mjs, memory-probe.mjs).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** node arguments to run a TypeScript file of the repository from its sources */
export const TS = ['--conditions=source', '--import', 'tsx'];

interface Reply {
  id?: number;
  type?: string;
  ok?: boolean;
  result?: unknown;
  error?: string;
  info?: unknown;
}

export interface SpawnOptions {
  env?: Record<string, string | undefined>;
  /** resolve on this stdout line instead of an IPC 'ready' (the production server prints it) */
  readyLine?: RegExp;
  /** how long to wait for ready (default 60 s) */
  timeoutMs?: number;
}

export class BenchChild<Info = Record<string, unknown>> {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private output = '';

  private constructor(
    readonly proc: ChildProcess,
    public info: Info,
  ) {}

  /** Spawns `node <args>` in the repository root and waits until it is ready. */
  static spawn<I = Record<string, unknown>>(args: readonly string[], opts: SpawnOptions = {}): Promise<BenchChild<I>> {
    const env: Record<string, string | undefined> = { ...process.env, ...opts.env };
    for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
    const proc = spawn(process.execPath, [...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe', 'ipc'] });
    const child = new BenchChild<I>(proc, {} as I);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error(`child ${args.join(' ')} not ready in time:\n${child.output}`)), opts.timeoutMs ?? 60_000);
      const fail = (e: Error) => {
        clearTimeout(timer);
        proc.kill('SIGKILL');
        reject(e);
      };
      const ready = (info: I) => {
        clearTimeout(timer);
        child.info = info;
        resolve(child);
      };
      proc.stdout?.on('data', (d: Buffer) => {
        child.output += d.toString();
        const m = opts.readyLine?.exec(child.output);
        if (m) ready({ match: m } as I);
      });
      proc.stderr?.on('data', (d: Buffer) => (child.output += d.toString()));
      proc.on('message', (m: Reply) => {
        if (m.type === 'ready') return ready(m.info as I);
        const p = m.id === undefined ? undefined : child.pending.get(m.id);
        if (!p || m.id === undefined) return;
        child.pending.delete(m.id);
        if (m.ok) p.resolve(m.result);
        else p.reject(new Error(m.error ?? 'child request failed'));
      });
      proc.once('exit', (code, signal) => {
        for (const p of child.pending.values()) p.reject(new Error(`child exited (${code ?? signal})`));
        child.pending.clear();
        fail(new Error(`child ${args.join(' ')} exited (${code ?? signal}):\n${child.output}`));
      });
    });
  }

  get pid(): number {
    return this.proc.pid ?? -1;
  }

  /** What the child printed (stdout and stderr), for error messages. */
  get log(): string {
    return this.output;
  }

  request<T>(cmd: string, args: Record<string, unknown> = {}): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.proc.send({ id, cmd, ...args });
    });
  }

  /** SIGTERM (a graceful close), SIGKILL after `graceMs`. */
  async stop(graceMs = 5000): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    const exited = new Promise<void>((r) => this.proc.once('exit', () => r()));
    this.proc.kill('SIGTERM');
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  }
}

/**
 * The child side of the protocol: answers requests with `handlers`, then says it is ready.
 * `shutdown` runs on SIGTERM and when the parent goes away (a crashed benchmark leaves no server
 * and no data directory behind).
 */
export function serveRequests(handlers: Record<string, (args: Record<string, unknown>) => unknown>, info: unknown, shutdown: () => Promise<void>): void {
  const send = (m: unknown) => process.send?.(m);
  process.on('message', (m: { id: number; cmd: string } & Record<string, unknown>) => {
    const h = handlers[m.cmd];
    Promise.resolve()
      .then(() => {
        if (!h) throw new Error(`unknown command ${m.cmd}`);
        return h(m);
      })
      .then(
        (result) => send({ id: m.id, ok: true, result }),
        (e: unknown) => send({ id: m.id, ok: false, error: e instanceof Error ? e.message : String(e) }),
      );
  });
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= shutdown().finally(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('disconnect', stop);
  send({ type: 'ready', info });
}

/** `process.memoryUsage()` after two full collections (the child runs with --expose-gc). */
export function memoryAfterGc(): NodeJS.MemoryUsage {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  return process.memoryUsage();
}
