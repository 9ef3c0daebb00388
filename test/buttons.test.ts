import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { io as connect, type Socket } from 'socket.io-client';
import type { ButtonStatusChanged, ClientToServerEvents, ServerToClientEvents, TicketCalled } from '@madoguchi/shared';
import { FakeButtonSource } from '../server/src/adapters/buttons/fake-button-source.js';
import { ManualClock } from '../server/src/adapters/clock/manual-clock.js';
import type { ButtonBindingDef } from '../server/src/domain/site.js';
import { createMadoguchi, type Madoguchi } from '../server/src/server.js';
import { config, MONDAY_10, site } from '../server/src/test-support/fixtures.js';
import { until } from './support/until.js';

/**
 * Call buttons end to end: a fake HID source in a server built as production builds it, tickets
 * issued over the API, and a lobby display and a manager on real sockets.
 */
type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const FOOT = { vendorId: 0x0c45, productId: 0x7403, product: 'FootSwitch' };
const byPort = (path: string, counter: string): ButtonBindingDef => ({ ...FOOT, path, counter, codes: { 5: 'next' } });

let m: Madoguchi;
let dir: string;
let clock: ManualClock;
let fake: FakeButtonSource;
let kiosk: string;
let manager: string;
const sockets: Client[] = [];

beforeEach(async () => {
  dir = mkdtempSync(`${tmpdir()}/madoguchi-buttons-`);
  clock = new ManualClock(MONDAY_10);
  fake = new FakeButtonSource(clock);
  m = await createMadoguchi({
    dataDir: dir,
    config: config(site('naka', { buttons: [byPort('1-1.2', '1'), byPort('1-1.3', '2')] })),
    clock,
    logger: false,
    printing: false,
    buttons: { source: fake },
  });
  await m.app.listen({ port: 0, host: '127.0.0.1' });
  kiosk = m.auth.createDevice('naka', 'kiosk', 'k1').token;
  await m.auth.createUser('suzuki', 'password-123', 'manager');
  manager = (await m.auth.login('suzuki', 'password-123', 'bearer')).token;
  for (const counter of ['1', '2']) {
    const r = await m.app.inject({ method: 'PUT', url: `/api/v1/sites/naka/counters/${counter}`, headers: { authorization: `Bearer ${manager}` }, payload: { state: 'open' } });
    expect(r.statusCode).toBe(200);
  }
});

afterEach(async () => {
  for (const s of sockets.splice(0)) s.disconnect();
  await m.close();
  rmSync(dir, { recursive: true, force: true });
});

async function open(token: string): Promise<Client> {
  const url = `http://127.0.0.1:${(m.app.server.address() as { port: number }).port}`;
  const s: Client = connect(url, { auth: { token }, transports: ['websocket'] });
  sockets.push(s);
  let snapshot = false;
  s.on('site:snapshot', () => (snapshot = true));
  await until(() => snapshot, 'the snapshot');
  return s;
}

async function take(): Promise<string> {
  const r = await m.app.inject({ method: 'POST', url: '/api/v1/sites/naka/tickets', headers: { authorization: `Bearer ${kiosk}` }, payload: { queue: 'certificates' } });
  expect(r.statusCode).toBe(201);
  return (r.json() as { label: string }).label;
}

describe('USB call buttons in the server', () => {
  it('a button press calls next at its counter, and the display hears the call', async () => {
    const display = await open(m.auth.createDevice('naka', 'display', 'd1').token);
    const called: TicketCalled[] = [];
    display.on('ticket:called', (e) => called.push(e));
    const staff = await open(manager);
    const status: ButtonStatusChanged[] = [];
    staff.on('button:status', (e) => status.push(e));

    const foot = fake.attach({ ...FOOT, path: '1-1.2' });
    expect(await take()).toBe('1001');
    fake.keys(foot.key, 5);

    await until(() => called.length === 1, 'the call on the display');
    expect(called[0]).toMatchObject({ counter: '1', recall: false, ticket: { label: '1001' } });
    // the manager sees the button plugged in, then its press and what it did
    await until(() => status.length === 2, 'the button status');
    expect(status.map((s) => [s.button.id, s.button.connected, s.button.lastResult?.label ?? null])).toEqual([
      ['button:0c45:7403:1-1.2', true, null],
      ['button:0c45:7403:1-1.2', true, '1001'],
    ]);
    const counter = await m.app.inject({ method: 'GET', url: '/api/v1/sites/naka/counters', headers: { authorization: `Bearer ${manager}` } });
    expect(JSON.stringify(counter.json())).toContain('1001');
  });

  it('two counters pressing at the same moment get different tickets', async () => {
    const display = await open(m.auth.createDevice('naka', 'display', 'd1').token);
    const called: TicketCalled[] = [];
    display.on('ticket:called', (e) => called.push(e));
    const one = fake.attach({ ...FOOT, path: '1-1.2' });
    const two = fake.attach({ ...FOOT, path: '1-1.3' });
    await take();
    await take();
    // the same instant of the same clock, in the same tick
    fake.keys(one.key, 5);
    fake.keys(two.key, 5);
    await until(() => called.length === 2, 'both calls');
    expect(called.map((c) => `${c.ticket.label}@${c.counter}`).sort()).toEqual(['1001@1', '1002@2']);
    expect(new Set(called.map((c) => c.seq)).size).toBe(2);
  });

  it('the administrator binds an unknown button with learn mode over the API, sees it listed, and forgets it', async () => {
    await m.auth.createUser('admin2', 'password-123', 'admin');
    const admin = (await m.auth.login('admin2', 'password-123', 'bearer')).token;
    const call = (method: 'GET' | 'POST' | 'DELETE', url: string, payload?: Record<string, unknown>) =>
      m.app.inject({ method, url, headers: { authorization: `Bearer ${admin}` }, ...(payload === undefined ? {} : { payload }) });
    const staff = await open(manager);
    const status: ButtonStatusChanged[] = [];
    staff.on('button:status', (e) => status.push(e));

    const pad = fake.attach({ vendorId: 0x1209, productId: 0x0001, product: 'Pad', serialNumber: 'PAD-7', path: '1-1.4' });
    let listed = (await call('GET', '/api/v1/sites/naka/buttons')).json<{ enabled: boolean; devices: Array<{ serial: string | null; bound: boolean }>; bindings: Array<{ id: string; source: string; counter: string }> }>();
    expect(listed.enabled).toBe(true);
    expect(listed.devices).toEqual([expect.objectContaining({ serial: 'PAD-7', bound: false })]);
    expect(listed.bindings.map((b) => b.source)).toEqual(['config', 'config']);

    expect((await m.app.inject({ method: 'POST', url: '/api/v1/sites/naka/buttons/learn', headers: { authorization: `Bearer ${manager}` }, payload: { counter: '2' } })).statusCode).toBe(403);
    expect((await call('POST', '/api/v1/sites/naka/buttons/learn', { counter: '99' })).statusCode).toBe(404);
    const learn = await call('POST', '/api/v1/sites/naka/buttons/learn', { counter: '2', action: 'next' });
    expect(learn.statusCode, learn.body).toBe(202);
    expect((await call('POST', '/api/v1/sites/naka/buttons/learn', { counter: '1' })).statusCode).toBe(409);
    fake.keys(pad.key, 9);
    await until(() => status.some((e) => e.button.serial === 'PAD-7'), 'the learned button');
    listed = (await call('GET', '/api/v1/sites/naka/buttons')).json();
    expect(listed.devices).toEqual([expect.objectContaining({ serial: 'PAD-7', bound: true })]);
    const learned = listed.bindings.find((b) => b.source === 'learned');
    expect(learned).toMatchObject({ counter: '2' });

    // the learned key now calls at counter 2
    await take();
    fake.keys(pad.key, 0);
    fake.keys(pad.key, 9);
    await until(() => status.some((e) => e.button.serial === 'PAD-7' && e.button.lastResult?.label === '1001'), 'the press');

    // configured bindings stay in the file; the learned one is forgotten, also in the database
    const configured = listed.bindings.find((b) => b.source === 'config');
    expect((await call('DELETE', `/api/v1/sites/naka/buttons/bindings/${encodeURIComponent(configured?.id ?? '')}`)).statusCode).toBe(409);
    expect((await call('DELETE', `/api/v1/sites/naka/buttons/bindings/${encodeURIComponent(learned?.id ?? '')}`)).statusCode).toBe(204);
    listed = (await call('GET', '/api/v1/sites/naka/buttons')).json();
    expect(listed.bindings.map((b) => b.source)).toEqual(['config', 'config']);
    expect(m.database.connection.prepare('SELECT count(*) AS n FROM button_bindings').get()).toEqual({ n: 0 });
    expect((await call('DELETE', `/api/v1/sites/naka/buttons/bindings/nothing`)).statusCode).toBe(404);
  });
});

