import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import {
  SiteFeed,
  type ClientToServerEvents,
  type FeedSocket,
  type RecentCall,
  type ServerToClientEvents,
  type SiteEvent,
  type SiteSnapshot,
} from '@madoguchi/shared';
import { ManualClock } from '../server/src/adapters/clock/manual-clock.js';
import { createMadoguchi, type Madoguchi } from '../server/src/server.js';
import { config, MONDAY_10, site } from '../server/src/test-support/fixtures.js';
import { until } from './support/until.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A display's model, as the page keeps it (the shared SiteFeed), recording what it announces. */
class DisplayModel {
  readonly feed: SiteFeed;
  announced: RecentCall[] = [];
  constructor(readonly socket: Client) {
    this.feed = new SiteFeed(socket as unknown as FeedSocket, { onAnnounce: (c) => this.announced.push(c) });
  }
  get state(): SiteSnapshot | null {
    return this.feed.state;
  }
  set state(s: SiteSnapshot | null) {
    this.feed.state = s;
  }
  get gaps(): number {
    return this.feed.gaps;
  }
}

let m: Madoguchi;
let dir: string;
let url: string;
let clerk: string;
let kiosk: string;
let displayToken: string;
const sockets: Client[] = [];

beforeEach(async () => {
  dir = mkdtempSync(`${tmpdir()}/madoguchi-rt-`);
  m = await createMadoguchi({ dataDir: dir, config: config(site('naka', { demo: true })), clock: new ManualClock(MONDAY_10), logger: false });
  const address = await m.app.listen({ port: 0, host: '127.0.0.1' });
  url = address;
  await m.auth.createUser('tanaka', 'password-123', 'clerk');
  clerk = (await m.auth.login('tanaka', 'password-123', 'bearer')).token;
  kiosk = m.auth.createDevice('naka', 'kiosk', 'k1').token;
  displayToken = m.auth.createDevice('naka', 'display', 'd1').token;
  await m.app.inject({ method: 'PUT', url: '/api/v1/sites/naka/counters/1', headers: { authorization: `Bearer ${await managerToken()}` }, payload: { state: 'open' } });
});

async function managerToken(): Promise<string> {
  await m.auth.createUser('suzuki', 'password-123', 'manager');
  return (await m.auth.login('suzuki', 'password-123', 'bearer')).token;
}

afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await m.close();
  rmSync(dir, { recursive: true, force: true });
});

function open(token: string | undefined): Client {
  const s: Client = connect(url, { auth: token ? { token } : { site: 'naka' }, transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 100 });
  sockets.push(s);
  return s;
}

const take = () => m.app.inject({ method: 'POST', url: '/api/v1/sites/naka/tickets', headers: { authorization: `Bearer ${kiosk}` }, payload: { queue: 'certificates' } });
const callNext = () =>
  m.app.inject({ method: 'POST', url: '/api/v1/sites/naka/counters/1/call-next', headers: { authorization: `Bearer ${clerk}` }, payload: { confirmNoShow: true } });

describe('realtime push to a display', () => {
  it('keeps a staff page’s counter current through a recall (its ticket’s recall count), equal to the server', async () => {
    const staff = new DisplayModel(open(clerk));
    await until(() => staff.state !== null, 'snapshot');
    expect((await take()).statusCode).toBe(201);
    expect((await callNext()).statusCode).toBe(200);
    const recalled = await m.app.inject({ method: 'POST', url: '/api/v1/sites/naka/counters/1/recall', headers: { authorization: `Bearer ${clerk}` } });
    expect(recalled.statusCode, recalled.body).toBe(200);
    await until(() => staff.announced.length === 2, 'the recall');
    expect(staff.state?.counters.find((c) => c.id === '1')?.currentTicket?.recalls).toBe(1);
    expect(staff.state?.counters).toEqual(m.engine.snapshot('naka').counters);
  });

  it('sends a snapshot on connect, then a call-next with the next sequence numbers', async () => {
    const display = new DisplayModel(open(displayToken));
    await until(() => display.state !== null, 'snapshot');
    const seq0 = display.state?.seq ?? -1;
    expect(display.state?.site.id).toBe('naka');

    expect((await take()).statusCode).toBe(201);
    const called = await callNext();
    expect(called.statusCode).toBe(200);
    await until(() => display.announced.length === 1, 'the call');
    expect(display.announced[0]).toMatchObject({ label: '1001', counter: '1', recall: false });
    // ticket:issued, ticket:called and counter:updated: consecutive, nothing skipped
    expect(display.state?.seq).toBe(seq0 + 3);
    expect(display.gaps).toBe(0);
    expect(display.state?.queues.find((q) => q.id === 'certificates')).toMatchObject({ waiting: 0, lastCalled: '1001' });
  });

  it('after a forced disconnect during which two calls happen, ends in the right state with no duplicate announcement', async () => {
    const socket = open(displayToken);
    const display = new DisplayModel(socket);
    await until(() => display.state !== null, 'snapshot');
    for (let i = 0; i < 4; i++) expect((await take()).statusCode).toBe(201);
    await callNext();
    await until(() => display.announced.length === 1, 'first call');

    // drop the transport; the client reconnects by itself
    socket.io.engine.close();
    await until(() => !socket.connected, 'disconnect');
    await callNext();
    await callNext();
    await until(() => socket.connected, 'reconnect');
    await until(() => display.state?.recentCalls.length === 3, 'missed calls in the history');
    await callNext();
    await until(() => display.announced.length >= 2, 'a call after reconnecting');

    // the two calls made while offline are in the history but were not announced; nothing twice
    expect(display.announced.map((a) => a.label)).toEqual(['1001', '1004']);
    // the connection state was recovered (missed events replayed), not rebuilt from a snapshot
    expect(socket.recovered).toBe(true);
    expect(display.feed.snapshots).toBe(1);
    const truth = m.engine.snapshot('naka');
    expect(truth.recentCalls.map((c) => c.label)).toEqual(['1004', '1003', '1002', '1001']);
    expect(display.state?.seq).toBe(truth.seq);
    expect(display.state?.recentCalls.map((c) => c.label)).toEqual(truth.recentCalls.map((c) => c.label));
    expect(display.state?.queues.map((q) => [q.id, q.waiting, q.lastCalled])).toEqual(truth.queues.map((q) => [q.id, q.waiting, q.lastCalled]));
  });

  it('resyncs from a snapshot on a gap without announcing the missed calls as new', async () => {
    const socket = open(displayToken);
    const display = new DisplayModel(socket);
    await until(() => display.state !== null, 'snapshot');
    for (let i = 0; i < 3; i++) await take();
    const behind = display.state as SiteSnapshot;
    await callNext();
    await until(() => display.state?.seq === m.engine.snapshot('naka').seq, 'first call applied');
    expect(display.announced.map((a) => a.label)).toEqual(['1001']);
    // the page missed events (as if a recovery failed): it is behind
    let asked = 0;
    const emit = socket.emit.bind(socket) as (ev: string, ...a: unknown[]) => Client;
    (socket as unknown as { emit: (ev: string, ...a: unknown[]) => Client }).emit = (ev, ...a) => {
      if (ev === 'site:resync') asked += 1;
      return emit(ev, ...a);
    };
    display.state = behind;
    await callNext();
    await until(() => display.gaps >= 2 && display.state?.seq === m.engine.snapshot('naka').seq, 'gap and resync');
    // the call (one push standing for two logged rows) came after the gap: one request answers it
    expect(asked).toBe(1);
    expect(display.state?.recentCalls.map((c) => c.label)).toEqual(['1002', '1001']);
    // what came during the gap is history, not a new announcement
    expect(display.announced.map((a) => a.label)).toEqual(['1001']);
  });

  it('never shows the procedure to public screens', async () => {
    const display = new DisplayModel(open(displayToken));
    const staff = new DisplayModel(open(clerk));
    await until(() => display.state !== null && staff.state !== null, 'snapshots');
    const seen: SiteEvent[] = [];
    (display.socket.on as (ev: string, fn: (e: SiteEvent) => void) => void)('ticket:issued', (e) => seen.push(e));
    await m.app.inject({ method: 'POST', url: '/api/v1/sites/naka/tickets', headers: { authorization: `Bearer ${kiosk}` }, payload: { queue: 'filings', service: 'filings-long' } });
    await until(() => seen.length === 1, 'issue event');
    expect(seen[0] && 'ticket' in seen[0] ? seen[0].ticket.service : 'missing').toBeNull();
  });
});

describe('socket authentication', () => {
  it('refuses an invalid token', async () => {
    const s = open('dev_not-a-real-token');
    const err = await new Promise<Error & { data?: { code?: string } }>((resolve) => s.once('connect_error', resolve));
    expect(err.data?.code).toBe('UNAUTHORIZED');
  });

  it('revoking a device disconnects its open socket at once', async () => {
    const created = m.auth.createDevice('naka', 'display', 'd2');
    const s = open(created.token);
    await until(() => s.connected, 'connect');
    const closed = new Promise<string>((resolve) => s.once('disconnect', resolve));
    m.auth.revokeDevice('naka', created.id);
    expect(await closed).toBe('io server disconnect');
  });

  it('validates socket commands with the same schemas as HTTP, and answers through the ack', async () => {
    const s = open(clerk);
    await until(() => s.connected, 'connect');
    const bad = await s.emitWithAck('counter:call-next', { counter: 1 } as never);
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'counter' } });
    await take();
    const good = await s.emitWithAck('counter:call-next', { counter: '1' });
    expect(good.ok && good.data?.label).toBe('1001');
    const display = open(displayToken);
    await until(() => display.connected, 'display connect');
    const refused = await display.emitWithAck('counter:recall', { counter: '1' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });
});
