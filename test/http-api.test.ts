/**
 * The stable HTTP contract (the API v1 routes integrators rely on), route by route: success answers with their named
 * fields, and the refusals (400 naming the field, 401, 403, 404, 409 with its code) in the one
 * error shape. Every test gets its own server and database (test/support/server.ts).
 */
import type { LightMyRequestResponse } from 'fastify';
import type { Static } from 'typebox';
import type { IssuedTicketSchema } from '@madoguchi/shared';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { parseConfig } from '../server/src/config-file.js';
import { SAMPLE_CONFIG_TEXT, TWO_SITE_CONFIG_TEXT } from '../server/src/sample-office.js';
import { MONDAY_10 } from '../server/src/test-support/fixtures.js';
import { errorOf, expectError, ORIGIN, OTHER_SITE, request, SITE, startServer, type Call, type TestServer } from './support/server.js';

let s: TestServer;

beforeEach(async () => {
  s = await startServer();
});

afterEach(async () => {
  await s?.close();
});

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
const api = (path: string): string => `/api/v1/sites/${SITE}${path}`;
const as = (token: string) => (method: Method, url: string, body?: unknown, c: Call = {}) => request(s.app, method, url, { token, body, ...c });
const clerk = (method: Method, url: string, body?: unknown) => as(s.clerk.bearer)(method, url, body);
const manager = (method: Method, url: string, body?: unknown) => as(s.manager.bearer)(method, url, body);
const admin = (method: Method, url: string, body?: unknown) => as(s.admin.bearer)(method, url, body);

/** what POST …/tickets answers (the contract's schema) */
type Issued = Static<typeof IssuedTicketSchema>;
interface Ticket {
  id: number;
  label: string;
  queue: string;
  service: string | null;
  state: string;
  issuedAt: string;
  calledAt: string | null;
  counter: string | null;
  priority: boolean;
  recalls: number;
}
interface QueueStatus {
  id: string;
  waiting: number;
  estimatedWaitMinutes: number | null;
  lastCalled: string | null;
  issuing: string;
}
interface Status {
  issuing: string;
  queues: QueueStatus[];
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const take = (body: unknown = { queue: 'certificates' }, c: Call = {}) => request(s.app, 'POST', api('/tickets'), { token: s.kiosk.token, body, ...c });

async function issue(queue = 'certificates', extra: Record<string, unknown> = {}): Promise<Issued> {
  const res = await take({ queue, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<Issued>();
}

async function openCounter(id: string): Promise<void> {
  const res = await manager('PUT', api(`/counters/${id}`), { state: 'open' });
  expect(res.statusCode, res.body).toBe(200);
}

/** call-next is sent with an empty JSON object here; a bare POST is tested on its own. */
const CALL_NEXT_BODY = {};

async function act(counter: string, action: string, body?: unknown): Promise<Ticket> {
  const res = await clerk('POST', api(`/counters/${counter}/${action}`), body ?? (action === 'call-next' ? CALL_NEXT_BODY : undefined));
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ ticket: Ticket }>().ticket;
}

async function status(site = SITE): Promise<Status> {
  const res = await request(s.app, 'GET', `/api/v1/sites/${site}/status`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json<Status>();
}

const queueStatus = async (queue: string): Promise<QueueStatus> => {
  const q = (await status()).queues.find((x) => x.id === queue);
  if (!q) throw new Error(`no queue ${queue} in the status`);
  return q;
};

async function ticketsOfToday(): Promise<Ticket[]> {
  const res = await clerk('GET', api('/tickets'));
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ tickets: Ticket[] }>().tickets;
}

function expectTicketShape(t: Ticket): void {
  for (const k of ['id', 'label', 'queue', 'service', 'state', 'issuedAt', 'calledAt', 'counter', 'priority']) expect(t).toHaveProperty(k);
  expect(t.issuedAt).toMatch(ISO);
}

const SATURDAY_10 = '2026-04-11T01:00:00Z';
const MONDAY_20 = '2026-04-06T11:00:00Z';

describe('route schemas (compiled on first use, not before listening)', () => {
  it('every route’s request and response schemas compile, and a compiled validator still names the field it refuses', async () => {
    // the start-up compiled none of them: this compiles them all, and fails on any broken schema
    const compiled = s.m.compileAllSchemas();
    expect(compiled).toBeGreaterThan(100);
    expect(s.m.compileAllSchemas()).toBe(0);
    const r = await take({ queue: 42 });
    expect(r.statusCode).toBe(400);
    expect(errorOf(r)).toMatchObject({ code: 'VALIDATION', field: 'queue' });
    // a response schema still filters what is sent: nothing outside it leaves the server
    const ok = await take();
    expect(ok.statusCode).toBe(201);
    expect(Object.keys(ok.json() as object).sort()).toEqual(
      ['id', 'label', 'queue', 'service', 'issuedAt', 'ahead', 'estimatedWaitMinutes', 'token', 'trackUrl', 'priority', 'lowCounter', 'businessDate', 'print'].sort(),
    );
  });
});

describe('GET /api/v1/sites', () => {
  it('lists every site with its id, name by language and kind', async () => {
    const res = await request(s.app, 'GET', '/api/v1/sites');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      sites: [
        { id: SITE, name: { ja: SITE, en: SITE }, kind: 'ward-office' },
        { id: OTHER_SITE, name: { ja: OTHER_SITE, en: OTHER_SITE }, kind: 'ward-office' },
      ],
    });
  });
});

describe('GET /api/v1/sites/{site}/status', () => {
  it('answers the site, time, issuing state and every queue with its named fields, without authentication', async () => {
    const res = await request(s.app, 'GET', api('/status'));
    expect(res.statusCode).toBe(200);
    const body = res.json<Status & { site: unknown; at: string }>();
    expect(body.site).toEqual({ id: SITE, name: { ja: SITE, en: SITE } });
    expect(body.at).toMatch(ISO);
    expect(new Date(body.at).toISOString()).toBe(new Date(MONDAY_10).toISOString());
    expect(body.issuing).toBe('open');
    expect(body.queues.map((q) => q.id)).toEqual(['certificates', 'filings']);
    for (const q of body.queues) {
      expect(q).toMatchObject({ waiting: 0, lastCalled: null, issuing: 'open', name: { ja: q.id, en: q.id } });
      expect(q).toHaveProperty('estimatedWaitMinutes');
    }
  });

  it('counts waiting tickets and shows the last called label', async () => {
    await issue();
    await issue();
    await issue('filings');
    await openCounter('1');
    const called = await act('1', 'call-next');
    expect(await queueStatus('certificates')).toMatchObject({ waiting: 1, lastCalled: called.label });
    expect(await queueStatus('filings')).toMatchObject({ waiting: 1, lastCalled: null });
    expect((await queueStatus('certificates')).estimatedWaitMinutes).toEqual(expect.any(Number));
  });

  it('sends an ETag, answers 304 to If-None-Match, and a new ETag after a ticket is issued', async () => {
    const first = await request(s.app, 'GET', api('/status'));
    const etag = first.headers.etag;
    expect(etag).toEqual(expect.any(String));
    const again = await request(s.app, 'GET', api('/status'), { headers: { 'if-none-match': String(etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    // a 304 has no body: no Content-Length a client would wait for
    expect(Number(again.headers['content-length'] ?? 0)).toBe(0);
    s.clock.advanceMinutes(1); // only the time moved: still the same content
    expect((await request(s.app, 'GET', api('/status'), { headers: { 'if-none-match': String(etag) } })).statusCode).toBe(304);

    await issue();
    const after = await request(s.app, 'GET', api('/status'), { headers: { 'if-none-match': String(etag) } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).toEqual(expect.any(String));
    expect(after.headers.etag).not.toBe(etag);
  });

  it('lets a homepage cache it briefly: Cache-Control public with a short max-age', async () => {
    const res = await request(s.app, 'GET', api('/status'));
    expect(res.headers['cache-control']).toMatch(/^public, max-age=\d{1,2}\b/);
    const maxAge = Number(/max-age=(\d+)/.exec(String(res.headers['cache-control']))?.[1]);
    expect(maxAge).toBeGreaterThan(0);
    expect(maxAge).toBeLessThanOrEqual(10);
  });

  it('reveals no personal data: no procedure, clerk, counter device or other ticket in any public answer', async () => {
    const first = await issue('certificates', { service: 'certificates-long', priority: true, lowCounter: true });
    const second = await issue('certificates', { service: 'certificates-short' });
    await openCounter('1');
    await act('1', 'call-next');
    const bodies = [
      (await request(s.app, 'GET', '/api/v1/sites')).body,
      (await request(s.app, 'GET', api('/status'))).body,
      (await request(s.app, 'GET', `/api/v1/tickets/${first.token}`)).body,
      (await request(s.app, 'GET', `/api/v1/tickets/${second.token}`)).body,
    ];
    for (const b of bodies) {
      for (const secret of ['certificates-long', 'certificates-short', s.clerk.username, 'priority', 'lowCounter', 'kiosk 1']) expect(b, b).not.toContain(secret);
    }
    // a ticket's page never shows another ticket's token
    expect(bodies[2]).not.toContain(second.token);
    expect(bodies[3]).not.toContain(first.token);
  });

  it('says closed outside hours and on a Saturday', async () => {
    s.clock.set(MONDAY_20);
    expect((await status()).issuing).toBe('closed');
    s.clock.set(SATURDAY_10);
    expect((await status()).issuing).toBe('closed');
  });

  it('answers 404 for an unknown site', async () => {
    expectError(await request(s.app, 'GET', '/api/v1/sites/nowhere/status'), 404, 'NOT_FOUND', 'site');
  });
});

describe('GET /api/v1/tickets/{token}', () => {
  it('shows a waiting ticket: label, queue, state, people ahead, estimate, no counter', async () => {
    await issue();
    const t = await issue();
    const res = await request(s.app, 'GET', `/api/v1/tickets/${t.token}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ site: 'naka', label: t.label, queue: 'certificates', state: 'waiting', ahead: 1, estimatedWaitMinutes: expect.any(Number), counter: null, language: null });
  });

  it('gives the language the ticket was taken in, which its phone page opens in', async () => {
    const t = (await take({ queue: 'certificates', language: 'vi' })).json<Issued>();
    expect((await request(s.app, 'GET', `/api/v1/tickets/${t.token}`)).json()).toMatchObject({ label: t.label, language: 'vi' });
  });

  it('sets the counter once the ticket is called', async () => {
    const t = await issue();
    await openCounter('2');
    await act('2', 'call-next');
    const res = await request(s.app, 'GET', `/api/v1/tickets/${t.token}`);
    expect(res.json()).toMatchObject({ label: t.label, state: 'called', counter: '2' });
  });

  it('answers 404 for an unknown token', async () => {
    expectError(await request(s.app, 'GET', '/api/v1/tickets/no-such-token'), 404, 'NOT_FOUND');
  });
});

describe('POST /api/v1/sites/{site}/tickets', () => {
  it('issues a ticket: 201 with id, label, queue, service, issuedAt, ahead, estimate, token and trackUrl', async () => {
    await issue();
    const res = await take({ queue: 'certificates', service: 'certificates-short', language: 'en' });
    expect(res.statusCode).toBe(201);
    const t = res.json<Issued>();
    expect(t).toMatchObject({ id: expect.any(Number), label: '1002', queue: 'certificates', service: 'certificates-short', ahead: 1 });
    expect(t.issuedAt).toMatch(ISO);
    expect(t.estimatedWaitMinutes).toEqual(expect.any(Number));
    expect(t.token.length).toBeGreaterThanOrEqual(16);
    expect(t.trackUrl).toBe(`${ORIGIN}/t/${t.token}`);
  });

  it.each([
    ['a number for the queue', { queue: 42 }, 'queue'],
    ['a missing queue', {}, 'queue'],
    ['a null queue', { queue: null }, 'queue'],
    ['an array for the queue', { queue: ['certificates'] }, 'queue'],
    ['a number for the service', { queue: 'certificates', service: 7 }, 'service'],
    ['a string for priority', { queue: 'certificates', priority: 'true' }, 'priority'],
    ['a number for lowCounter', { queue: 'certificates', lowCounter: 1 }, 'lowCounter'],
    ['an unknown language', { queue: 'certificates', language: 'fr' }, 'language'],
    ['an unknown field', { queue: 'certificates', qeueu: 'x' }, 'qeueu'],
    ['an array body', [{ queue: 'certificates' }], 'body'],
  ])('refuses %s with 400 naming the field, and writes nothing', async (_what, body, field) => {
    expectError(await take(body), 400, 'VALIDATION', field);
    expect((await queueStatus('certificates')).waiting).toBe(0);
  });

  it('refuses a body that is not JSON with 400', async () => {
    const res = await request(s.app, 'POST', api('/tickets'), { token: s.kiosk.token, body: '{"queue": "certificates"', headers: { 'content-type': 'application/json' } });
    expectError(res, 400, 'VALIDATION', 'body');
  });

  it('answers 401 without a token or with an unknown one', async () => {
    expectError(await request(s.app, 'POST', api('/tickets'), { body: { queue: 'certificates' } }), 401, 'UNAUTHORIZED');
    expectError(await take(undefined, { token: 'dev_not-a-real-token' }), 401, 'UNAUTHORIZED');
    expectError(await take(undefined, { token: 'garbage' }), 401, 'UNAUTHORIZED');
  });

  it('answers 403 to a display, a counter device, a kiosk of another site and a clerk', async () => {
    for (const token of [s.display.token, s.counter.token, s.otherKiosk.token, s.clerk.bearer]) {
      expectError(await take(undefined, { token }), 403, 'FORBIDDEN');
    }
    expect((await queueStatus('certificates')).waiting).toBe(0);
  });

  it('answers 404 naming the unknown site, queue or service', async () => {
    expectError(await request(s.app, 'POST', '/api/v1/sites/nowhere/tickets', { token: s.manager.bearer, body: { queue: 'certificates' } }), 404, 'NOT_FOUND', 'site');
    expectError(await take({ queue: 'passports' }), 404, 'NOT_FOUND', 'queue');
    expectError(await take({ queue: 'certificates', service: 'filings-short' }), 404, 'NOT_FOUND', 'service');
  });

  it('answers 409 ISSUING_CLOSED on a Saturday and at 20:00 on a weekday', async () => {
    s.clock.set(SATURDAY_10);
    const sat = expectError(await take(), 409, 'ISSUING_CLOSED');
    expect(sat.nextOpening).toEqual(expect.any(String));
    s.clock.set(MONDAY_20);
    expectError(await take(), 409, 'ISSUING_CLOSED');
    expect((await queueStatus('certificates')).waiting).toBe(0);
  });

  it('answers 409 ISSUING_PAUSED after a manager pauses issuing', async () => {
    expect((await manager('PUT', api('/issuing'), { state: 'paused', reason: 'system maintenance' })).statusCode).toBe(200);
    expectError(await take(), 409, 'ISSUING_PAUSED');
  });

  it('answers 409 EMERGENCY during an emergency announcement', async () => {
    expect((await manager('POST', api('/announcements'), { message: '火災報知器が作動しました', severity: 'emergency' })).statusCode).toBe(201);
    expectError(await take(), 409, 'EMERGENCY');
  });

  it('returns the same ticket for the same Idempotency-Key, never a second one', async () => {
    const headers = { 'idempotency-key': 'kiosk1-tap-0001' };
    const first = await take({ queue: 'certificates' }, { headers });
    const second = await take({ queue: 'certificates' }, { headers });
    expect(first.statusCode).toBe(201);
    expect([200, 201]).toContain(second.statusCode);
    expect(second.json<Issued>().id).toBe(first.json<Issued>().id);
    expect(second.json<Issued>().token).toBe(first.json<Issued>().token);
    expect(second.json<Issued>().label).toBe(first.json<Issued>().label);
    expect(await ticketsOfToday()).toHaveLength(1);
    expect((await queueStatus('certificates')).waiting).toBe(1);

    const other = await take({ queue: 'certificates' }, { headers: { 'idempotency-key': 'kiosk1-tap-0002' } });
    expect(other.statusCode).toBe(201);
    expect(other.json<Issued>().id).not.toBe(first.json<Issued>().id);
  });

  it('refuses an Idempotency-Key reused for another request, or malformed', async () => {
    const headers = { 'idempotency-key': 'k-1' };
    await take({ queue: 'certificates' }, { headers });
    expectError(await take({ queue: 'filings' }, { headers }), 409, 'IDEMPOTENCY_MISMATCH');
    expectError(await take({ queue: 'certificates' }, { headers: { 'idempotency-key': 'not a key!' } }), 400, 'VALIDATION', 'Idempotency-Key');
    expect(await ticketsOfToday()).toHaveLength(1);
  });
});

describe('POST /api/v1/auth/login and /logout', () => {
  it('signs in: 200 { user: { username, role } } and a session cookie', async () => {
    const res = await request(s.app, 'POST', '/api/v1/auth/login', { body: { username: 'suzuki', password: s.manager.password } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ user: { username: 'suzuki', role: 'manager' } });
    expect(res.cookies.some((c) => c.name === 'madoguchi_session' && c.value.length > 20)).toBe(true);
  });

  it('answers 401 on a wrong password or an unknown user', async () => {
    expectError(await request(s.app, 'POST', '/api/v1/auth/login', { body: { username: 'suzuki', password: 'wrong-password' } }), 401, 'UNAUTHORIZED');
    expectError(await request(s.app, 'POST', '/api/v1/auth/login', { body: { username: 'nobody', password: 'wrong-password' } }), 401, 'UNAUTHORIZED');
  });

  it.each([
    [{ username: 42, password: 'x' }, 'username'],
    [{ username: 'suzuki' }, 'password'],
    [{ username: 'suzuki', password: ['a'] }, 'password'],
  ])('refuses %j with 400 naming the field', async (body, field) => {
    expectError(await request(s.app, 'POST', '/api/v1/auth/login', { body }), 400, 'VALIDATION', field);
  });

  it('signs out with 204, and answers 401 without a session', async () => {
    const res = await request(s.app, 'POST', '/api/v1/auth/logout', { token: s.clerk.bearer });
    expect(res.statusCode).toBe(204);
    expectError(await request(s.app, 'POST', '/api/v1/auth/logout'), 401, 'UNAUTHORIZED');
  });
});

describe('counter actions', () => {
  beforeEach(async () => {
    await openCounter('1');
  });

  it('call-next: 200 { ticket } now called at this counter', async () => {
    const t = await issue();
    const called = await act('1', 'call-next');
    expectTicketShape(called);
    expect(called).toMatchObject({ id: t.id, label: t.label, queue: 'certificates', state: 'called', counter: '1', priority: false });
    expect(called.calledAt).toMatch(ISO);
  });

  it('call-next: 204 when nothing waits for this counter, even when another queue has tickets', async () => {
    const empty = await clerk('POST', api('/counters/1/call-next'), CALL_NEXT_BODY);
    expect(empty.statusCode).toBe(204);
    expect(empty.body).toBe('');
    await issue('filings');
    expect((await clerk('POST', api('/counters/1/call-next'), CALL_NEXT_BODY)).statusCode).toBe(204);
  });

  it('call-next: accepts a POST without a body (docs/api.md lets it have none)', async () => {
    const t = await issue();
    const res = await clerk('POST', api('/counters/1/call-next'));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ ticket: Ticket }>().ticket.id).toBe(t.id);
  });

  it('call-next: a counter device of the site may call', async () => {
    await issue();
    const res = await request(s.app, 'POST', api('/counters/1/call-next'), { token: s.counter.token, body: CALL_NEXT_BODY });
    expect(res.statusCode, res.body).toBe(200);
  });

  it('call-next: 401 without a token, 403 for a kiosk, a display and another site’s counter device', async () => {
    await issue();
    expectError(await request(s.app, 'POST', api('/counters/1/call-next'), { body: CALL_NEXT_BODY }), 401, 'UNAUTHORIZED');
    for (const token of [s.kiosk.token, s.display.token, s.otherCounter.token]) {
      expectError(await request(s.app, 'POST', api('/counters/1/call-next'), { token, body: CALL_NEXT_BODY }), 403, 'FORBIDDEN');
    }
    expect((await queueStatus('certificates')).waiting).toBe(1);
  });

  it('call-next: 404 for an unknown counter or site, 409 for a closed counter, 400 for a wrong-typed body', async () => {
    await issue();
    expectError(await clerk('POST', api('/counters/99/call-next'), CALL_NEXT_BODY), 404, 'NOT_FOUND', 'counter');
    expectError(await clerk('POST', '/api/v1/sites/nowhere/counters/1/call-next', CALL_NEXT_BODY), 404, 'NOT_FOUND', 'site');
    expectError(await clerk('POST', api('/counters/2/call-next'), CALL_NEXT_BODY), 409, 'COUNTER_NOT_OPEN');
    expectError(await clerk('POST', api('/counters/1/call-next'), { confirmNoShow: 'yes' }), 400, 'VALIDATION', 'confirmNoShow');
    expect((await queueStatus('certificates')).waiting).toBe(1);
  });

  it('call: a chosen waiting ticket out of order', async () => {
    await issue();
    await issue();
    const third = await issue();
    const called = await act('1', 'call', { ticket: third.id });
    expect(called).toMatchObject({ id: third.id, state: 'called', counter: '1' });
    expect((await queueStatus('certificates')).waiting).toBe(2);
  });

  it('call: 409 when the ticket is not waiting', async () => {
    const t = await issue();
    await act('1', 'call', { ticket: t.id });
    await openCounter('2');
    expectError(await clerk('POST', api('/counters/2/call'), { ticket: t.id }), 409, 'INVALID_TRANSITION');
  });

  it.each([
    [{ ticket: '1' }, 'ticket'],
    [{}, 'ticket'],
    [{ ticket: 1.5 }, 'ticket'],
    [{ ticket: 1, confirmNoShow: 1 }, 'confirmNoShow'],
  ])('call: refuses %j with 400 naming the field', async (body, field) => {
    await issue();
    expectError(await clerk('POST', api('/counters/1/call'), body), 400, 'VALIDATION', field);
  });

  it('call: 404 for an unknown ticket', async () => {
    expectError(await clerk('POST', api('/counters/1/call'), { ticket: 99999 }), 404, 'NOT_FOUND', 'ticket');
  });

  it('recall: 200 { ticket } announced again; 409 when the counter has no current ticket', async () => {
    expectError(await clerk('POST', api('/counters/1/recall')), 409, 'NO_CURRENT_TICKET');
    const t = await issue();
    await act('1', 'call-next');
    const recalled = await act('1', 'recall');
    expect(recalled).toMatchObject({ id: t.id, state: 'called', recalls: 1, counter: '1' });
  });

  it('start, complete: serving then done; no-show: no_show', async () => {
    const a = await issue();
    const b = await issue();
    await act('1', 'call-next');
    expect(await act('1', 'start')).toMatchObject({ id: a.id, state: 'serving' });
    expect(await act('1', 'complete')).toMatchObject({ id: a.id, state: 'done' });
    await act('1', 'call-next');
    expect(await act('1', 'no-show')).toMatchObject({ id: b.id, state: 'no_show' });
  });

  it.each(['start', 'complete', 'no-show', 'transfer'])('%s: 409 when the counter has no current ticket', async (action) => {
    const body = action === 'transfer' ? { queue: 'filings' } : undefined;
    expectError(await clerk('POST', api(`/counters/1/${action}`), body), 409, 'NO_CURRENT_TICKET');
  });

  it('transfer: the ticket waits in the target queue with the same label', async () => {
    const t = await issue();
    await act('1', 'call-next');
    await act('1', 'start');
    const moved = await act('1', 'transfer', { queue: 'filings', service: 'filings-long' });
    expect(moved).toMatchObject({ id: t.id, label: t.label, queue: 'filings', service: 'filings-long', state: 'waiting' });
    expect((await queueStatus('filings')).waiting).toBe(1);
    const counters = (await clerk('GET', api('/counters'))).json<{ counters: Array<{ id: string; currentTicket: unknown }> }>().counters;
    expect(counters.find((c) => c.id === '1')?.currentTicket).toBeNull();
    await openCounter('3');
    expect(await act('3', 'call-next')).toMatchObject({ id: t.id, label: t.label, counter: '3' });
  });

  it('transfer: 400 for a wrong-typed queue, 404 for an unknown queue or service', async () => {
    await issue();
    await act('1', 'call-next');
    expectError(await clerk('POST', api('/counters/1/transfer'), { queue: 42 }), 400, 'VALIDATION', 'queue');
    expectError(await clerk('POST', api('/counters/1/transfer'), {}), 400, 'VALIDATION', 'queue');
    expectError(await clerk('POST', api('/counters/1/transfer'), { queue: 'passports' }), 404, 'NOT_FOUND', 'queue');
    expectError(await clerk('POST', api('/counters/1/transfer'), { queue: 'filings', service: 'nope' }), 404, 'NOT_FOUND', 'service');
    expect((await queueStatus('filings')).waiting).toBe(0);
  });

  it('reinstate: a no-show goes back to waiting and is called again', async () => {
    const t = await issue();
    await issue();
    await act('1', 'call-next');
    await act('1', 'no-show');
    const res = await clerk('POST', api(`/tickets/${t.id}/reinstate`));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json<{ ticket: Ticket }>().ticket).toMatchObject({ id: t.id, label: t.label, state: 'waiting', counter: null });
    expect(await act('1', 'call-next')).toMatchObject({ id: t.id });
  });

  it('reinstate: 409 for a waiting ticket, 404 for an unknown one, 400 for a non-numeric id, 403 for a kiosk', async () => {
    const t = await issue();
    expectError(await clerk('POST', api(`/tickets/${t.id}/reinstate`)), 409, 'INVALID_TRANSITION');
    expectError(await clerk('POST', api('/tickets/424242/reinstate')), 404, 'NOT_FOUND');
    expectError(await clerk('POST', api('/tickets/abc/reinstate')), 400, 'VALIDATION', 'id');
    expectError(await request(s.app, 'POST', api(`/tickets/${t.id}/reinstate`), { token: s.kiosk.token }), 403, 'FORBIDDEN');
    expectError(await request(s.app, 'POST', api(`/tickets/${t.id}/reinstate`)), 401, 'UNAUTHORIZED');
  });

  it.each(['call', 'recall', 'start', 'complete', 'no-show', 'transfer'])('%s: 401 without a token, 403 for a kiosk and a display', async (action) => {
    const url = api(`/counters/1/${action}`);
    const body = action === 'call' ? { ticket: 1 } : action === 'transfer' ? { queue: 'filings' } : undefined;
    expectError(await request(s.app, 'POST', url, { body }), 401, 'UNAUTHORIZED');
    expectError(await request(s.app, 'POST', url, { token: s.kiosk.token, body }), 403, 'FORBIDDEN');
    expectError(await request(s.app, 'POST', url, { token: s.display.token, body }), 403, 'FORBIDDEN');
  });
});

describe('PUT /api/v1/sites/{site}/counters/{counter}', () => {
  it('opens, pauses with a reason and closes a counter: 200 { counter }', async () => {
    const open = await manager('PUT', api('/counters/2'), { state: 'open' });
    expect(open.statusCode).toBe(200);
    expect(open.json()).toMatchObject({ counter: { id: '2', state: 'open', queues: ['certificates'], lowCounter: false, currentTicket: null } });
    const paused = await manager('PUT', api('/counters/2'), { state: 'paused', reason: '休憩' });
    expect(paused.json()).toMatchObject({ counter: { state: 'paused', reason: '休憩' } });
    const closed = await manager('PUT', api('/counters/2'), { state: 'closed' });
    expect(closed.json()).toMatchObject({ counter: { state: 'closed' } });
  });

  it('409 COUNTER_BUSY when a counter with a current ticket would pause or close', async () => {
    await issue();
    await openCounter('1');
    await act('1', 'call-next');
    expectError(await manager('PUT', api('/counters/1'), { state: 'closed' }), 409, 'COUNTER_BUSY');
    expectError(await manager('PUT', api('/counters/1'), { state: 'paused', reason: '休憩' }), 409, 'COUNTER_BUSY');
    await act('1', 'no-show');
    expect((await manager('PUT', api('/counters/1'), { state: 'closed' })).statusCode).toBe(200);
  });

  it('moves a counter to other queues, and call-next follows', async () => {
    await issue('filings');
    const res = await manager('PUT', api('/counters/1'), { state: 'open', queues: ['filings'] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ counter: { id: '1', queues: ['filings'] } });
    expect(await act('1', 'call-next')).toMatchObject({ queue: 'filings' });
  });

  it.each([
    [{ state: 'bogus' }, 'state'],
    [{ state: 1 }, 'state'],
    [{ queues: 'filings' }, 'queues'],
    [{ queues: [42] }, 'queues.0'],
    [{ queues: [] }, 'queues'],
    [{}, 'state'],
    [{ state: 'open', colour: 'red' }, 'colour'],
  ])('refuses %j with 400 naming the field', async (body, field) => {
    expectError(await manager('PUT', api('/counters/1'), body), 400, 'VALIDATION', field);
  });

  it('404 for an unknown counter or queue; 403 for a clerk moving queues or a counter device; 401 without a token', async () => {
    expectError(await manager('PUT', api('/counters/99'), { state: 'open' }), 404, 'NOT_FOUND', 'counter');
    expectError(await manager('PUT', api('/counters/1'), { queues: ['passports'] }), 404, 'NOT_FOUND', 'queues.0');
    expectError(await clerk('PUT', api('/counters/1'), { queues: ['filings'] }), 403, 'FORBIDDEN', 'queues');
    expectError(await request(s.app, 'PUT', api('/counters/1'), { token: s.counter.token, body: { state: 'open' } }), 403, 'FORBIDDEN');
    expectError(await request(s.app, 'PUT', api('/counters/1'), { body: { state: 'open' } }), 401, 'UNAUTHORIZED');
    const counters = (await clerk('GET', api('/counters'))).json<{ counters: Array<{ id: string; state: string; queues: string[] }> }>().counters;
    expect(counters.find((c) => c.id === '1')).toMatchObject({ state: 'closed', queues: ['certificates'] });
  });

  it('a clerk opens (signing in), pauses with a reason and closes their counter', async () => {
    const open = await clerk('PUT', api('/counters/1'), { state: 'open' });
    expect(open.statusCode, open.body).toBe(200);
    expect(open.json().counter).toMatchObject({ state: 'open', clerk: 'tanaka' });
    expect((await clerk('PUT', api('/counters/1'), { state: 'paused', reason: '休憩' })).json().counter).toMatchObject({ state: 'paused', reason: '休憩' });
    expect((await clerk('PUT', api('/counters/1'), { state: 'closed' })).json().counter).toMatchObject({ state: 'closed', clerk: null });
  });
});

describe('PUT /api/v1/sites/{site}/issuing', () => {
  it('open issues tickets outside hours (臨時受付) until set back to auto', async () => {
    s.clock.set(MONDAY_20);
    expectError(await take(), 409, 'ISSUING_CLOSED');
    const res = await manager('PUT', api('/issuing'), { state: 'open', reason: '臨時受付' });
    expect(res.statusCode, res.body).toBe(200);
    expect((await status()).issuing).toBe('open');
    expect((await take()).statusCode).toBe(201);
    expect((await manager('PUT', api('/issuing'), { state: 'auto' })).statusCode).toBe(200);
    expectError(await take(), 409, 'ISSUING_CLOSED');
  });

  it('pauses one queue only', async () => {
    expect((await manager('PUT', api('/issuing'), { state: 'paused', queue: 'filings' })).statusCode).toBe(200);
    expect(await queueStatus('filings')).toMatchObject({ issuing: 'paused' });
    expect(await queueStatus('certificates')).toMatchObject({ issuing: 'open' });
    expectError(await take({ queue: 'filings' }), 409, 'ISSUING_PAUSED');
    expect((await take({ queue: 'certificates' })).statusCode).toBe(201);
    expect((await status()).issuing).not.toBe('closed');
  });

  it.each([
    [{ state: 'closed' }, 'state'],
    [{}, 'state'],
    [{ state: 'paused', queue: 7 }, 'queue'],
    [{ state: 'paused', reason: 12 }, 'reason'],
  ])('refuses %j with 400 naming the field', async (body, field) => {
    expectError(await manager('PUT', api('/issuing'), body), 400, 'VALIDATION', field);
  });

  it('404 for an unknown queue or site, 403 for a clerk and a kiosk, 401 without a token', async () => {
    expectError(await manager('PUT', api('/issuing'), { state: 'paused', queue: 'passports' }), 404, 'NOT_FOUND', 'queue');
    expectError(await manager('PUT', '/api/v1/sites/nowhere/issuing', { state: 'paused' }), 404, 'NOT_FOUND', 'site');
    expectError(await clerk('PUT', api('/issuing'), { state: 'paused' }), 403, 'FORBIDDEN');
    expectError(await request(s.app, 'PUT', api('/issuing'), { token: s.kiosk.token, body: { state: 'paused' } }), 403, 'FORBIDDEN');
    expectError(await request(s.app, 'PUT', api('/issuing'), { body: { state: 'paused' } }), 401, 'UNAUTHORIZED');
    expect((await status()).issuing).toBe('open');
  });
});

describe('GET /api/v1/sites/{site}/counters', () => {
  it('lists the counters with id, name, state, queues, lowCounter and current ticket', async () => {
    await issue();
    await openCounter('1');
    const called = await act('1', 'call-next');
    const res = await clerk('GET', api('/counters'));
    expect(res.statusCode).toBe(200);
    const counters = res.json<{ counters: Array<Record<string, unknown>> }>().counters;
    expect(counters.map((c) => c.id)).toEqual(['1', '2', '3', '4']);
    expect(counters[0]).toMatchObject({ id: '1', name: { ja: '1番窓口', en: 'Counter 1' }, state: 'calling', queues: ['certificates'], lowCounter: false, currentTicket: { id: called.id } });
    expect(counters[2]).toMatchObject({ id: '3', state: 'closed', queues: ['filings'], lowCounter: true, currentTicket: null });
  });

  it('lets a counter device of the site read; 403 for a kiosk or another site’s device; 401 without a token', async () => {
    expect((await request(s.app, 'GET', api('/counters'), { token: s.counter.token })).statusCode).toBe(200);
    expectError(await request(s.app, 'GET', api('/counters'), { token: s.kiosk.token }), 403, 'FORBIDDEN');
    expectError(await request(s.app, 'GET', api('/counters'), { token: s.otherCounter.token }), 403, 'FORBIDDEN');
    expectError(await request(s.app, 'GET', api('/counters')), 401, 'UNAUTHORIZED');
    expectError(await clerk('GET', '/api/v1/sites/nowhere/counters'), 404, 'NOT_FOUND', 'site');
  });
});

describe('announcements', () => {
  it('POST answers 201 { id }; an info announcement leaves issuing open', async () => {
    const res = await manager('POST', api('/announcements'), { message: '本日は混雑しています', severity: 'info' });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toEqual({ id: expect.any(Number) });
    expect((await status()).issuing).toBe('open');
  });

  it('an emergency stops issuing until DELETE clears it (204)', async () => {
    const res = await manager('POST', api('/announcements'), { message: '避難してください', severity: 'emergency' });
    const { id } = res.json<{ id: number }>();
    expect((await status()).issuing).toBe('emergency');
    expect((await queueStatus('certificates')).issuing).toBe('emergency');
    const del = await manager('DELETE', api(`/announcements/${id}`));
    expect(del.statusCode).toBe(204);
    expect((await status()).issuing).toBe('open');
    expect((await take()).statusCode).toBe(201);
    expectError(await manager('DELETE', api(`/announcements/${id}`)), 404, 'NOT_FOUND');
  });

  it.each([
    [{ message: 'x', severity: 'critical' }, 'severity'],
    [{ message: 42, severity: 'info' }, 'message'],
    [{ severity: 'info' }, 'message'],
    [{ message: '   ', severity: 'info' }, 'message'],
    [{ message: 'x'.repeat(501), severity: 'info' }, 'message'],
  ])('refuses %j with 400 naming the field', async (body, field) => {
    expectError(await manager('POST', api('/announcements'), body), 400, 'VALIDATION', field);
  });

  it('403 for a clerk, 401 without a token, 404 for an unknown site, 400 for a non-numeric id', async () => {
    const body = { message: 'x', severity: 'info' };
    expectError(await clerk('POST', api('/announcements'), body), 403, 'FORBIDDEN');
    expectError(await request(s.app, 'POST', api('/announcements'), { body }), 401, 'UNAUTHORIZED');
    expectError(await manager('POST', '/api/v1/sites/nowhere/announcements', body), 404, 'NOT_FOUND', 'site');
    const { id } = (await manager('POST', api('/announcements'), body)).json<{ id: number }>();
    expectError(await clerk('DELETE', api(`/announcements/${id}`)), 403, 'FORBIDDEN');
    expectError(await manager('DELETE', api('/announcements/x')), 400, 'VALIDATION', 'id');
  });
});

describe('reports', () => {
  /** three tickets at 10:00–10:04; two served, one no-show */
  async function aDay(): Promise<void> {
    await openCounter('1');
    await issue(); // 10:00
    s.clock.advanceMinutes(2);
    await issue(); // 10:02
    s.clock.advanceMinutes(2);
    await issue(); // 10:04
    s.clock.set('2026-04-06T01:10:00Z');
    await act('1', 'call-next'); // wait 10
    await act('1', 'start');
    s.clock.advanceMinutes(5);
    await act('1', 'complete'); // service 5
    s.clock.set('2026-04-06T01:20:00Z');
    await act('1', 'call-next'); // wait 18
    await act('1', 'start');
    s.clock.advanceMinutes(10);
    await act('1', 'complete'); // service 10
    s.clock.set('2026-04-06T01:40:00Z');
    await act('1', 'call-next'); // wait 36
    await act('1', 'no-show');
  }

  it('daily: the figures of the day (issued, served, no-shows, waits)', async () => {
    await aDay();
    const res = await manager('GET', api('/reports/daily?date=2026-04-06'));
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json<{
      date: string;
      issued: number;
      served: number;
      noShows: number;
      arrivalsByHour: number[];
      queues: Array<{ queue: string; issued: number; served: number; noShows: number; waits: Record<string, number>; serviceTimes: Record<string, number>; noShowRate: number }>;
    }>();
    expect(r).toMatchObject({ date: '2026-04-06', issued: 3, served: 2, noShows: 1 });
    expect(r.arrivalsByHour[10]).toBe(3);
    expect(r.arrivalsByHour.reduce((a, b) => a + b, 0)).toBe(3);
    const certificates = r.queues.find((q) => q.queue === 'certificates');
    expect(certificates).toMatchObject({ issued: 3, served: 2, noShows: 1, noShowRate: 0.333 });
    expect(certificates?.waits).toEqual({ count: 3, mean: 21.3, median: 18, p90: 32.4, max: 36 });
    expect(certificates?.serviceTimes).toMatchObject({ count: 2, mean: 7.5, max: 10 });
    expect(r.queues.find((q) => q.queue === 'filings')).toMatchObject({ issued: 0, served: 0 });
  });

  it('daily: an empty day has zero figures', async () => {
    const res = await manager('GET', api('/reports/daily?date=2026-04-05'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ date: '2026-04-05', issued: 0, served: 0, noShows: 0 });
  });

  it('daily.csv: text/csv, UTF-8 with a BOM, a header and one row per ticket', async () => {
    await aDay();
    const res = await manager('GET', api('/reports/daily.csv?date=2026-04-06'));
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.body.replace(/^\uFEFF/, '').split(/\r?\n/).filter((l) => l !== '');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/^label,/);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(['1001', '1002', '1003']);
    expect(lines[1]).toContain('done');
    expect(lines[3]).toContain('no_show');
  });

  it.each(['/reports/daily', '/reports/daily.csv'])('%s: 400 for a bad date, 403 for a clerk, 401 without a token, 404 for an unknown site', async (path) => {
    expectError(await manager('GET', api(`${path}?date=2026-4-6`)), 400, 'VALIDATION', 'date');
    expectError(await manager('GET', api(`${path}?date=2026-02-30`)), 400, 'VALIDATION', 'date');
    expectError(await manager('GET', api(path)), 400, 'VALIDATION', 'date');
    expectError(await clerk('GET', api(`${path}?date=2026-04-06`)), 403, 'FORBIDDEN');
    expectError(await request(s.app, 'GET', api(`${path}?date=2026-04-06`)), 401, 'UNAUTHORIZED');
    expectError(await manager('GET', `/api/v1/sites/nowhere${path}?date=2026-04-06`), 404, 'NOT_FOUND', 'site');
  });
});

describe('POST /api/v1/users', () => {
  it('creates a user: 201 { user: { username, role } }, who can then sign in', async () => {
    const res = await admin('POST', '/api/v1/users', { username: 'sato', password: 'ten-chars!', role: 'clerk' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ user: { username: 'sato', role: 'clerk' } });
    const login = await request(s.app, 'POST', '/api/v1/auth/login', { body: { username: 'sato', password: 'ten-chars!' } });
    expect(login.json()).toEqual({ user: { username: 'sato', role: 'clerk' } });
  });

  it('409 when the user exists', async () => {
    expectError(await admin('POST', '/api/v1/users', { username: 'tanaka', password: 'another-password', role: 'admin' }), 409, 'CONFLICT', 'username');
  });

  it.each([
    [{ username: 'sato', password: 'nine-char', role: 'clerk' }, 'password'],
    [{ username: 'sato', password: 'long-enough-password', role: 'root' }, 'role'],
    [{ username: 42, password: 'long-enough-password', role: 'clerk' }, 'username'],
    [{ username: 'Sato San', password: 'long-enough-password', role: 'clerk' }, 'username'],
    [{ username: 'sato', role: 'clerk' }, 'password'],
  ])('refuses %j with 400 naming the field', async (body, field) => {
    expectError(await admin('POST', '/api/v1/users', body), 400, 'VALIDATION', field);
  });

  it('403 for a manager, a clerk and a device; 401 without a token', async () => {
    const body = { username: 'sato', password: 'long-enough-password', role: 'admin' };
    expectError(await manager('POST', '/api/v1/users', body), 403, 'FORBIDDEN');
    expectError(await clerk('POST', '/api/v1/users', body), 403, 'FORBIDDEN');
    expectError(await request(s.app, 'POST', '/api/v1/users', { token: s.kiosk.token, body }), 403, 'FORBIDDEN');
    expectError(await request(s.app, 'POST', '/api/v1/users', { body }), 401, 'UNAUTHORIZED');
    expectError(await request(s.app, 'POST', '/api/v1/auth/login', { body: { username: 'sato', password: body.password } }), 401);
  });
});

describe('devices', () => {
  it('POST answers 201 { id, token }; the token works and is shown only there', async () => {
    const res = await admin('POST', api('/devices'), { kind: 'kiosk', name: '2F kiosk' });
    expect(res.statusCode, res.body).toBe(201);
    const { id, token } = res.json<{ id: number; token: string }>();
    expect(id).toEqual(expect.any(Number));
    expect(token.length).toBeGreaterThan(20);
    expect((await take(undefined, { token })).statusCode).toBe(201);
    const list = await admin('GET', api('/devices'));
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(token);
    expect(list.json()).toMatchObject({ devices: expect.arrayContaining([expect.objectContaining({ id, kind: 'kiosk', name: '2F kiosk' })]) });
  });

  it('DELETE answers 204 and the token gets 401 at once', async () => {
    const { id, token } = (await admin('POST', api('/devices'), { kind: 'counter', name: 'buttons 3' })).json<{ id: number; token: string }>();
    await openCounter('1');
    expect((await request(s.app, 'POST', api('/counters/1/call-next'), { token, body: CALL_NEXT_BODY })).statusCode).toBe(204);
    const del = await admin('DELETE', api(`/devices/${id}`));
    expect(del.statusCode).toBe(204);
    expectError(await request(s.app, 'POST', api('/counters/1/call-next'), { token, body: CALL_NEXT_BODY }), 401, 'UNAUTHORIZED');
    expectError(await request(s.app, 'GET', '/api/v1/auth/me', { token }), 401, 'UNAUTHORIZED');
    expectError(await admin('DELETE', api(`/devices/${id}`)), 404, 'NOT_FOUND');
  });

  it('404 for an unknown device, another site’s device and an unknown site', async () => {
    expectError(await admin('DELETE', api('/devices/987654')), 404, 'NOT_FOUND', 'id');
    expectError(await admin('DELETE', api(`/devices/${s.otherKiosk.id}`)), 404, 'NOT_FOUND');
    // still active, for its own site only
    expect((await request(s.app, 'POST', `/api/v1/sites/${OTHER_SITE}/tickets`, { token: s.otherKiosk.token, body: { queue: 'certificates' } })).statusCode).toBe(201);
    expectError(await admin('POST', '/api/v1/sites/nowhere/devices', { kind: 'kiosk', name: 'x' }), 404, 'NOT_FOUND', 'site');
  });

  it.each([
    [{ kind: 'printer', name: 'x' }, 'kind'],
    [{ kind: 'kiosk' }, 'name'],
    [{ kind: 'kiosk', name: 42 }, 'name'],
    [{ kind: 'kiosk', name: '' }, 'name'],
  ])('POST refuses %j with 400 naming the field', async (body, field) => {
    expectError(await admin('POST', api('/devices'), body), 400, 'VALIDATION', field);
  });

  it('403 for a manager and a device, 401 without a token', async () => {
    expectError(await manager('POST', api('/devices'), { kind: 'kiosk', name: 'x' }), 403, 'FORBIDDEN');
    expectError(await manager('DELETE', api(`/devices/${s.kiosk.id}`)), 403, 'FORBIDDEN');
    expectError(await request(s.app, 'DELETE', api(`/devices/${s.kiosk.id}`), { token: s.kiosk.token }), 403, 'FORBIDDEN');
    expectError(await request(s.app, 'POST', api('/devices'), { body: { kind: 'kiosk', name: 'x' } }), 401, 'UNAUTHORIZED');
    expect((await take()).statusCode).toBe(201);
  });
});

describe('routes under "Other routes" of docs/api.md', () => {
  it('cancel: a waiting ticket leaves the queue (200), once', async () => {
    const t = await issue();
    const res = await clerk('POST', api(`/tickets/${t.id}/cancel`));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ ticket: { id: t.id, state: 'cancelled' } });
    expect((await queueStatus('certificates')).waiting).toBe(0);
    expectError(await clerk('POST', api(`/tickets/${t.id}/cancel`)), 409, 'INVALID_TRANSITION');
    expectError(await request(s.app, 'POST', api(`/tickets/${t.id}/cancel`), { token: s.kiosk.token }), 403, 'FORBIDDEN');
  });

  it('reprint: a POST without a body is handled like an empty object', async () => {
    const t = await issue();
    const withEmpty = await clerk('POST', api(`/tickets/${t.id}/reprint`), {});
    const bare = await clerk('POST', api(`/tickets/${t.id}/reprint`));
    expect(withEmpty.statusCode).not.toBe(400);
    expect(bare.statusCode, bare.body).toBe(withEmpty.statusCode);
  });
});

describe('the embedded sample office', () => {
  /** the sample's printers are left out: printing is not what these tests are about */
  const withoutPrinters = (text: string) => {
    const c = parseConfig(text, 'sample.yaml');
    return { ...c, sites: c.sites.map((x) => ({ ...x, printers: [], defaultPrinter: null })) };
  };

  it('in demo mode issues at any hour; with its schedules in force it is closed on a Saturday', async () => {
    const demo = await startServer({ config: withoutPrinters(SAMPLE_CONFIG_TEXT) });
    const real = await startServer({ config: withoutPrinters(TWO_SITE_CONFIG_TEXT) });
    try {
      for (const x of [demo, real]) x.clock.set(SATURDAY_10);
      const body = { queue: 'insurance' };
      const demoTake = await request(demo.app, 'POST', api('/tickets'), { token: demo.kiosk.token, body });
      expect(demoTake.statusCode, demoTake.body).toBe(201);
      expectError(await request(real.app, 'POST', api('/tickets'), { token: real.kiosk.token, body }), 409, 'ISSUING_CLOSED');
      expect((await request(real.app, 'GET', '/api/v1/sites/naka-branch/status')).json()).toMatchObject({ issuing: 'closed' });
      real.clock.set(MONDAY_20);
      expectError(await request(real.app, 'POST', api('/tickets'), { token: real.kiosk.token, body }), 409, 'ISSUING_CLOSED');
      real.clock.set('2026-04-06T00:00:00Z'); // 09:00 JST
      expect((await request(real.app, 'POST', api('/tickets'), { token: real.kiosk.token, body })).statusCode).toBe(201);
    } finally {
      await demo.close();
      await real.close();
    }
  });
});

describe('process', () => {
  it('/healthz answers 200 when the database answers', async () => {
    const res = await request(s.app, 'GET', '/healthz');
    expect(res.statusCode).toBe(200);
  });

  it('/docs/json is an OpenAPI 3 document listing every stable path of docs/api.md (test/api-doc.test.ts checks the whole page)', async () => {
    const res = await request(s.app, 'GET', '/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>();
    expect(doc.openapi).toMatch(/^3\./);
    const expected: Array<[string, string]> = [
      ['get', '/api/v1/sites'],
      ['get', '/api/v1/sites/{site}/status'],
      ['get', '/api/v1/tickets/{token}'],
      ['post', '/api/v1/sites/{site}/tickets'],
      ['post', '/api/v1/auth/login'],
      ['post', '/api/v1/auth/logout'],
      ['post', '/api/v1/sites/{site}/counters/{counter}/call-next'],
      ['post', '/api/v1/sites/{site}/counters/{counter}/call'],
      ['post', '/api/v1/sites/{site}/counters/{counter}/recall'],
      ['post', '/api/v1/sites/{site}/counters/{counter}/start'],
      ['post', '/api/v1/sites/{site}/counters/{counter}/complete'],
      ['post', '/api/v1/sites/{site}/counters/{counter}/no-show'],
      ['post', '/api/v1/sites/{site}/counters/{counter}/transfer'],
      ['post', '/api/v1/sites/{site}/tickets/{id}/reinstate'],
      ['put', '/api/v1/sites/{site}/counters/{counter}'],
      ['put', '/api/v1/sites/{site}/issuing'],
      ['get', '/api/v1/sites/{site}/counters'],
      ['post', '/api/v1/sites/{site}/announcements'],
      ['delete', '/api/v1/sites/{site}/announcements/{id}'],
      ['get', '/api/v1/sites/{site}/reports/daily'],
      ['get', '/api/v1/sites/{site}/reports/daily.csv'],
      ['post', '/api/v1/users'],
      ['post', '/api/v1/sites/{site}/devices'],
      ['delete', '/api/v1/sites/{site}/devices/{id}'],
    ];
    const missing = expected.filter(([method, path]) => !doc.paths[path]?.[method]).map(([m, p]) => `${m.toUpperCase()} ${p}`);
    expect(missing).toEqual([]);
    const ui = await request(s.app, 'GET', '/docs');
    expect(ui.statusCode).toBeLessThan(400);
  });

  it('a 5xx answers INTERNAL without any internals', async () => {
    vi.spyOn(s.m.engine, 'status').mockImplementation(() => {
      throw new Error('SQLITE_IOERR: disk I/O error at /srv/madoguchi/secret.db');
    });
    const res = await request(s.app, 'GET', api('/status'));
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: 'internal error' } });
    expect(res.body).not.toMatch(/SQLITE|secret|stack|at \//);
  });

  it('refuses an anonymous or wrong-role write before looking at its body', async () => {
    expectError(await request(s.app, 'POST', '/api/v1/users', { body: { username: 42 } }), 401, 'UNAUTHORIZED');
    expectError(await request(s.app, 'POST', api('/tickets'), { token: s.display.token, body: { queue: 42 } }), 403, 'FORBIDDEN');
    expectError(await clerk('PUT', api('/issuing'), { state: 'bogus' }), 403, 'FORBIDDEN');
  });

  it('a malformed percent-encoding in the path answers in the error shape', async () => {
    expectError(await request(s.app, 'GET', '/api/v1/sites/%FF/status'), 400);
    expectError(await request(s.app, 'POST', api('/counters/%FF/call-next'), { token: s.clerk.bearer, body: CALL_NEXT_BODY }), 400);
  });

  it('an unknown route answers 404 in the error shape', async () => {
    const res: LightMyRequestResponse = await request(s.app, 'GET', '/api/v1/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(errorOf(res).code).toBe('NOT_FOUND');
  });
});

describe('GET /api/v1/auth/me for a display limited to a floor', () => {
  it('tells the display which queues and counters it shows', async () => {
    const { startServer, defaultConfig, SITE } = await import('./support/server.js');
    const base = defaultConfig();
    const config = {
      ...base,
      sites: base.sites.map((s) => (s.id === SITE ? { ...s, displays: [{ device: '2F display', queues: ['filings'], counters: ['3'] }] } : s)),
    };
    const s = await startServer({ config });
    try {
      const floor = s.m.auth.createDevice(SITE, 'display', '2F display').token;
      const lobby = s.m.auth.createDevice(SITE, 'display', 'lobby display').token;
      const me = async (t: string) => (await s.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${t}` } })).json();
      expect((await me(floor)).device.display).toEqual({ queues: ['filings'], counters: ['3'] });
      expect((await me(lobby)).device.display).toEqual({ queues: null, counters: null });
    } finally {
      await s.close();
    }
  });
});

describe('POST /api/v1/tickets/{token}/feedback (お客様ニーズの把握)', () => {
  it('takes one 1–5 answer after service, and the daily report shows it', async () => {
    const { startServer, SITE } = await import('./support/server.js');
    const s = await startServer();
    try {
      const e = s.m.engine;
      const actor = { kind: 'clerk' as const, id: 'tanaka' };
      e.setCounterState(SITE, '1', 'open', actor);
      const t = e.takeTicket(SITE, { queue: 'certificates' }, { kind: 'device', id: 'k' });
      const send = (rating: unknown) => s.app.inject({ method: 'POST', url: `/api/v1/tickets/${t.token}/feedback`, payload: { rating } });
      expect((await send(5)).json().error.code).toBe('INVALID_TRANSITION'); // still waiting
      e.callNext(SITE, '1', actor);
      e.complete(SITE, '1', actor);
      expect((await send(6)).statusCode).toBe(400);
      expect((await send('5')).statusCode).toBe(400);
      expect((await send(4)).statusCode).toBe(204);
      expect((await send(5)).json().error.code).toBe('CONFLICT');
      expect((await s.app.inject({ method: 'POST', url: '/api/v1/tickets/nope/feedback', payload: { rating: 3 } })).statusCode).toBe(404);
      const report = e.dailyReport(SITE, t.ticket.businessDate);
      expect(report.satisfaction.find((x) => x.queue === 'certificates')).toEqual({ queue: 'certificates', answers: 1, mean: 4 });
      expect((await s.app.inject({ method: 'GET', url: `/api/v1/tickets/${t.token}` })).json().site).toBe(SITE);
    } finally {
      await s.close();
    }
  });
});
