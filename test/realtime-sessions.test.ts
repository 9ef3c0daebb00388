import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ORIGIN, OTHER_SITE, request, SITE, startServer, type TestServer } from './support/server.js';
import { handshake, next, Sockets, type Client } from './support/sockets.js';

let t: TestServer;
let url = '';
const sockets = new Sockets(() => url);

beforeEach(async () => {
  t = await startServer();
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
});

afterEach(async () => {
  sockets.closeAll();
  await t.close();
});

/** A staff socket with a snapshot (the staff view names the clerk at an open counter). */
async function connected(s: Client): Promise<Client> {
  expect(await handshake(s)).toBe(true);
  return s;
}

describe('a socket signed in with the session cookie checks Origin at the handshake', () => {
  it('refuses the staff cookie from another origin, even another port of the same host', async () => {
    const foreign = sockets.open({ cookie: t.clerk.cookie, origin: 'http://127.0.0.1:8081' });
    let snapshots = 0;
    foreign.on('site:snapshot', () => (snapshots += 1));
    expect(await handshake(foreign)).toMatchObject({ code: 'FORBIDDEN' });
    expect(snapshots).toBe(0);
  });

  it('accepts the staff cookie from the public URL’s origin and from the server’s own origin, with the staff view', async () => {
    for (const origin of [ORIGIN, new URL(url).origin]) {
      const s = sockets.open({ cookie: t.clerk.cookie, origin });
      const snapshot = next(s, 'site:snapshot');
      await connected(s);
      await snapshot;
      // a clerk's command runs (and fails on the closed counter), which a public socket may not do
      expect(await s.emitWithAck('counter:recall', { counter: '1' })).toMatchObject({ ok: false, error: { code: 'NO_CURRENT_TICKET' } });
    }
  });

  it('leaves token and anonymous sockets alone, whatever their Origin', async () => {
    await connected(sockets.open({ token: t.clerk.bearer, origin: 'http://evil.example' }));
    await connected(sockets.open({ token: t.display.token, origin: 'http://evil.example' }));
    const anonymous = await connected(sockets.open({ origin: 'http://evil.example' }));
    expect(await anonymous.emitWithAck('counter:recall', { counter: '1' })).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
  });
});

describe('ending a session disconnects its sockets at once', () => {
  const disconnected = (s: Client) => next<string>(s, 'disconnect');

  async function clerkSockets() {
    const cookie = await connected(sockets.open({ cookie: t.clerk.cookie, origin: ORIGIN }));
    const bearer = await connected(sockets.open({ token: t.clerk.bearer }));
    const bystander = await connected(sockets.open({ token: t.manager.bearer }));
    return { cookie, bearer, bystander };
  }

  /** The bystander (another user) keeps its socket and its staff view. */
  async function stillServed(s: Client): Promise<void> {
    const r = await s.emitWithAck('site:resync');
    expect(r.ok && r.data.site.id).toBe(SITE);
    expect(s.connected).toBe(true);
  }

  it('on logout: the cookie’s sockets close; the same user’s other session stays', async () => {
    const { cookie, bearer, bystander } = await clerkSockets();
    const closed = disconnected(cookie);
    const res = await request(t.app, 'POST', '/api/v1/auth/logout', { cookie: t.clerk.cookie });
    expect(res.statusCode, res.body).toBe(204);
    expect(await closed).toBe('io server disconnect');
    await stillServed(bearer);
    await stillServed(bystander);
  });

  it('when the account is disabled', async () => {
    const { cookie, bearer, bystander } = await clerkSockets();
    const closed = Promise.all([disconnected(cookie), disconnected(bearer)]);
    const res = await request(t.app, 'DELETE', '/api/v1/users/tanaka', { token: t.admin.bearer });
    expect(res.statusCode, res.body).toBe(204);
    expect(await closed).toEqual(['io server disconnect', 'io server disconnect']);
    await stillServed(bystander);
  });

  it('when the password is reset', async () => {
    const { cookie, bearer, bystander } = await clerkSockets();
    const closed = Promise.all([disconnected(cookie), disconnected(bearer)]);
    const res = await request(t.app, 'PUT', '/api/v1/users/tanaka', { token: t.admin.bearer, body: { password: 'a-brand-new-password' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(await closed).toEqual(['io server disconnect', 'io server disconnect']);
    await stillServed(bystander);
  });

  it('when the role changes', async () => {
    const { cookie, bearer, bystander } = await clerkSockets();
    const closed = Promise.all([disconnected(cookie), disconnected(bearer)]);
    const res = await request(t.app, 'PUT', '/api/v1/users/tanaka', { token: t.admin.bearer, body: { role: 'manager' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(await closed).toEqual(['io server disconnect', 'io server disconnect']);
    await stillServed(bystander);
  });

  it('when the user’s sites change', async () => {
    const { cookie, bearer, bystander } = await clerkSockets();
    const closed = Promise.all([disconnected(cookie), disconnected(bearer)]);
    const res = await request(t.app, 'PUT', '/api/v1/users/tanaka', { token: t.admin.bearer, body: { sites: [OTHER_SITE] } });
    expect(res.statusCode, res.body).toBe(200);
    expect(await closed).toEqual(['io server disconnect', 'io server disconnect']);
    await stillServed(bystander);
  });

  it('a session that expired gets no snapshot from resync: the socket is closed', async () => {
    const { bearer } = await clerkSockets();
    const closed = disconnected(bearer);
    t.clock.advance(13 * 3600_000); // sessions last 12 hours
    bearer.emit('site:resync', () => {
      throw new Error('an expired session was answered');
    });
    expect(await closed).toBe('io server disconnect');
  });
});
