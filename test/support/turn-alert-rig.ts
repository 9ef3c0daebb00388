/**
 * Turn-near alerts end to end (issue 16, "Done means"): the real server, its channels built by
 * itself from the process settings (`turnAlerts.env`, as main.ts gives them), delivering to the
 * local fakes that speak the real protocols — an HTTPS Web Push service (VAPID check, aes128gcm
 * decryption), an SMTP relay, LINE's Messaging API and its signed webhook calls. The worker's
 * timers are the test's (FakeTimers) and the clock is manual: retries happen when the test moves
 * the clock, nothing waits for real time but the network.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import type { TurnAlertEnv } from '../../server/src/config.js';
import { ManualClock } from '../../server/src/adapters/clock/manual-clock.js';
import { LINE_WEBHOOK_PATH } from '../../server/src/adapters/turn-alerts/line-webhook.js';
import { createMadoguchi, DB_FILE, type Madoguchi, type TurnAlertOptions } from '../../server/src/server.js';
import { FakeLineApi, signedWebhook, textEvent } from './fake-line-api.js';
import { FakePushService } from './fake-push-service.js';
import { FakeSmtp } from './fake-smtp.js';
import { defaultConfig, request, SITE, startServer, type TestServer } from './server.js';
import { FakeTimers } from './delivery-timers.js';

export const LINE_TOKEN = 'channel-access-token-e2e';
export const LINE_SECRET = 'channel-secret-e2e';
export const MAIL_FROM = 'madoguchi@city.example.jp';
export const LINE_ADD_URL = 'https://line.me/R/oaMessage/@madoguchi/?';
/** the worker's send timeout: a timer of the test, fired by it */
export const TIMEOUT_MS = 10_000;
/** the worker's default waits before each retry (server/src/app/turn-alert-delivery.ts) */
export const RETRY_DELAYS_MS = [5_000, 30_000, 120_000] as const;


/** The three fakes, started once per test file. */
export interface Fakes {
  push: FakePushService;
  smtp: FakeSmtp;
  line: FakeLineApi;
}

export async function startFakes(): Promise<Fakes> {
  const [push, smtp, line] = await Promise.all([FakePushService.start(), FakeSmtp.start(), FakeLineApi.start(LINE_TOKEN)]);
  return { push, smtp, line };
}

export async function closeFakes(f: Fakes | undefined): Promise<void> {
  await Promise.all([f?.push.close(), f?.smtp.close(), f?.line.close()]);
}

/** The process settings main.ts would read for an office with all three channels, pointed at the fakes. */
export function envFor(f: Fakes): TurnAlertEnv {
  return {
    smtpUrl: f.smtp.url,
    mailFrom: MAIL_FROM,
    lineChannelSecret: LINE_SECRET,
    lineChannelAccessToken: LINE_TOKEN,
    lineApiBase: f.line.base,
    lineAddUrl: LINE_ADD_URL,
    pushAllowedHosts: [f.push.host],
    vapidSubject: undefined,
    vapidPublicKey: undefined,
    vapidPrivateKey: undefined,
  };
}

/** The server's turn-alert options: channels from the settings, the fake push service trusted, the test's timers. */
export function alertOptions(f: Fakes, timers: FakeTimers, env: Partial<TurnAlertEnv> = {}): TurnAlertOptions {
  return { env: { ...envFor(f), ...env }, pushAgent: f.push.agent(), timers, timeoutMs: TIMEOUT_MS, signupRate: { burst: 1000, perMinute: 1000 } };
}

const api = (path: string) => `/api/v1/sites/${SITE}${path}`;

async function ok(res: Promise<LightMyRequestResponse>, status = 200): Promise<LightMyRequestResponse> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r;
}

export interface Issued {
  id: number;
  token: string;
  label: string;
}

/** One server with its channels, and what a test does with it through the HTTP API. */
export class Rig {
  constructor(
    readonly s: TestServer,
    readonly fakes: Fakes,
    readonly timers: FakeTimers,
  ) {}

  /** a server on the fakes; `env` replaces some of the settings (another relay, say) */
  static async start(fakes: Fakes, env: Partial<TurnAlertEnv> = {}): Promise<Rig> {
    const timers = new FakeTimers();
    return new Rig(await startServer({ turnAlerts: alertOptions(fakes, timers, env) }), fakes, timers);
  }

  get m(): Madoguchi {
    return this.s.m;
  }

  /** a ticket from the kiosk, in `language` when given */
  async issue(language?: string): Promise<Issued> {
    const res = await ok(request(this.s.app, 'POST', api('/tickets'), { token: this.s.kiosk.token, body: { queue: 'certificates', ...(language ? { language } : {}) } }), 201);
    return res.json();
  }

  staff(method: 'POST' | 'PUT', path: string, body: unknown = {}): Promise<LightMyRequestResponse> {
    return ok(request(this.s.app, method, api(path), { token: this.s.manager.bearer, body }));
  }

  open(counter: string): Promise<LightMyRequestResponse> {
    return this.staff('PUT', `/counters/${counter}`, { state: 'open' });
  }

  /** a counter's action (call-next, recall, start, complete, no-show); answers the called ticket's id for call-next */
  async act(counter: string, action: string): Promise<number | undefined> {
    const res = await this.staff('POST', `/counters/${counter}/${action}`);
    return res.json<{ ticket?: { id: number } }>().ticket?.id;
  }

  cancel(ticketId: number): Promise<LightMyRequestResponse> {
    return this.staff('POST', `/tickets/${ticketId}/cancel`);
  }

  /** POST /api/v1/tickets/{token}/alerts as the phone page sends it */
  signUp(token: string, body: unknown): Promise<LightMyRequestResponse> {
    return request(this.s.app, 'POST', `/api/v1/tickets/${token}/alerts`, { body });
  }

  async alert(token: string, body: unknown): Promise<{ id: number; channel: string; code?: string; url?: string }> {
    return (await ok(this.signUp(token, body), 201)).json();
  }

  /** LINE's webhook call for `userId` sending `text` to the official account, signed with the channel secret */
  lineSays(userId: string, text: string, secret = LINE_SECRET): Promise<LightMyRequestResponse> {
    const { payload, headers } = signedWebhook(secret, [textEvent(userId, text)]);
    return this.s.app.inject({ method: 'POST', url: LINE_WEBHOOK_PATH, payload, headers });
  }

  /** the stored alert row */
  row(id: number): { contact: string | null; line_code: string | null; bound: number; ended_at: string | null; near_sent: number } | undefined {
    return this.m.database.connection.prepare('SELECT contact, line_code, bound, ended_at, near_sent FROM turn_alerts WHERE id = ?').get(id) as ReturnType<Rig['row']>;
  }

  deliveries(id: number): Array<{ kind: string; state: string; attempts: number; last_reason: string | null }> {
    return this.m.database.connection.prepare('SELECT kind, state, attempts, last_reason FROM turn_alert_deliveries WHERE alert_id = ? ORDER BY id').all(id) as ReturnType<Rig['deliveries']>;
  }

  /** every text the alert tables hold, to look for a contact in */
  tablesText(): string {
    const db = this.m.database.connection;
    return JSON.stringify([db.prepare('SELECT * FROM turn_alerts').all(), db.prepare('SELECT * FROM turn_alert_deliveries').all()]);
  }

  /** the database file and its write-ahead log as bytes on disk (latin1 text to search) */
  filesText(): string {
    return ['', '-wal']
      .map((suffix) => join(this.s.dir, DB_FILE + suffix))
      .filter((f) => existsSync(f))
      .map((f) => readFileSync(f).toString('latin1'))
      .join('\n');
  }

  /** the sends started by the last change have answered */
  async settled(): Promise<void> {
    await new Promise((r) => setImmediate(r));
    await this.m.turnAlerts.delivery.settled();
  }

  /** moves the clock by `ms` and runs the periodic tick (which pumps the outbox) */
  async advance(ms: number): Promise<void> {
    this.s.clock.advance(ms);
    this.m.tick();
    await this.settled();
  }

  /** the next business day's start (09:30 JST): the tick rolls the day over, the housekeeping runs after it */
  async nextDay(): Promise<void> {
    this.s.clock.set('2026-04-07T00:30:00Z');
    this.m.tick();
    await this.settled();
  }

  /** a backup as the manager downloads it; answers its bytes as latin1 text to search */
  async backupText(): Promise<string> {
    const file = join(this.s.dir, 'backup-e2e.db');
    const { integrity } = await this.m.database.backup(file);
    expect(integrity).toBe('ok');
    return readFileSync(file).toString('latin1');
  }

  /**
   * What a killed process leaves on disk: the database and its write-ahead log copied as they are
   * now (every committed row is in them), into a new data directory. The caller stops this
   * server's worker in the same synchronous step, so the dead process sends nothing more.
   */
  crashCopy(): string {
    const dir = mkdtempSync(join(tmpdir(), 'madoguchi-crash-'));
    for (const suffix of ['', '-wal']) {
      const from = join(this.s.dir, DB_FILE + suffix);
      if (existsSync(from)) copyFileSync(from, join(dir, DB_FILE + suffix));
    }
    copyFileSync(join(this.s.dir, 'vapid.json'), join(dir, 'vapid.json'));
    return dir;
  }

  close(): Promise<void> {
    return this.s.close();
  }
}

/** A server started on a data directory left by `crashCopy`, with the same settings. */
export async function restartOn(dir: string, fakes: Fakes, now: Date): Promise<{ m: Madoguchi; clock: ManualClock; timers: FakeTimers; close(): Promise<void> }> {
  const timers = new FakeTimers();
  const clock = new ManualClock(now.toISOString());
  const m = await createMadoguchi({ dataDir: dir, config: defaultConfig(), clock, logger: false, printing: false, buttons: false, turnAlerts: alertOptions(fakes, timers) });
  return {
    m,
    clock,
    timers,
    close: async () => {
      try {
        await m.close();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
