/**
 * Turn-near alerts through the HTTP API (docs/api.md "Turn-near alerts", docs/adr/0007): every
 * route and error code, and the outbox end to end with recording senders in place of the real
 * channels (the channels' own protocol tests are adapters/turn-alerts/*): near once when calls at
 * other counters cross the threshold, called with the counter, recalled, the end of a cancelled
 * ticket, contacts deleted at the ticket's end and the day's, retries with backoff on the manual
 * clock, and a hanging channel that holds up nothing.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Dashboard, TicketAlerts, TurnAlertChannel, TurnAlertMessage } from '@madoguchi/shared';
import type { DeliveryOutcome, TurnAlertContact, TurnAlertSender } from '../server/src/ports/turn-alert-channel.js';
import { ManualClock } from '../server/src/adapters/clock/manual-clock.js';
import { createMadoguchi, type TurnAlertOptions } from '../server/src/server.js';
import { CLERK, config, MONDAY_10, site } from '../server/src/test-support/fixtures.js';
import { expectError, request, SITE, startServer, type TestServer } from './support/server.js';
import { until } from './support/until.js';
import { FakeTimers } from './support/delivery-timers.js';

/** A channel that records what it is asked to send and answers as scripted (sent when the script is empty). */
class RecordingSender implements TurnAlertSender {
  readonly sent: Array<{ contact: TurnAlertContact; message: TurnAlertMessage }> = [];
  readonly script: Array<DeliveryOutcome | 'hang'> = [];
  constructor(readonly channel: TurnAlertChannel) {}
  send(contact: TurnAlertContact, message: TurnAlertMessage): Promise<DeliveryOutcome> {
    this.sent.push({ contact, message });
    const next = this.script.shift() ?? { kind: 'sent' };
    return next === 'hang' ? new Promise(() => undefined) : Promise.resolve(next);
  }
  kinds(): string[] {
    return this.sent.map((x) => x.message.kind);
  }
}


const TIMEOUT_MS = 10_000;
const api = (path: string) => `/api/v1/sites/${SITE}${path}`;
const SUBSCRIPTION = {
  endpoint: 'https://fcm.googleapis.com/fcm/send/abc123',
  keys: { p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM', auth: 'tBHItJI5svbpez7KI4CCXg' },
};

let s: TestServer;
let push: RecordingSender;
let mail: RecordingSender;
let line: RecordingSender;
let timers: FakeTimers;

async function start(extra: Partial<TurnAlertOptions> = {}): Promise<void> {
  push = new RecordingSender('webpush');
  mail = new RecordingSender('email');
  line = new RecordingSender('line');
  timers = new FakeTimers();
  s = await startServer({
    turnAlerts: {
      senders: [push, mail, line],
      vapidPublicKey: 'BPublicKeyOfTheTestServer',
      lineAddUrl: 'https://line.me/R/oaMessage/@madoguchi/?',
      timers,
      timeoutMs: TIMEOUT_MS,
      signupRate: { burst: 1000, perMinute: 1000 },
      ...extra,
    },
  });
}

beforeEach(async () => start());
afterEach(async () => s.close());

const staff = (method: 'POST' | 'PUT', url: string, body?: unknown) => request(s.app, method, url, { token: s.manager.bearer, body: body ?? {} });

async function issue(language?: string): Promise<{ id: number; token: string; label: string }> {
  const res = await request(s.app, 'POST', api('/tickets'), { token: s.kiosk.token, body: { queue: 'certificates', ...(language ? { language } : {}) } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function ok(res: Promise<LightMyRequestResponse>, status = 200): Promise<LightMyRequestResponse> {
  const r = await res;
  expect(r.statusCode, r.body).toBe(status);
  return r;
}

const open = (counter: string) => ok(staff('PUT', api(`/counters/${counter}`), { state: 'open' }));
const act = (counter: string, action: string) => ok(staff('POST', api(`/counters/${counter}/${action}`)));
const signUp = (token: string, body: unknown, headers?: Record<string, string>) =>
  request(s.app, 'POST', `/api/v1/tickets/${token}/alerts`, { body, ...(headers ? { headers } : {}) });
async function alertOf(token: string, body: unknown): Promise<{ id: number; code?: string; url?: string }> {
  return (await ok(signUp(token, body), 201)).json();
}

/** the stored alert row, as the database holds it */
const row = (id: number) =>
  s.m.database.connection.prepare('SELECT contact, line_code, ended_at, near_sent FROM turn_alerts WHERE id = ?').get(id) as
    | { contact: string | null; line_code: string | null; ended_at: string | null; near_sent: number }
    | undefined;
const deliveries = (id: number) =>
  s.m.database.connection.prepare('SELECT kind, state, attempts, last_reason FROM turn_alert_deliveries WHERE alert_id = ? ORDER BY id').all(id) as Array<{
    kind: string;
    state: string;
    attempts: number;
    last_reason: string | null;
  }>;
const settled = async () => {
  await new Promise((r) => setImmediate(r));
  await s.m.turnAlerts.delivery.settled();
};

describe('the routes', () => {
  it('GET /api/v1/push/key answers the VAPID public key, and 503 without Web Push', async () => {
    expect((await ok(request(s.app, 'GET', '/api/v1/push/key'))).json()).toEqual({ publicKey: 'BPublicKeyOfTheTestServer' });
    await s.close();
    await start({ senders: [] });
    expectError(await request(s.app, 'GET', '/api/v1/push/key'), 503, 'UNAVAILABLE');
  });

  it('GET …/alerts says what is offered and the defaults, never a contact', async () => {
    const t = await issue();
    const empty = (await ok(request(s.app, 'GET', `/api/v1/tickets/${t.token}/alerts`))).json<TicketAlerts>();
    expect(empty).toEqual({ offered: ['webpush', 'email', 'line'], defaults: { ahead: 5, minutes: 10 }, alerts: [] });
    const a = await alertOf(t.token, { channel: 'email', address: 'hanako@example.jp', ahead: 3 });
    const res = await ok(request(s.app, 'GET', `/api/v1/tickets/${t.token}/alerts`));
    // nobody ahead: near at once
    expect(res.json<TicketAlerts>().alerts).toEqual([{ id: a.id, channel: 'email', ahead: 3, minutes: 10, bound: true, nearSent: true }]);
    expect(res.body).not.toContain('hanako');
    expect(res.headers['cache-control']).toBe('no-store');
    expectError(await request(s.app, 'GET', '/api/v1/tickets/nope/alerts'), 404, 'NOT_FOUND', 'token');
  });

  it('only channels with a sender are offered (LINE also needs LINE_ADD_URL)', async () => {
    await s.close();
    await start({ senders: [new RecordingSender('email'), new RecordingSender('line')], lineAddUrl: undefined });
    const t = await issue();
    expect((await ok(request(s.app, 'GET', `/api/v1/tickets/${t.token}/alerts`))).json<TicketAlerts>().offered).toEqual(['email']);
    expectError(await signUp(t.token, { channel: 'webpush', subscription: SUBSCRIPTION }), 400, 'VALIDATION', 'channel');
    expectError(await signUp(t.token, { channel: 'line' }), 400, 'VALIDATION', 'channel');
  });

  it('POST …/alerts signs up each channel; LINE answers a code and the link', async () => {
    const t = await issue();
    const res = await ok(signUp(t.token, { channel: 'webpush', subscription: SUBSCRIPTION }), 201);
    expect(res.json()).toEqual({ id: expect.any(Number), channel: 'webpush' });
    expect((await ok(signUp(t.token, { channel: 'email', address: 'a@example.jp' }), 201)).json()).toEqual({ id: expect.any(Number), channel: 'email' });
    const l = (await ok(signUp(t.token, { channel: 'line' }), 201)).json<{ id: number; code: string; url: string }>();
    expect(l.code).toMatch(/^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/);
    expect(l.url).toBe(`https://line.me/R/oaMessage/@madoguchi/?${l.code}`);
    expect(row(l.id)).toMatchObject({ contact: null, line_code: l.code });
  });

  it('refuses bad bodies with the field, and push endpoints off the allow-list', async () => {
    const t = await issue();
    // the field named is the chosen channel's own, never another channel's
    expectError(await signUp(t.token, { channel: 'email', address: 'not an address' }), 400, 'VALIDATION', 'address');
    expectError(await signUp(t.token, { channel: 'email' }), 400, 'VALIDATION', 'address');
    expectError(await signUp(t.token, { channel: 'webpush', subscription: { ...SUBSCRIPTION, keys: { auth: 'x' } } }), 400, 'VALIDATION', 'subscription.keys.p256dh');
    expectError(await signUp(t.token, { channel: 'line', address: 'a@example.jp' }), 400, 'VALIDATION', 'address');
    expectError(await signUp(t.token, { channel: 'fax' }), 400, 'VALIDATION', 'channel');
    expectError(await signUp(t.token, {}), 400, 'VALIDATION', 'channel');
    expectError(await signUp(t.token, { channel: 'email', address: 'a@example.jp', ahead: -1 }), 400, 'VALIDATION', 'ahead');
    expectError(
      await signUp(t.token, { channel: 'webpush', subscription: { ...SUBSCRIPTION, endpoint: 'https://attacker.example/hook' } }),
      400,
      'PUSH_ENDPOINT_NOT_ALLOWED',
      'subscription.endpoint',
    );
    expectError(await signUp(t.token, { channel: 'webpush', subscription: { ...SUBSCRIPTION, endpoint: 'http://fcm.googleapis.com/x' } }), 400, 'PUSH_ENDPOINT_NOT_ALLOWED');
    expectError(await signUp('unknown-token', { channel: 'email', address: 'a@example.jp' }), 404, 'NOT_FOUND', 'token');
    expect(s.m.database.connection.prepare('SELECT count(*) AS n FROM turn_alerts').get()).toEqual({ n: 0 });
  });

  it('PUSH_ALLOWED_HOSTS adds a push service', async () => {
    await s.close();
    await start({ pushAllowedHosts: ['127.0.0.1:4443'] });
    const t = await issue();
    await ok(signUp(t.token, { channel: 'webpush', subscription: { ...SUBSCRIPTION, endpoint: 'https://127.0.0.1:4443/push/1' } }), 201);
    expectError(await signUp(t.token, { channel: 'webpush', subscription: { ...SUBSCRIPTION, endpoint: 'https://127.0.0.1:4444/push/1' } }), 400, 'PUSH_ENDPOINT_NOT_ALLOWED');
  });

  it('409 once the ticket is no longer waiting', async () => {
    const t = await issue();
    await open('1');
    await act('1', 'call-next');
    expectError(await signUp(t.token, { channel: 'email', address: 'a@example.jp' }), 409, 'CONFLICT', 'token');
  });

  it('429 for a fourth alert on a ticket, and for too many sign-ups from one address', async () => {
    const t = await issue();
    for (let i = 0; i < 3; i++) await alertOf(t.token, { channel: 'email', address: `a${i}@example.jp` });
    expectError(await signUp(t.token, { channel: 'email', address: 'd@example.jp' }), 429, 'RATE_LIMITED', 'channel');
    await s.close();
    await start({ signupRate: { burst: 2, perMinute: 1 } });
    const u = await issue();
    await alertOf(u.token, { channel: 'email', address: 'a@example.jp' });
    await alertOf(u.token, { channel: 'email', address: 'b@example.jp' });
    const v = await issue();
    const refused = await signUp(v.token, { channel: 'email', address: 'c@example.jp' });
    expectError(refused, 429, 'RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    s.clock.advanceMinutes(1);
    await ok(signUp(v.token, { channel: 'email', address: 'c@example.jp' }), 201);
  });

  it('DELETE …/alerts/{id}: 204 and the contact is gone at once; 404 for another ticket’s alert', async () => {
    const t = await issue();
    const other = await issue();
    const a = await alertOf(t.token, { channel: 'webpush', subscription: SUBSCRIPTION });
    expectError(await request(s.app, 'DELETE', `/api/v1/tickets/${other.token}/alerts/${a.id}`), 404, 'NOT_FOUND', 'id');
    expect((await request(s.app, 'DELETE', `/api/v1/tickets/${t.token}/alerts/${a.id}`)).statusCode).toBe(204);
    expect(row(a.id)).toMatchObject({ contact: null, ended_at: expect.any(String) });
    expect((await ok(request(s.app, 'GET', `/api/v1/tickets/${t.token}/alerts`))).json<TicketAlerts>().alerts).toEqual([]);
  });
});

describe('the messages', () => {
  it('near arrives once when calls at other counters cross the threshold; called carries the counter; recalled; served ends silently', async () => {
    const tickets = [];
    for (let i = 0; i < 4; i++) tickets.push(await issue());
    const mine = await issue('en');
    const a = await alertOf(mine.token, { channel: 'webpush', subscription: SUBSCRIPTION, ahead: 2, minutes: 0 });
    await open('1');
    await open('2');
    await act('1', 'call-next'); // 3 ahead
    await settled();
    expect(push.sent).toEqual([]);
    await act('2', 'call-next'); // 2 ahead: near
    await settled();
    expect(push.kinds()).toEqual(['near']);
    expect(push.sent[0]).toEqual({
      contact: { channel: 'webpush', subscription: SUBSCRIPTION },
      message: {
        kind: 'near',
        label: mine.label,
        title: `No. ${mine.label}: your turn is near`,
        body: expect.stringMatching(/^2 ahead of you, about \d+ min\./),
        url: `http://localhost:3000/t/${mine.token}`,
        lang: 'en-US',
      },
    });
    await act('1', 'complete');
    await act('1', 'call-next'); // 1 ahead: told already
    await act('2', 'complete');
    await act('2', 'call-next'); // 0 ahead
    await settled();
    expect(push.kinds()).toEqual(['near']);
    await act('1', 'complete');
    await act('1', 'call-next'); // mine, at counter 1
    await settled();
    expect(push.sent[1]?.message).toMatchObject({ kind: 'called', title: `No. ${mine.label} is being called`, body: 'Please go to Counter 1.' });
    await act('1', 'recall');
    await settled();
    expect(push.sent[2]?.message).toMatchObject({ kind: 'recalled', body: 'Please go to Counter 1.' });
    await act('1', 'start');
    await act('1', 'complete');
    await settled();
    expect(push.kinds()).toEqual(['near', 'called', 'recalled']);
    expect(row(a.id)).toMatchObject({ contact: null, ended_at: expect.any(String) });
    expect(deliveries(a.id).map((d) => d.state)).toEqual(['sent', 'sent', 'sent']);
  });

  it('before any counter serves the queue the estimate says nothing; a counter opening makes it count', async () => {
    for (let i = 0; i < 8; i++) await issue();
    const t = await issue('vi');
    const a = await alertOf(t.token, { channel: 'email', address: 'a@example.jp', ahead: 0, minutes: 240 });
    await settled();
    expect(mail.sent).toEqual([]);
    expect(row(a.id)?.near_sent).toBe(0);
    await open('3'); // a filings counter: this queue is still unserved
    await settled();
    expect(mail.sent).toEqual([]);
    await open('1');
    await settled();
    expect(mail.kinds()).toEqual(['near']);
    expect(mail.sent[0]?.message.body).toMatch(/^Còn 8 người, khoảng \d+ phút\./);
  });

  it('a transfer puts the ticket in another queue: no second near, and its next call names the new counter', async () => {
    const t = await issue('en');
    const a = await alertOf(t.token, { channel: 'email', address: 'a@example.jp' });
    await open('1');
    await open('3');
    await act('1', 'call-next');
    await ok(staff('POST', api('/counters/1/transfer'), { queue: 'filings' }));
    await settled();
    expect(mail.kinds()).toEqual(['near', 'called']);
    await act('3', 'call-next');
    await settled();
    expect(mail.kinds()).toEqual(['near', 'called', 'called']);
    expect(mail.sent[2]?.message.body).toBe('Please go to Counter 3.');
    expect(row(a.id)?.ended_at).toBeNull();
  });

  it('a ticket signed up when already near is told at once, in Japanese when it has no language', async () => {
    const t = await issue();
    await alertOf(t.token, { channel: 'email', address: 'a@example.jp' });
    await settled();
    expect(mail.sent.map((x) => x.message.title)).toEqual([`${t.label}番 まもなく順番です`]);
    expect(mail.sent[0]?.contact).toEqual({ channel: 'email', address: 'a@example.jp' });
  });

  it('a cancelled ticket’s alerts stop: the ended message, then nothing, and the contact is deleted', async () => {
    await open('1');
    const first = await issue();
    const t = await issue('ko');
    const a = await alertOf(t.token, { channel: 'email', address: 'a@example.jp', ahead: 0, minutes: 0 });
    await ok(staff('POST', api(`/tickets/${t.id}/cancel`)));
    await settled();
    expect(mail.sent.map((x) => [x.message.kind, x.message.body])).toEqual([['ended', '이 번호표는 취소되었습니다.']]);
    expect(row(a.id)).toMatchObject({ contact: null, ended_at: expect.any(String) });
    const called = await act('1', 'call-next');
    expect(called.json<{ ticket: { id: number } }>().ticket.id).toBe(first.id);
    await settled();
    expect(mail.sent).toHaveLength(1);
  });

  it('a no-show is told so, and its alert ends', async () => {
    const t = await issue('pt');
    const a = await alertOf(t.token, { channel: 'email', address: 'a@example.jp', ahead: 0, minutes: 0 });
    await open('1');
    await act('1', 'call-next');
    await act('1', 'no-show');
    await settled();
    // nobody was ahead: near at once, then the call and the end
    expect(mail.kinds()).toEqual(['near', 'called', 'ended']);
    expect(mail.sent[2]?.message.body).toBe('Você foi chamado, mas não veio. Informe-se na recepção.');
    expect(row(a.id)?.contact).toBeNull();
  });

  it('the day’s rollover expires the ticket and its contact is deleted, even when the last message is still undelivered', async () => {
    const t = await issue();
    const a = await alertOf(t.token, { channel: 'email', address: 'a@example.jp', ahead: 0, minutes: 0 });
    await settled();
    mail.script.push({ kind: 'failed', retry: true, reason: 'smtp 451' });
    s.clock.set('2026-04-07T00:30:00Z');
    s.m.tick();
    await settled();
    expect(mail.kinds()).toEqual(['near', 'ended']);
    expect(mail.sent[1]?.message.body).toBe('本日の受付は終了しました。');
    await until(() => row(a.id)?.contact === null, 'the housekeeping to delete the contact');
    // its messages go too (they hold the phone page's link); nothing is retried later
    expect(deliveries(a.id)).toEqual([]);
    s.clock.advance(300_000);
    s.m.tick();
    await settled();
    expect(mail.sent).toHaveLength(2);
    const dump = s.m.database.connection.prepare("SELECT group_concat(coalesce(contact, ''), '|') AS c FROM turn_alerts").get() as { c: string | null };
    expect(dump.c ?? '').not.toContain('example.jp');
  });
});

describe('the process log', () => {
  it('never holds a contact: sign-ups, refusals, failures, gone contacts and the LINE inbox', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'madoguchi-alert-log-'));
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const email = new RecordingSender('email');
    const web = new RecordingSender('webpush');
    email.script.push({ kind: 'failed', retry: false, reason: 'smtp 550' });
    web.script.push({ kind: 'gone', reason: '410' });
    const m = await createMadoguchi({
      dataDir: dir,
      config: config(site(SITE)),
      clock: new ManualClock(MONDAY_10),
      logger: { level: 'trace', stream },
      printing: false,
      buttons: false,
      turnAlerts: { senders: [email, web, new RecordingSender('line')], lineAddUrl: 'https://line.me/R/oaMessage/@x/?', timers: new FakeTimers() },
    });
    try {
      const t = m.engine.takeTicket(SITE, { queue: 'certificates' }, CLERK);
      const post = (payload: unknown) => m.app.inject({ method: 'POST', url: `/api/v1/tickets/${t.token}/alerts`, payload: payload as object });
      expect((await post({ channel: 'email', address: 'hanako.yamada@example.jp' })).statusCode).toBe(201);
      expect((await post({ channel: 'webpush', subscription: SUBSCRIPTION })).statusCode).toBe(201);
      expect((await post({ channel: 'webpush', subscription: { ...SUBSCRIPTION, endpoint: 'https://secret-endpoint.example/x' } })).statusCode).toBe(400);
      expect((await post({ channel: 'email', address: 'not-an-address hanako2' })).statusCode).toBe(400);
      const l = (await post({ channel: 'line' })).json<{ code: string }>();
      m.turnAlerts.inbox.bind(l.code, 'U-secret-line-user');
      m.turnAlerts.inbox.stop('U-secret-line-user');
      await until(() => email.sent.length === 1 && web.sent.length === 1, 'the sends');
      await m.turnAlerts.delivery.settled();
    } finally {
      await m.close();
      rmSync(dir, { recursive: true, force: true });
    }
    const log = lines.join('');
    expect(log).toContain('turn alert'); // the failures were logged…
    for (const secret of ['hanako', 'fcm.googleapis.com', SUBSCRIPTION.keys.auth, 'secret-endpoint', 'U-secret-line-user']) expect(log).not.toContain(secret); // …without a contact
  });
});

describe('backups', () => {
  it('hold no contact: not in a row, not in a freed page', async () => {
    const t = await issue();
    await alertOf(t.token, { channel: 'email', address: 'hanako.yamada@example.jp' });
    await settled();
    const file = join(s.dir, 'backup-test.db');
    const { integrity } = await s.m.database.backup(file);
    expect(integrity).toBe('ok');
    expect(readFileSync(file).includes('hanako.yamada')).toBe(false);
    expect(readFileSync(join(s.dir, 'madoguchi.db')).length).toBeGreaterThan(0);
  });
});

describe('delivery', () => {
  it('a failing channel is retried with backoff, then given up and counted, while issue and calls answer', async () => {
    const t = await issue();
    mail.script.push(...Array.from({ length: 4 }, () => ({ kind: 'failed' as const, retry: true, reason: 'smtp 451' })));
    const a = await alertOf(t.token, { channel: 'email', address: 'a@example.jp' });
    await settled();
    expect(deliveries(a.id)).toEqual([{ kind: 'near', state: 'pending', attempts: 1, last_reason: 'smtp 451' }]);
    for (const [wait, attempts] of [[5_000, 2], [30_000, 3], [120_000, 4]] as const) {
      s.clock.advance(wait - 1);
      s.m.tick();
      await settled();
      expect(mail.sent).toHaveLength(attempts - 1); // not yet due
      s.clock.advance(1);
      s.m.tick();
      await settled();
      expect(mail.sent).toHaveLength(attempts);
      await issue(); // the queue goes on meanwhile
    }
    expect(deliveries(a.id)).toEqual([{ kind: 'near', state: 'failed', attempts: 4, last_reason: 'smtp 451' }]);
    const d = (await ok(request(s.app, 'GET', api('/dashboard'), { token: s.manager.bearer }))).json<Dashboard>();
    expect(d.turnAlertFailures).toEqual([{ channel: 'email', failed: 1 }]);
    expect(d.queues.find((q) => q.id === 'certificates')?.turnAlerts).toBe(1);
    expect(JSON.stringify(d)).not.toContain('example.jp');
  });

  it('a contact that is gone ends its alert and is deleted at once', async () => {
    const t = await issue();
    push.script.push({ kind: 'gone', reason: '410' });
    const a = await alertOf(t.token, { channel: 'webpush', subscription: SUBSCRIPTION });
    await settled();
    expect(row(a.id)).toMatchObject({ contact: null, ended_at: expect.any(String) });
    expect(deliveries(a.id)).toEqual([{ kind: 'near', state: 'dropped', attempts: 1, last_reason: 'gone: 410' }]);
    await open('1');
    await act('1', 'call-next');
    await settled();
    expect(push.sent).toHaveLength(1);
  });

  it('a channel that hangs holds up no call or issue; the send times out and is retried', async () => {
    const first = await issue();
    const t = await issue();
    push.script.push('hang');
    const a = await alertOf(t.token, { channel: 'webpush', subscription: SUBSCRIPTION });
    await until(() => push.sent.length === 1, 'the hanging send to start');
    await open('1');
    const called = await act('1', 'call-next');
    expect(called.json<{ ticket: { id: number } }>().ticket.id).toBe(first.id);
    await issue();
    expect(timers.fire(TIMEOUT_MS)).toBe(1);
    await until(() => deliveries(a.id)[0]?.last_reason === 'timeout', 'the timeout to be recorded');
    expect(deliveries(a.id)[0]).toMatchObject({ state: 'pending', attempts: 1 });
    s.clock.advance(5_000);
    s.m.tick();
    await until(() => deliveries(a.id)[0]?.state === 'sent', 'the retry');
  });

  it('at most `concurrency` sends per channel are in flight', async () => {
    await s.close();
    await start({ concurrency: 2 });
    for (let i = 0; i < 3; i++) push.script.push('hang');
    for (let i = 0; i < 3; i++) {
      const t = await issue();
      await alertOf(t.token, { channel: 'webpush', subscription: SUBSCRIPTION });
    }
    await until(() => push.sent.length === 2, 'two sends');
    await new Promise((r) => setImmediate(r));
    expect(push.sent).toHaveLength(2);
    // the third waits for a slot, not on a timer that would spin
    expect([...timers.pending.values()].filter((t) => t.ms === 0)).toEqual([]);
    timers.fire(TIMEOUT_MS);
    await until(() => push.sent.length === 3, 'the third send once a slot is free');
  });

  it('200 tickets with alerts: a call checks them all in its unit of work (the figure is printed)', async () => {
    await s.close();
    await start({ senders: [] });
    const engine = s.m.engine;
    const tokens: string[] = [];
    for (let i = 0; i < 200; i++) tokens.push(engine.takeTicket(SITE, { queue: 'certificates' }, CLERK).token);
    engine.setCounterState(SITE, '1', 'open', CLERK, { clerk: 'tanaka' });
    const callTime = (): number => {
      const t0 = performance.now();
      engine.callNext(SITE, '1', CLERK);
      const ms = performance.now() - t0;
      engine.complete(SITE, '1', CLERK);
      return ms;
    };
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)] ?? 0;
    const without = median(Array.from({ length: 9 }, callTime));
    const store = s.m.turnAlerts.store;
    for (const token of tokens.slice(20)) {
      const t = s.m.store.ticketByToken(token);
      if (!t) throw new Error('no ticket');
      store.insertAlert({ siteId: SITE, ticketId: t.id, channel: 'email', ahead: 5, minutes: 0, contact: { channel: 'email', address: 'a@example.jp' }, lineCode: null, bound: false, createdAt: 0 });
    }
    const alerting = (s.m.database.connection.prepare('SELECT count(*) AS n FROM turn_alerts a JOIN tickets t ON t.id = a.ticket_id WHERE t.state = ? AND a.ended_at IS NULL').get('waiting') as { n: number }).n;
    expect(alerting).toBeGreaterThanOrEqual(180);
    const withAlerts = median(Array.from({ length: 9 }, callTime));
    console.info(`turn alerts: a call's unit of work takes ${without.toFixed(2)} ms without alerts, ${withAlerts.toFixed(2)} ms with ${alerting} alerting tickets (median of 9)`);
    expect(withAlerts).toBeLessThan(250);
  });
});

describe('LINE’s inbox', () => {
  it('binds the code to the ticket, answers in its language, and then the LINE user gets the messages; stop ends them', async () => {
    const t = await issue('zh');
    const l = await alertOf(t.token, { channel: 'line', ahead: 0, minutes: 0 });
    const inbox = s.m.turnAlerts.inbox;
    expect(inbox.bind('XXXXXX', 'U1')).toBeNull();
    expect(inbox.bind(` ${(l.code ?? '').toLowerCase()} `, 'U1')).toEqual({ reply: `${t.label}号的通知将发送到此LINE。要停止，请发送“停止”。` });
    expect(row(l.id)).toMatchObject({ line_code: null, contact: JSON.stringify({ channel: 'line', userId: 'U1' }) });
    expect(inbox.bind(l.code ?? '', 'U2')).toBeNull(); // used
    await open('1');
    await act('1', 'call-next');
    await settled();
    // nobody was ahead: near once bound, then the call
    expect(line.sent).toEqual([
      { contact: { channel: 'line', userId: 'U1' }, message: expect.objectContaining({ kind: 'near' }) },
      { contact: { channel: 'line', userId: 'U1' }, message: expect.objectContaining({ kind: 'called', body: '请到Counter 1。' }) },
    ]);
    expect(inbox.stop('U1')).toEqual({ reply: '已停止通知。' });
    expect(row(l.id)).toMatchObject({ contact: null, ended_at: expect.any(String) });
    await act('1', 'recall');
    await settled();
    expect(line.sent).toHaveLength(2);
  });

  it('an unbound LINE alert has nobody to tell: its ticket’s end only ends it', async () => {
    const t = await issue();
    const l = await alertOf(t.token, { channel: 'line' });
    await ok(staff('POST', api(`/tickets/${t.id}/cancel`)));
    await settled();
    expect(line.sent).toEqual([]);
    expect(row(l.id)).toMatchObject({ line_code: null, ended_at: expect.any(String) });
    expect(s.m.turnAlerts.inbox.bind(l.code ?? '', 'U1')).toBeNull();
  });
});
