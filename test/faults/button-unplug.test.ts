/**
 * docs/product.md §6, "a call button unplugged and plugged back": works again within seconds, no restart.
 *
 * server/src/app/button-service.test.ts and server/src/adapters/buttons/hid-button-source.test.ts already prove
 * the service and the node-hid source alone: status pushed both ways, the first report after a
 * re-plug counts as a press, a re-plugged button is read again after one poll. Added here, in a
 * server built as production builds it, with tickets issued over HTTP all along and the manager
 * and a display on real sockets: the button pulled out mid-run while held down and pressed while
 * out, then plugged back: no press made while it was out fires later, it calls again without a
 * restart, and the manager sees it disconnected, then connected. The second test runs the
 * production HidButtonSource (fake node-hid and sysfs, real polling) and makes the old device
 * handle deliver late reports after the unplug and after the re-plug on the same hidraw node.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import type { ButtonStatusChanged, ClientToServerEvents, ServerToClientEvents, TicketCalled } from '@madoguchi/shared';
import { FakeButtonSource } from '../../server/src/adapters/buttons/fake-button-source.js';
import { HidButtonSource } from '../../server/src/adapters/buttons/hid-button-source.js';
import { ManualClock } from '../../server/src/adapters/clock/manual-clock.js';
import type { ButtonSource } from '../../server/src/ports/button-source.js';
import { createMadoguchi, type Madoguchi } from '../../server/src/server.js';
import { CLERK, config, MONDAY_10, site } from '../../server/src/test-support/fixtures.js';
import { FakeHid, plugSysfs, unplugSysfs } from './support/fake-hid.js';
import { until } from '../support/until.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const SITE = 'naka';
/** PCsensor FootSwitch (keyboard-style reports), bound by its USB port; "b" calls next, "c" completes */
const FOOT = { vendorId: 0x0c45, productId: 0x7403, product: 'FootSwitch' };
const NEXT = 5;
const COMPLETE = 6;
const PORT = '1-1.2';

let m: Madoguchi | undefined;
let dir: string | undefined;
let sysfs: string | undefined;
let hidSource: HidButtonSource | undefined;
let stopIssuing: (() => Promise<void>) | undefined;
const sockets: Client[] = [];

afterEach(async () => {
  await stopIssuing?.();
  stopIssuing = undefined;
  for (const s of sockets.splice(0)) s.disconnect();
  await m?.close();
  await hidSource?.close();
  for (const d of [dir, sysfs]) if (d) rmSync(d, { recursive: true, force: true });
  m = undefined;
  hidSource = undefined;
  dir = undefined;
  sysfs = undefined;
});

async function start(clock: ManualClock, source: ButtonSource) {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-unplug-'));
  const server = await createMadoguchi({
    dataDir: dir,
    // one kiosk issues the whole run at a standing manual clock: no per-kiosk issue limit here
    config: config(site(SITE, { demo: true, issueLimit: { perMinute: 100_000, burst: 100_000 }, buttons: [{ ...FOOT, path: PORT, counter: '1', codes: { [NEXT]: 'next', [COMPLETE]: 'complete' } }] })),
    clock,
    logger: false,
    printing: false,
    buttons: { source },
  });
  m = server;
  const url = await server.app.listen({ port: 0, host: '127.0.0.1' });
  server.engine.setCounterState(SITE, '1', 'open', CLERK);
  const kiosk = server.auth.createDevice(SITE, 'kiosk', 'k1').token;
  const open = async (token: string): Promise<Client> => {
    const s: Client = connect(url, { auth: { token }, transports: ['websocket'] });
    sockets.push(s);
    let ready = false;
    s.on('site:snapshot', () => (ready = true));
    await until(() => ready, 'a snapshot');
    return s;
  };
  const manager = await open(server.auth.createStaffToken('admin', 1, 'fault test'));
  const statuses: boolean[] = [];
  manager.on('button:status', (e: ButtonStatusChanged) => statuses.push(e.button.connected));
  const display = await open(server.auth.createDevice(SITE, 'display', 'lobby').token);
  const calls: string[] = [];
  display.on('ticket:called', (e: TicketCalled) => calls.push(e.ticket.label));
  // tickets keep coming from the kiosk over HTTP while the button is used, pulled out and plugged back
  let issued = 0;
  let stop = false;
  const issuing = (async () => {
    while (!stop && issued < 80) {
      const r = await server.app.inject({ method: 'POST', url: `/api/v1/sites/${SITE}/tickets`, headers: { authorization: `Bearer ${kiosk}` }, payload: { queue: 'certificates' } });
      expect(r.statusCode, r.body).toBe(201);
      issued += 1;
      await new Promise((resolve) => setImmediate(resolve));
    }
  })();
  const stopIt = async (): Promise<void> => {
    stop = true;
    await issuing;
  };
  stopIssuing = stopIt;
  await until(() => issued >= 10, 'tickets waiting');
  return {
    server,
    statuses,
    calls,
    /** the calls the engine made (whether or not the display heard them yet) */
    engineCalls: () => server.engine.snapshot(SITE).recentCalls.length,
    stopIssuing: stopIt,
  };
}

describe('a USB call button unplugged mid-run and plugged back', () => {
  it('ignores presses while it is out, calls again when back without a restart, and the manager sees both changes', async () => {
    const clock = new ManualClock(MONDAY_10);
    const fake = new FakeButtonSource(clock);
    const r = await start(clock, fake);
    /** a press and release of one key, then a second of the clock (outside the debounce window) */
    const click = (key: string, code: number): boolean => {
      const down = fake.keys(key, code);
      clock.advance(80);
      fake.keys(key);
      clock.advance(1000);
      return down;
    };
    const serve = async (key: string): Promise<void> => {
      const before = r.calls.length;
      expect(click(key, NEXT)).toBe(true);
      await until(() => r.calls.length === before + 1, 'the call on the display');
      expect(click(key, COMPLETE)).toBe(true);
    };

    const first = fake.attach({ ...FOOT, path: PORT });
    await until(() => r.statuses.at(-1) === true, 'button:status connected');
    for (let i = 0; i < 3; i++) await serve(first.key);
    expect(r.calls).toEqual(['1001', '1002', '1003']);

    // pulled out while held down, in the middle of the work
    fake.keys(first.key, NEXT);
    await until(() => r.calls.length === 4, 'the press before the unplug');
    fake.detach(first.key);
    await until(() => r.statuses.at(-1) === false, 'button:status disconnected');
    // the clerk keeps pressing the unplugged button: nothing is read, nothing is kept for later
    for (let i = 0; i < 5; i++) expect(click(first.key, NEXT)).toBe(false);
    expect(r.engineCalls()).toBe(4);

    // plugged back into the same port (the source gives it a new key, like a new hidraw node)
    const back = fake.attach({ ...FOOT, path: PORT });
    await until(() => r.statuses.at(-1) === true, 'button:status connected again');
    expect(r.engineCalls()).toBe(4); // the presses made while it was out did not fire now
    expect(click(back.key, COMPLETE)).toBe(true);
    await serve(back.key);
    await r.stopIssuing();
    expect(r.calls).toEqual(['1001', '1002', '1003', '1004', '1005']);
    expect(r.engineCalls()).toBe(5);
    // the manager saw: connected … disconnected … connected
    const changes = r.statuses.filter((c, i) => i === 0 || c !== r.statuses[i - 1]);
    expect(changes).toEqual([true, false, true]);
  });

  it('with the node-hid source: late reports of the pulled-out device never fire, even when the re-plugged one gets the same hidraw node', async () => {
    const clock = new ManualClock(MONDAY_10);
    sysfs = mkdtempSync(join(tmpdir(), 'madoguchi-sysfs-'));
    const root = sysfs;
    const hid = new FakeHid();
    const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
    hidSource = await HidButtonSource.open({ clock, log, loadHid: () => Promise.resolve(hid), sysfsRoot: root, pollMs: 20 });
    const r = await start(clock, hidSource);
    const down = Buffer.from([0, 0, NEXT, 0, 0, 0, 0, 0]);
    const complete = Buffer.from([0, 0, COMPLETE, 0, 0, 0, 0, 0]);
    const up = Buffer.from([0, 0, 0, 0, 0, 0, 0, 0]);
    const press = (h: { emit(e: 'data', d: Buffer): boolean } | undefined, report: Buffer): void => {
      h?.emit('data', report);
      clock.advance(80);
      h?.emit('data', up);
      clock.advance(1000);
    };

    plugSysfs(root, 'hidraw5', PORT);
    hid.list = [{ ...FOOT, serialNumber: '', path: '/dev/hidraw5' }];
    await until(() => r.statuses.at(-1) === true && hid.handle('/dev/hidraw5') !== undefined, 'the button found and opened by the poll');
    const old = hid.handle('/dev/hidraw5');
    press(old, down);
    await until(() => r.calls.length === 1, 'the first call');
    press(old, complete);

    // pulled out while held down: the read fails, the next enumeration no longer lists it
    old?.emit('data', down);
    await until(() => r.calls.length === 2, 'the press before the unplug');
    hid.list = [];
    unplugSysfs(root, 'hidraw5');
    old?.emit('error', new Error('could not read from HID device'));
    await until(() => r.statuses.at(-1) === false, 'button:status disconnected');
    r.server.engine.complete(SITE, '1', CLERK);
    // reports the dead handle still delivers (buffered in the driver) while the button is out
    for (let i = 0; i < 3; i++) press(old, down);
    expect(r.engineCalls()).toBe(2);

    // plugged back; the kernel hands out the same node (so the same key as before)
    plugSysfs(root, 'hidraw5', PORT);
    hid.list = [{ ...FOOT, serialNumber: '', path: '/dev/hidraw5' }];
    await until(() => r.statuses.at(-1) === true && hid.handle('/dev/hidraw5') !== old, 'the button found and opened again');
    const fresh = hid.handle('/dev/hidraw5');
    press(old, down); // a last late report of the old handle
    expect(r.engineCalls()).toBe(2);
    // the first report of the new handle is a press, although the key was held when pulled out
    press(fresh, down);
    await until(() => r.calls.length === 3, 'the call after the re-plug');
    await r.stopIssuing();
    expect(r.calls).toEqual(['1001', '1002', '1003']);
    expect(r.engineCalls()).toBe(3);
    expect(old?.closed).toBe(true);
  });
});
