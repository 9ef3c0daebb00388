/**
 * Composition: store, auth, engine, event bus and the HTTP/realtime app, wired as production
 * runs them. main.ts adds the environment, listening and signals; tests call this directly.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventBus } from './app/event-bus.js';
import { QueueEngine } from './app/queue-engine.js';
import { AuthService } from './adapters/auth/auth-service.js';
import { buildApp } from './adapters/http/app.js';
import { PrintWorker, type PrintWorkerOptions } from './adapters/printers/print-worker.js';
import type { App } from './adapters/http/context.js';
import type { Realtime } from './adapters/realtime/realtime.js';
import { SqliteTicketStore } from './adapters/sqlite/sqlite-ticket-store.js';
import type { InstallationConfig } from './domain/site.js';
import type { Clock } from './ports/clock.js';

export const DB_FILE = 'madoguchi.db';
export const INITIAL_ADMIN_FILE = 'initial-admin.txt';

export interface ServerOptions {
  dataDir: string;
  config: InstallationConfig;
  clock: Clock;
  logger?: boolean | Record<string, unknown>;
  frameAncestors?: readonly string[];
  trustProxy?: boolean;
  loginPerMinute?: number;
  /** the repository root, to serve the built pages from `<page>/dist` */
  pagesRoot?: string;
  /** the print worker's options; false: no printing (tests of other things) */
  printing?: false | Omit<PrintWorkerOptions, 'engine' | 'bus' | 'config' | 'log'>;
}

export interface Madoguchi {
  app: App;
  realtime: Realtime;
  engine: QueueEngine;
  auth: AuthService;
  store: SqliteTicketStore;
  bus: EventBus;
  /** the password of the `admin` created on this start, or null */
  initialAdminPassword: string | null;
  close(): Promise<void>;
}

/**
 * First start with an empty data directory: creates `admin` with a random password, written
 * once to DATA_DIR/initial-admin.txt (mode 0600).
 */
async function ensureInitialAdmin(auth: AuthService, dataDir: string): Promise<string | null> {
  if (auth.userCount() > 0) return null;
  // base64url, but never starting with "-" or "_" (it is pasted into command lines)
  const password = `a${randomBytes(12).toString('base64url')}`;
  await auth.createUser('admin', password, 'admin');
  const file = join(dataDir, INITIAL_ADMIN_FILE);
  writeFileSync(file, `admin:${password}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return password;
}

export async function createMadoguchi(opts: ServerOptions): Promise<Madoguchi> {
  if (!existsSync(opts.dataDir)) mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const store = new SqliteTicketStore({ file: join(opts.dataDir, DB_FILE) });
  try {
    const bus = new EventBus();
    const engine = new QueueEngine({
      store,
      clock: opts.clock,
      config: opts.config,
      publisher: bus,
      newToken: () => randomBytes(18).toString('base64url'),
    });
    const auth = new AuthService(store.db, opts.clock);
    const initialAdminPassword = await ensureInitialAdmin(auth, opts.dataDir);
    const { app, realtime } = await buildApp({
      engine,
      auth,
      store,
      config: opts.config,
      bus,
      ...(opts.logger !== undefined ? { logger: opts.logger } : {}),
      ...(opts.frameAncestors ? { frameAncestors: opts.frameAncestors } : {}),
      ...(opts.trustProxy !== undefined ? { trustProxy: opts.trustProxy } : {}),
      ...(opts.loginPerMinute !== undefined ? { loginPerMinute: opts.loginPerMinute } : {}),
      ...(opts.pagesRoot ? { pagesRoot: opts.pagesRoot } : {}),
    });
    bus.onListenerError = (err, e) => app.log.error({ err, event: e.type }, 'event listener failed');
    const printer = opts.printing === false ? null : new PrintWorker({ engine, bus, config: opts.config, log: app.log, ...opts.printing });
    printer?.start();
    // the printers stop after the sockets and in-flight requests; the database closes last
    app.addHook('onClose', async () => {
      await printer?.close();
      store.close();
    });
    await app.ready();
    return {
      app,
      realtime,
      engine,
      auth,
      store,
      bus,
      initialAdminPassword,
      close: () => app.close(),
    };
  } catch (e) {
    store.close();
    throw e;
  }
}
