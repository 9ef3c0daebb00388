/**
 * Composition: store, auth, engine, event bus and the HTTP/realtime app, wired as production
 * runs them. main.ts adds the environment, listening and signals; tests call this directly.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import type { Agent } from 'node:https';
import { join } from 'node:path';
import { AlertMonitor } from './app/alert-monitor.js';
import { DemandForecasts } from './app/demand-use-cases.js';
import { HousekeepingJob } from './app/housekeeping.js';
import { EventBus } from './app/event-bus.js';
import { QueueEngine } from './app/queue-engine.js';
import { AuthService } from './adapters/auth/auth-service.js';
import { ButtonService } from './app/button-service.js';
import { HidButtonSource } from './adapters/buttons/hid-button-source.js';
import { SqliteButtonBindings } from './adapters/sqlite/sqlite-button-bindings.js';
import { buildApp } from './adapters/http/app.js';
import type { TrustProxy } from './adapters/http/client-address.js';
import { PrintWorker, type PrintWorkerOptions } from './adapters/printers/print-worker.js';
import type { App, Hardware } from './adapters/http/context.js';
import { ManualClock } from './adapters/clock/manual-clock.js';
import type { SocketLimits } from './adapters/realtime/limits.js';
import type { Realtime } from './adapters/realtime/realtime.js';
import { SqliteRetentionStore } from './adapters/sqlite/sqlite-retention-store.js';
import { SqliteForecastStore } from './adapters/sqlite/sqlite-forecast-store.js';
import { SqliteHistoryStore } from './adapters/sqlite/sqlite-history-store.js';
import { SqliteAuthStore } from './adapters/sqlite/sqlite-auth-store.js';
import { SqliteDatabase } from './adapters/sqlite/sqlite-database.js';
import { SqliteStore } from './adapters/sqlite/sqlite-store.js';
import type { StorageWatchOptions } from './adapters/sqlite/storage-watch.js';
import { DEFAULT_RETENTION, type InstallationConfig } from './domain/site.js';
import type { ButtonSource } from './ports/button-source.js';
import type { Clock } from './ports/clock.js';
import type { LineInbox, TurnAlertSender } from './ports/turn-alert-channel.js';
import { turnAlertSenders } from './adapters/turn-alerts/senders.js';
import type { ChannelLog } from './adapters/turn-alerts/settings.js';
import { lineWebhookRoute } from './adapters/turn-alerts/line-webhook.js';
import type { TurnAlertEnv } from './config.js';
import { pushEndpointAllowed } from './domain/turn-alerts.js';
import type { Rate } from './domain/token-bucket.js';
import { SqliteTurnAlertStore } from './adapters/sqlite/sqlite-turn-alert-store.js';
import { SqliteBookingStore } from './adapters/sqlite/sqlite-booking-store.js';
import { TurnAlertDelivery, type DeliveryTimers } from './app/turn-alert-delivery.js';
import { SignupLimiter } from './app/turn-alert-signups.js';
import { TurnAlertLineInbox, type TurnAlertSettings } from './app/turn-alert-use-cases.js';

export const DB_FILE = 'madoguchi.db';
export const INITIAL_ADMIN_FILE = 'initial-admin.txt';

export interface ServerOptions {
  dataDir: string;
  config: InstallationConfig;
  clock: Clock;
  logger?: boolean | Record<string, unknown>;
  frameAncestors?: readonly string[];
  /** reverse proxies trusted for X-Forwarded-* (TRUST_PROXY); default none */
  trustProxy?: TrustProxy;
  loginPerMinute?: number;
  /** Socket.IO command and connection limits (adapters/realtime/limits.ts; defaults there) */
  socketLimits?: Partial<SocketLimits>;
  /** the repository root, to serve the built pages from `<page>/dist` */
  pagesRoot?: string;
  /** the print worker's options; false: no printing (tests of other things) */
  printing?: false | Omit<PrintWorkerOptions, 'engine' | 'bus' | 'config' | 'log' | 'storage'>;
  /**
   * USB call buttons; false: none. Default: node-hid (HidButtonSource), and when it cannot load
   * (no libusb-1.0) a warning and no buttons. Tests inject a FakeButtonSource.
   */
  buttons?: false | ButtonsOptions;
  /** the disk-full watch's free-space reading and timers (tests) */
  storage?: Partial<StorageWatchOptions>;
  /** turn-near alerts (docs/product.md §8); without senders none is offered */
  turnAlerts?: TurnAlertOptions;
}

export interface TurnAlertOptions {
  /**
   * The process settings of the channels (config.ts): the server builds Web Push (always), e-mail
   * and LINE (when their settings are given) from them, and LINE's webhook.
   */
  env?: TurnAlertEnv;
  /** the TLS agent of the Web Push sender built from `env`: tests give one trusting their local push service */
  pushAgent?: Agent;
  /** Senders given instead of those built from `env` (tests). A channel without a sender is not offered. */
  senders?: readonly TurnAlertSender[];
  /** the VAPID public key the phone page subscribes with (GET /api/v1/push/key) */
  vapidPublicKey?: string;
  /** LINE_ADD_URL: LINE is offered only with it (and a LINE sender) */
  lineAddUrl?: string;
  /** which push endpoints are accepted; default the known push services plus `pushAllowedHosts` */
  isPushEndpointAllowed?: (url: string) => boolean;
  /** PUSH_ALLOWED_HOSTS */
  pushAllowedHosts?: readonly string[];
  /** the waits before each retry (default 5 s, 30 s, 2 min) */
  retryDelaysMs?: readonly number[];
  /** a send's timeout (default 10 s) */
  timeoutMs?: number;
  /** sends in flight per channel (default 8) */
  concurrency?: number;
  /** the worker's timers (tests inject their own) */
  timers?: DeliveryTimers;
  /** sign-ups per client address */
  signupRate?: Rate;
}

/** The turn-near alerts of a running server: the outbox's worker, LINE's inbox, their rows. */
export interface TurnAlertsRuntime {
  delivery: TurnAlertDelivery;
  inbox: LineInbox;
  store: SqliteTurnAlertStore;
}

export interface ButtonsOptions {
  /** where button input comes from; node-hid when absent */
  source?: ButtonSource;
  /** HID enumeration interval for hot-plug (ms, default 1000) */
  pollMs?: number;
  /** contact-bounce window (ms, default 150) */
  debounceMs?: number;
}

export interface Madoguchi {
  app: App;
  realtime: Realtime;
  engine: QueueEngine;
  auth: AuthService;
  /** the one connection: health, disk-full watch, closing (and raw rows for tests) */
  database: SqliteDatabase;
  /** the engine's role ports over it */
  store: SqliteStore;
  bus: EventBus;
  /** the call buttons, or null when disabled or node-hid could not load */
  buttons: ButtonService | null;
  /** retention: runs after every day rollover (`tick`), stopped on close */
  housekeeping: HousekeepingJob;
  /** the demand forecast: refitted after every day rollover (`tick`) and at start-up when stale */
  demand: DemandForecasts;
  turnAlerts: TurnAlertsRuntime;
  /** the password of the `admin` created on this start, or null */
  initialAdminPassword: string | null;
  /** day rollover, schedule and alert checks: main.ts runs it every 30 s; tests after moving the clock */
  tick(): void;
  /** routes compile their schemas on first use; this compiles all the others now and says how many */
  compileAllSchemas(): number;
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

/** The button service over the given source, or over node-hid loaded now (none if it cannot load). */
async function startButtons(
  o: ButtonsOptions,
  deps: { engine: QueueEngine; database: SqliteDatabase; config: InstallationConfig; clock: Clock; log: App['log'] },
): Promise<{ service: ButtonService; close(): Promise<void> } | null> {
  let source = o.source;
  let owned = false;
  if (!source) {
    try {
      source = await HidButtonSource.open({ clock: deps.clock, log: deps.log, ...(o.pollMs !== undefined ? { pollMs: o.pollMs } : {}) });
      owned = true;
    } catch (err) {
      deps.log.warn({ err }, 'USB call buttons are off: node-hid could not load (is libusb-1.0-0 installed?)');
      return null;
    }
  }
  const service = new ButtonService({
    source,
    engine: deps.engine,
    config: deps.config,
    clock: deps.clock,
    log: deps.log,
    store: new SqliteButtonBindings(deps.database),
    storage: deps.database.storage,
    ...(o.debounceMs !== undefined ? { debounceMs: o.debounceMs } : {}),
  });
  service.start();
  const s = source;
  return {
    service,
    close: async () => {
      await service.close();
      if (owned) await s.close();
    },
  };
}

export async function createMadoguchi(opts: ServerOptions): Promise<Madoguchi> {
  if (!existsSync(opts.dataDir)) mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const database = new SqliteDatabase({ file: join(opts.dataDir, DB_FILE), ...(opts.storage ? { storage: opts.storage } : {}) });
  const store = new SqliteStore(database);
  let buttons: Awaited<ReturnType<typeof startButtons>> = null;
  try {
    const bus = new EventBus();
    const alertOpts = opts.turnAlerts ?? {};
    const alertStore = new SqliteTurnAlertStore(database);
    const bookingStore = new SqliteBookingStore(database);
    // set once the app's log exists; units of work before that (configuration sync) queue nothing
    let delivery: TurnAlertDelivery | null = null;
    let log: App['log'] | null = null;
    const engine = new QueueEngine({
      store,
      clock: opts.clock,
      config: opts.config,
      publisher: bus,
      newToken: () => randomBytes(18).toString('base64url'),
      bookings: bookingStore,
      turnAlerts: {
        store: alertStore,
        onError: (err, site) => {
          if (database.storage.failed(err, 'turn alerts')) throw err;
          log?.error({ err, site }, 'turn alerts: the check after a change failed; the change itself is kept');
        },
        queued: () => delivery?.wake(),
      },
    });
    const auth = new AuthService(new SqliteAuthStore(database), opts.clock, {}, { storage: database.storage });
    const initialAdminPassword = await ensureInitialAdmin(auth, opts.dataDir);
    const buttonStatuses = (site: string) => buttons?.service.buttonStatuses(site) ?? [];
    // the forecast refits when a day closes; its failure is logged and the last fit answers on
    const forecastStore = new SqliteForecastStore(database);
    const demand = new DemandForecasts(engine.deps, forecastStore, (err, site) => {
      if (!database.storage.failed(err, 'forecast refit')) log?.error({ err, site }, 'the forecast could not be refitted: the last fit answers until the next close');
    });
    let monitor: AlertMonitor | null = null;
    let housekeeping: HousekeepingJob | null = null;
    /** what the 30-second timer runs, and POST /api/v1/clock after moving a manual clock */
    const tick = (): void => {
      for (const site of opts.config.sites) {
        try {
          const before = store.siteDay(site.id).businessDate;
          engine.rolloverDay(site.id);
          const closed = before !== null && store.siteDay(site.id).businessDate !== before ? before : null;
          // the day that just closed: derive its report figures once now, not on the first report;
          // then its tokens and the days past retention go
          if (closed) {
            setImmediate(() => keepReportDay(site.id, closed));
            setImmediate(() => void housekeeping?.dayClosed());
            demand.dayClosed(site.id);
          }
          engine.checkSchedule(site.id);
          // bookings past their check-in window (yesterday's too, after a rollover) become no-shows
          engine.endBookingNoShows(site.id);
          monitor?.check(site.id);
          delivery?.pump();
        } catch (err) {
          // a full disk is logged once by the watch; the next tick after it ends rolls over
          if (!database.storage.failed(err, 'periodic check')) log?.error({ err, site: site.id }, 'periodic check failed');
        }
      }
    };
    const keepReportDay = (site: string, date: string): void => {
      try {
        engine.dailyReport(site, date);
      } catch (err) {
        log?.warn({ err, site, date }, 'could not keep the closed day’s report figures; they are derived on the next report');
      }
    };
    const hardware: Hardware = {
      buttons: () => buttons?.service ?? null,
      buttonStatuses,
      manualClock: opts.clock instanceof ManualClock ? opts.clock : null,
      tick,
    };
    // ── turn-near alerts: the senders are built from the process settings (or given by a test); a
    // channel without a sender, LINE without LINE_ADD_URL, is not offered
    const env = alertOpts.env;
    const channelLog: ChannelLog = { warn: (o, msg) => log?.warn(o, msg), error: (o, msg) => log?.error(o, msg) };
    const vapidSubject = env?.vapidSubject ?? (env?.mailFrom ? `mailto:${env.mailFrom}` : opts.config.publicUrl);
    const channels = env ? turnAlertSenders({ ...env, dataDir: opts.dataDir, vapidSubject, pushAgent: alertOpts.pushAgent }, channelLog) : null;
    const senders = alertOpts.senders ?? channels?.senders ?? [];
    const lineAddUrl = alertOpts.lineAddUrl ?? env?.lineAddUrl;
    const pushAllowedHosts = alertOpts.pushAllowedHosts ?? env?.pushAllowedHosts ?? [];
    const offered = [...new Set(senders.map((s) => s.channel))].filter((c) => c !== 'line' || lineAddUrl !== undefined);
    const alertSettings: TurnAlertSettings = {
      store: alertStore,
      offered: () => offered,
      isPushEndpointAllowed: alertOpts.isPushEndpointAllowed ?? ((url) => pushEndpointAllowed(url, pushAllowedHosts)),
      lineAddUrl: lineAddUrl ?? null,
      randomBytes: (n) => randomBytes(n),
    };
    const inbox = new TurnAlertLineInbox(engine.deps, alertSettings);
    const { app, realtime, compileAllSchemas } = await buildApp({
      hardware,
      engine,
      auth,
      database,
      config: opts.config,
      bus,
      ...(opts.logger !== undefined ? { logger: opts.logger } : {}),
      ...(opts.frameAncestors ? { frameAncestors: opts.frameAncestors } : {}),
      ...(opts.trustProxy !== undefined ? { trustProxy: opts.trustProxy } : {}),
      ...(opts.loginPerMinute !== undefined ? { loginPerMinute: opts.loginPerMinute } : {}),
      ...(opts.socketLimits ? { socketLimits: opts.socketLimits } : {}),
      ...(opts.pagesRoot ? { pagesRoot: opts.pagesRoot } : {}),
      demand,
      history: { engine: engine.deps, history: new SqliteHistoryStore(database), forecast: forecastStore },
      turnAlerts: {
        settings: alertSettings,
        vapidPublicKey: alertOpts.vapidPublicKey ?? channels?.vapidPublicKey ?? null,
        signups: new SignupLimiter(opts.clock, alertOpts.signupRate),
        inbox,
      },
    });
    // LINE's webhook answers 404 on an installation without LINE
    lineWebhookRoute(app, channels?.line ? { ...channels.line, inbox, log: app.log } : null);
    bus.onListenerError = (err, e) => app.log.error({ err, event: e.type }, 'event listener failed');
    log = app.log;
    database.storage.attach({ log: app.log, now: () => opts.clock.now().getTime() });
    auth.attachLog(app.log);
    const alerts = new AlertMonitor(engine.deps, buttonStatuses, (msg) => realtime.emitAlerts(msg), (site) => engine.issueLimiter.currentFloods(site));
    monitor = alerts;
    const stopAlerts = bus.subscribe((e) => alerts.soon(e.site));
    const job = new HousekeepingJob({
      store: new SqliteRetentionStore(database),
      clock: opts.clock,
      retention: opts.config.retention ?? DEFAULT_RETENTION,
      siteIds: opts.config.sites.map((s) => s.id),
      businessDate: (site) => store.siteDay(site).businessDate,
      keepDaySummary: (site, date) => engine.dailyReport(site, date),
      forgetAlertContacts: (site, date, at) => alertStore.forgetContactsBefore(site, date, at),
      forgetBookings: (site, date) => bookingStore.forgetBefore(site, date),
      log: app.log,
    });
    housekeeping = job;
    job.start();
    // no fit yet, or one older than the last closed day (the server was down at a close): fit now
    demand.ensureFits();
    // a refused request writes no event: the flood's start pushes the alert itself (the tick ends it)
    const stopFloods = engine.issueLimiter.onFlood((site, flood) => {
      app.log.warn({ site, device: flood.device, perMinute: flood.perMinute }, 'a kiosk passed its issue limit: its requests are refused (429) until it slows down');
      alerts.soon(site);
    });
    const worker = new TurnAlertDelivery({
      store: alertStore,
      senders,
      clock: opts.clock,
      log: app.log,
      ...(alertOpts.retryDelaysMs ? { retryDelaysMs: alertOpts.retryDelaysMs } : {}),
      ...(alertOpts.timeoutMs !== undefined ? { timeoutMs: alertOpts.timeoutMs } : {}),
      ...(alertOpts.concurrency !== undefined ? { concurrency: alertOpts.concurrency } : {}),
      ...(alertOpts.timers ? { timers: alertOpts.timers } : {}),
    });
    delivery = worker;
    // messages queued before a restart are sent now
    worker.pump();
    const printer = opts.printing === false ? null : new PrintWorker({ engine, bus, config: opts.config, log: app.log, storage: database.storage, ...opts.printing });
    printer?.start();
    buttons = opts.buttons === false ? null : await startButtons(opts.buttons ?? {}, { engine, database, config: opts.config, clock: opts.clock, log: app.log });
    // buttons and printers stop after the sockets and in-flight requests; the database closes last
    app.addHook('onClose', async () => {
      stopAlerts();
      stopFloods();
      monitor = null;
      worker.close();
      channels?.close();
      delivery = null;
      await job.stop();
      await demand.stop();
      await buttons?.close();
      await printer?.close();
      auth.flushAudit();
      const unwritten = auth.pendingAuditRows();
      if (unwritten > 0) app.log.error({ rows: unwritten }, 'audit rows could not be written before shutting down (disk full): they are lost');
      database.close();
    });
    await app.ready();
    return {
      app,
      realtime,
      engine,
      auth,
      database,
      store,
      bus,
      buttons: buttons?.service ?? null,
      housekeeping: job,
      demand,
      turnAlerts: { delivery: worker, inbox, store: alertStore },
      initialAdminPassword,
      tick,
      compileAllSchemas,
      close: () => app.close(),
    };
  } catch (e) {
    await buttons?.close();
    database.close();
    throw e;
  }
}
