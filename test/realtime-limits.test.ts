import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AckResult, SiteSnapshot } from '@madoguchi/shared';
import { DEFAULT_SOCKET_LIMITS, type SocketLimits } from '../server/src/adapters/realtime/limits.js';
import { request, SITE, startServer, type TestServer } from './support/server.js';
import { handshake, next, Sockets, type Client } from './support/sockets.js';
import { until } from './support/until.js';

let t: TestServer;
let url = '';
const sockets = new Sockets(() => url);

/** A listening server behind one trusted proxy hop (X-Forwarded-For's last entry), so each test socket can come from an address of its own. */
async function start(limits: Partial<SocketLimits> = {}): Promise<void> {
  t = await startServer({ trustProxy: 1, socketLimits: limits });
  url = await t.app.listen({ port: 0, host: '127.0.0.1' });
}

afterEach(async () => {
  sockets.closeAll();
  await t.close();
});

const from = (address: string, token?: string): Client => sockets.open({ headers: { 'x-forwarded-for': address }, ...(token ? { token } : {}) });

async function ready(s: Client): Promise<Client> {
  expect(await handshake(s)).toBe(true);
  return s;
}

const resync = (s: Client): Promise<AckResult<SiteSnapshot>> => s.emitWithAck('site:resync');
const codes = (rs: ReadonlyArray<AckResult<SiteSnapshot>>) => rs.map((r) => (r.ok ? 'ok' : r.error.code));

describe('socket command limits', () => {
  it('answers a flooding anonymous socket RATE_LIMITED after its burst, refills with time, and disconnects it when it keeps on', async () => {
    await start();
    const { socketBurst, disconnectAfterRefused } = DEFAULT_SOCKET_LIMITS;
    const s = await ready(from('203.0.113.1'));
    const burst = await Promise.all(Array.from({ length: socketBurst }, () => resync(s)));
    expect(codes(burst).every((c) => c === 'ok')).toBe(true);
    expect(await resync(s)).toEqual({ ok: false, error: { code: 'RATE_LIMITED', message: expect.any(String) } });

    // the bucket refills on the server's clock: one second later the socket may ask again
    t.clock.advance(1000);
    expect((await resync(s)).ok).toBe(true);

    const closed = next<string>(s, 'disconnect');
    const flood = Array.from({ length: disconnectAfterRefused + 5 }, () => {
      s.emit('site:resync', () => undefined);
    });
    expect(flood).toHaveLength(disconnectAfterRefused + 5);
    expect(await closed).toBe('io server disconnect');
  });

  it('shares one bucket among the anonymous sockets of an address; other addresses and authenticated sockets keep theirs', async () => {
    await start({ socketBurst: 20, addressBurst: 30 });
    const a = await ready(from('203.0.113.1'));
    const b = await ready(from('203.0.113.1'));
    const elsewhere = await ready(from('198.51.100.9'));
    const display = await ready(from('203.0.113.1', t.display.token));
    expect(codes(await Promise.all(Array.from({ length: 20 }, () => resync(a)))).every((c) => c === 'ok')).toBe(true);
    const fromB = codes(await Promise.all(Array.from({ length: 12 }, () => resync(b))));
    // b's own bucket is full, but the address has 10 left
    expect(fromB.filter((c) => c === 'ok')).toHaveLength(10);
    expect(fromB.slice(10)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    expect((await resync(elsewhere)).ok).toBe(true);
    expect((await resync(display)).ok).toBe(true);
  });

  it('refuses an anonymous socket beyond the cap of its address at the handshake; other addresses and devices still connect', async () => {
    await start({ anonymousPerAddress: 3 });
    const three = await Promise.all([1, 2, 3].map(() => ready(from('203.0.113.1'))));
    expect(await handshake(from('203.0.113.1'))).toMatchObject({ code: 'RATE_LIMITED' });
    await ready(from('198.51.100.9'));
    await ready(from('203.0.113.1', t.display.token));
    // a place frees when a socket goes
    three[0]?.disconnect();
    await until(() => t.m.realtime.limiter.addresses.anonymousOf('203.0.113.1') === 2, 'the closed socket counted out');
    await ready(from('203.0.113.1'));
  });
  it('refuses new connections from an address that keeps reconnecting, before the upgrade, until its handshakes refill', async () => {
    await start({ handshakeBurst: 3, handshakePerSecond: 1 });
    for (let i = 0; i < 3; i++) (await ready(from('203.0.113.1'))).disconnect();
    expect(await handshake(from('203.0.113.1'))).not.toBe(true);
    await ready(from('198.51.100.9'));
    t.clock.advance(1000);
    await ready(from('203.0.113.1'));
  });
});

describe('snapshots shared by site, sequence number and audience', () => {
  it('builds one snapshot for a crowd of connections and resyncs, and a new one after the next event', async () => {
    await start();
    const built = vi.spyOn(t.m.engine, 'snapshot');
    const crowd = await Promise.all(Array.from({ length: 8 }, (_, i) => ready(from(`203.0.113.${i + 1}`))));
    const staff = await ready(sockets.open({ token: t.clerk.bearer }));
    const answers = await Promise.all([...crowd, staff].map((s) => resync(s)));
    expect(answers.every((r) => r.ok)).toBe(true);
    expect(built).toHaveBeenCalledTimes(1);

    const issued = await request(t.app, 'POST', `/api/v1/sites/${SITE}/tickets`, { token: t.kiosk.token, body: { queue: 'certificates' } });
    expect(issued.statusCode, issued.body).toBe(201);
    const after = await Promise.all(crowd.map((s) => resync(s)));
    const seq = t.m.engine.siteSeq(SITE);
    expect(after.map((r) => r.ok && r.data.seq)).toEqual(crowd.map(() => seq));
    expect(built).toHaveBeenCalledTimes(2);

    // waits are estimated from the time: a kept snapshot is rebuilt once it is a second old
    t.clock.advance(1000);
    expect((await resync(staff)).ok).toBe(true);
    expect(built).toHaveBeenCalledTimes(3);
  });
});
