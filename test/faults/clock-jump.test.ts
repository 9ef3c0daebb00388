/**
 * docs/product.md §6, "the clock jumps (NTP)": order by sequence, not wall time; durations never negative;
 * and ADR 0001 "the business day never goes backwards".
 *
 * server/src/app/queue-engine.test.ts proves it on the engine (one step back: order kept, service
 * samples ≥ 0; a jump back over midnight reuses no number), and engine.property.test.ts mixes
 * backward clock steps into random operations. Added here, through the HTTP API of a server built
 * as production builds it, with the periodic check (`tick`, every 30 s in main.ts) run after each
 * jump: tickets waiting and called while the clock steps back 45 minutes in the middle of the
 * day; every figure of the dashboard, status, phone page, daily report and CSVs is checked for a
 * negative number; and a jump back across midnight after the day changed must neither start the
 * day again nor reopen the previous one.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { config, site } from '../../server/src/test-support/fixtures.js';
import { request, SITE, startServer, type TestServer } from '../support/server.js';

let s: TestServer | undefined;
afterEach(async () => {
  await s?.close();
  s = undefined;
});

const MINUTE = 60_000;

/** Every number in a JSON answer, with its path, so a failure names the figure. */
function numbersIn(v: unknown, path = ''): Array<[string, number]> {
  if (typeof v === 'number') return [[path, v]];
  if (Array.isArray(v)) return v.flatMap((x, i) => numbersIn(x, `${path}[${i}]`));
  if (v && typeof v === 'object') return Object.entries(v).flatMap(([k, x]) => numbersIn(x, path ? `${path}.${k}` : k));
  return [];
}

function expectNoNegative(res: LightMyRequestResponse, what: string): void {
  expect(res.statusCode, `${what}: ${res.body}`).toBe(200);
  if (/^text\/csv/.test(String(res.headers['content-type']))) {
    // CSV: no cell is a negative number
    const cells = res.body.split(/\r?\n/).flatMap((line) => line.split(','));
    expect(cells.filter((c) => /^"?-\d/.test(c)), what).toEqual([]);
    return;
  }
  expect(numbersIn(res.json()).filter(([, n]) => n < 0), what).toEqual([]);
}

describe('the wall clock jumps backwards', () => {
  it('in the middle of a day: first-come order by sequence, numbering goes on, no figure is ever negative', async () => {
    const srv = (s = await startServer());
    const kiosk = { token: srv.kiosk.token };
    const clerk = { token: srv.clerk.bearer };
    const manager = { token: srv.manager.bearer };
    const take = async (): Promise<{ label: string; token: string; issuedAt: string }> => {
      const r = await request(srv.app, 'POST', `/api/v1/sites/${SITE}/tickets`, { ...kiosk, body: { queue: 'certificates', service: 'certificates-short' } });
      expect(r.statusCode, r.body).toBe(201);
      return r.json();
    };
    const act = async (counter: string, action: 'call-next' | 'start' | 'complete'): Promise<string> => {
      const r = await request(srv.app, 'POST', `/api/v1/sites/${SITE}/counters/${counter}/${action}`, { ...clerk, ...(action === 'call-next' ? { body: {} } : {}) });
      expect(r.statusCode, r.body).toBe(200);
      return (r.json() as { ticket: { label: string } }).ticket.label;
    };
    const everyFigure = async (when: string): Promise<void> => {
      expectNoNegative(await request(srv.app, 'GET', `/api/v1/sites/${SITE}/dashboard`, manager), `${when}: dashboard`);
      expectNoNegative(await request(srv.app, 'GET', `/api/v1/sites/${SITE}/status`), `${when}: status`);
      expectNoNegative(await request(srv.app, 'GET', `/api/v1/sites/${SITE}/counters`, clerk), `${when}: counters`);
      for (const path of ['daily', 'daily.csv', 'daily-summary.csv']) {
        expectNoNegative(await request(srv.app, 'GET', `/api/v1/sites/${SITE}/reports/${path}?date=2026-04-06`, manager), `${when}: ${path}`);
      }
    };
    for (const c of ['1', '2']) expect((await request(srv.app, 'PUT', `/api/v1/sites/${SITE}/counters/${c}`, { ...clerk, body: { state: 'open' } })).statusCode).toBe(200);

    const early: Array<{ label: string; token: string; issuedAt: string }> = [];
    for (let i = 0; i < 6; i++) {
      early.push(await take());
      srv.clock.advance(MINUTE);
    }
    expect(await act('1', 'call-next')).toBe('1001');
    await act('1', 'start');
    srv.clock.advance(4 * MINUTE);

    // NTP steps the clock back 45 minutes (10:10 → 09:25) while 1001 is served and five wait
    srv.clock.advance(-45 * MINUTE);
    srv.m.tick();
    await everyFigure('just after the jump, everyone issued "in the future"');
    const late = [await take(), await take(), await take()];
    expect(late.map((t) => t.label)).toEqual(['1007', '1008', '1009']);
    expect(Date.parse(late[0]?.issuedAt ?? '')).toBeLessThan(Date.parse(early[0]?.issuedAt ?? ''));
    expect(await act('2', 'call-next')).toBe('1002'); // by sequence, though 1007 has the earlier wall time
    await everyFigure('just after the jump, 1001 serving, 1002 called');
    for (const t of [...early, ...late]) {
      const phone = await request(srv.app, 'GET', `/api/v1/tickets/${t.token}`);
      expectNoNegative(phone, `phone page of ${t.label}`);
    }

    // the day goes on: 1001's service ends "before" it started; the rest are called in order
    await act('2', 'start');
    expect(await act('1', 'complete')).toBe('1001');
    const order: string[] = [];
    let counter = '1';
    for (let i = 0; i < 7; i++) {
      srv.clock.advance(2 * MINUTE);
      order.push(await act(counter, 'call-next'));
      await act(counter, 'start');
      const other = counter === '1' ? '2' : '1';
      await act(other, 'complete');
      counter = other;
    }
    expect(order).toEqual(['1003', '1004', '1005', '1006', '1007', '1008', '1009']);
    await act(counter === '1' ? '2' : '1', 'complete');
    await everyFigure('at the end of the run');

    // the jump really produced backward intervals (so the checks above had something to clamp)
    const raw = new Map(srv.m.store.ticketsOfDay(SITE, '2026-04-06').map((t) => [t.label, t]));
    expect((raw.get('1002')?.calledAt ?? 0) < (raw.get('1002')?.issuedAt ?? 0)).toBe(true);
    expect((raw.get('1001')?.endedAt ?? 0) < (raw.get('1001')?.startedAt ?? 0)).toBe(true);
    const report = (await request(srv.app, 'GET', `/api/v1/sites/${SITE}/reports/daily?date=2026-04-06`, manager)).json() as {
      issued: number;
      served: number;
      queues: Array<{ queue: string; waits: { count: number }; serviceTimes: { count: number } }>;
    };
    expect([report.issued, report.served]).toEqual([9, 9]);
    const certificates = report.queues.find((q) => q.queue === 'certificates');
    expect([certificates?.waits.count, certificates?.serviceTimes.count]).toEqual([9, 9]);
    // nothing rolled the day over
    expect(srv.m.store.events(SITE).filter((e) => e.type === 'day:rolled-over').map((e) => e.data.businessDate)).toEqual(['2026-04-06']);
  });

  it('back across midnight after the day changed: no new business day, no number issued twice, yesterday stays closed', async () => {
    // demo mode issues at any hour; Monday 23:50 JST
    const srv = (s = await startServer({ config: config(site(SITE, { demo: true })), now: '2026-04-06T14:50:00Z' }));
    const kiosk = { token: srv.kiosk.token };
    const clerk = { token: srv.clerk.bearer };
    const manager = { token: srv.manager.bearer };
    const take = async (): Promise<{ label: string; businessDate: string }> => {
      const r = await request(srv.app, 'POST', `/api/v1/sites/${SITE}/tickets`, { ...kiosk, body: { queue: 'certificates' } });
      expect(r.statusCode, r.body).toBe(201);
      return r.json();
    };
    const callNext = async (): Promise<string> => {
      const r = await request(srv.app, 'POST', `/api/v1/sites/${SITE}/counters/1/call-next`, { ...clerk, body: { confirmNoShow: true } });
      expect(r.statusCode, r.body).toBe(200);
      return (r.json() as { ticket: { label: string } }).ticket.label;
    };
    const at = (iso: string): void => {
      srv.clock.set(iso);
      srv.m.tick();
    };
    expect((await request(srv.app, 'PUT', `/api/v1/sites/${SITE}/counters/1`, { ...clerk, body: { state: 'open' } })).statusCode).toBe(200);

    const monday = [await take(), await take(), await take()];
    expect(await callNext()).toBe('1001');
    at('2026-04-06T15:05:00Z'); // Tuesday 00:05: the day changes, Monday's open tickets expire
    const t1 = await take();
    expect([t1.label, t1.businessDate]).toEqual(['1001', '2026-04-07']);

    at('2026-04-06T14:58:00Z'); // NTP: back to Monday 23:58
    const t2 = await take();
    expect([t2.label, t2.businessDate]).toEqual(['1002', '2026-04-07']); // Tuesday's numbering goes on
    expect(await callNext()).toBe('1001'); // Tuesday's first, not one of Monday's expired tickets
    at('2026-04-06T15:10:00Z'); // forward again past midnight: still the same day
    const t3 = await take();
    expect([t3.label, t3.businessDate]).toEqual(['1003', '2026-04-07']);

    const status = await request(srv.app, 'GET', `/api/v1/sites/${SITE}/status`);
    expect((status.json() as { businessDate: string }).businessDate).toBe('2026-04-07');
    const rollovers = srv.m.store.events(SITE).filter((e) => e.type === 'day:rolled-over').map((e) => e.data.businessDate);
    expect(rollovers).toEqual(['2026-04-06', '2026-04-07']);
    // Monday's tickets expired once and stay so; Tuesday's are open; labels unique per day
    const tickets = (date: string) => srv.m.store.ticketsOfDay(SITE, date).map((t) => `${t.label}:${t.state}`);
    expect(tickets('2026-04-06')).toEqual(monday.map((t) => `${t.label}:expired`));
    expect(tickets('2026-04-07')).toEqual(['1001:called', '1002:waiting', '1003:waiting']);
    for (const date of ['2026-04-06', '2026-04-07']) {
      expectNoNegative(await request(srv.app, 'GET', `/api/v1/sites/${SITE}/reports/daily?date=${date}`, manager), `report of ${date}`);
      expectNoNegative(await request(srv.app, 'GET', `/api/v1/sites/${SITE}/reports/daily.csv?date=${date}`, manager), `timeline of ${date}`);
    }
    expectNoNegative(await request(srv.app, 'GET', `/api/v1/sites/${SITE}/dashboard`, manager), 'dashboard');
  });
});
