import { DomainError, type Actor, type ButtonAction, type ButtonPressResult, type ButtonStatus, type TicketView } from '@madoguchi/shared';
import type { ButtonBindingDef, InstallationConfig } from '../domain/site.js';
import type { ButtonBindingStore, ButtonDevice, ButtonLog, ButtonSource, ButtonSourceEvent, StoredButtonBinding } from '../ports/button-source.js';
import type { Clock } from '../ports/clock.js';
import type { WriteRoom } from '../ports/storage.js';
import { buttonId, deviceIdentity, matches, pressedCodes } from './button-bindings.js';
import type { QueueEngine } from './queue-engine.js';

/** What the button service needs of the engine. */
export type ButtonEngine = Pick<QueueEngine, 'callNext' | 'recall' | 'noShow' | 'complete' | 'recordButtonStatus' | 'reportUnknownButton'>;

export interface ButtonServiceOptions {
  source: ButtonSource;
  engine: ButtonEngine;
  config: InstallationConfig;
  clock: Clock;
  log: ButtonLog;
  /** where learned bindings are kept; in memory only when absent */
  store?: ButtonBindingStore;
  /** a second key-down of the same key within this window is contact bounce (ms) */
  debounceMs?: number;
  /** notes a full disk (logged once per spell); a learned binding that could not be stored is stored once there is room */
  storage?: WriteRoom;
  /** schedules learn mode's time-out; tests inject their own */
  setTimer?: (fn: () => void, ms: number) => () => void;
}

/** A binding made in learn mode: what the manager may copy into the configuration file. */
export interface LearnedButton {
  site: string;
  id: string;
  vendorId: number;
  productId: number;
  serial?: string;
  path?: string;
  code: number;
  counter: string;
  action: ButtonAction;
}

interface Binding {
  site: string;
  def: ButtonBindingDef;
  id: string;
  learned: boolean;
}

interface Learning {
  site: string;
  counter: string;
  action: ButtonAction;
  actor: Actor;
  resolve: (b: LearnedButton | null) => void;
  cancel: () => void;
}

/** one status per button and counter (a multi-key pad may serve one counter with several bindings) */
const statusKey = (b: Binding): string => `${b.site}|${b.id}|${b.def.counter}`;

/** A binding's device and counter, as the manager's status and binding list name them. */
type BoundButton = Pick<ButtonStatus, 'id' | 'counter' | 'vendorId' | 'productId' | 'serial' | 'path'>;

const boundButton = (b: Binding): BoundButton => ({
  id: b.id,
  counter: b.def.counter,
  vendorId: b.def.vendorId,
  productId: b.def.productId,
  serial: b.def.serial ?? null,
  path: b.def.path ?? null,
});

const realTimer = (fn: () => void, ms: number): (() => void) => {
  const t = setTimeout(fn, ms);
  t.unref();
  return () => clearTimeout(t);
};

/**
 * USB call buttons → counter actions. Bindings come from the configuration and from learn mode;
 * only key-down edges act, once per press, outside a debounce window; refusals (nobody's turn to
 * be no-show yet, counter closed) become the button's last result, never exceptions. Connection
 * changes and presses are pushed to the manager as `button:status`, devices nobody bound as
 * `button:unknown`.
 */
export class ButtonService {
  /** learned bindings first (newest first), then the configured ones: the first to bind a code wins */
  private bound: Binding[] = [];
  private readonly present = new Map<string, ButtonDevice>();
  private readonly errors = new Map<string, string>();
  private readonly lastReport = new Map<string, Uint8Array>();
  private readonly lastFired = new Map<string, number>();
  private readonly statuses = new Map<string, { site: string; status: ButtonStatus }>();
  private readonly reportedUnknown = new Set<string>();
  private learning: Learning | null = null;
  private unsubscribe: (() => void) | null = null;
  private readonly debounceMs: number;
  private readonly setTimer: (fn: () => void, ms: number) => () => void;

  constructor(private readonly o: ButtonServiceOptions) {
    this.debounceMs = o.debounceMs ?? 150;
    this.setTimer = o.setTimer ?? realTimer;
  }

  start(): void {
    for (const d of this.o.source.devices()) this.present.set(d.key, d);
    // devices already plugged in at start are not news; one plugged in later is
    for (const d of this.present.values()) this.reportedUnknown.add(deviceIdentity(d));
    const configured = this.o.config.sites.flatMap((s) => s.buttons.map((def): Binding => ({ site: s.id, def, id: buttonId(def), learned: false })));
    this.bound = [...this.loadLearned(), ...configured];
    for (const b of this.bound) this.statusOf(b);
    this.unsubscribe = this.o.source.onEvent((e) => this.onEvent(e));
    this.reselect();
    // a bound button missing at start is worth telling; the others are as expected
    for (const entry of this.statuses.values()) if (!entry.status.connected) this.push(entry);
  }

  /** The bound buttons of a site and their state (for the manager's page on load). */
  buttonStatuses(site: string): ButtonStatus[] {
    return [...this.statuses.values()].filter((s) => s.site === site).map((s) => s.status);
  }

  /** The HID devices present now, and whether a binding of `site` matches each. */
  devices(site: string): Array<ButtonDevice & { bound: boolean }> {
    return [...this.present.values()].map((d) => ({ ...d, bound: this.bound.some((b) => b.site === site && matches(b.def, d)) }));
  }

  /** The bindings of a site: learned ones (newest first) then the configured ones. */
  bindings(site: string): Array<BoundButton & { codes: Record<string, string>; source: 'learned' | 'config' }> {
    return this.bound
      .filter((b) => b.site === site)
      .map((b) => ({ ...boundButton(b), codes: { ...b.def.codes }, source: b.learned ? 'learned' : 'config' }));
  }

  /** Forgets the learned bindings of button `id` (configured ones stay: they live in the file). */
  forget(site: string, id: string): void {
    const mine = this.bound.filter((b) => b.site === site && b.id === id);
    if (mine.length === 0) throw new DomainError('NOT_FOUND', `no button "${id}"`, { field: 'id' });
    const learned = mine.filter((b) => b.learned);
    if (learned.length === 0) throw new DomainError('CONFLICT', `button "${id}" is bound in the configuration file; change it there`, { field: 'id' });
    const def = learned[0]?.def;
    if (def) this.o.store?.remove(site, { vendorId: def.vendorId, productId: def.productId, serial: def.serial ?? null, path: def.path ?? null });
    this.bound = this.bound.filter((b) => !(b.site === site && b.id === id && b.learned));
    const live = new Set(this.bound.map(statusKey));
    for (const key of this.statuses.keys()) if (!live.has(key)) this.statuses.delete(key);
    this.o.log.info({ button: id, site }, 'learned call button binding forgotten');
    this.reselect();
  }

  /**
   * Learn mode ("press the button now"): the next key-down of any device, bound or not, is bound
   * to `counter` and `action` (replacing what that key did before) and kept in the store. Resolves
   * null when nothing is pressed within `timeoutMs`.
   */
  learn(input: { site: string; counter: string; action: ButtonAction; actor: Actor; timeoutMs?: number }): Promise<LearnedButton | null> {
    const site = this.o.config.sites.find((s) => s.id === input.site);
    if (!site) throw new DomainError('NOT_FOUND', `unknown site "${input.site}"`, { field: 'site' });
    if (!site.counters.some((c) => c.id === input.counter)) throw new DomainError('NOT_FOUND', `unknown counter "${input.counter}"`, { field: 'counter' });
    if (this.learning) throw new DomainError('CONFLICT', 'another button is being learned; press it or wait for the time-out');
    return new Promise((resolve) => {
      const cancel = this.setTimer(() => {
        this.learning = null;
        this.reselect();
        resolve(null);
      }, input.timeoutMs ?? 30_000);
      this.learning = { site: input.site, counter: input.counter, action: input.action, actor: input.actor, resolve, cancel };
      this.reselect();
    });
  }

  close(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = null;
    const l = this.learning;
    this.learning = null;
    l?.cancel();
    l?.resolve(null);
    return Promise.resolve();
  }

  // ---- source events --------------------------------------------------------------------------

  private onEvent(e: ButtonSourceEvent): void {
    switch (e.type) {
      case 'attach':
        this.present.set(e.device.key, e.device);
        this.errors.delete(e.device.key);
        this.lastReport.delete(e.device.key);
        this.reportIfUnknown(e.device);
        this.refreshConnections();
        return;
      case 'detach': {
        const d = this.present.get(e.key);
        this.present.delete(e.key);
        this.errors.delete(e.key);
        this.lastReport.delete(e.key);
        if (d && ![...this.present.values()].some((p) => deviceIdentity(p) === deviceIdentity(d))) this.reportedUnknown.delete(deviceIdentity(d));
        this.refreshConnections();
        return;
      }
      case 'error':
        this.errors.set(e.key, e.message);
        this.refreshConnections();
        return;
      case 'report':
        this.onReport(e.key, e.data, e.at);
        return;
    }
  }

  private onReport(key: string, data: Uint8Array, at: number): void {
    const device = this.present.get(key);
    if (!device) return;
    const previous = this.lastReport.get(key);
    this.lastReport.set(key, data);
    if (this.learning) {
      const [code] = pressedCodes(previous, data);
      if (code !== undefined) this.finishLearning(device, code);
      return;
    }
    const handled = new Set<number>();
    for (const b of this.bound) {
      if (!matches(b.def, device)) continue;
      for (const code of pressedCodes(previous, data, b.def.codeIndex)) {
        const action = b.def.codes[String(code)];
        if (!action || handled.has(code)) continue;
        handled.add(code);
        const debounceKey = `${key}|${code}`;
        const last = this.lastFired.get(debounceKey);
        if (last !== undefined && at - last < this.debounceMs) continue; // contact bounce
        this.lastFired.set(debounceKey, at);
        this.press(b, action, at);
      }
    }
  }

  private press(b: Binding, action: ButtonAction, at: number): void {
    const { site, def, id } = b;
    const actor: Actor = { kind: 'device', id };
    const e = this.o.engine;
    const when = new Date(at).toISOString();
    let result: ButtonPressResult;
    try {
      let ticket: TicketView | null;
      if (action === 'next') ticket = e.callNext(site, def.counter, actor, { confirmNoShow: false });
      else if (action === 'recall') ticket = e.recall(site, def.counter, actor);
      else if (action === 'no-show') ticket = e.noShow(site, def.counter, actor);
      else ticket = e.complete(site, def.counter, actor);
      result = { at: when, action, ok: true, label: ticket?.label ?? null, code: null };
      this.o.log.info({ button: id, site, counter: def.counter, action, ticket: ticket?.label ?? null }, 'call button pressed');
    } catch (err) {
      const full = this.diskFull(err, 'call button press');
      const code = err instanceof DomainError ? err.code : full ? 'STORAGE_FULL' : 'INTERNAL';
      if (err instanceof DomainError) this.o.log.warn({ button: id, site, counter: def.counter, action, code, reason: err.message }, 'call button press refused');
      else if (!full) this.o.log.error({ err, button: id, site, counter: def.counter, action }, 'call button press failed');
      result = { at: when, action, ok: false, label: null, code };
    }
    this.refresh(b, (s) => ({ ...s, lastPressAt: when, lastResult: result }));
  }

  // ---- learn mode -----------------------------------------------------------------------------

  private finishLearning(device: ButtonDevice, code: number): void {
    const l = this.learning;
    if (!l) return;
    this.learning = null;
    l.cancel();
    const serial = device.serialNumber || undefined;
    // a serial number shared by two plugged-in devices (cheap buttons) identifies neither: use the port
    const serialUnique =
      serial !== undefined &&
      ![...this.present.values()].some((p) => p.vendorId === device.vendorId && p.productId === device.productId && p.serialNumber === serial && p.path !== device.path);
    const def: ButtonBindingDef = {
      vendorId: device.vendorId,
      productId: device.productId,
      ...(serialUnique ? { serial } : { path: device.path }),
      counter: l.counter,
      codes: { [String(code)]: l.action },
    };
    const binding: Binding = { site: l.site, def, id: buttonId(def), learned: true };
    // the same key of the same button learned again replaces the earlier learning
    this.bound = [binding, ...this.bound.filter((b) => !(b.learned && b.site === l.site && b.id === binding.id && b.def.codes[String(code)] !== undefined))];
    const live = new Set(this.bound.map(statusKey));
    for (const key of this.statuses.keys()) if (!live.has(key)) this.statuses.delete(key);
    this.saveLearned(
      {
        siteId: l.site,
        vendorId: def.vendorId,
        productId: def.productId,
        serial: def.serial ?? null,
        path: def.path ?? null,
        code,
        counter: l.counter,
        action: l.action,
        createdAt: this.o.clock.now().getTime(),
        createdBy: `${l.actor.kind}:${l.actor.id}`,
      },
      binding.id,
    );
    this.o.log.info({ button: binding.id, site: l.site, counter: l.counter, action: l.action, code }, 'call button learned');
    this.reselect();
    this.refresh(binding, (s) => s, true);
    l.resolve({
      site: l.site,
      id: binding.id,
      vendorId: def.vendorId,
      productId: def.productId,
      ...(def.serial !== undefined ? { serial: def.serial } : { path: device.path }),
      code,
      counter: l.counter,
      action: l.action,
    });
  }

  private loadLearned(): Binding[] {
    if (!this.o.store) return [];
    const out: Binding[] = [];
    for (const r of this.o.store.list()) {
      const site = this.o.config.sites.find((s) => s.id === r.siteId);
      if (!site?.counters.some((c) => c.id === r.counter)) {
        this.o.log.warn({ site: r.siteId, counter: r.counter }, 'a learned button binding names a counter no longer configured; ignored');
        continue;
      }
      const def: ButtonBindingDef = {
        vendorId: r.vendorId,
        productId: r.productId,
        ...(r.serial !== null ? { serial: r.serial } : { path: r.path ?? '' }),
        counter: r.counter,
        codes: { [String(r.code)]: r.action },
      };
      out.push({ site: r.siteId, def, id: buttonId(def), learned: true });
    }
    return out;
  }

  // ---- state pushed to the manager ------------------------------------------------------------

  /** Opens the bound devices; every device while learning. */
  private reselect(): void {
    this.o.source.select((d) => this.learning !== null || this.bound.some((b) => matches(b.def, d)));
  }

  /** Stores a learned binding; on a full disk, once there is room again (it works in memory meanwhile). */
  private saveLearned(b: StoredButtonBinding, button: string): void {
    try {
      this.o.store?.save(b);
    } catch (err) {
      if (this.diskFull(err, 'learned button binding')) this.o.storage?.whenWritable(() => this.saveLearned(b, button));
      else this.o.log.error({ err, button }, 'could not store a learned button binding; it works until the next start');
    }
  }

  /** Whether a failed write was the disk being full (then the storage watch has logged it, once). */
  private diskFull(err: unknown, what: string): boolean {
    return this.o.storage?.failed(err, what) ?? false;
  }

  private reportIfUnknown(d: ButtonDevice): void {
    if (this.bound.some((b) => matches(b.def, d))) return;
    const identity = deviceIdentity(d);
    if (this.reportedUnknown.has(identity)) return; // another interface of the same device
    this.reportedUnknown.add(identity);
    this.o.log.info({ vendorId: d.vendorId, productId: d.productId, serial: d.serialNumber, path: d.path, product: d.product }, 'unknown USB HID device plugged in');
    const payload = { vendorId: d.vendorId, productId: d.productId, serial: d.serialNumber || null, path: d.path, product: d.product ?? null };
    for (const site of this.o.config.sites) {
      try {
        this.o.engine.reportUnknownButton(site.id, payload);
      } catch (err) {
        if (!this.diskFull(err, 'unknown button')) this.o.log.error({ err, site: site.id }, 'could not report an unknown button');
      }
    }
  }

  private statusOf(b: Binding): { site: string; status: ButtonStatus } {
    const key = statusKey(b);
    let entry = this.statuses.get(key);
    if (!entry) {
      entry = {
        site: b.site,
        status: {
          ...boundButton(b),
          ...this.connection(b),
          lastPressAt: null,
          lastResult: null,
        },
      };
      this.statuses.set(key, entry);
    }
    return entry;
  }

  private connection(b: Binding): { connected: boolean; detail: string | null } {
    const devices = [...this.present.values()].filter((d) => matches(b.def, d));
    const detail = devices.map((d) => this.errors.get(d.key)).find((m) => m !== undefined) ?? null;
    return { connected: devices.length > 0, detail };
  }

  private refreshConnections(): void {
    for (const b of this.bound) this.refresh(b, (s) => s);
  }

  /** Applies a change (and the current connection) to a binding's status; pushes it if it changed. */
  private refresh(b: Binding, change: (s: ButtonStatus) => ButtonStatus, force = false): void {
    const entry = this.statusOf(b);
    const next = { ...change(entry.status), ...this.connection(b) };
    if (!force && JSON.stringify(next) === JSON.stringify(entry.status)) return;
    entry.status = next;
    this.push(entry);
  }

  private push(entry: { site: string; status: ButtonStatus }): void {
    try {
      this.o.engine.recordButtonStatus(entry.site, entry.status);
    } catch (err) {
      // the status is pushed again at its next change; a full disk is logged once by the watch
      if (!this.diskFull(err, 'button status')) this.o.log.error({ err, button: entry.status.id }, 'could not record a button status');
    }
  }
}
