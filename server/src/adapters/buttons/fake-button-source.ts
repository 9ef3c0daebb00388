import type { ButtonDevice, ButtonSource, ButtonSourceEvent } from '../../ports/button-source.js';
import type { Clock } from '../../ports/clock.js';

/**
 * A ButtonSource driven by hand, for tests and demos: plug devices in and out, send reports.
 * Like the real source, it delivers reports only from devices it was asked to read (`select`).
 */
export class FakeButtonSource implements ButtonSource {
  private readonly present = new Map<string, ButtonDevice>();
  private readonly listeners = new Set<(e: ButtonSourceEvent) => void>();
  private filter: (d: ButtonDevice) => boolean = () => false;
  private seq = 0;
  closed = false;

  constructor(private readonly clock: Clock) {}

  devices(): readonly ButtonDevice[] {
    return [...this.present.values()];
  }

  onEvent(listener: (e: ButtonSourceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  select(filter: (d: ButtonDevice) => boolean): void {
    this.filter = filter;
  }

  /** whether a device is being read now */
  isOpen(key: string): boolean {
    const d = this.present.get(key);
    return d !== undefined && this.filter(d);
  }

  close(): Promise<void> {
    this.closed = true;
    this.listeners.clear();
    return Promise.resolve();
  }

  /** Plugs a device in; its key is made up unless given (a re-plug gets a new one, like hidraw). */
  attach(device: Omit<ButtonDevice, 'key'> & { key?: string }): ButtonDevice {
    const d: ButtonDevice = { ...device, key: device.key ?? `fake-hidraw${this.seq++}` };
    this.present.set(d.key, d);
    this.emit({ type: 'attach', device: d });
    return d;
  }

  detach(key: string): void {
    if (this.present.delete(key)) this.emit({ type: 'detach', key });
  }

  fail(key: string, message: string): void {
    this.emit({ type: 'error', key, message });
  }

  /** A raw report; false when the device is absent or not being read. */
  report(key: string, bytes: readonly number[] | Uint8Array): boolean {
    if (!this.isOpen(key)) return false;
    this.emit({ type: 'report', key, data: Uint8Array.from(bytes), at: this.clock.now().getTime() });
    return true;
  }

  /** A keyboard-style report with these keys held (none: every key released). */
  keys(key: string, ...codes: number[]): boolean {
    const report = [0, 0, 0, 0, 0, 0, 0, 0];
    codes.slice(0, 6).forEach((c, i) => (report[i + 2] = c));
    return this.report(key, report);
  }

  private emit(e: ButtonSourceEvent): void {
    for (const l of [...this.listeners]) l(e);
  }
}
