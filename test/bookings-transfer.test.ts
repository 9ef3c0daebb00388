/**
 * A booked ticket sent on to another queue (回付) is placed there like any transfer: its booking
 * was for the queue it checked in to, so its slot no longer puts it first, nor behind everyone.
 */
import { afterEach, expect, it } from 'vitest';
import { config, queue, site } from '../server/src/test-support/fixtures.js';
import { request, SITE, startServer, type TestServer } from './support/server.js';
const api = (path: string) => `/api/v1/sites/${SITE}${path}`;
const at = (hhmm: string): string => { const [h = 0, m = 0] = hhmm.split(':').map(Number); return new Date(Date.parse('2026-04-06T00:00:00Z') + ((h - 9) * 60 + m) * 60_000).toISOString(); };
let s: TestServer;
afterEach(async () => s?.close());
it('a booked ticket transferred to another queue before its slot is placed like any transfer there', async () => {
  const booking = { slotMinutes: 30, perSlot: 2, daysAhead: 14, checkInBeforeMinutes: 30, checkInAfterMinutes: 10 };
  s = await startServer({ config: config(site(SITE, { queues: [queue('certificates', 1001), queue('filings', 2001, { booking })] }), site('kita')) });
  const ok = (r: { statusCode: number; body: string }) => { expect(r.statusCode, r.body).toBeLessThan(300); return JSON.parse(r.body); };
  for (const c of ['1', '3']) ok(await request(s.app, 'PUT', api(`/counters/${c}`), { token: s.manager.bearer, body: { state: 'open' } }));
  const b = ok(await s.app.inject({ method: 'POST', url: api('/bookings'), payload: { queue: 'filings', start: at('10:45') }, remoteAddress: '10.0.0.1' }));
  s.clock.set(at('10:20'));
  const booked = ok(await request(s.app, 'POST', api(`/bookings/${b.code}/check-in`), { token: s.kiosk.token }));
  // counter 3 has nobody else: it calls the booked ticket before its slot, serves it, and sends it on to 証明 (回付)
  expect(ok(await request(s.app, 'POST', api('/counters/3/call-next'), { token: s.clerk.bearer, body: {} })).ticket.label).toBe(booked.label);
  ok(await request(s.app, 'POST', api('/counters/3/start'), { token: s.clerk.bearer, body: {} }));
  s.clock.set(at('10:22'));
  // a walk-in of certificates issued after the booked ticket's check-in (its issue time)
  const w = ok(await request(s.app, 'POST', api('/tickets'), { token: s.kiosk.token, body: { queue: 'certificates' } }));
  s.clock.set(at('10:25'));
  ok(await request(s.app, 'POST', api('/counters/3/transfer'), { token: s.clerk.bearer, body: { queue: 'certificates', service: null } }));
  // transferPlacement 'issue-time': the transferred ticket (issued 10:20) goes before the walk-in issued 10:22
  const first = ok(await request(s.app, 'POST', api('/counters/1/call-next'), { token: s.clerk.bearer, body: {} })).ticket.label;
  expect({ first, booked: booked.label, walkIn: w.label }).toEqual({ first: booked.label, booked: booked.label, walkIn: w.label });
});
