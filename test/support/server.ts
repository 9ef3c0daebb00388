/**
 * A madoguchi server for HTTP tests: built by `createMadoguchi` exactly as production builds it,
 * on a fresh temporary data directory, with a ManualClock, and with staff and devices ready to
 * use (bearer tokens, session cookies, device tokens).
 *
 * scrypt makes each sign-in cost ~0.2 s on a small machine, so the accounts are provisioned
 * once per test file at a given clock time (a real first start: initial admin, users created with
 * `auth.createUser`, bearer tokens from `auth.login`, cookies from the HTTP login route). The
 * resulting database file is kept in memory and written into every new server's own temp
 * directory, so each test still gets a server and database of its own. `fresh: true` skips that
 * and provisions in place (for tests of the first start itself).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import type { Role } from '../../server/src/adapters/auth/auth-service.js';
import { ManualClock } from '../../server/src/adapters/clock/manual-clock.js';
import type { App } from '../../server/src/adapters/http/context.js';
import type { TrustProxy } from '../../server/src/adapters/http/client-address.js';
import type { SocketLimits } from '../../server/src/adapters/realtime/limits.js';
import type { InstallationConfig } from '../../server/src/domain/site.js';
import { createMadoguchi, DB_FILE, type Madoguchi, type ServerOptions } from '../../server/src/server.js';
import { config, MONDAY_10, site } from '../../server/src/test-support/fixtures.js';
import { Sockets } from './sockets.js';

export const SITE = 'naka';
export const OTHER_SITE = 'kita';
/** `publicUrl` of the test configuration: the Origin the server's own pages send */
export const ORIGIN = 'http://localhost:3000';
export const PASSWORD = 'correct-horse-battery';
export const SESSION_COOKIE = 'madoguchi_session';

/** Two non-demo sites from the fixtures: issuing follows the weekday schedule (08:45–17:15 JST). */
export const defaultConfig = (): InstallationConfig => config(site(SITE), site(OTHER_SITE));

export interface Account {
  username: string;
  password: string;
  role: Role;
  /** `Authorization: Bearer …` value's token (from `auth.login(…, 'bearer')`) */
  bearer: string;
  /** the session cookie's value (from `POST /api/v1/auth/login`) */
  cookie: string;
}

export interface Device {
  id: number;
  token: string;
}

interface Seed {
  clerk: Account;
  manager: Account;
  admin: Account;
  kiosk: Device;
  display: Device;
  counter: Device;
  /** devices of the other site */
  otherKiosk: Device;
  otherCounter: Device;
}

export interface TestServer extends Seed {
  m: Madoguchi;
  app: App;
  clock: ManualClock;
  dir: string;
  /** the `admin` password of the first start */
  adminPassword: string;
  /** closes the server and keeps its data directory (to start another server on it) */
  stop(): Promise<void>;
  /** closes the server and removes its data directory */
  close(): Promise<void>;
}

export interface StartOptions {
  config?: InstallationConfig;
  /** the clock's start (default MONDAY_10, a weekday 10:00 JST) */
  now?: string;
  /** login rate limit per minute (default 10,000: tests of other things must not hit it) */
  loginPerMinute?: number;
  /** TRUST_PROXY as readSettings() gives it */
  trustProxy?: TrustProxy;
  /** Socket.IO limits (defaults: adapters/realtime/limits.ts) */
  socketLimits?: Partial<SocketLimits>;
  /** provision in place instead of from the per-file template */
  fresh?: boolean;
  /** the disk-full watch's free-space reading and timers */
  storage?: ServerOptions['storage'];
  /** turn-near alerts: senders, timers, limits */
  turnAlerts?: ServerOptions['turnAlerts'];
}

const newDir = (): string => mkdtempSync(join(tmpdir(), 'madoguchi-http-'));

/** The session cookie's value from a login answer. */
export function sessionCookieOf(res: LightMyRequestResponse): string {
  const c = res.cookies.find((x) => x.name === SESSION_COOKIE);
  if (!c) throw new Error(`no session cookie in the answer (${res.statusCode} ${res.body})`);
  return c.value;
}

async function provision(m: Madoguchi): Promise<{ seed: Seed; adminPassword: string }> {
  const adminPassword = m.initialAdminPassword;
  if (!adminPassword) throw new Error('expected a first start with an initial admin');
  await Promise.all([m.auth.createUser('tanaka', PASSWORD, 'clerk'), m.auth.createUser('suzuki', PASSWORD, 'manager')]);
  const account = async (username: string, password: string, role: Role): Promise<Account> => {
    const [bearer, res] = await Promise.all([
      m.auth.login(username, password, 'bearer'),
      m.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } }),
    ]);
    return { username, password, role, bearer: bearer.token, cookie: sessionCookieOf(res) };
  };
  const [clerk, manager, admin] = await Promise.all([
    account('tanaka', PASSWORD, 'clerk'),
    account('suzuki', PASSWORD, 'manager'),
    account('admin', adminPassword, 'admin'),
  ]);
  const seed: Seed = {
    clerk,
    manager,
    admin,
    kiosk: m.auth.createDevice(SITE, 'kiosk', 'kiosk 1'),
    display: m.auth.createDevice(SITE, 'display', 'display 1'),
    counter: m.auth.createDevice(SITE, 'counter', 'counter buttons 1'),
    otherKiosk: m.auth.createDevice(OTHER_SITE, 'kiosk', 'kita kiosk'),
    otherCounter: m.auth.createDevice(OTHER_SITE, 'counter', 'kita counter buttons'),
  };
  return { seed, adminPassword };
}

interface Template {
  db: Buffer;
  seed: Seed;
  adminPassword: string;
}

const templates = new Map<string, Promise<Template>>();

function template(now: string): Promise<Template> {
  let t = templates.get(now);
  if (!t) {
    t = (async () => {
      const dir = newDir();
      try {
        const m = await createMadoguchi({ dataDir: dir, config: defaultConfig(), clock: new ManualClock(now), logger: false, loginPerMinute: 10_000 });
        const { seed, adminPassword } = await provision(m);
        await m.close(); // checkpoints the WAL into the main file
        return { db: readFileSync(join(dir, DB_FILE)), seed, adminPassword };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    })();
    templates.set(now, t);
  }
  return t;
}

export async function startServer(opts: StartOptions = {}): Promise<TestServer> {
  const now = opts.now ?? MONDAY_10;
  const clock = new ManualClock(now);
  const dir = newDir();
  try {
    const tpl = opts.fresh ? null : await template(now);
    if (tpl) writeFileSync(join(dir, DB_FILE), tpl.db);
    const m = await createMadoguchi({
      dataDir: dir,
      config: opts.config ?? defaultConfig(),
      clock,
      logger: false,
      loginPerMinute: opts.loginPerMinute ?? 10_000,
      ...(opts.trustProxy !== undefined ? { trustProxy: opts.trustProxy } : {}),
      ...(opts.storage ? { storage: opts.storage } : {}),
      ...(opts.socketLimits ? { socketLimits: opts.socketLimits } : {}),
      ...(opts.turnAlerts ? { turnAlerts: opts.turnAlerts } : {}),
    });
    const provisioned = tpl ?? (await provision(m));
    let stopped: Promise<void> | undefined;
    const stop = (): Promise<void> => (stopped ??= m.close());
    return {
      ...provisioned.seed,
      adminPassword: provisioned.adminPassword,
      m,
      app: m.app,
      clock,
      dir,
      stop,
      close: async () => {
        try {
          await stop();
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      },
    };
  } catch (e) {
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}

export interface Call {
  /** a bearer token (device or staff) */
  token?: string;
  /** a session cookie's value; writes then send `Origin` (ORIGIN unless `origin` says otherwise) */
  cookie?: string;
  /** `Origin` header; null sends none */
  origin?: string | null;
  body?: unknown;
  headers?: Record<string, string>;
}

/** One HTTP request through `app.inject`. */
export function request(app: App, method: InjectOptions['method'], url: string, c: Call = {}): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...c.headers };
  if (c.token !== undefined) headers.authorization = `Bearer ${c.token}`;
  if (c.cookie !== undefined) {
    headers.cookie = `${SESSION_COOKIE}=${c.cookie}`;
    if (c.origin !== null) headers.origin = c.origin ?? ORIGIN;
  } else if (typeof c.origin === 'string') {
    headers.origin = c.origin;
  }
  const opts: InjectOptions = { method, url, headers };
  if (c.body !== undefined) opts.payload = c.body as InjectOptions['payload'];
  return app.inject(opts);
}

export interface ErrorBody {
  error: { code: string; message: string; field?: string; reason?: string; nextOpening?: string | null };
}

/** Asserts the one error shape `{ error: { code, message, field? } }` and returns it. */
export function errorOf(res: LightMyRequestResponse): ErrorBody['error'] {
  expect(res.headers['content-type'], `content type of ${res.statusCode} ${res.body}`).toMatch(/^application\/json/);
  const body = res.json<unknown>();
  expect(body, res.body).toEqual({
    error: expect.objectContaining({ code: expect.stringMatching(/^[A-Z_]+$/), message: expect.any(String) }),
  });
  const e = (body as ErrorBody).error;
  expect(Object.keys(body as object)).toEqual(['error']);
  expect(e.message.length).toBeGreaterThan(0);
  for (const k of Object.keys(e)) expect(['code', 'message', 'field', 'reason', 'nextOpening']).toContain(k);
  if (e.field !== undefined) expect(typeof e.field).toBe('string');
  return e;
}

/** Asserts an error answer's status, code and (when given) the field it names. */
export function expectError(res: LightMyRequestResponse, status: number, code?: string, field?: string): ErrorBody['error'] {
  expect(res.statusCode, res.body).toBe(status);
  const e = errorOf(res);
  if (code !== undefined) expect(e.code, res.body).toBe(code);
  if (field !== undefined) expect(e.field, res.body).toBe(field);
  return e;
}

/**
 * One test server for the whole file, listening on a free loopback port (for tests that speak raw
 * HTTP or TCP to it): started in beforeAll, closed in afterAll.
 */
export function listeningForFile(opts: StartOptions = {}): { server(): TestServer; port(): number } {
  let s: TestServer | undefined;
  let port = 0;
  beforeAll(async () => {
    s = await startServer(opts);
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    port = (s.app.server.address() as { port: number }).port;
  });
  afterAll(async () => {
    await s?.close();
  });
  return {
    server: () => {
      if (!s) throw new Error('the server starts in beforeAll');
      return s;
    },
    port: () => port,
  };
}

/**
 * A fresh test server for each test of the file, handed to `use` before the test; `restart(opts)`
 * replaces it within a test (another configuration). The sockets the test opens through `sockets`
 * connect to where the server listens (the test calls `app.listen` first); after the test they are
 * closed, then the server.
 */
export function serverForEachTest(use: (s: TestServer) => void): { sockets: Sockets; restart(opts?: StartOptions): Promise<void> } {
  let s: TestServer | undefined;
  const sockets = new Sockets(() => s?.app.listeningOrigin ?? '');
  const restart = async (opts: StartOptions = {}): Promise<void> => {
    await s?.close();
    s = await startServer(opts);
    use(s);
  };
  beforeEach(() => restart());
  afterEach(async () => {
    sockets.closeAll();
    await s?.close();
    s = undefined;
  });
  return { sockets, restart };
}
