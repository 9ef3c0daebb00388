/**
 * Staff bound to sites (issue #13, item 8): in a two-site configuration a manager of one site
 * must not act at the other, over HTTP or on the staff socket.
 */
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientToServerEvents, ServerToClientEvents, SiteSnapshot } from '@madoguchi/shared';
import { expectError, OTHER_SITE, PASSWORD, request, SITE, startServer, type TestServer } from './support/server.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

let s: TestServer;
let listening: Promise<string> | null;
const sockets: Client[] = [];

beforeEach(async () => {
  s = await startServer();
  listening = null;
});

afterEach(async () => {
  for (const c of sockets.splice(0)) c.disconnect();
  await s?.close();
});

const admin = (method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) => request(s.app, method, url, { token: s.admin.bearer, body });
const announce = (token: string, site: string) =>
  request(s.app, 'POST', `/api/v1/sites/${site}/announcements`, { token, body: { message: '非常のお知らせ', severity: 'emergency' } });

/** a user made through the admin API, and a bearer token of theirs */
async function staff(username: string, role: 'clerk' | 'manager', sites?: string[]): Promise<string> {
  const created = await admin('POST', '/api/v1/users', { username, password: PASSWORD, role, ...(sites ? { sites } : {}) });
  expect(created.statusCode, created.body).toBe(201);
  return (await s.m.auth.login(username, PASSWORD, 'bearer')).token;
}

/** connects to the staff room of `site` (none: the server's choice); the snapshot's site, or the refusal's code */
async function join(token: string, site?: string): Promise<string> {
  const url = await (listening ??= s.app.listen({ port: 0, host: '127.0.0.1' }));
  const c: Client = connect(url, { auth: site ? { token, site } : { token }, transports: ['websocket'], reconnection: false });
  sockets.push(c);
  return new Promise((resolve) => {
    c.once('site:snapshot', (snap: SiteSnapshot) => resolve(`joined ${snap.site.id}`));
    c.once('connect_error', (err: Error & { data?: { code?: string } }) => resolve(err.data?.code ?? err.message));
  });
}

describe('staff bound to sites', () => {
  it('a manager bound to one site gets 403 posting an emergency at the other, over HTTP', async () => {
    const kimura = await staff('kimura', 'manager', [SITE]);
    expectError(await announce(kimura, OTHER_SITE), 403, 'FORBIDDEN', 'site');
    expect((await announce(kimura, SITE)).statusCode).toBe(201);
    // every staff route with a site checks it: reads, counters, reports, issuing
    expectError(await request(s.app, 'GET', `/api/v1/sites/${OTHER_SITE}/dashboard`, { token: kimura }), 403, 'FORBIDDEN');
    expectError(await request(s.app, 'PUT', `/api/v1/sites/${OTHER_SITE}/issuing`, { token: kimura, body: { state: 'paused' } }), 403, 'FORBIDDEN');
    expectError(await request(s.app, 'GET', `/api/v1/sites/${OTHER_SITE}/reports/daily?date=2026-04-06`, { token: kimura }), 403, 'FORBIDDEN');
    expectError(await request(s.app, 'PUT', `/api/v1/sites/${OTHER_SITE}/counters/1`, { token: kimura, body: { state: 'open' } }), 403, 'FORBIDDEN');
    // nothing happened at the other site
    expect(s.m.engine.snapshot(OTHER_SITE).announcements).toEqual([]);
  });

  it('a clerk bound to one site cannot call at the other’s counters', async () => {
    const kato = await staff('kato', 'clerk', [OTHER_SITE]);
    expectError(await request(s.app, 'POST', `/api/v1/sites/${SITE}/counters/1/call-next`, { token: kato, body: {} }), 403, 'FORBIDDEN');
    expectError(await request(s.app, 'GET', `/api/v1/sites/${SITE}/counters`, { token: kato }), 403, 'FORBIDDEN');
    expect((await request(s.app, 'GET', `/api/v1/sites/${OTHER_SITE}/counters`, { token: kato })).statusCode).toBe(200);
  });

  it('a manager bound to one site is refused the other site’s staff room on the socket, and starts at their own', async () => {
    const kimura = await staff('kimura', 'manager', [OTHER_SITE]);
    expect(await join(kimura, SITE)).toBe('FORBIDDEN');
    expect(await join(kimura, OTHER_SITE)).toBe(`joined ${OTHER_SITE}`);
    expect(await join(kimura)).toBe(`joined ${OTHER_SITE}`);
    // unbound staff and administrators join any site
    expect(await join(s.manager.bearer, OTHER_SITE)).toBe(`joined ${OTHER_SITE}`);
    expect(await join(s.admin.bearer, SITE)).toBe(`joined ${SITE}`);
  });

  it('without sites a user acts on every site (single-site installations need nothing); /auth/me and the user list say which', async () => {
    expect((await announce(s.manager.bearer, OTHER_SITE)).statusCode).toBe(201);
    const me = (token: string) => request(s.app, 'GET', '/api/v1/auth/me', { token }).then((r) => r.json<{ user: { sites: string[] | null } }>().user.sites);
    expect(await me(s.manager.bearer)).toBeNull();
    expect(await me(s.admin.bearer)).toBeNull();
    const kimura = await staff('kimura', 'manager', [SITE]);
    expect(await me(kimura)).toEqual([SITE]);
    const users = (await admin('GET', '/api/v1/users')).json<{ users: Array<{ username: string; sites: string[] | null }> }>().users;
    expect(users.find((u) => u.username === 'kimura')?.sites).toEqual([SITE]);
    expect(users.find((u) => u.username === s.manager.username)?.sites).toBeNull();
  });

  it('PUT /api/v1/users/{username} sets or clears the sites; the user’s sessions end; bad lists are refused', async () => {
    const before = await staff('kimura', 'manager', [SITE]);
    const put = (body: unknown) => admin('PUT', '/api/v1/users/kimura', body);
    expect((await put({ sites: [OTHER_SITE] })).statusCode).toBe(200);
    expectError(await request(s.app, 'GET', '/api/v1/auth/me', { token: before }), 401, 'UNAUTHORIZED');
    const after = (await s.m.auth.login('kimura', PASSWORD, 'bearer')).token;
    expectError(await announce(after, SITE), 403, 'FORBIDDEN');
    expect((await announce(after, OTHER_SITE)).statusCode).toBe(201);

    expectError(await put({ sites: ['atlantis'] }), 400, 'VALIDATION', 'sites');
    expectError(await put({ sites: [] }), 400, 'VALIDATION', 'sites');
    expectError(await put({ sites: [SITE, SITE] }), 400, 'VALIDATION', 'sites');
    expectError(await admin('PUT', `/api/v1/users/${s.admin.username}`, { sites: [SITE] }), 400, 'VALIDATION', 'sites');
    expectError(await admin('POST', '/api/v1/users', { username: 'ono', password: PASSWORD, role: 'clerk', sites: ['atlantis'] }), 400, 'VALIDATION', 'sites');
    expect(s.m.auth.listUsers().map((u) => u.username)).not.toContain('ono');

    expect((await put({ sites: null })).statusCode).toBe(200);
    const all = (await s.m.auth.login('kimura', PASSWORD, 'bearer')).token;
    expect((await announce(all, SITE)).statusCode).toBe(201);
  });
});
