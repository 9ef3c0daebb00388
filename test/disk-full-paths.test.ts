/**
 * Issue #13 item 1, every write path of the server built as production builds it, with
 * "database or disk is full" injected into every write statement: requests answer 507
 * STORAGE_FULL, a failed sign-in's audit row waits in memory instead of ending the process, the
 * periodic tick and the report cache do not throw, `/healthz` says `store: "full"`, the log says
 * it once, and everything is written once there is room. (test/faults/disk-full-load.test.ts does
 * the same with a real full disk and the real process.)
 */
import { io as connect } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents } from '@madoguchi/shared';
import type { Socket } from 'socket.io-client';
import { failWritesMatching, recordingLog } from '../server/src/test-support/disk-full.js';
import { request, SITE, startServer, type TestServer } from './support/server.js';

let s: TestServer;
const disk = { full: false, free: 1 << 30 };
const timers: Array<() => void> = [];
let log: ReturnType<typeof recordingLog>;

beforeEach(async () => {
  disk.full = false;
  disk.free = 1 << 30;
  timers.length = 0;
  s = await startServer({
    storage: { freeBytes: () => disk.free, every: (fn) => (timers.push(fn), () => timers.splice(0)) },
  });
  // every write prepared from now on (the store prepares on first use) fails while `full`
  failWritesMatching(s.m.database.connection, /^\s*(INSERT|UPDATE|DELETE|WITH)\b/i, () => disk.full);
  log = recordingLog();
  s.m.database.storage.attach({ log });
  // open a counter before the disk fills
  expect((await request(s.app, 'PUT', `/api/v1/sites/${SITE}/counters/1`, { token: s.manager.bearer, body: { state: 'open' } })).statusCode).toBe(200);
});

afterEach(async () => {
  disk.full = false;
  await s?.close();
});

const fill = () => {
  disk.full = true;
  disk.free = 10_000;
};
const free = () => {
  disk.full = false;
  disk.free = 1 << 30;
  for (const t of [...timers]) t();
};
const take = () => request(s.app, 'POST', `/api/v1/sites/${SITE}/tickets`, { token: s.kiosk.token, body: { queue: 'certificates' } });
const health = async () => (await request(s.app, 'GET', '/healthz')).json<{ ok: boolean; store: string; pendingAudit: number; refusedWrites: number }>();

describe('every write path on a full disk', () => {
  it('requests answer 507, a failed sign-in’s audit row waits, the log says it once, and all resumes once there is room', async () => {
    expect((await take()).statusCode).toBe(201);
    s.m.auth.flushAudit();
    expect(await health()).toMatchObject({ ok: true, store: 'ok', pendingAudit: 0 });
    fill();

    for (let i = 0; i < 3; i++) {
      const r = await take();
      expect(r.statusCode, r.body).toBe(507);
      expect(r.json()).toMatchObject({ error: { code: 'STORAGE_FULL' } });
    }
    const call = await request(s.app, 'POST', `/api/v1/sites/${SITE}/counters/1/call-next`, { token: s.clerk.bearer });
    expect(call.statusCode, call.body).toBe(507);
    // a failed sign-in, of a known or an unknown name, writes nothing but its audit row (the
    // backoff is in memory): 401, and the rows wait
    expect((await request(s.app, 'POST', '/api/v1/auth/login', { body: { username: 'tanaka', password: 'wrong-password-x' } })).statusCode).toBe(401);
    const anon = await request(s.app, 'POST', '/api/v1/auth/login', { body: { username: 'nobody', password: 'wrong-password-x' } });
    expect(anon.statusCode).toBe(401);
    expect(() => s.m.auth.flushAudit()).not.toThrow();
    // the periodic tick (schedule, rollover, alerts) neither throws nor logs each time
    for (let i = 0; i < 3; i++) expect(() => s.m.tick()).not.toThrow();

    const h = await health();
    expect(h).toMatchObject({ ok: true, store: 'full' });
    expect(h.pendingAudit).toBeGreaterThanOrEqual(2);
    expect(h.refusedWrites).toBeGreaterThanOrEqual(4);
    // reads go on
    expect((await request(s.app, 'GET', `/api/v1/sites/${SITE}/status`)).statusCode).toBe(200);
    expect(log.errors().map((l) => l.msg)).toEqual([expect.stringMatching(/disk holding the database is full/)]);

    free();
    expect(await health()).toMatchObject({ store: 'ok', pendingAudit: 0 });
    const again = await take();
    expect(again.statusCode, again.body).toBe(201);
    expect(again.json<{ label: string }>().label).toBe('1002');
    const audit = s.m.auth.auditLog(50).map((r) => `${String(r.action)}:${String(r.actor_id)}:${String(r.outcome)}`);
    expect(audit).toContain('auth.login:nobody:refused');
    expect(audit).toContain('auth.login:tanaka:refused');
    expect(log.lines.at(-1)?.msg).toMatch(/room again/);
  });

  it('a counter command over the socket acks STORAGE_FULL, not INTERNAL', async () => {
    const url = await s.app.listen({ port: 0, host: '127.0.0.1' });
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = connect(url, { auth: { token: s.clerk.bearer }, transports: ['websocket'] });
    try {
      await new Promise<void>((ok) => socket.once('site:snapshot', () => ok()));
      expect((await take()).statusCode).toBe(201);
      fill();
      const ack = await socket.emitWithAck('counter:call-next', { counter: '1' });
      expect(ack).toMatchObject({ ok: false, error: { code: 'STORAGE_FULL' } });
      free();
      expect(await socket.emitWithAck('counter:call-next', { counter: '1' })).toMatchObject({ ok: true, data: { label: '1001' } });
    } finally {
      socket.disconnect();
    }
  });

  it('a report of a closed day answers 200 while its figures cannot be kept', async () => {
    expect((await take()).statusCode).toBe(201);
    s.clock.advance(24 * 3600_000);
    s.m.tick(); // the next day: Monday is closed
    const { token } = await s.m.auth.login(s.manager.username, s.manager.password, 'bearer'); // a new day, a new sign-in
    fill();
    const r = await request(s.app, 'GET', `/api/v1/sites/${SITE}/reports/daily?date=2026-04-06`, { token });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json<{ tickets: { issued: number } }>()).toMatchObject({ date: '2026-04-06' });
  });
});
