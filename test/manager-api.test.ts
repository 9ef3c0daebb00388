/**
 * The floor manager's API: live figures (dashboard), alerts (thresholds crossed with the clock
 * moved, pushed to staff sockets only), the estimated effect of moving a counter, and the
 * manual clock route of simulations. The real server (createMadoguchi), ManualClock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AlertsMessage, Dashboard, MovePreview } from '@madoguchi/shared';
import { config, site } from '../server/src/test-support/fixtures.js';
import { expectError, request, serverForEachTest, SITE, type TestServer } from './support/server.js';

let s: TestServer;
const { sockets, restart } = serverForEachTest((started) => (s = started));

const api = (p: string) => `/api/v1/sites/${SITE}${p}`;
const manager = (method: 'GET' | 'PUT' | 'POST', url: string, body?: unknown) => request(s.app, method, url, { token: s.manager.bearer, body });
const clerk = (method: 'GET' | 'POST', url: string, body?: unknown) => request(s.app, method, url, { token: s.clerk.bearer, body });

async function issue(queue = 'certificates'): Promise<string> {
  const res = await request(s.app, 'POST', api('/tickets'), { token: s.kiosk.token, body: { queue } });
  expect(res.statusCode, res.body).toBe(201);
  return res.json<{ label: string }>().label;
}
async function open(counter: string): Promise<void> {
  expect((await manager('PUT', api(`/counters/${counter}`), { state: 'open' })).statusCode).toBe(200);
}
async function dashboard(): Promise<Dashboard> {
  const res = await manager('GET', api('/dashboard'));
  expect(res.statusCode, res.body).toBe(200);
  expect(res.headers['cache-control']).toBe('no-store');
  return res.json<Dashboard>();
}
const queueOf = (d: Dashboard, id: string) => {
  const q = d.queues.find((x) => x.id === id);
  if (!q) throw new Error(`no queue ${id}`);
  return q;
};

describe('GET /api/v1/sites/{site}/dashboard', () => {
  it('counts issued, waiting, served and no-shows and measures waits on the clock', async () => {
    await open('1');
    await issue(); // 1001 at 10:00
    s.clock.advanceMinutes(4);
    await issue(); // 1002 at 10:04
    s.clock.advanceMinutes(6);
    // 10:10: 1001 called after 10 minutes, served 5 minutes
    expect((await clerk('POST', api('/counters/1/call-next'), {})).statusCode).toBe(200);
    expect((await clerk('POST', api('/counters/1/start'))).statusCode).toBe(200);
    s.clock.advanceMinutes(5);
    expect((await clerk('POST', api('/counters/1/complete'))).statusCode).toBe(200);
    // 10:15: 1002 called after 11 minutes, then a no-show
    expect((await clerk('POST', api('/counters/1/call-next'), {})).statusCode).toBe(200);
    s.clock.advanceMinutes(2);
    const d1 = await dashboard();
    const c1 = d1.counters.find((c) => c.id === '1');
    expect(c1).toMatchObject({ state: 'calling', currentSeconds: 120, clerk: null });
    expect(c1?.currentTicket?.label).toBe('1002');
    expect((await clerk('POST', api('/counters/1/no-show'), { confirm: true })).statusCode).toBeLessThan(300);
    await issue(); // 1003 at 10:17, waiting
    s.clock.advanceMinutes(40); // 10:57
    const d = await dashboard();
    expect(queueOf(d, 'certificates')).toMatchObject({
      issued: 3,
      waiting: 1,
      served: 1,
      noShows: 1,
      longestWaitMinutes: 40,
      averageWaitToday: 10.5,
      // no call in the last 30 minutes (10:27–10:57)
      averageWaitLast30: null,
      openCounters: 1,
    });
    expect(queueOf(d, 'filings')).toMatchObject({ issued: 0, waiting: 0, longestWaitMinutes: null, averageWaitToday: null });
    expect(d.at).toBe('2026-04-06T01:57:00.000Z');
  });

  it('is for managers: 401 without a session, 403 for a clerk or a device, 404 for an unknown site', async () => {
    expectError(await request(s.app, 'GET', api('/dashboard')), 401);
    expectError(await clerk('GET', api('/dashboard')), 403);
    expectError(await request(s.app, 'GET', api('/dashboard'), { token: s.kiosk.token }), 403);
    expectError(await manager('GET', '/api/v1/sites/nowhere/dashboard'), 404);
  });
});

describe('alerts', () => {
  it('raise when a wait passes its threshold as the clock moves, and clear when it is called', async () => {
    await open('1');
    await issue();
    s.clock.advanceMinutes(59);
    expect((await dashboard()).alerts).toEqual([]);
    s.clock.advanceMinutes(1);
    const [a] = (await dashboard()).alerts;
    expect(a).toMatchObject({ key: 'wait:certificates', kind: 'wait', queue: 'certificates', value: 60, threshold: 60, since: '2026-04-06T02:00:00.000Z' });
    await clerk('POST', api('/counters/1/call-next'), {});
    expect((await dashboard()).alerts).toEqual([]);
  });

  it('raise for a counter paused longer than the site allows, with its reason', async () => {
    expect((await manager('PUT', api('/counters/2'), { state: 'paused', reason: '電話対応' })).statusCode).toBe(200);
    s.clock.advanceMinutes(19);
    expect((await dashboard()).alerts).toEqual([]);
    s.clock.advanceMinutes(1);
    expect((await dashboard()).alerts).toEqual([expect.objectContaining({ key: 'counter_paused:2', value: 20, threshold: 20, detail: '電話対応' })]);
  });

  it('are pushed to staff sockets when the set changes (on the tick after the clock moved), never to public ones', async () => {
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    const staff: AlertsMessage[] = [];
    const publicOnes: unknown[] = [];
    const sm = sockets.open({ token: s.manager.bearer });
    const disp = sockets.open({ token: s.display.token });
    sm.on('alerts', (m) => staff.push(m));
    disp.on('alerts', (m: unknown) => publicOnes.push(m));
    await Promise.all([sm, disp].map((k) => new Promise<void>((ok) => k.once('site:snapshot', () => ok()))));
    await issue();
    s.clock.advanceMinutes(61);
    s.m.tick();
    await until(() => staff.some((m) => m.alerts.some((a) => a.key === 'wait:certificates')));
    const m = staff.find((x) => x.alerts.length > 0);
    expect(m).toMatchObject({ site: SITE, at: '2026-04-06T02:01:00.000Z' });
    const before = staff.length;
    s.m.tick(); // nothing changed: nothing pushed
    await open('1');
    await clerk('POST', api('/counters/1/call-next'), {});
    await until(() => staff.length > before && (staff.at(-1)?.alerts.length ?? 1) === 0);
    expect(staff.filter((x) => x.alerts.length > 0)).toHaveLength(1);
    expect(publicOnes).toEqual([]);
  });
});

async function until(cond: () => boolean): Promise<void> {
  const end = performance.now() + 5_000;
  while (!cond()) {
    if (performance.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('GET …/counters/{counter}/move-preview', () => {
  it('shows the estimate of both queues and the next ticket before and after moving a filings counter to certificates', async () => {
    await open('1');
    await open('3');
    for (let i = 0; i < 6; i++) await issue('certificates');
    await issue('filings');
    const res = await manager('GET', api('/counters/3/move-preview?queues=certificates'));
    expect(res.statusCode, res.body).toBe(200);
    const p = res.json<MovePreview>();
    const cert = p.queues.find((q) => q.id === 'certificates');
    const fil = p.queues.find((q) => q.id === 'filings');
    expect(cert).toMatchObject({ waiting: 6, countersBefore: 1, countersAfter: 2 });
    expect(cert?.after).toBeLessThan(cert?.before ?? 0);
    expect(fil).toMatchObject({ waiting: 1, countersBefore: 1, countersAfter: 0 });
    expect(p.nextTicket).toEqual({ before: '2001', after: '1001' });
    // nothing changed: the counter still calls filings
    const called = await clerk('POST', api('/counters/3/call-next'), {});
    expect(called.json<{ ticket: { label: string } }>().ticket.label).toBe('2001');
  });

  it('answers 400 for an unknown or empty queue list and a primary queue not in it, 404 for an unknown counter', async () => {
    expectError(await manager('GET', api('/counters/3/move-preview?queues=nowhere')), 404, 'NOT_FOUND', 'queues');
    expectError(await manager('GET', api('/counters/3/move-preview?queues=,')), 400, 'VALIDATION', 'queues');
    expectError(await manager('GET', api('/counters/3/move-preview?queues=filings&primaryQueue=certificates')), 400, 'VALIDATION', 'primaryQueue');
    expectError(await manager('GET', api('/counters/99/move-preview?queues=filings')), 404, 'NOT_FOUND', 'counter');
    expectError(await clerk('GET', api('/counters/3/move-preview?queues=filings')), 403);
  });
});

describe('POST /api/v1/clock', () => {
  it('moves a manual clock (admin only) and runs the periodic checks', async () => {
    await issue();
    expectError(await manager('POST', '/api/v1/clock', { advanceMs: 1000 }), 403);
    const res = await request(s.app, 'POST', '/api/v1/clock', { token: s.admin.bearer, body: { advanceMs: 90 * 60_000 } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ now: '2026-04-06T02:30:00.000Z' });
    expectError(await request(s.app, 'POST', '/api/v1/clock', { token: s.admin.bearer, body: {} }), 400, 'VALIDATION', 'advanceMs');
    expectError(await request(s.app, 'POST', '/api/v1/clock', { token: s.admin.bearer, body: { advanceMs: -1 } }), 400, 'VALIDATION');
    // the next morning (staff sessions of the day before have ended by then)
    const to = await request(s.app, 'POST', '/api/v1/clock', { token: s.admin.bearer, body: { to: '2026-04-06T20:00:00Z' } });
    expect(to.json()).toEqual({ now: '2026-04-06T20:00:00.000Z' });
    // the day rolled over on the tick: yesterday's ticket expired
    expect(s.m.engine.dashboard(SITE, [])).toMatchObject({ businessDate: '2026-04-07', queues: expect.arrayContaining([expect.objectContaining({ id: 'certificates', waiting: 0 })]) });
  });
});

describe('administration', () => {
  const admin = (method: 'GET' | 'PUT' | 'POST' | 'DELETE', url: string, body?: unknown) => request(s.app, method, url, { token: s.admin.bearer, body });

  it('lists users, changes a role and a password (ending their sessions), disables an account', async () => {
    const list = await admin('GET', '/api/v1/users');
    expect(list.statusCode).toBe(200);
    const names = list.json<{ users: Array<{ username: string; role: string; disabled: boolean }> }>().users.map((u) => `${u.username}:${u.role}`);
    expect(names).toEqual(expect.arrayContaining([`${s.clerk.username}:clerk`, `${s.manager.username}:manager`, `${s.admin.username}:admin`]));
    expectError(await manager('GET', '/api/v1/users'), 403);

    const promoted = await admin('PUT', `/api/v1/users/${s.clerk.username}`, { role: 'manager' });
    expect(promoted.json(), promoted.body).toEqual({ user: { username: s.clerk.username, role: 'manager' } });
    // the old session ended: new rights at the next sign-in
    expectError(await clerk('GET', api('/counters')), 401);
    expectError(await admin('PUT', `/api/v1/users/${s.clerk.username}`, { password: 'short' }), 400, 'VALIDATION', 'password');
    expect((await admin('PUT', `/api/v1/users/${s.clerk.username}`, { password: 'another-long-password' })).statusCode).toBe(200);
    const login = await request(s.app, 'POST', '/api/v1/auth/login', { body: { username: s.clerk.username, password: 'another-long-password' } });
    expect(login.json()).toMatchObject({ user: { role: 'manager' } });
    expectError(await admin('PUT', '/api/v1/users/nobody', { role: 'clerk' }), 404, 'NOT_FOUND', 'username');
    expectError(await admin('PUT', `/api/v1/users/${s.clerk.username}`, {}), 400, 'VALIDATION');

    expect((await admin('DELETE', `/api/v1/users/${s.manager.username}`)).statusCode).toBe(204);
    expectError(await manager('GET', api('/dashboard')), 401);
    const gone = await request(s.app, 'POST', '/api/v1/auth/login', { body: { username: s.manager.username, password: s.manager.password } });
    expect(gone.statusCode).toBe(401);
    expect((await admin('GET', '/api/v1/users')).json<{ users: Array<{ username: string; disabled: boolean }> }>().users.find((u) => u.username === s.manager.username)?.disabled).toBe(true);
  });

  it('keeps the last administrator: no self-removal, no demotion of the only admin', async () => {
    expectError(await admin('DELETE', `/api/v1/users/${s.admin.username}`), 409, 'CONFLICT', 'username');
    const admins = (await admin('GET', '/api/v1/users')).json<{ users: Array<{ username: string; role: string }> }>().users.filter((u) => u.role === 'admin');
    if (admins.length === 1) expectError(await admin('PUT', `/api/v1/users/${s.admin.username}`, { role: 'clerk' }), 409, 'CONFLICT', 'role');
    else {
      // the initial `admin` of the first start is a second one: the test admin may step down once
      for (const a of admins.filter((x) => x.username !== s.admin.username)) expect((await admin('DELETE', `/api/v1/users/${a.username}`)).statusCode).toBe(204);
      expectError(await admin('PUT', `/api/v1/users/${s.admin.username}`, { role: 'clerk' }), 409, 'CONFLICT', 'role');
    }
  });
});

describe('printer bindings', () => {
  it('lists printers and kiosks, moves a kiosk to another printer (its next ticket prints there) and back', async () => {
    const dir = mkdtempSync(`${tmpdir()}/madoguchi-printers-`);
    const printer = (id: string) => ({ id, name: id, transport: { kind: 'file' as const, path: join(dir, `${id}.bin`) }, model: 'epson' as const, paperWidthMm: 80 as const, kanji: true });
    await restart({ config: config(site(SITE, { printers: [printer('lobby'), printer('upstairs')], defaultPrinter: 'lobby' }), site('kita')) });
    const admin = (method: 'GET' | 'PUT', url: string, body?: unknown) => request(s.app, method, url, { token: s.admin.bearer, body });
    const take = async () => {
      const res = await request(s.app, 'POST', api('/tickets'), { token: s.kiosk.token, body: { queue: 'certificates' } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ print: { printer: string | null } }>().print.printer;
    };
    const listed = await admin('GET', api('/printers'));
    expect(listed.statusCode, listed.body).toBe(200);
    expect(listed.json()).toMatchObject({
      printers: [expect.objectContaining({ id: 'lobby', transport: 'file', health: 'ok', pendingJobs: 0 }), expect.objectContaining({ id: 'upstairs' })],
      kiosks: [{ device: 'kiosk 1', printer: 'lobby', source: 'default' }],
      defaultPrinter: 'lobby',
    });
    expect(await take()).toBe('lobby');
    const moved = await admin('PUT', api(`/kiosks/${encodeURIComponent('kiosk 1')}/printer`), { printer: 'upstairs' });
    expect(moved.json(), moved.body).toEqual({ device: 'kiosk 1', printer: 'upstairs', source: 'override' });
    expect(await take()).toBe('upstairs');
    expectError(await admin('PUT', api('/kiosks/k/printer'), { printer: 'cellar' }), 404, 'NOT_FOUND', 'printer');
    expectError(await admin('PUT', api('/kiosks/k/printer'), { printer: 42 }), 400, 'VALIDATION', 'printer');
    expectError(await manager('PUT', api('/kiosks/k/printer'), { printer: null }), 403);
    expect((await admin('PUT', api(`/kiosks/${encodeURIComponent('kiosk 1')}/printer`), { printer: null })).json()).toEqual({ device: 'kiosk 1', printer: 'lobby', source: 'default' });
    expect(await take()).toBe('lobby');
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('failed slips on the dashboard', () => {
  it('lists today’s tickets whose latest slip failed, also to a page opened afterwards, until printed again or given up', async () => {
    const dir = mkdtempSync(`${tmpdir()}/madoguchi-failed-`);
    const lobby = { id: 'lobby', name: 'lobby', transport: { kind: 'file' as const, path: join(dir, 'lobby.bin') }, model: 'epson' as const, paperWidthMm: 80 as const, kanji: true };
    await restart({ config: config(site(SITE, { printers: [lobby], defaultPrinter: 'lobby' }), site('kita')) });
    const take = async () => {
      const res = await request(s.app, 'POST', api('/tickets'), { token: s.kiosk.token, body: { queue: 'certificates' } });
      expect(res.statusCode, res.body).toBe(201);
      return res.json<{ id: number; label: string; print: { job: number; state: string } }>();
    };
    s.m.engine.recordPrinterHealth(SITE, 'lobby', 'paper_out', null);
    const a = await take();
    const b = await take();
    const c = await take();
    expect([a, b, c].map((t) => t.print.state)).toEqual(['failed', 'failed', 'failed']);
    expect((await dashboard()).failedPrints).toEqual(
      [a, b, c].map((t) => ({ job: t.print.job, ticketId: t.id, label: t.label, printer: 'lobby', kiosk: 'kiosk 1', reason: 'paper_out', at: expect.any(String) })),
    );
    // paper back: one reprinted (its new job settles the failure), one given up on
    s.m.engine.recordPrinterHealth(SITE, 'lobby', 'ok', null);
    expect((await manager('POST', api(`/tickets/${a.id}/reprint`), {})).statusCode).toBe(202);
    expect((await manager('POST', api(`/print-jobs/${b.print.job}/discard`), {})).statusCode).toBe(204);
    expect((await dashboard()).failedPrints.map((j) => j.label)).toEqual([c.label]);
    // the next day does not carry yesterday’s failures (the manager's session has ended by then: ask the engine)
    s.clock.advance(24 * 3600_000);
    s.m.tick();
    expect(s.m.engine.dashboard(SITE, []).failedPrints).toEqual([]);
    rmSync(dir, { recursive: true, force: true });
  });
});
