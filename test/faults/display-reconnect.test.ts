/**
 * docs/product.md §6, "a display off the network for minutes": on reconnect it shows exactly the current
 * state, no announcement twice; at the socket level.
 *
 * Already covered elsewhere, and not repeated here:
 * - test/realtime.test.ts: a transport closed cleanly (both ends know at once) while two calls
 *   are made → recovered by socket.io's connection state recovery, nothing announced twice; and a
 *   sequence gap → resync from a snapshot without announcing.
 * - test/e2e/display.test.ts: the page in Chromium with the browser set offline, and a server
 *   restart under the page.
 *
 * What is added: a real network loss through a TCP proxy that drops bytes silently (no FIN/RST),
 * so the server keeps pushing calls into a dead connection until its heartbeat notices, and
 * reconnection attempts are refused for a while; many calls, recalls and completions meanwhile;
 * and an outage longer than the server's recovery window (2 min), which must end in a fresh
 * snapshot with the missed calls in the history and none announced.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SiteFeed, type ClientToServerEvents, type FeedSocket, type RecentCall, type ServerToClientEvents, type TicketCalled } from '@madoguchi/shared';
import { ManualClock } from '../../server/src/adapters/clock/manual-clock.js';
import { publicSnapshot } from '../../server/src/adapters/realtime/realtime.js';
import { createMadoguchi, type Madoguchi } from '../../server/src/server.js';
import { CLERK, config, KIOSK, MONDAY_10, site } from '../../server/src/test-support/fixtures.js';
import { CuttableProxy } from './support/cuttable-proxy.js';
import { until } from '../support/until.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const SITE = 'naka';
/** counters of the fixture site: 1 and 2 certificates, 3 filings, 4 both */
const COUNTERS = ['1', '2', '3', '4'];
/** the server's heartbeat, shortened so that a silent connection is noticed in about a second, not 45 s */
const HEARTBEAT_MS = 400;

let m: Madoguchi;
let dir: string;
let proxy: CuttableProxy;
let clock: ManualClock;
const sockets: Client[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-display-net-'));
  clock = new ManualClock(MONDAY_10);
  m = await createMadoguchi({ dataDir: dir, config: config(site(SITE, { demo: true })), clock, logger: false, printing: false, buttons: false });
  // engine.io reads these per connection and tells the client in its handshake
  m.realtime.io.engine.opts.pingInterval = HEARTBEAT_MS;
  m.realtime.io.engine.opts.pingTimeout = HEARTBEAT_MS;
  await m.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = m.app.server.address() as { port: number };
  proxy = new CuttableProxy({ host: '127.0.0.1', port });
  await proxy.start();
  for (const c of COUNTERS) m.engine.setCounterState(SITE, c, 'open', CLERK);
});

afterEach(async () => {
  vi.useRealTimers();
  for (const s of sockets.splice(0)) s.disconnect();
  await proxy.close();
  await m.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A lobby display as the page keeps it (SiteFeed), recording announcements and every call pushed to it. */
function openDisplay() {
  const token = m.auth.createDevice(SITE, 'display', 'lobby').token;
  const socket: Client = connect(`http://127.0.0.1:${proxy.port}`, {
    auth: { token },
    transports: ['websocket'],
    reconnectionDelay: 50,
    reconnectionDelayMax: 200,
  });
  sockets.push(socket);
  const announced: RecentCall[] = [];
  const feed = new SiteFeed(socket as unknown as FeedSocket, { onAnnounce: (c) => announced.push(c) });
  const pushedCalls: number[] = [];
  socket.on('ticket:called', (e: TicketCalled) => pushedCalls.push(e.seq));
  let disconnects = 0;
  let refusals = 0;
  socket.on('disconnect', () => (disconnects += 1));
  socket.io.on('reconnect_error', () => (refusals += 1));
  return {
    socket,
    feed,
    announced,
    pushedCalls,
    disconnects: () => disconnects,
    refusals: () => refusals,
  };
}

/** Tickets issued and called at each counter in turn, every fifth call recalled; returns the calls and recalls in order. */
function work(n: number): string[] {
  const calls: string[] = [];
  for (let i = 0; i < n; i++) {
    const counter = COUNTERS[i % COUNTERS.length] ?? '1';
    m.engine.takeTicket(SITE, { queue: counter === '3' ? 'filings' : 'certificates' }, KIOSK);
    const t = m.engine.callNext(SITE, counter, CLERK, { confirmNoShow: true });
    if (!t) throw new Error(`nothing to call at counter ${counter}`);
    calls.push(t.label);
    if (i % 5 === 0) calls.push(m.engine.recall(SITE, counter, CLERK).label);
    clock.advance(20_000);
  }
  return calls;
}

/** The server's own display sockets (the ones it still believes connected). */
const serverDisplays = (): number => [...m.realtime.io.of('/').sockets.values()].filter((s) => s.data.audience === 'public').length;

/**
 * The display's state is the server's public snapshot, field for field; only `at` differs by
 * design (a snapshot's is when it was taken, an event-fed state's is its last event's).
 */
function expectExactlyTheServerState(d: ReturnType<typeof openDisplay>): void {
  const truth = publicSnapshot(m.engine.snapshot(SITE));
  expect({ ...d.feed.state, at: truth.at }).toEqual(truth);
}

describe('a display whose network goes away silently while calls go on', () => {
  it('recovers within the recovery window: the missed calls are history, none announced, nothing twice', async () => {
    const d = openDisplay();
    await until(() => d.feed.state !== null, 'the first snapshot');
    const before = work(4);
    await until(() => d.announced.length === before.length, 'the calls before the cut');
    expect(d.announced.map((a) => a.label)).toEqual(before);

    const [disconnects, refusals] = [d.disconnects(), d.refusals()];
    proxy.cutNetwork();
    // calls the server pushes into the dead connection before its heartbeat notices
    const inFlight = work(6);
    await until(() => serverDisplays() === 0 && d.disconnects() > disconnects, 'both ends noticing the silence');
    // calls made while the display keeps trying to reconnect, and is refused
    const whileAway = work(24);
    await until(() => d.refusals() >= refusals + 2, 'refused reconnection attempts');
    proxy.restoreNetwork();

    await until(() => d.feed.online && d.feed.state?.seq === m.engine.snapshot(SITE).seq, 'the display catching up');
    expect(d.socket.recovered).toBe(true); // missed events replayed, not a new snapshot
    expect(d.feed.snapshots).toBe(1);
    expect(d.feed.gaps).toBe(0);
    expectExactlyTheServerState(d);
    // the missed calls (including the ones lost in flight) reached the display's history ...
    const missed = [...inFlight, ...whileAway];
    expect(missed.length).toBeGreaterThan(30);
    expect(d.feed.state?.recentCalls.map((c) => c.label)).toContain(missed.at(-1));
    // ... but were not announced, and no call was pushed twice
    expect(d.announced.map((a) => a.label)).toEqual(before);
    expect(new Set(d.pushedCalls).size).toBe(d.pushedCalls.length);

    // and what comes next is announced, once
    const after = work(1);
    await until(() => d.announced.length === before.length + after.length, 'the next call and its recall');
    expect(d.announced.slice(before.length).map((a) => [a.label, a.recall])).toEqual([
      [after[0], false],
      [after[0], true],
    ]);
    expectExactlyTheServerState(d);
  });

  it('away longer than the recovery window: a fresh snapshot, exactly the current state, nothing announced from the outage', async () => {
    // socket.io's recovery window is measured with Date: move only Date, the rest runs for real
    vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
    const d = openDisplay();
    await until(() => d.feed.state !== null, 'the first snapshot');
    const before = work(3);
    await until(() => d.announced.length === before.length, 'the calls before the cut');

    const [disconnects, refusals] = [d.disconnects(), d.refusals()];
    proxy.cutNetwork();
    const inFlight = work(5);
    await until(() => serverDisplays() === 0 && d.disconnects() > disconnects, 'both ends noticing the silence');
    const whileAway = work(30);
    vi.setSystemTime(Date.now() + 3 * 60_000); // three minutes offline (the window is two)
    await until(() => d.refusals() >= refusals + 2, 'refused reconnection attempts');
    proxy.restoreNetwork();

    await until(() => d.feed.online && d.feed.state?.seq === m.engine.snapshot(SITE).seq && d.feed.snapshots >= 2, 'a fresh snapshot');
    expect(d.socket.recovered).toBe(false);
    expect(d.feed.gaps).toBe(0);
    expectExactlyTheServerState(d);
    const history = d.feed.state?.recentCalls.map((c) => c.label) ?? [];
    expect(history[0]).toBe([...inFlight, ...whileAway].at(-1));
    expect(d.announced.map((a) => a.label)).toEqual(before);
    expect(new Set(d.pushedCalls).size).toBe(d.pushedCalls.length);

    const after = work(2);
    await until(() => d.announced.length === before.length + after.length, 'the next calls');
    expect(d.announced.map((a) => a.label)).toEqual([...before, ...after]);
    expectExactlyTheServerState(d);
  });
});
