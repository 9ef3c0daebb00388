/**
 * Staff sign-in, sessions, device tokens, CSRF, audit log and how secrets are stored, through
 * the HTTP API of a server built as production builds it.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../server/src/adapters/clock/manual-clock.js';
import { createMadoguchi, DB_FILE, INITIAL_ADMIN_FILE } from '../server/src/server.js';
import { readSettings } from '../server/src/config.js';
import { errorOf, expectError, ORIGIN, PASSWORD, request, SESSION_COOKIE, sessionCookieOf, SITE, startServer, type TestServer } from './support/server.js';

let s: TestServer;
const extra: TestServer[] = [];

beforeEach(async () => {
  s = await startServer();
});

afterEach(async () => {
  await s?.close();
  for (const x of extra.splice(0)) await x.close();
});

const api = (path: string): string => `/api/v1/sites/${SITE}${path}`;
const login = (username: string, password: string, headers: Record<string, string> = {}) =>
  request(s.app, 'POST', '/api/v1/auth/login', { body: { username, password }, headers });
const loginFrom = (remoteAddress: string, username: string, password: string) =>
  s.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress, payload: { username, password } });
const me = (c: { token?: string; cookie?: string }) => request(s.app, 'GET', '/api/v1/auth/me', c);

function setCookieHeader(res: LightMyRequestResponse): string {
  const h = res.headers['set-cookie'];
  const all = Array.isArray(h) ? h : h ? [h] : [];
  const c = all.find((x) => x.startsWith(`${SESSION_COOKIE}=`));
  if (!c) throw new Error(`no ${SESSION_COOKIE} in ${JSON.stringify(h)}`);
  return c;
}

const attributes = (cookie: string): string[] =>
  cookie
    .split(';')
    .slice(1)
    .map((a) => a.trim().toLowerCase());

describe('sign-in', () => {
  it('a wrong password answers 401 and sets no session cookie', async () => {
    const res = await login('tanaka', 'not-the-password');
    expectError(res, 401, 'UNAUTHORIZED');
    expect(res.cookies.filter((c) => c.name === SESSION_COOKIE)).toEqual([]);
    // the answer does not tell a wrong password from an unknown user
    expect(errorOf(await login('nobody-here', 'not-the-password')).message).toBe(errorOf(res).message);
  });

  it('five wrong passwords make that address wait before trying that name again (429 LOCKED_OUT, Retry-After), whatever the password; the wait doubles, then passes', async () => {
    for (let i = 0; i < 5; i++) expectError(await login('tanaka', `wrong-${i}`), 401, 'UNAUTHORIZED');
    const waiting = await login('tanaka', PASSWORD);
    expectError(waiting, 429, 'LOCKED_OUT');
    expect(waiting.headers['retry-after']).toBe('30');
    expect(waiting.cookies.filter((c) => c.name === SESSION_COOKIE)).toEqual([]);
    // other accounts are not held up
    expect((await login('suzuki', PASSWORD)).statusCode).toBe(200);

    s.clock.advance(29_000);
    expectError(await login('tanaka', PASSWORD), 429, 'LOCKED_OUT');
    s.clock.advance(1_000);
    expectError(await login('tanaka', 'wrong-again'), 401, 'UNAUTHORIZED');
    const longer = await login('tanaka', PASSWORD);
    expectError(longer, 429, 'LOCKED_OUT');
    expect(longer.headers['retry-after']).toBe('60');
    s.clock.advance(60_000);
    const ok = await login('tanaka', PASSWORD);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ user: { username: 'tanaka', role: 'clerk' } });
  });

  it('wrong passwords from one address do not lock the account: the right password from another address signs in', async () => {
    for (let i = 0; i < 8; i++) await loginFrom('198.51.100.66', 'admin', `wrong-${i}`);
    expectError(await loginFrom('198.51.100.66', 'admin', s.adminPassword), 429, 'LOCKED_OUT');
    const ok = await loginFrom('203.0.113.10', 'admin', s.adminPassword);
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('an unknown user name gets the same answers, headers and messages as a known one, through the backoff', async () => {
    const answers = async (username: string) => {
      const seen: string[] = [];
      for (let i = 0; i < 7; i++) {
        const r = await loginFrom('198.51.100.66', username, `wrong-${i}`);
        seen.push(`${r.statusCode} ${errorOf(r).code} ${errorOf(r).message} ${r.headers['retry-after'] ?? '-'}`);
      }
      return seen;
    };
    const known = await answers('tanaka');
    expect(await answers('nobody-here')).toEqual(known);
    expect(known.slice(4)).toEqual([
      expect.stringMatching(/^401 UNAUTHORIZED /),
      expect.stringMatching(/^429 LOCKED_OUT .* 30$/),
      expect.stringMatching(/^429 LOCKED_OUT .* 30$/),
    ]);
  });

  it('a spray of user names from one address makes that address wait (429 RATE_LIMITED, Retry-After)', async () => {
    for (let i = 0; i < 31; i++) expectError(await loginFrom('198.51.100.66', `user-${i}`, 'guess-1234'), 401, 'UNAUTHORIZED');
    const refused = await loginFrom('198.51.100.66', 'suzuki', PASSWORD);
    expectError(refused, 429, 'RATE_LIMITED');
    expect(refused.headers['retry-after']).toBe('30');
    expect((await loginFrom('203.0.113.10', 'suzuki', PASSWORD)).statusCode).toBe(200);
  });

  it('four wrong passwords do not lock, and a success starts the count again', async () => {
    for (let i = 0; i < 4; i++) expectError(await login('tanaka', `wrong-${i}`), 401);
    expect((await login('tanaka', PASSWORD)).statusCode).toBe(200);
    for (let i = 0; i < 4; i++) expectError(await login('tanaka', `wrong-${i}`), 401);
    expect((await login('tanaka', PASSWORD)).statusCode).toBe(200);
  });

  it('wrong passwords sent at the same time all count: the address waits', async () => {
    const tries = await Promise.all(Array.from({ length: 10 }, (_, i) => login('tanaka', `wrong-${i}`)));
    for (const r of tries) expect([401, 429]).toContain(r.statusCode);
    expectError(await login('tanaka', PASSWORD), 429, 'LOCKED_OUT');
  });

  it('the sign-in route is rate limited per client', async () => {
    const limited = await startServer({ loginPerMinute: 3 });
    extra.push(limited);
    const tries: LightMyRequestResponse[] = [];
    for (let i = 0; i < 4; i++) tries.push(await request(limited.app, 'POST', '/api/v1/auth/login', { body: { username: 'nobody', password: 'x' } }));
    expect(tries.map((r) => r.statusCode)).toEqual([401, 401, 401, 429]);
    expect(errorOf(tries[3] as LightMyRequestResponse).code).toBe('RATE_LIMITED');
  });
});

describe('behind a reverse proxy (TRUST_PROXY)', () => {
  // the proxy at 10.0.0.5 appends the address it saw; everything left of it is what the client wrote
  const loginIps = (t: TestServer, after: number): string[] => {
    t.m.auth.flushAudit();
    return (t.m.database.connection.prepare(`SELECT ip FROM audit_log WHERE action = 'auth.login' AND id > ? ORDER BY id`).all(after) as Array<{ ip: string }>).map((r) => r.ip);
  };
  const lastAuditId = (t: TestServer): number => {
    t.m.auth.flushAudit();
    return Number((t.m.database.connection.prepare('SELECT coalesce(max(id), 0) AS n FROM audit_log').get() as { n: number }).n);
  };
  const viaProxy = (app: TestServer['app'], forged: string, client = '203.0.113.7') =>
    app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '10.0.0.5',
      headers: { 'x-forwarded-for': `${forged}, ${client}` },
      payload: { username: 'nobody', password: 'not-the-password' },
    });

  it.each([['1'], ['10.0.0.5'], ['10.0.0.0/8,127.0.0.1']])(
    'TRUST_PROXY=%s: the sign-in limit counts the address the proxy saw, whatever X-Forwarded-For the client forges',
    async (value) => {
      const proxied = await startServer({ loginPerMinute: 3, trustProxy: readSettings({ TRUST_PROXY: value }).trustProxy });
      extra.push(proxied);
      const before = lastAuditId(proxied);
      const codes: number[] = [];
      for (let i = 0; i < 4; i++) codes.push((await viaProxy(proxied.app, `198.51.100.${i}`)).statusCode);
      expect(codes).toEqual([401, 401, 401, 429]);
      // another client behind the same proxy is not limited by that one
      expect((await viaProxy(proxied.app, '198.51.100.9', '203.0.113.8')).statusCode).toBe(401);
      expect([...new Set(loginIps(proxied, before))].sort()).toEqual(['203.0.113.7', '203.0.113.8']);
    },
  );

  it('a proxy not in the list is not trusted: its X-Forwarded-For is ignored', async () => {
    const proxied = await startServer({ trustProxy: readSettings({ TRUST_PROXY: '127.0.0.1' }).trustProxy });
    extra.push(proxied);
    const before = lastAuditId(proxied);
    await viaProxy(proxied.app, '198.51.100.1');
    expect(loginIps(proxied, before)).toEqual(['10.0.0.5']);
  });
});

describe('session cookie', () => {
  it('is HttpOnly, SameSite=Strict, Path=/ and not Secure over plain http', async () => {
    const res = await login('suzuki', PASSWORD);
    expect(res.statusCode).toBe(200);
    const attrs = attributes(setCookieHeader(res));
    expect(attrs).toContain('httponly');
    expect(attrs).toContain('samesite=strict');
    expect(attrs).toContain('path=/');
    expect(attrs).not.toContain('secure');
  });

  it('ignores X-Forwarded-Proto when the proxy is not trusted', async () => {
    const res = await login('suzuki', PASSWORD, { 'x-forwarded-proto': 'https' });
    expect(attributes(setCookieHeader(res))).not.toContain('secure');
  });

  it('is Secure behind a trusted https proxy', async () => {
    const proxied = await startServer({ trustProxy: readSettings({ TRUST_PROXY: '1' }).trustProxy });
    extra.push(proxied);
    const res = await request(proxied.app, 'POST', '/api/v1/auth/login', {
      body: { username: 'suzuki', password: PASSWORD },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(res.statusCode).toBe(200);
    const attrs = attributes(setCookieHeader(res));
    expect(attrs).toContain('secure');
    expect(attrs).toContain('httponly');
    expect(attrs).toContain('samesite=strict');
  });

  it('authenticates the staff member, and ends after 12 hours', async () => {
    const cookie = sessionCookieOf(await login('suzuki', PASSWORD));
    expect((await me({ cookie })).json()).toEqual({ user: { username: 'suzuki', role: 'manager', sites: null }, device: null });
    s.clock.advanceMinutes(12 * 60 - 1);
    expect((await me({ cookie })).statusCode).toBe(200);
    s.clock.advanceMinutes(2);
    expectError(await me({ cookie }), 401, 'UNAUTHORIZED');
  });

  it('logout ends the session (204) and clears the cookie', async () => {
    const cookie = sessionCookieOf(await login('tanaka', PASSWORD));
    const out = await request(s.app, 'POST', '/api/v1/auth/logout', { cookie });
    expect(out.statusCode).toBe(204);
    const cleared = out.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cleared?.value ?? '').toBe('');
    expectError(await me({ cookie }), 401, 'UNAUTHORIZED');
    expectError(await request(s.app, 'POST', api('/counters/1/recall'), { cookie }), 401, 'UNAUTHORIZED');
    // the other sessions of the same user stay
    expect((await me({ token: s.clerk.bearer })).statusCode).toBe(200);
    expect((await me({ cookie: s.clerk.cookie })).statusCode).toBe(200);
  });
});

describe('roles, devices and origins', () => {
  it('a clerk is refused a manager action (403), with a cookie or a bearer token', async () => {
    expectError(await request(s.app, 'PUT', api('/issuing'), { cookie: s.clerk.cookie, body: { state: 'paused' } }), 403, 'FORBIDDEN');
    expectError(await request(s.app, 'PUT', api('/issuing'), { token: s.clerk.bearer, body: { state: 'paused' } }), 403, 'FORBIDDEN');
    expectError(await request(s.app, 'POST', api('/announcements'), { token: s.clerk.bearer, body: { message: 'x', severity: 'emergency' } }), 403, 'FORBIDDEN');
    expectError(await request(s.app, 'POST', '/api/v1/users', { token: s.manager.bearer, body: { username: 'x1', password: 'long-enough-pw', role: 'admin' } }), 403, 'FORBIDDEN');
    const st = (await request(s.app, 'GET', api('/status'))).json<{ issuing: string }>();
    expect(st.issuing).toBe('open');
  });

  it('a revoked device is refused on HTTP at once (401)', async () => {
    const take = () => request(s.app, 'POST', api('/tickets'), { token: s.kiosk.token, body: { queue: 'certificates' } });
    expect((await take()).statusCode).toBe(201);
    expect(s.m.auth.revokeDevice(SITE, s.kiosk.id)).toBe(true);
    expectError(await take(), 401, 'UNAUTHORIZED');
    expectError(await me({ token: s.kiosk.token }), 401, 'UNAUTHORIZED');
    // revoked through the HTTP route as well
    expect((await request(s.app, 'DELETE', api(`/devices/${s.display.id}`), { cookie: s.admin.cookie })).statusCode).toBe(204);
    expectError(await me({ token: s.display.token }), 401, 'UNAUTHORIZED');
  });

  it('a write with the session cookie and a foreign Origin (or none) is refused; the server’s own Origin works', async () => {
    const body = { state: 'open' };
    const url = api('/counters/1');
    expectError(await request(s.app, 'PUT', url, { cookie: s.manager.cookie, origin: 'https://evil.example', body }), 403, 'FORBIDDEN');
    expectError(await request(s.app, 'PUT', url, { cookie: s.manager.cookie, origin: 'http://localhost:3000.evil.example', body }), 403, 'FORBIDDEN');
    expectError(await request(s.app, 'PUT', url, { cookie: s.manager.cookie, origin: null, body }), 403, 'FORBIDDEN');
    expectError(await request(s.app, 'POST', '/api/v1/auth/logout', { cookie: s.manager.cookie, origin: 'https://evil.example' }), 403, 'FORBIDDEN');
    const counters = await request(s.app, 'GET', api('/counters'), { cookie: s.manager.cookie, origin: 'https://evil.example' });
    expect(counters.statusCode).toBe(200); // reads need no Origin
    expect(counters.json<{ counters: Array<{ id: string; state: string }> }>().counters[0]).toMatchObject({ id: '1', state: 'closed' });

    const ok = await request(s.app, 'PUT', url, { cookie: s.manager.cookie, origin: ORIGIN, body });
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ counter: { id: '1', state: 'open' } });
    // the session survived the refused logout
    expect((await me({ cookie: s.manager.cookie })).statusCode).toBe(200);
  });
});

interface AuditRow {
  actor_kind: string;
  actor_id: string;
  action: string;
  site_id: string | null;
  target: string | null;
  outcome: string;
}

describe('audit log', () => {
  const auditRows = (): AuditRow[] => {
    s.m.auth.flushAudit();
    return s.m.database.connection.prepare('SELECT actor_kind, actor_id, action, site_id, target, outcome FROM audit_log ORDER BY id').all() as AuditRow[];
  };

  it('every staff write leaves a row, refused ones and failed sign-ins too', async () => {
    const before = auditRows().length;
    const clerk = { token: s.clerk.bearer };
    const manager = { cookie: s.manager.cookie };
    const admin = { token: s.admin.bearer };
    const expected: Array<[string, string, string, string]> = [];
    const write = async (who: { token?: string; cookie?: string }, actor: string, method: 'POST' | 'PUT' | 'DELETE', url: string, action: string, body?: unknown) => {
      const res = await request(s.app, method, url, { ...who, body });
      expected.push([actor, action, res.statusCode < 400 ? 'ok' : 'refused', `${method} ${url} → ${res.statusCode}`]);
      return res;
    };

    await write(manager, 'suzuki', 'PUT', api('/counters/1'), 'counter.update', { state: 'open' });
    await write(manager, 'suzuki', 'PUT', api('/counters/3'), 'counter.update', { state: 'open' });
    const a = (await write({ token: s.kiosk.token }, `kiosk:${s.kiosk.id}`, 'POST', api('/tickets'), 'ticket.take', { queue: 'certificates' })).json<{ id: number }>();
    const b = (await write(manager, 'suzuki', 'POST', api('/tickets'), 'ticket.take', { queue: 'certificates' })).json<{ id: number }>();
    await write(clerk, 'tanaka', 'POST', api('/counters/1/call-next'), 'counter.call-next', {});
    await write(clerk, 'tanaka', 'POST', api('/counters/1/recall'), 'counter.recall');
    await write(clerk, 'tanaka', 'POST', api('/counters/1/start'), 'counter.start');
    await write(clerk, 'tanaka', 'POST', api('/counters/1/transfer'), 'counter.transfer', { queue: 'filings' });
    await write(clerk, 'tanaka', 'POST', api('/counters/1/call'), 'counter.call-out-of-order', { ticket: b.id });
    await write(clerk, 'tanaka', 'POST', api('/counters/1/no-show'), 'counter.no-show');
    await write(clerk, 'tanaka', 'POST', api(`/tickets/${b.id}/reinstate`), 'ticket.reinstate');
    await write(clerk, 'tanaka', 'POST', api(`/tickets/${b.id}/cancel`), 'ticket.cancel');
    await write({ token: s.counter.token }, `counter:${s.counter.id}`, 'POST', api('/counters/3/call-next'), 'counter.call-next', {});
    await write(clerk, 'tanaka', 'POST', api('/counters/3/complete'), 'counter.complete');
    await write(manager, 'suzuki', 'PUT', api('/issuing'), 'issuing.set', { state: 'paused' });
    await write(clerk, 'tanaka', 'PUT', api('/issuing'), 'issuing.set', { state: 'auto' }); // refused: 403
    const ann = (await write(manager, 'suzuki', 'POST', api('/announcements'), 'announcement.post', { message: 'お知らせ', severity: 'info' })).json<{ id: number }>();
    await write(manager, 'suzuki', 'DELETE', api(`/announcements/${ann.id}`), 'announcement.clear');
    await write(admin, 'admin', 'POST', '/api/v1/users', 'user.create', { username: 'sato', password: 'long-enough-pw', role: 'clerk' });
    await write(admin, 'admin', 'POST', '/api/v1/users', 'user.create', { username: 'sato', password: 'long-enough-pw', role: 'clerk' }); // 409
    const dev = (await write(admin, 'admin', 'POST', api('/devices'), 'device.create', { kind: 'display', name: 'lobby 2' })).json<{ id: number }>();
    await write(admin, 'admin', 'DELETE', api(`/devices/${dev.id}`), 'device.revoke');
    await write(clerk, 'tanaka', 'POST', api('/counters/1/recall'), 'counter.recall'); // refused: 409
    await write({ cookie: s.clerk.cookie }, 'tanaka', 'POST', '/api/v1/auth/logout', 'auth.logout');
    expect(a.id).toBeGreaterThan(0);

    const res = await login('suzuki', 'wrong-password');
    expect(res.statusCode).toBe(401);
    expected.push(['suzuki', 'auth.login', 'refused', 'failed login']);
    expect((await login('suzuki', PASSWORD)).statusCode).toBe(200);
    expected.push(['suzuki', 'auth.login', 'ok', 'login']);

    const rows = auditRows().slice(before);
    expect(rows.map((r) => [r.actor_id, r.action, r.outcome])).toEqual(expected.map(([actor, action, outcome]) => [actor, action, outcome]));
    const byAction = (action: string) => rows.filter((r) => r.action === action);
    expect(byAction('counter.recall')[0]).toMatchObject({ actor_kind: 'clerk', site_id: SITE, target: '1' });
    expect(byAction('ticket.take')[0]).toMatchObject({ actor_kind: 'device', site_id: SITE });
    expect(byAction('ticket.cancel')[0]).toMatchObject({ target: String(b.id) });
    expect(byAction('user.create')[0]).toMatchObject({ actor_kind: 'admin', outcome: 'ok' });
    expect(byAction('auth.login')[0]).toMatchObject({ actor_kind: 'anonymous', outcome: 'refused' });
  });

  it('a malformed sign-in attempt is audited too', async () => {
    const before = auditRows().length;
    const res = await request(s.app, 'POST', '/api/v1/auth/login', {
      body: '{"username":{"toString":1},"password":"x"}',
      headers: { 'content-type': 'application/json' },
    });
    expectError(res, 400, 'VALIDATION', 'username');
    expect(auditRows().slice(before)).toEqual([expect.objectContaining({ action: 'auth.login', outcome: 'refused' })]);
  });
});

describe('stored secrets', () => {
  it('passwords are stored as salted scrypt hashes', async () => {
    await s.m.auth.createUser('sato', PASSWORD, 'clerk'); // the same password as tanaka and suzuki
    const rows = s.m.database.connection.prepare('SELECT username, password_hash FROM users ORDER BY id').all() as Array<{ username: string; password_hash: string }>;
    expect(rows.map((r) => r.username).sort()).toEqual(['admin', 'sato', 'suzuki', 'tanaka']);
    for (const r of rows) {
      expect(r.password_hash).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
      expect(r.password_hash).not.toContain(PASSWORD);
      expect(r.password_hash).not.toContain(s.adminPassword);
    }
    expect(new Set(rows.map((r) => r.password_hash)).size).toBe(rows.length);
  });

  it('tokens are stored only as hashes: no raw device, bearer or session token in any table or in the file', async () => {
    const created = (await request(s.app, 'POST', api('/devices'), { token: s.admin.bearer, body: { kind: 'kiosk', name: 'k9' } })).json<{ token: string }>().token;
    const cookie = sessionCookieOf(await login('tanaka', PASSWORD));
    const tokens = [
      s.kiosk.token,
      s.display.token,
      s.counter.token,
      s.otherKiosk.token,
      s.clerk.bearer,
      s.manager.bearer,
      s.admin.bearer,
      s.clerk.cookie,
      s.manager.cookie,
      s.admin.cookie,
      created,
      cookie,
    ];
    const sha = (t: string) => createHash('sha256').update(t).digest('hex');
    const db = s.m.database.connection;
    const hashes = new Set([
      ...(db.prepare('SELECT token_hash FROM devices').all() as Array<{ token_hash: string }>).map((r) => r.token_hash),
      ...(db.prepare('SELECT token_hash FROM sessions').all() as Array<{ token_hash: string }>).map((r) => r.token_hash),
    ]);
    for (const t of tokens) expect(hashes.has(sha(t)), `hash of ${t.slice(0, 4)}…`).toBe(true);

    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['users', 'sessions', 'devices', 'audit_log']));
    const cells = tables.flatMap((t) => (db.prepare(`SELECT * FROM "${t}"`).all() as Array<Record<string, unknown>>).flatMap((r) => Object.values(r).map(String)));
    for (const t of tokens) {
      expect(cells.filter((c) => c.includes(t))).toEqual([]);
      expect(cells.filter((c) => c.includes(t.slice(4, 24)))).toEqual([]);
    }
    for (const file of [DB_FILE, `${DB_FILE}-wal`]) {
      const path = join(s.dir, file);
      if (!existsSync(path)) continue;
      const bytes = readFileSync(path);
      for (const t of tokens) expect(bytes.includes(Buffer.from(t.slice(4))), `${file} holds a raw token`).toBe(false);
    }
  });
});

describe('first start', () => {
  it('creates admin with a random password, written once to initial-admin.txt (0600), and not again', async () => {
    const fresh = await startServer({ fresh: true });
    extra.push(fresh);
    const file = join(fresh.dir, INITIAL_ADMIN_FILE);
    expect(readFileSync(file, 'utf8')).toBe(`admin:${fresh.adminPassword}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(fresh.adminPassword.length).toBeGreaterThanOrEqual(12);
    const res = await request(fresh.app, 'POST', '/api/v1/auth/login', { body: { username: 'admin', password: fresh.adminPassword } });
    expect(res.json()).toEqual({ user: { username: 'admin', role: 'admin' } });

    await fresh.stop();
    const again = await createMadoguchi({ dataDir: fresh.dir, config: s.m.engine.deps.config, clock: new ManualClock(s.clock.now()), logger: false });
    try {
      expect(again.initialAdminPassword).toBeNull();
      expect(again.auth.userCount()).toBe(3);
    } finally {
      await again.close();
    }
  });
});

describe('logout with a bearer token', () => {
  it('ends that token at once', async () => {
    const { startServer } = await import('./support/server.js');
    const s = await startServer();
    try {
      const token = s.m.auth.createStaffToken('tanaka', 1, 'script');
      const me = () => s.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
      expect((await me()).statusCode).toBe(200);
      const out = await s.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: { authorization: `Bearer ${token}` } });
      expect(out.statusCode).toBe(204);
      expect((await me()).statusCode).toBe(401);
    } finally {
      await s.close();
    }
  });
});
