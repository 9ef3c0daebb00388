import { EventEmitter } from 'node:events';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ButtonSourceEvent } from '../../ports/button-source.js';
import { KIOSK, config, harness, openCounters, site } from '../../test-support/fixtures.js';
import { ManualClock } from '../clock/manual-clock.js';
import { ButtonService } from '../../app/button-service.js';
import { HidButtonSource, type HidDeviceInfo, type HidModule } from './hid-button-source.js';

/** A fake node-hid 3 with the surface the source uses: devicesAsync, HIDAsync.open, 'data' and 'error'. */
class FakeHandle extends EventEmitter {
  closed = false;
  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

class FakeHid implements HidModule {
  list: HidDeviceInfo[] = [];
  readonly handles = new Map<string, FakeHandle>();
  readonly refuse = new Map<string, string>();
  opens = 0;
  devicesAsync = (): Promise<HidDeviceInfo[]> => Promise.resolve(this.list.map((d) => ({ ...d })));
  HIDAsync = {
    open: (path: string): Promise<FakeHandle> => {
      this.opens += 1;
      const refusal = this.refuse.get(path);
      if (refusal) return Promise.reject(new Error(refusal));
      const h = new FakeHandle();
      this.handles.set(path, h);
      return Promise.resolve(h);
    },
  };
  getHidapiVersion = (): string => '0.15.0';
}

const FOOT = { vendorId: 0x0c45, productId: 0x7403, product: 'FootSwitch', serialNumber: '' };

let sysfs: string;
let hid: FakeHid;
let clock: ManualClock;
let source: HidButtonSource | undefined;
let events: ButtonSourceEvent[];
let ticks: Array<{ fn: () => void; ms: number }>;
let warnings: string[];

/** A hidraw node under the fake sysfs, as the kernel lays it out for a device on `port`. */
function plugSysfs(hidraw: string, port: string): void {
  const dev = join(sysfs, 'devices/pci0000:00/0000:00:14.0/usb1', ...port.split('.').map((_, i, a) => a.slice(0, i + 1).join('.')), `${port}:1.0`, `0003:0C45:7403.00${hidraw.slice(-1)}8`);
  mkdirSync(dev, { recursive: true });
  mkdirSync(join(sysfs, 'class/hidraw', hidraw), { recursive: true });
  symlinkSync(dev, join(sysfs, 'class/hidraw', hidraw, 'device'));
}
function unplugSysfs(hidraw: string): void {
  rmSync(join(sysfs, 'class/hidraw', hidraw), { recursive: true, force: true });
}

async function open(): Promise<HidButtonSource> {
  source = await HidButtonSource.open({
    clock,
    log: { info: () => undefined, warn: (_o, m) => warnings.push(m ?? ''), error: (_o, m) => warnings.push(m ?? '') },
    loadHid: () => Promise.resolve(hid),
    sysfsRoot: sysfs,
    every: (fn, ms) => {
      const t = { fn, ms };
      ticks.push(t);
      return () => ticks.splice(ticks.indexOf(t), 1);
    },
  });
  source.onEvent((e) => events.push(e));
  return source;
}

/** One interval tick, and the enumeration it started. */
async function tick(): Promise<void> {
  for (const t of ticks) t.fn();
  await source?.poll();
  await new Promise((r) => setImmediate(r)); // opens started by the enumeration settle
}

beforeEach(() => {
  sysfs = mkdtempSync(join(tmpdir(), 'madoguchi-sysfs-'));
  hid = new FakeHid();
  clock = new ManualClock('2026-04-06T01:00:00Z');
  events = [];
  ticks = [];
  warnings = [];
});
afterEach(async () => {
  await source?.close();
  source = undefined;
  rmSync(sysfs, { recursive: true, force: true });
});

describe('HidButtonSource', () => {
  it('names each device by its USB port from sysfs, never by /dev/hidrawN unless the port is unknown', async () => {
    plugSysfs('hidraw5', '1-1.2');
    hid.list = [
      { ...FOOT, path: '/dev/hidraw5' },
      { vendorId: 0x1234, productId: 0x5678, path: '/dev/hidraw9', serialNumber: 'SN-A' },
    ];
    const s = await open();
    expect(s.devices()).toEqual([
      { key: '/dev/hidraw5', vendorId: 0x0c45, productId: 0x7403, path: '1-1.2', product: 'FootSwitch' },
      { key: '/dev/hidraw9', vendorId: 0x1234, productId: 0x5678, path: '/dev/hidraw9', serialNumber: 'SN-A' },
    ]);
    expect(warnings.some((w) => /USB port of a HID device not found/.test(w))).toBe(true);
  });

  it('opens only the selected devices and delivers their reports with the clock\'s time', async () => {
    plugSysfs('hidraw5', '1-1.2');
    plugSysfs('hidraw6', '1-1.3');
    hid.list = [{ ...FOOT, path: '/dev/hidraw5' }, { ...FOOT, path: '/dev/hidraw6' }];
    const s = await open();
    expect(hid.opens).toBe(0);
    s.select((d) => d.path === '1-1.3');
    await tick();
    expect([...hid.handles.keys()]).toEqual(['/dev/hidraw6']);
    hid.handles.get('/dev/hidraw6')?.emit('data', Buffer.from([0, 0, 5, 0, 0, 0, 0, 0]));
    expect(events).toEqual([{ type: 'report', key: '/dev/hidraw6', data: Uint8Array.from([0, 0, 5, 0, 0, 0, 0, 0]), at: clock.now().getTime() }]);
    s.select(() => false);
    expect(hid.handles.get('/dev/hidraw6')?.closed).toBe(true);
  });

  it('polls at least every second, so an unplugged and re-plugged button is read again within 2 s', async () => {
    plugSysfs('hidraw5', '1-1.2');
    hid.list = [{ ...FOOT, path: '/dev/hidraw5' }];
    const s = await open();
    expect(ticks.map((t) => t.ms)).toEqual([1000]);
    s.select((d) => d.path === '1-1.2');
    await tick();
    const first = hid.handles.get('/dev/hidraw5');

    // pulled out: the pending read fails at once
    hid.list = [];
    unplugSysfs('hidraw5');
    first?.emit('error', new Error('could not read from HID device'));
    expect(events).toEqual([{ type: 'detach', key: '/dev/hidraw5' }]);
    expect(first?.closed).toBe(true);
    await tick();
    expect(s.devices()).toEqual([]);

    // plugged back into the same socket: the kernel gives it another hidraw node
    plugSysfs('hidraw7', '1-1.2');
    hid.list = [{ ...FOOT, path: '/dev/hidraw7' }];
    await tick(); // the next tick, at most 1 s later
    expect(events.at(-1)).toEqual({ type: 'attach', device: { key: '/dev/hidraw7', vendorId: 0x0c45, productId: 0x7403, path: '1-1.2', product: 'FootSwitch' } });
    hid.handles.get('/dev/hidraw7')?.emit('data', Buffer.from([0, 0, 5, 0, 0, 0, 0, 0]));
    expect(events.at(-1)).toMatchObject({ type: 'report', key: '/dev/hidraw7' });
  });

  it('re-opens a device whose read failed although it is still listed (same node, next poll)', async () => {
    plugSysfs('hidraw5', '1-1.2');
    hid.list = [{ ...FOOT, path: '/dev/hidraw5' }];
    const s = await open();
    s.select(() => true);
    await tick();
    hid.handles.get('/dev/hidraw5')?.emit('error', new Error('EIO'));
    await tick();
    expect(events.map((e) => e.type)).toEqual(['detach', 'attach']);
    expect(hid.opens).toBe(2);
    expect(hid.handles.get('/dev/hidraw5')?.closed).toBe(false);
  });

  it('reports a device it cannot open once, and keeps trying', async () => {
    plugSysfs('hidraw5', '1-1.2');
    hid.list = [{ ...FOOT, path: '/dev/hidraw5' }];
    hid.refuse.set('/dev/hidraw5', 'permission denied');
    const s = await open();
    s.select(() => true);
    await tick();
    await tick();
    expect(events).toEqual([{ type: 'error', key: '/dev/hidraw5', message: 'cannot open /dev/hidraw5: permission denied' }]);
    expect(hid.opens).toBe(3); // on select, then at each poll
    hid.refuse.clear(); // a udev rule was added
    await tick();
    expect(hid.handles.has('/dev/hidraw5')).toBe(true);
  });

  it('refuses to start when node-hid cannot load its native part (no libusb-1.0)', async () => {
    hid.getHidapiVersion = () => {
      throw new Error('libusb-1.0.so.0: cannot open shared object file: No such file or directory');
    };
    await expect(open()).rejects.toThrow(/libusb/);
  });

  it('closes every open device and stops polling on close', async () => {
    plugSysfs('hidraw5', '1-1.2');
    hid.list = [{ ...FOOT, path: '/dev/hidraw5' }];
    const s = await open();
    s.select(() => true);
    await tick();
    await s.close();
    source = undefined;
    expect(hid.handles.get('/dev/hidraw5')?.closed).toBe(true);
    expect(ticks).toEqual([]);
  });

  it('with the button service: a bound button pulled out and plugged back calls again after one poll (< 2 s)', async () => {
    const h = harness({ config: config(site('naka', { buttons: [{ vendorId: 0x0c45, productId: 0x7403, path: '1-1.2', counter: '1', codes: { 5: 'next' } }] })) });
    try {
      plugSysfs('hidraw5', '1-1.2');
      hid.list = [{ ...FOOT, path: '/dev/hidraw5' }];
      const s = await open();
      const log = { info: () => undefined, warn: () => undefined, error: () => undefined };
      const service = new ButtonService({ source: s, engine: h.engine, config: h.engine.deps.config, clock: h.clock, log });
      service.start();
      openCounters(h, 'naka', ['1']);
      for (let i = 0; i < 2; i++) h.engine.takeTicket('naka', { queue: 'certificates' }, KIOSK);
      await tick();
      const down = Buffer.from([0, 0, 5, 0, 0, 0, 0, 0]);
      hid.handles.get('/dev/hidraw5')?.emit('data', down);

      hid.list = [];
      unplugSysfs('hidraw5');
      hid.handles.get('/dev/hidraw5')?.emit('error', new Error('could not read from HID device'));
      h.clock.advance(700);
      plugSysfs('hidraw6', '1-1.2');
      hid.list = [{ ...FOOT, path: '/dev/hidraw6' }];
      await tick(); // at most pollMs (1 s) after the re-plug
      h.engine.noShow('naka', '1', { kind: 'clerk', id: 'tanaka' });
      hid.handles.get('/dev/hidraw6')?.emit('data', down);

      const called = h.events.flatMap((e) => (e.type === 'ticket:called' ? [e.ticket.label] : []));
      expect(called).toEqual(['1001', '1002']);
      expect(h.events.flatMap((e) => (e.type === 'button:status' ? [e.button.connected] : []))).toEqual([true, false, true, true]);
      await service.close();
    } finally {
      h.close();
    }
  });
});
