import { afterEach, describe, expect, it } from 'vitest';
import type { ButtonStatus, ButtonUnknown, SiteEvent } from '@madoguchi/shared';
import type { ButtonBindingDef } from '../domain/site.js';
import type { ButtonBindingStore, StoredButtonBinding } from '../ports/button-source.js';
import { FakeButtonSource } from '../adapters/buttons/fake-button-source.js';
import { SqliteButtonBindings } from '../adapters/sqlite/sqlite-button-bindings.js';
import { KIOSK, config, harness, openCounters, site, type Harness } from '../test-support/fixtures.js';
import { ButtonService, type ButtonServiceOptions } from './button-service.js';

/** PCsensor FootSwitch: keyboard-emulating, no serial number, sends "b" (HID usage 5) by default */
const FOOT = { vendorId: 0x0c45, productId: 0x7403, product: 'FootSwitch' };
const B = 5;
/** a vendor-specific button with a serial number, its code in report byte 1 */
const BIG = { vendorId: 0x1234, productId: 0x5678, product: 'Big Button' };

const byPort = (path: string, counter: string, codes: ButtonBindingDef['codes'] = { [B]: 'next' }): ButtonBindingDef => ({ ...FOOT, path, counter, codes });

interface Rig {
  h: Harness;
  source: FakeButtonSource;
  service: ButtonService;
  logs: Array<{ level: string; o: unknown; m?: string }>;
  /** fires the pending learn time-out */
  fireTimer(): void;
}

let rig: Rig | undefined;
afterEach(async () => {
  await rig?.service.close();
  rig?.h.close();
  rig = undefined;
});

function setup(opts: { buttons?: ButtonBindingDef[]; before?: (s: FakeButtonSource) => void; store?: (h: Harness) => ButtonBindingStore; open?: string[] } = {}): Rig {
  const h = harness({ config: config(site('naka', { buttons: opts.buttons ?? [] })) });
  const source = new FakeButtonSource(h.clock);
  opts.before?.(source);
  const logs: Rig['logs'] = [];
  const timers: Array<() => void> = [];
  const o: ButtonServiceOptions = {
    source,
    engine: h.engine,
    config: h.engine.deps.config,
    clock: h.clock,
    log: {
      info: (o, m) => logs.push({ level: 'info', o, ...(m ? { m } : {}) }),
      warn: (o, m) => logs.push({ level: 'warn', o, ...(m ? { m } : {}) }),
      error: (o, m) => logs.push({ level: 'error', o, ...(m ? { m } : {}) }),
    },
    setTimer: (fn) => {
      timers.push(fn);
      return () => timers.splice(timers.indexOf(fn), 1);
    },
  };
  if (opts.store) o.store = opts.store(h);
  const service = new ButtonService(o);
  service.start();
  openCounters(h, 'naka', opts.open ?? ['1', '2', '3', '4']);
  rig = { h, source, service, logs, fireTimer: () => timers.shift()?.() };
  return rig;
}

const take = (r: Rig, queue = 'certificates') => r.h.engine.takeTicket('naka', { queue }, KIOSK).ticket.label;
const calls = (r: Rig) => r.h.events.flatMap((e) => (e.type === 'ticket:called' ? [`${e.ticket.label}@${e.counter}`] : []));
const statuses = (r: Rig): ButtonStatus[] => r.h.events.flatMap((e) => (e.type === 'button:status' ? [e.button] : []));
/** A multi-key pad at port 1-1.2 bound to counter 1 with `codes`, and two tickets waiting. */
function padWithTwoWaiting(codes: ButtonBindingDef['codes']): { r: Rig; pad: { key: string } } {
  const r = setup({ buttons: [byPort('1-1.2', '1', codes)] });
  const pad = r.source.attach({ ...FOOT, path: '1-1.2' });
  take(r);
  take(r);
  return { r, pad };
}
const unknowns = (r: Rig): ButtonUnknown[] => r.h.events.filter((e): e is ButtonUnknown & SiteEvent => e.type === 'button:unknown');
/** a press and release, the release a little later */
function click(r: Rig, key: string, code = B): void {
  r.source.keys(key, code);
  r.h.clock.advance(80);
  r.source.keys(key);
  r.h.clock.advance(500);
}

describe('ButtonService: bindings', () => {
  it('binds a button by its serial number, wherever it is plugged in', () => {
    const r = setup({ buttons: [{ ...BIG, serial: 'SN-A', counter: '2', codeIndex: 1, codes: { 1: 'next' } }] });
    const a = r.source.attach({ ...BIG, serialNumber: 'SN-A', path: '1-1.4' });
    const other = r.source.attach({ ...BIG, serialNumber: 'SN-B', path: '1-1.5' });
    take(r);
    take(r);
    expect(r.source.report(a.key, [0x01, 0x01, 0x00])).toBe(true);
    expect(calls(r)).toEqual(['1001@2']);
    // the other unit of the same model is not read at all
    expect(r.source.report(other.key, [0x01, 0x01, 0x00])).toBe(false);

    // re-plugged into another socket: same serial, same counter
    r.source.detach(a.key);
    const again = r.source.attach({ ...BIG, serialNumber: 'SN-A', path: '2-3' });
    r.h.clock.advance(1000);
    r.h.engine.noShow('naka', '2', { kind: 'clerk', id: 'tanaka' });
    r.source.report(again.key, [0x01, 0x01, 0x00]);
    expect(calls(r)).toEqual(['1001@2', '1002@2']);
  });

  it('binds a button without a serial number by the USB port it is plugged into', () => {
    const r = setup({ buttons: [byPort('1-1.2', '3')] });
    take(r, 'filings');
    const there = r.source.attach({ ...FOOT, path: '1-1.2' });
    const elsewhere = r.source.attach({ ...FOOT, path: '1-1.3' });
    expect(r.source.isOpen(elsewhere.key)).toBe(false);
    click(r, there.key);
    expect(calls(r)).toEqual(['2001@3']);
  });

  it('two identical serial-less buttons on different ports drive different counters', () => {
    const r = setup({ buttons: [byPort('1-1.2', '1'), byPort('1-1.3', '2')] });
    const one = r.source.attach({ ...FOOT, path: '1-1.2' });
    const two = r.source.attach({ ...FOOT, path: '1-1.3' });
    for (let i = 0; i < 3; i++) take(r);
    click(r, two.key);
    click(r, one.key);
    expect(calls(r)).toEqual(['1001@2', '1002@1']);
    // the actor of each call is its own button
    const called = r.h.store.events('naka').filter((e) => e.type === 'ticket:called');
    expect(called.map((e) => `${e.actorKind}:${e.actorId}`)).toEqual(['device:button:0c45:7403:1-1.3', 'device:button:0c45:7403:1-1.2']);
  });

  it('maps each key code to its action: next, recall, no-show, complete', () => {
    const { r, pad } = padWithTwoWaiting({ 104: 'next', 105: 'recall', 106: 'no-show', 107: 'complete' }); // F13–F16
    click(r, pad.key, 104);
    click(r, pad.key, 105);
    click(r, pad.key, 106);
    click(r, pad.key, 104);
    r.h.engine.start('naka', '1', { kind: 'clerk', id: 'tanaka' });
    click(r, pad.key, 107);
    const types = r.h.events.filter((e) => e.type.startsWith('ticket:') && e.type !== 'ticket:issued').map((e) => e.type);
    expect(types).toEqual(['ticket:called', 'ticket:called', 'ticket:no-show', 'ticket:called', 'ticket:started', 'ticket:completed']);
    expect(statuses(r).at(-1)?.lastResult).toMatchObject({ action: 'complete', ok: true, label: '1002' });
  });

  it('reads the code at codeIndex of a vendor-specific report', () => {
    const r = setup({ buttons: [{ ...BIG, serial: 'SN-A', counter: '1', codeIndex: 2, codes: { 7: 'next' } }] });
    const big = r.source.attach({ ...BIG, serialNumber: 'SN-A', path: '1-2' });
    take(r);
    r.source.report(big.key, [0x03, 0x07, 0x00]); // 7 at another index: not this button's code
    expect(calls(r)).toEqual([]);
    r.source.report(big.key, [0x03, 0x00, 0x07]);
    expect(calls(r)).toEqual(['1001@1']);
  });
});

describe('ButtonService: presses', () => {
  it('a held button calls once: repeated reports while held are not new presses', () => {
    const r = setup({ buttons: [byPort('1-1.2', '1', { [B]: 'next', 6: 'recall' })] });
    const foot = r.source.attach({ ...FOOT, path: '1-1.2' });
    for (let i = 0; i < 3; i++) take(r);
    for (let i = 0; i < 20; i++) {
      r.source.keys(foot.key, B); // keyboards repeat the report while the key is down
      r.h.clock.advance(100);
    }
    expect(calls(r)).toEqual(['1001@1']);
    // one press, one result: the repeats were not refused presses either
    expect(statuses(r).filter((s) => s.lastResult !== null)).toHaveLength(1);
    expect(r.logs.filter((l) => l.level !== 'info')).toEqual([]);
    r.source.keys(foot.key);
    r.h.clock.advance(500);
    for (let i = 0; i < 20; i++) {
      r.source.keys(foot.key, 6); // a held recall announces once
      r.h.clock.advance(100);
    }
    expect(r.h.events.filter((e) => e.type === 'ticket:called' && e.recall)).toHaveLength(1);
    r.source.keys(foot.key);
    r.h.clock.advance(500);
    r.h.engine.noShow('naka', '1', { kind: 'clerk', id: 'tanaka' });
    r.source.keys(foot.key, B);
    expect(calls(r).filter((c) => c !== '1001@1')).toEqual(['1002@1']);
  });

  it('ignores contact bounce within the debounce window, not a real second press after it', () => {
    const r = setup({ buttons: [byPort('1-1.2', '1', { [B]: 'recall' })] });
    const foot = r.source.attach({ ...FOOT, path: '1-1.2' });
    take(r);
    r.h.engine.callNext('naka', '1', { kind: 'clerk', id: 'tanaka' });
    r.source.keys(foot.key, B);
    r.h.clock.advance(20);
    r.source.keys(foot.key);
    r.h.clock.advance(20);
    r.source.keys(foot.key, B); // bounce, 40 ms after the press
    r.h.clock.advance(20);
    r.source.keys(foot.key);
    const recalls = () => r.h.events.filter((e) => e.type === 'ticket:called' && e.recall).length;
    expect(recalls()).toBe(1);
    r.h.clock.advance(150);
    r.source.keys(foot.key, B);
    expect(recalls()).toBe(2);
  });

  it('reports a refused press as the button\'s last result and never throws', () => {
    const r = setup({ buttons: [byPort('1-1.2', '1'), byPort('1-1.3', '2')], open: ['1'] });
    const one = r.source.attach({ ...FOOT, path: '1-1.2' });
    const two = r.source.attach({ ...FOOT, path: '1-1.3' });
    take(r);
    take(r);
    click(r, one.key);
    // the called citizen has not come yet and was never recalled: "next" must not skip them
    expect(() => click(r, one.key)).not.toThrow();
    expect(calls(r)).toEqual(['1001@1']);
    const last = statuses(r).filter((s) => s.counter === '1').at(-1);
    expect(last?.lastResult).toMatchObject({ action: 'next', ok: false, code: 'CONFIRM_NO_SHOW', label: null });
    expect(last?.lastPressAt).toBe(last?.lastResult?.at);
    // counter 2 is closed
    click(r, two.key);
    expect(statuses(r).filter((s) => s.counter === '2').at(-1)?.lastResult).toMatchObject({ ok: false, code: 'COUNTER_NOT_OPEN' });
    expect(r.logs.filter((l) => l.level === 'warn').map((l) => (l.o as { code: string }).code)).toEqual(['CONFIRM_NO_SHOW', 'COUNTER_NOT_OPEN']);
  });

  it('"next" ends a called ticket as no-show once it was recalled enough (recallsBeforeNoShow)', () => {
    const { r, pad } = padWithTwoWaiting({ 104: 'next', 105: 'recall' });
    click(r, pad.key, 104);
    click(r, pad.key, 105);
    click(r, pad.key, 105);
    click(r, pad.key, 104);
    expect(r.h.events.some((e) => e.type === 'ticket:no-show' && e.ticket.label === '1001')).toBe(true);
    expect(calls(r).at(-1)).toBe('1002@1');
  });

  it('two buttons pressed in the same instant call different tickets', () => {
    const r = setup({ buttons: [byPort('1-1.2', '1'), byPort('1-1.3', '2')] });
    const one = r.source.attach({ ...FOOT, path: '1-1.2' });
    const two = r.source.attach({ ...FOOT, path: '1-1.3' });
    take(r);
    take(r);
    r.source.keys(one.key, B);
    r.source.keys(two.key, B);
    expect(calls(r).sort()).toEqual(['1001@1', '1002@2']);
  });
});

describe('ButtonService: hot-plug and status', () => {
  it('recovers when a button is unplugged and plugged back (status pushed both ways)', () => {
    const r = setup({ buttons: [byPort('1-1.2', '1')] });
    // missing at start: the manager is told
    expect(statuses(r).map((s) => [s.id, s.connected])).toEqual([['button:0c45:7403:1-1.2', false]]);
    const first = r.source.attach({ ...FOOT, path: '1-1.2' });
    take(r);
    take(r);
    r.source.keys(first.key, B); // pulled out while held down
    r.source.detach(first.key);
    expect(statuses(r).map((s) => s.connected)).toEqual([false, true, true, false]);
    // plugged back into the same port (the kernel may even give it the same hidraw node)
    const back = r.source.attach({ ...FOOT, path: '1-1.2', key: first.key });
    expect(r.source.isOpen(back.key)).toBe(true);
    expect(statuses(r).at(-1)?.connected).toBe(true);
    r.h.clock.advance(1000);
    r.h.engine.noShow('naka', '1', { kind: 'clerk', id: 'tanaka' });
    r.source.keys(back.key, B); // the first report after re-plug is a press, not a held key
    expect(calls(r)).toEqual(['1001@1', '1002@1']);
  });

  it('tells the manager why a present button cannot be read', () => {
    const r = setup({ buttons: [byPort('1-1.2', '1')] });
    const foot = r.source.attach({ ...FOOT, path: '1-1.2' });
    r.source.fail(foot.key, 'cannot open /dev/hidraw0: permission denied');
    expect(statuses(r).at(-1)).toMatchObject({ connected: true, detail: 'cannot open /dev/hidraw0: permission denied' });
    r.source.detach(foot.key);
    r.source.attach({ ...FOOT, path: '1-1.2' });
    expect(statuses(r).at(-1)).toMatchObject({ connected: true, detail: null });
  });

  it('reports a device nobody bound once per plug-in, with what is needed to bind it', () => {
    const r = setup({
      buttons: [byPort('1-1.2', '1')],
      before: (s) => s.attach({ vendorId: 0x046d, productId: 0xc31c, product: 'USB Keyboard', path: '1-4' }),
    });
    r.source.attach({ ...FOOT, path: '1-1.2' }); // bound: not news
    const unknown = r.source.attach({ ...FOOT, path: '1-1.7' });
    r.source.attach({ ...FOOT, path: '1-1.7' }); // its second HID interface
    expect(unknowns(r).map(({ vendorId, productId, serial, path, product }) => ({ vendorId, productId, serial, path, product }))).toEqual([
      { vendorId: 0x0c45, productId: 0x7403, serial: null, path: '1-1.7', product: 'FootSwitch' },
    ]);
    // the keyboard that was there at start is not reported; a re-plug is reported again
    r.source.detach(unknown.key);
    expect(unknowns(r)).toHaveLength(1);
    r.source.detach(r.source.devices().find((d) => d.path === '1-1.7')?.key ?? '');
    r.source.attach({ ...FOOT, path: '1-1.7' });
    expect(unknowns(r)).toHaveLength(2);
    expect(r.service.devices('naka').map((d) => [d.path, d.bound])).toEqual([
      ['1-4', false],
      ['1-1.2', true],
      ['1-1.7', false],
    ]);
  });
});

describe('ButtonService: learn mode', () => {
  it('binds the next button pressed, from any device, to the counter and action asked', async () => {
    const r = setup({ store: (h) => new SqliteButtonBindings(h.database) });
    const foot = r.source.attach({ ...FOOT, path: '1-1.9' });
    expect(r.source.isOpen(foot.key)).toBe(false); // unbound devices are not read…
    take(r);
    take(r);
    const learned = r.service.learn({ site: 'naka', counter: '2', action: 'next', actor: { kind: 'manager', id: 'suzuki' } });
    expect(r.source.isOpen(foot.key)).toBe(true); // …except while learning
    r.source.keys(foot.key, B);
    await expect(learned).resolves.toEqual({
      site: 'naka',
      id: 'button:0c45:7403:1-1.9',
      vendorId: 0x0c45,
      productId: 0x7403,
      path: '1-1.9',
      code: B,
      counter: '2',
      action: 'next',
    });
    expect(calls(r)).toEqual([]); // the learning press calls nobody
    expect(statuses(r).at(-1)).toMatchObject({ id: 'button:0c45:7403:1-1.9', counter: '2', connected: true });
    r.source.keys(foot.key);
    r.h.clock.advance(500);
    r.source.keys(foot.key, B);
    expect(calls(r)).toEqual(['1001@2']);
    expect(r.h.database.connection.prepare('SELECT counter_id, port_path, serial, code, action, created_by FROM button_bindings').all()).toEqual([
      { counter_id: '2', port_path: '1-1.9', serial: null, code: B, action: 'next', created_by: 'manager:suzuki' },
    ]);
  });

  it('keeps learned bindings across a restart, ahead of the configured ones', () => {
    const saved: StoredButtonBinding[] = [
      { siteId: 'naka', vendorId: FOOT.vendorId, productId: FOOT.productId, serial: null, path: '1-1.2', code: B, counter: '3', action: 'next', createdAt: 0, createdBy: 'manager:suzuki' },
      { siteId: 'naka', vendorId: FOOT.vendorId, productId: FOOT.productId, serial: null, path: '1-1.5', code: B, counter: '9', action: 'next', createdAt: 0, createdBy: 'manager:suzuki' },
    ];
    const store: ButtonBindingStore = { list: () => saved, save: () => undefined, remove: () => 0 };
    const r = setup({ buttons: [byPort('1-1.2', '1')], store: () => store });
    const foot = r.source.attach({ ...FOOT, path: '1-1.2' });
    take(r, 'filings');
    take(r);
    r.source.keys(foot.key, B);
    expect(calls(r)).toEqual(['2001@3']);
    expect(r.logs.some((l) => l.level === 'warn' && /no longer configured/.test(l.m ?? ''))).toBe(true);
  });

  it('learning a key again moves it to the new counter', async () => {
    const r = setup();
    const foot = r.source.attach({ ...FOOT, path: '1-1.9' });
    const first = r.service.learn({ site: 'naka', counter: '1', action: 'next', actor: { kind: 'admin', id: 'root' } });
    r.source.keys(foot.key, B);
    await first;
    r.source.keys(foot.key);
    const second = r.service.learn({ site: 'naka', counter: '2', action: 'next', actor: { kind: 'admin', id: 'root' } });
    r.source.keys(foot.key, B);
    await second;
    r.source.keys(foot.key);
    r.h.clock.advance(500);
    take(r);
    r.source.keys(foot.key, B);
    expect(calls(r)).toEqual(['1001@2']);
    expect(r.service.buttonStatuses('naka').map((s) => s.counter)).toEqual(['2']);
  });

  it('uses the serial number when it is unique, the port when two plugged-in units share it', async () => {
    const r = setup();
    const a = r.source.attach({ ...BIG, serialNumber: 'SN-A', path: '1-2' });
    const dup1 = r.source.attach({ ...BIG, serialNumber: '0001', path: '1-3' });
    r.source.attach({ ...BIG, serialNumber: '0001', path: '1-4' });
    const first = r.service.learn({ site: 'naka', counter: '1', action: 'next', actor: { kind: 'admin', id: 'root' } });
    r.source.report(a.key, [0, 9, 0]);
    await expect(first).resolves.toMatchObject({ serial: 'SN-A', code: 9 });
    const second = r.service.learn({ site: 'naka', counter: '2', action: 'recall', actor: { kind: 'admin', id: 'root' } });
    r.source.report(dup1.key, [0, 9, 0]);
    const b = await second;
    expect(b).toMatchObject({ path: '1-3', code: 9, action: 'recall' });
    expect(b).not.toHaveProperty('serial');
  });

  it('gives up with null when nothing is pressed in time, and refuses a second learner meanwhile', async () => {
    const r = setup();
    const foot = r.source.attach({ ...FOOT, path: '1-1.9' });
    const learning = r.service.learn({ site: 'naka', counter: '1', action: 'next', actor: { kind: 'admin', id: 'root' }, timeoutMs: 10_000 });
    expect(() => r.service.learn({ site: 'naka', counter: '2', action: 'next', actor: { kind: 'admin', id: 'root' } })).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
    expect(() => r.service.learn({ site: 'naka', counter: '99', action: 'next', actor: { kind: 'admin', id: 'root' } })).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    r.fireTimer();
    await expect(learning).resolves.toBeNull();
    expect(r.source.isOpen(foot.key)).toBe(false);
  });
});
