import { realpath } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ButtonDevice, ButtonLog, ButtonSource, ButtonSourceEvent } from '../../ports/button-source.js';
import type { Clock } from '../../ports/clock.js';

/** The part of node-hid 3 this source uses (tests inject a fake module with the same surface). */
export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  path?: string | undefined;
  serialNumber?: string | undefined;
  product?: string | undefined;
}
export interface HidHandle {
  on(event: 'data', listener: (data: Uint8Array) => void): unknown;
  on(event: 'error', listener: (err: unknown) => void): unknown;
  close(): Promise<void>;
}
export interface HidModule {
  devicesAsync(): Promise<HidDeviceInfo[]>;
  HIDAsync: { open(path: string): Promise<HidHandle> };
  getHidapiVersion(): string;
}

export interface HidButtonSourceOptions {
  clock: Clock;
  log: ButtonLog;
  /** how often devices are enumerated to notice hot-plug (ms); a re-plugged button is read again within it */
  pollMs?: number;
  /** loads node-hid; tests inject a fake */
  loadHid?: () => Promise<HidModule>;
  /** where sysfs is mounted (tests use a fake tree) */
  sysfsRoot?: string;
  /** runs `fn` every `ms` until cancelled; tests drive polling themselves */
  every?: (fn: () => void, ms: number) => () => void;
}

interface Tracked {
  device: ButtonDevice;
  handle?: HidHandle;
  opening?: boolean;
  /** the last open failure told, so it is told once */
  failed?: string;
}

/** A USB port in a sysfs device path: "1-1", "1-1.2" (not "usb1", not the interface "1-1.2:1.0"). */
const USB_PORT = /^\d+-\d+(?:\.\d+)*$/;

/** node-hid is imported here and nowhere else, when a server first wants buttons. */
async function loadNodeHid(): Promise<HidModule> {
  const hid = await import('node-hid');
  return hid;
}

const realEvery = (fn: () => void, ms: number): (() => void) => {
  const t = setInterval(fn, ms);
  t.unref();
  return () => clearInterval(t);
};

const messageOf = (err: unknown): string => (err instanceof Error ? err.message : String(err));

/**
 * Call buttons through node-hid 3 (hidraw on Linux). Enumerates every `pollMs` to notice devices
 * plugged in and out, reads the devices selected by the button service, and names each device by
 * its physical USB port (from sysfs) so that bindings survive re-plugging. A read error (the
 * device was pulled out) detaches it; the next enumeration attaches and opens it again.
 */
export class HidButtonSource implements ButtonSource {
  private readonly known = new Map<string, Tracked>();
  private readonly listeners = new Set<(e: ButtonSourceEvent) => void>();
  private filter: (d: ButtonDevice) => boolean = () => false;
  private polling: Promise<void> | null = null;
  private stopTimer: (() => void) | null = null;
  private enumerationFailed = false;
  private closed = false;

  private constructor(
    private readonly hid: HidModule,
    private readonly o: HidButtonSourceOptions,
  ) {}

  /**
   * Loads node-hid and enumerates once before returning. Rejects when node-hid cannot load (no
   * libusb-1.0 on this machine: both of its Linux builds link it, even the hidraw one).
   */
  static async open(o: HidButtonSourceOptions): Promise<HidButtonSource> {
    const hid = await (o.loadHid ?? loadNodeHid)();
    hid.getHidapiVersion(); // loads the native binding: fails now rather than at the first poll
    const source = new HidButtonSource(hid, o);
    await source.poll();
    source.stopTimer = (o.every ?? realEvery)(() => void source.poll(), o.pollMs ?? 1000);
    return source;
  }

  devices(): readonly ButtonDevice[] {
    return [...this.known.values()].map((t) => t.device);
  }

  onEvent(listener: (e: ButtonSourceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  select(filter: (d: ButtonDevice) => boolean): void {
    this.filter = filter;
    this.syncOpen();
  }

  /** One enumeration: attach what is new, detach what is gone, open what is selected. */
  poll(): Promise<void> {
    this.polling ??= this.enumerate().finally(() => {
      this.polling = null;
    });
    return this.polling;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stopTimer?.();
    await this.polling;
    const handles = [...this.known.values()].flatMap((t) => (t.handle ? [t.handle] : []));
    this.known.clear();
    this.listeners.clear();
    await Promise.all(handles.map((h) => h.close().catch((err: unknown) => this.o.log.warn({ err }, 'closing a HID device failed'))));
  }

  private async enumerate(): Promise<void> {
    if (this.closed) return;
    let list: HidDeviceInfo[];
    try {
      list = await this.hid.devicesAsync();
      this.enumerationFailed = false;
    } catch (err) {
      if (!this.enumerationFailed) this.o.log.warn({ err }, 'cannot list USB HID devices; call buttons are not read until this works');
      this.enumerationFailed = true;
      return;
    }
    const seen = new Set<string>();
    for (const info of list) {
      if (!info.path || this.closed) continue;
      seen.add(info.path);
      if (this.known.has(info.path)) continue;
      const device = await this.describe(info.path, info);
      if (this.closed || this.known.has(info.path)) continue;
      this.known.set(info.path, { device });
      this.emit({ type: 'attach', device });
    }
    for (const [key, t] of this.known) if (!seen.has(key)) this.drop(key, t);
    this.syncOpen();
  }

  private async describe(key: string, info: HidDeviceInfo): Promise<ButtonDevice> {
    return {
      key,
      vendorId: info.vendorId,
      productId: info.productId,
      ...(info.serialNumber ? { serialNumber: info.serialNumber } : {}),
      path: await this.portPath(key),
      ...(info.product ? { product: info.product } : {}),
    };
  }

  /** /dev/hidraw3 → realpath(/sys/class/hidraw/hidraw3/device) → …/usb1/1-1/1-1.2/1-1.2:1.0/… → "1-1.2" */
  private async portPath(devicePath: string): Promise<string> {
    const name = basename(devicePath);
    if (!/^hidraw\d+$/.test(name)) return devicePath;
    try {
      const real = await realpath(join(this.o.sysfsRoot ?? '/sys', 'class', 'hidraw', name, 'device'));
      const port = real.split('/').filter((segment) => USB_PORT.test(segment)).pop();
      if (port) return port;
      this.o.log.warn({ device: devicePath, sysfs: real }, 'HID device not on USB: bound by its device path, which may change when re-plugged');
    } catch (err) {
      this.o.log.warn({ err, device: devicePath }, 'USB port of a HID device not found: bound by its device path, which may change when re-plugged');
    }
    return devicePath;
  }

  /** Opens the selected devices not open yet; closes the ones no longer selected. */
  private syncOpen(): void {
    if (this.closed) return;
    for (const [key, t] of this.known) {
      const wanted = this.filter(t.device);
      if (wanted && !t.handle && !t.opening) void this.openDevice(key, t);
      if (!wanted && t.handle) {
        const h = t.handle;
        delete t.handle;
        h.close().catch((err: unknown) => this.o.log.warn({ err, device: key }, 'closing a HID device failed'));
      }
    }
  }

  private async openDevice(key: string, t: Tracked): Promise<void> {
    t.opening = true;
    try {
      const h = await this.hid.HIDAsync.open(key);
      if (this.closed || this.known.get(key) !== t || !this.filter(t.device)) {
        await h.close();
        return;
      }
      t.handle = h;
      delete t.failed;
      h.on('data', (data: Uint8Array) => {
        if (this.known.get(key) === t && t.handle === h) this.emit({ type: 'report', key, data: Uint8Array.from(data), at: this.o.clock.now().getTime() });
      });
      h.on('error', (err: unknown) => this.readFailed(key, t, err));
    } catch (err) {
      const message = `cannot open ${key}: ${messageOf(err)}`;
      if (t.failed !== message && this.known.get(key) === t) {
        t.failed = message;
        this.o.log.warn({ err, device: key, port: t.device.path }, 'cannot open a call button (a udev rule giving access to hidraw is needed?)');
        this.emit({ type: 'error', key, message });
      }
    } finally {
      t.opening = false;
    }
  }

  /** Pulled out (or broken): detached now, attached and opened again by the next enumeration. */
  private readFailed(key: string, t: Tracked, err: unknown): void {
    if (this.known.get(key) !== t) return;
    this.o.log.warn({ err, device: key, port: t.device.path }, 'reading a call button failed; it is opened again when it reappears');
    this.drop(key, t);
  }

  private drop(key: string, t: Tracked): void {
    this.known.delete(key);
    const h = t.handle;
    delete t.handle;
    h?.close().catch((err: unknown) => this.o.log.warn({ err, device: key }, 'closing a HID device failed'));
    this.emit({ type: 'detach', key });
  }

  private emit(e: ButtonSourceEvent): void {
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch (err) {
        this.o.log.error({ err, event: e.type }, 'a call button listener failed');
      }
    }
  }
}
