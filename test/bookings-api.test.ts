/**
 * Bookings (来庁予約) through the HTTP API (docs/api.md "Bookings", docs/bookings.md): every route
 * with its error codes and who may call it; the last place of a slot under concurrent bookings;
 * the check-in window's edges on the manual clock; cancellation freeing the place; the tick and
 * the day's rollover ending unused bookings as no-shows; a booked ticket's place in the queue
 * (behind earlier walk-ins before its slot, before them from its slot, within the streak limit);
 * the per-address limits.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import type { BookingCreated } from '@madoguchi/shared';
import { config, queue, site } from '../server/src/test-support/fixtures.js';
import type { BookingLimits, InstallationConfig } from '../server/src/domain/site.js';
import { expectError, request, SITE, startServer, type TestServer } from './support/server.js';

const api = (path: string) => `/api/v1/sites/${SITE}${path}`;
/** Monday 2026-04-06 (JST = UTC+9): a slot's start as the server gives it */
const at = (hhmm: string, date = '2026-04-06'): string => {
  const [h = 0, m = 0] = hhmm.split(':').map(Number);
  return new Date(Date.parse(`${date}T00:00:00Z`) + ((h - 9) * 60 + m) * 60_000).toISOString();
};

function bookingConfig(perSlot = 2, limits?: BookingLimits): InstallationConfig {
  const booking = { slotMinutes: 30, perSlot, daysAhead: 14, checkInBeforeMinutes: 30, checkInAfterMinutes: 10 };
  const s = site(SITE, { queues: [queue('certificates', 1001), queue('filings', 2001, { booking })], ...(limits ? { bookingLimits: limits } : {}) });
  return config(s, site('kita'));
}

let s: TestServer;
afterEach(async () => s?.close());

let address = 0;
/** each booking from an address of its own unless told (the per-address limits have their own tests) */
function book(body: Record<string, unknown>, remoteAddress = `10.0.${Math.floor(++address / 250)}.${address % 250}`): Promise<LightMyRequestResponse> {
  return s.app.inject({ method: 'POST', url: api('/bookings'), payload: body, remoteAddress });
}
async function booked(start: string, extra: Record<string, unknown> = {}): Promise<BookingCreated> {
  const res = await book({ queue: 'filings', start, ...extra });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
const checkIn = (code: string, headers: Record<string, string> = {}) =>
  request(s.app, 'POST', api(`/bookings/${code}/check-in`), { token: s.kiosk.token, headers });
const slots = async (date = '2026-04-06') => {
  const res = await request(s.app, 'GET', api(`/booking-slots?queue=filings&date=${date}`));
  expect(res.statusCode, res.body).toBe(200);
  return res.json().slots as Array<{ start: string; end: string; available: number }>;
};
const walkIn = async () => {
  const res = await request(s.app, 'POST', api('/tickets'), { token: s.kiosk.token, body: { queue: 'filings' } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: number; label: string };
};
const openCounter = async (id: string) => {
  const res = await request(s.app, 'PUT', api(`/counters/${id}`), { token: s.manager.bearer, body: { state: 'open' } });
  expect(res.statusCode, res.body).toBe(200);
};
const callNext = async (counter: string): Promise<string> => {
  await request(s.app, 'POST', api(`/counters/${counter}/complete`), { token: s.clerk.bearer, body: {} });
  const res = await request(s.app, 'POST', api(`/counters/${counter}/call-next`), { token: s.clerk.bearer, body: {} });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().ticket.label;
};
const bookingState = async (token: string) => (await request(s.app, 'GET', `/api/v1/bookings/${token}`)).json().state;

describe('slots and booking', () => {
  it('lists the day’s slots from the schedule, none started, none in the cut-off; 404 for a queue without booking', async () => {
    s = await startServer({ config: bookingConfig() });
    const list = await slots();
    // 10:00 now: the 10:15 slot is the first; the last starts before 17:00 (17:15 close, 15 min cut-off)
    expect(list[0]).toEqual({ start: at('10:15'), end: at('10:45'), available: 2 });
    expect(list.at(-1)).toEqual({ start: at('16:45'), end: at('17:15'), available: 2 });
    expect(await slots('2026-04-11')).toEqual([]); // a Saturday
    expect(await slots('2026-04-21')).toEqual([]); // beyond daysAhead
    expectError(await request(s.app, 'GET', api('/booking-slots?queue=certificates&date=2026-04-06')), 404, 'NOT_FOUND', 'queue');
    expectError(await request(s.app, 'GET', api('/booking-slots?queue=nope&date=2026-04-06')), 404, 'NOT_FOUND', 'queue');
    expectError(await request(s.app, 'GET', '/api/v1/sites/nowhere/booking-slots?queue=filings&date=2026-04-06'), 404, 'NOT_FOUND');
    expectError(await request(s.app, 'GET', api('/booking-slots?queue=filings&date=6.4.2026')), 400, 'VALIDATION');
  });

  it('books a slot (code, token, page), shows it by token, and refuses what is not a bookable slot', async () => {
    s = await startServer({ config: bookingConfig() });
    const b = await booked(at('11:15'), { service: 'filings-long', language: 'en' });
    expect(b).toMatchObject({ queue: 'filings', start: at('11:15'), end: at('11:45'), manageUrl: `http://localhost:3000/b/${b.token}` });
    expect(b.code).toMatch(/^\d{6}$/);
    expect((await slots()).find((x) => x.start === at('11:15'))?.available).toBe(1);
    const page = await request(s.app, 'GET', `/api/v1/bookings/${b.token}`);
    expect(page.json()).toEqual({
      code: b.code,
      site: SITE,
      queue: 'filings',
      service: 'filings-long',
      start: at('11:15'),
      end: at('11:45'),
      state: 'booked',
      checkInFrom: at('10:45'),
      checkInUntil: at('11:25'),
      ticketToken: null,
      language: 'en',
    });
    expectError(await request(s.app, 'GET', '/api/v1/bookings/not-a-token'), 404, 'NOT_FOUND');
    expectError(await book({ queue: 'filings', start: at('11:20') }), 409, 'OUTSIDE_HOURS', 'start'); // not a slot start
    expectError(await book({ queue: 'filings', start: at('09:45') }), 409, 'OUTSIDE_HOURS', 'start'); // started
    expectError(await book({ queue: 'filings', start: at('17:00') }), 409, 'OUTSIDE_HOURS', 'start'); // in the cut-off
    expectError(await book({ queue: 'filings', start: at('10:15', '2026-04-11') }), 409, 'OUTSIDE_HOURS', 'start'); // Saturday
    expectError(await book({ queue: 'filings', start: at('10:15', '2026-04-21') }), 409, 'OUTSIDE_HOURS', 'start'); // beyond 14 days
    expectError(await book({ queue: 'certificates', start: at('11:15') }), 404, 'NOT_FOUND', 'queue');
    expectError(await book({ queue: 'filings', service: 'nope', start: at('11:15') }), 404, 'NOT_FOUND', 'service');
    expectError(await book({ queue: 'filings', start: 'soon' }), 400, 'VALIDATION');
  });

  it('SLOT_FULL once the slot’s places are taken; a cancellation frees the place', async () => {
    s = await startServer({ config: bookingConfig(2) });
    const first = await booked(at('13:15'));
    await booked(at('13:15'));
    expectError(await book({ queue: 'filings', start: at('13:15') }), 409, 'SLOT_FULL', 'start');
    const del = await request(s.app, 'DELETE', `/api/v1/bookings/${first.token}`);
    expect(del.statusCode, del.body).toBe(204);
    expect(await bookingState(first.token)).toBe('cancelled');
    expectError(await request(s.app, 'DELETE', `/api/v1/bookings/${first.token}`), 409, 'CONFLICT');
    expect((await slots()).find((x) => x.start === at('13:15'))?.available).toBe(1);
    await booked(at('13:15'));
  });

  it('the last place under 12 concurrent bookings through the real server: exactly one wins, the others SLOT_FULL', async () => {
    s = await startServer({ config: bookingConfig(1) });
    const answers = await Promise.all(Array.from({ length: 12 }, () => book({ queue: 'filings', start: at('14:15') })));
    const codes = answers.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, ...Array(11).fill(409)]);
    for (const r of answers.filter((x) => x.statusCode === 409)) expect(r.json().error.code).toBe('SLOT_FULL');
    const day = await request(s.app, 'GET', api('/bookings?date=2026-04-06'), { token: s.manager.bearer });
    expect(day.json().bookings.filter((b: { start: string; state: string }) => b.start === at('14:15') && b.state === 'booked')).toHaveLength(1);
  });

  it('a closed day takes no bookings and cancels its open ones; reopening takes them again', async () => {
    s = await startServer({ config: bookingConfig() });
    const b = await booked(at('15:15', '2026-04-07'));
    const close = await request(s.app, 'PUT', api('/booking-closures/2026-04-07'), { token: s.manager.bearer, body: { reason: '停電のため' } });
    expect(close.statusCode, close.body).toBe(200);
    expect(close.json()).toEqual({ cancelled: 1 });
    expect(await bookingState(b.token)).toBe('cancelled');
    expectError(await book({ queue: 'filings', start: at('15:15', '2026-04-07') }), 409, 'BOOKING_CLOSED', 'start');
    expect(await slots('2026-04-07')).toEqual([]);
    const list = await request(s.app, 'GET', api('/bookings?date=2026-04-07'), { token: s.manager.bearer });
    expect(list.json()).toMatchObject({ bookings: [{ code: b.code, state: 'cancelled', reason: '停電のため' }], closed: [{ queue: null, reason: '停電のため' }] });
    expectError(await request(s.app, 'PUT', api('/booking-closures/2026-04-07'), { token: s.clerk.bearer, body: { reason: 'x' } }), 403);
    const reopen = await request(s.app, 'DELETE', api('/booking-closures/2026-04-07'), { token: s.manager.bearer });
    expect(reopen.statusCode, reopen.body).toBe(204);
    expectError(await request(s.app, 'DELETE', api('/booking-closures/2026-04-07'), { token: s.manager.bearer }), 404, 'NOT_FOUND');
    await booked(at('15:15', '2026-04-07'));
  });
});

describe('check-in', () => {
  it('the window’s edges: one minute before it opens TOO_EARLY (with the opening), at the opening a booked ticket, at the close yes, a minute after TOO_LATE', async () => {
    s = await startServer({ config: bookingConfig() });
    const early = await booked(at('11:15'));
    const late = await booked(at('11:15'));
    s.clock.set(at('10:44'));
    const tooEarly = expectError(await checkIn(early.code), 409, 'TOO_EARLY', 'code');
    expect(tooEarly.nextOpening).toBe(at('10:45'));
    s.clock.set(at('10:45'));
    const ok = await checkIn(early.code);
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ queue: 'filings', booking: early.code, label: expect.stringMatching(/^2\d{3}$/) });
    const page = (await request(s.app, 'GET', `/api/v1/bookings/${early.token}`)).json();
    expect(page).toMatchObject({ state: 'checked_in', ticketToken: ok.json().token });
    // staff lists mark the ticket booked with its slot start; walk-ins carry no mark
    const list = (await request(s.app, 'GET', api('/tickets'), { token: s.clerk.bearer })).json().tickets as Array<{ id: number; booked?: string }>;
    expect(list.find((x) => x.id === ok.json().id)?.booked).toBe(at('11:15'));
    expectError(await checkIn(early.code), 409, 'ALREADY_CHECKED_IN', 'code');
    s.clock.set(at('11:25'));
    expect((await checkIn(late.code)).statusCode).toBe(201);
    const third = await booked(at('11:45'));
    s.clock.set(at('11:56'));
    expectError(await checkIn(third.code), 409, 'TOO_LATE', 'code');
    expectError(await checkIn('000000'), 404, 'NOT_FOUND', 'code');
    expectError(await request(s.app, 'POST', api('/bookings/12ab56/check-in'), { token: s.kiosk.token }), 400, 'VALIDATION');
  });

  it('the same Idempotency-Key answers the same ticket (200), never a second one; who may check in', async () => {
    s = await startServer({ config: bookingConfig() });
    const b = await booked(at('10:15'));
    const one = await checkIn(b.code, { 'idempotency-key': 'tap-1' });
    expect(one.statusCode, one.body).toBe(201);
    const again = await checkIn(b.code, { 'idempotency-key': 'tap-1' });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().id).toBe(one.json().id);
    const other = await booked(at('10:15'));
    expectError(await request(s.app, 'POST', api(`/bookings/${other.code}/check-in`)), 401);
    expectError(await request(s.app, 'POST', api(`/bookings/${other.code}/check-in`), { token: s.display.token }), 403);
    expectError(await request(s.app, 'POST', `/api/v1/sites/kita/bookings/${other.code}/check-in`, { token: s.kiosk.token }), 403);
    const byClerk = await request(s.app, 'POST', api(`/bookings/${other.code}/check-in`), { token: s.clerk.bearer });
    expect(byClerk.statusCode, byClerk.body).toBe(201);
  });

  it('the tick ends a booking past its window as a no-show, and the next day’s rollover ends the day’s unused ones', async () => {
    s = await startServer({ config: bookingConfig() });
    const soon = await booked(at('10:15'));
    const evening = await booked(at('16:45'));
    s.clock.set(at('10:25'));
    s.m.tick();
    expect(await bookingState(soon.token)).toBe('booked'); // the window's last minute
    s.clock.set(at('10:26'));
    s.m.tick();
    // read from the rows: the booking's page would end it itself
    const stateOf = (code: string) => s.m.database.connection.prepare('SELECT state FROM bookings WHERE code = ?').pluck().get(code);
    expect(stateOf(soon.code)).toBe('no_show');
    expect(stateOf(evening.code)).toBe('booked');
    s.clock.set(at('08:50', '2026-04-07'));
    s.m.tick();
    expect(stateOf(evening.code)).toBe('no_show');
    expect(await bookingState(evening.token)).toBe('no_show');
    expectError(await request(s.app, 'DELETE', `/api/v1/bookings/${evening.token}`), 409, 'CONFLICT');
  });
});

describe('a booked ticket’s place in the queue', () => {
  it('before its slot it waits behind earlier walk-ins; from its slot it is called before them', async () => {
    s = await startServer({ config: bookingConfig() });
    await openCounter('3');
    const b = await booked(at('10:45'));
    s.clock.set(at('10:20'));
    const w1 = await walkIn();
    const booked1 = await checkIn(b.code);
    expect(booked1.statusCode, booked1.body).toBe(201);
    const w2 = await walkIn();
    const w3 = await walkIn();
    // before 10:45: the walk-ins first, even one issued after the check-in
    s.clock.set(at('10:30'));
    expect(await callNext('3')).toBe(w1.label);
    expect(await callNext('3')).toBe(w2.label);
    // from its slot start: before the walk-in who came earlier
    s.clock.set(at('10:45'));
    expect(await callNext('3')).toBe(booked1.json().label);
    expect(await callNext('3')).toBe(w3.label);
  });

  it('booked tickets whose slot started go first within the priority streak limit (3): the walk-in is called fourth', async () => {
    s = await startServer({ config: bookingConfig(5) });
    await openCounter('3');
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await booked(at('10:45'))).code);
    s.clock.set(at('10:20'));
    const w = await walkIn();
    const labels: string[] = [];
    for (const code of codes) labels.push((await checkIn(code)).json().label);
    s.clock.set(at('10:45'));
    const calls = [];
    for (let i = 0; i < 6; i++) calls.push(await callNext('3'));
    expect(calls).toEqual([labels[0], labels[1], labels[2], w.label, labels[3], labels[4]]);
  });
});

describe('the manager’s list and cancellation', () => {
  it('lists the day with checked-in tickets; cancels with a reason; 401 and 403 for others', async () => {
    s = await startServer({ config: bookingConfig() });
    const a = await booked(at('10:15'), { service: 'filings-short' });
    const b = await booked(at('12:15'));
    const t = (await checkIn(a.code)).json();
    const cancel = await request(s.app, 'POST', api(`/bookings/${b.code}/cancel`), { token: s.manager.bearer, body: { reason: '重複予約' } });
    expect(cancel.statusCode, cancel.body).toBe(200);
    expect(cancel.json()).toMatchObject({ code: b.code, state: 'cancelled', reason: '重複予約' });
    expectError(await request(s.app, 'POST', api(`/bookings/${b.code}/cancel`), { token: s.manager.bearer, body: { reason: 'again' } }), 409, 'CONFLICT');
    expectError(await request(s.app, 'POST', api('/bookings/000000/cancel'), { token: s.manager.bearer, body: { reason: 'x' } }), 404, 'NOT_FOUND');
    expectError(await request(s.app, 'POST', api(`/bookings/${a.code}/cancel`), { token: s.manager.bearer, body: {} }), 400, 'VALIDATION');
    const list = await request(s.app, 'GET', api('/bookings?date=2026-04-06'), { token: s.manager.bearer });
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json()).toEqual({
      bookings: [
        { code: a.code, queue: 'filings', service: 'filings-short', start: at('10:15'), end: at('10:45'), state: 'checked_in', ticket: t.label, reason: null },
        { code: b.code, queue: 'filings', service: null, start: at('12:15'), end: at('12:45'), state: 'cancelled', ticket: null, reason: '重複予約' },
      ],
      closed: [],
    });
    expectError(await request(s.app, 'GET', api('/bookings?date=2026-04-06')), 401);
    expectError(await request(s.app, 'GET', api('/bookings?date=2026-04-06'), { token: s.clerk.bearer }), 403);
    expectError(await request(s.app, 'GET', api('/bookings?date=2026-04-06'), { token: s.kiosk.token }), 403);
    expectError(await request(s.app, 'POST', api(`/bookings/${a.code}/cancel`), { token: s.clerk.bearer, body: { reason: 'x' } }), 403);
  });
});

describe('limits per address', () => {
  it('bookings per address per day: 429 past the limit, another address still books', async () => {
    s = await startServer({ config: bookingConfig(10, { perAddressPerDay: 2, perMinute: 100, burst: 100 }) });
    expect((await book({ queue: 'filings', start: at('10:15') }, '192.0.2.7')).statusCode).toBe(201);
    expect((await book({ queue: 'filings', start: at('10:45') }, '192.0.2.7')).statusCode).toBe(201);
    expectError(await book({ queue: 'filings', start: at('11:15') }, '192.0.2.7'), 429, 'RATE_LIMITED');
    expect((await book({ queue: 'filings', start: at('11:15') }, '192.0.2.8')).statusCode).toBe(201);
    // the next day counts afresh
    s.clock.set(at('09:00', '2026-04-07'));
    expect((await book({ queue: 'filings', start: at('11:15', '2026-04-07') }, '192.0.2.7')).statusCode).toBe(201);
    // the address itself is never stored, only its keyed hash
    const rows = s.m.database.connection.prepare('SELECT created_by_addr FROM bookings').pluck().all() as string[];
    expect(rows.every((r) => r !== null && !r.includes('192.0.2'))).toBe(true);
  });

  it('the creation rate: a burst, then 429 with Retry-After until the bucket refills', async () => {
    s = await startServer({ config: bookingConfig(50, { perAddressPerDay: 100, perMinute: 2, burst: 3 }) });
    for (let i = 0; i < 3; i++) expect((await book({ queue: 'filings', start: at('13:15') }, '192.0.2.9')).statusCode).toBe(201);
    const refused = await book({ queue: 'filings', start: at('13:15') }, '192.0.2.9');
    expectError(refused, 429, 'RATE_LIMITED');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    s.clock.advance(30_000);
    expect((await book({ queue: 'filings', start: at('13:15') }, '192.0.2.9')).statusCode).toBe(201);
  });
});

describe('estimates with bookings', () => {
  it('a booked ticket before its slot waits at least until it; walk-ins count the booked work whose slot comes before their call', async () => {
    s = await startServer({ config: bookingConfig(5) });
    await openCounter('3');
    const status = async () => (await request(s.app, 'GET', api('/status'))).json().queues.find((q: { id: string }) => q.id === 'filings').estimatedWaitMinutes as number;
    s.clock.set(at('10:20'));
    for (let i = 0; i < 6; i++) await walkIn();
    const before = await status();
    // called after 10:45 (else the bookings of 10:45 are rightly not ahead of it)
    expect(before).toBeGreaterThan(25);
    // five bookings of 10:45 (not yet checked in): a walk-in called after 10:45 waits for them too
    const codes = [];
    for (let i = 0; i < 5; i++) codes.push((await booked(at('10:45'))).code);
    const withBookings = await status();
    expect(withBookings).toBeGreaterThan(before);
    // checked in before the slot: the ticket's own estimate is at least the 25 minutes to its slot
    const t = (await checkIn(codes[0] ?? '')).json();
    expect(t.estimatedWaitMinutes).toBeGreaterThanOrEqual(25);
    expect(t.ahead).toBe(0);
    // a walk-in's estimate does not fall by the check-in (the booked work was counted already, as likely to come)
    expect(await status()).toBeGreaterThanOrEqual(withBookings);
  });

  it('a booked ticket checked in early with nobody ahead of its place is told it will be called soon, and is', async () => {
    s = await startServer({ config: bookingConfig(5) });
    await openCounter('3');
    const b = await booked(at('10:45'));
    s.clock.set(at('10:15'));
    const t = (await checkIn(b.code)).json();
    // no walk-in waits or came lately: the next free counter calls it, 30 minutes before its slot
    expect(t.estimatedWaitMinutes).toBeLessThan(5);
    expect(await callNext('3')).toBe(t.label);
  });

  it('open bookings count by how likely they are to come: after no-shows, walk-ins expect less booked work ahead', async () => {
    // the same morning twice: five bookings of 10:15 that are cancelled, or that nobody comes for
    const walkInsEstimate = async (noShows: boolean): Promise<number> => {
      s = await startServer({ config: bookingConfig(5) });
      await openCounter('3');
      const early = [];
      for (let i = 0; i < 5; i++) early.push(await booked(at('10:15')));
      if (!noShows) for (const b of early) expect((await request(s.app, 'DELETE', `/api/v1/bookings/${b.token}`)).statusCode).toBe(204);
      s.clock.set(at('10:26'));
      s.m.tick();
      for (const b of early) expect(await bookingState(b.token)).toBe(noShows ? 'no_show' : 'cancelled');
      for (let i = 0; i < 6; i++) await walkIn();
      for (let i = 0; i < 5; i++) await booked(at('10:45'));
      const res = await request(s.app, 'GET', api('/status'));
      await s.close();
      return res.json().queues.find((q: { id: string }) => q.id === 'filings').estimatedWaitMinutes as number;
    };
    const afterCancellations = await walkInsEstimate(false);
    const afterNoShows = await walkInsEstimate(true);
    expect(afterNoShows).toBeLessThan(afterCancellations);
  });
});

describe('reports', () => {
  it('the day’s and the month’s report count a queue’s bookings: made, checked in, no-shows, cancelled', async () => {
    s = await startServer({ config: bookingConfig(5) });
    const a = await booked(at('10:15'));
    const b = await booked(at('10:15'));
    const c = await booked(at('10:45'));
    expect((await checkIn(a.code)).statusCode).toBe(201);
    expect((await request(s.app, 'DELETE', `/api/v1/bookings/${c.token}`)).statusCode).toBe(204);
    s.clock.set(at('10:26'));
    s.m.tick();
    expect(await bookingState(b.token)).toBe('no_show');
    const daily = (await request(s.app, 'GET', api('/reports/daily?date=2026-04-06'), { token: s.manager.bearer })).json();
    const filings = daily.queues.find((q: { queue: string }) => q.queue === 'filings');
    expect(filings.bookings).toEqual({ booked: 2, checkedIn: 1, noShows: 1, cancelled: 1 });
    // a queue that takes no bookings has no such figures
    expect(daily.queues.find((q: { queue: string }) => q.queue === 'certificates').bookings).toBeUndefined();
    const monthly = (await request(s.app, 'GET', api('/reports/monthly?month=2026-04'), { token: s.manager.bearer })).json();
    expect(monthly.queues.find((q: { queue: string }) => q.queue === 'filings').bookings).toEqual({ booked: 2, checkedIn: 1, noShows: 1, cancelled: 1 });
  });
});

describe('what is kept', () => {
  it('the housekeeping after the day closes drops the address hashes and the ended bookings’ tokens', async () => {
    s = await startServer({ config: bookingConfig() });
    const done = await booked(at('10:15'));
    const later = await booked(at('10:15', '2026-04-08'));
    await request(s.app, 'DELETE', `/api/v1/bookings/${done.token}`);
    s.clock.set(at('08:50', '2026-04-07'));
    s.m.tick();
    await s.m.housekeeping.dayClosed();
    const rows = s.m.database.connection.prepare('SELECT code, token, created_by_addr FROM bookings ORDER BY id').all() as Array<{ code: string; token: string; created_by_addr: string | null }>;
    expect(rows.map((r) => r.created_by_addr)).toEqual([null, null]);
    // the ended booking's page is gone; the open one of a later day keeps its page
    expect(rows[0]?.token).toMatch(/^~/);
    expectError(await request(s.app, 'GET', `/api/v1/bookings/${done.token}`), 404, 'NOT_FOUND');
    expect(await bookingState(later.token)).toBe('booked');
  });
});
