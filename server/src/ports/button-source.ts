import type { ButtonAction } from '@madoguchi/shared';

/** Where the call buttons' source and service log (pino's methods). */
export interface ButtonLog {
  info(o: unknown, m?: string): void;
  warn(o: unknown, m?: string): void;
  error(o: unknown, m?: string): void;
}

/** A USB HID device as a call-button source sees it. */
export interface ButtonDevice {
  /** the source's handle for this device while it is plugged in (one per HID interface) */
  key: string;
  vendorId: number;
  productId: number;
  /** absent or empty for the many buttons that have none */
  serialNumber?: string;
  /**
   * The physical USB port, e.g. "1-1.2": stable across re-plugs and reboots as long as the cable
   * stays in the same socket. Never /dev/hidrawN (renumbered on every plug), except as the last
   * resort when the port cannot be found.
   */
  path: string;
  product?: string;
}

export type ButtonSourceEvent =
  | { type: 'attach'; device: ButtonDevice }
  | { type: 'detach'; key: string }
  /** a raw input report; `at` is the injected clock's time of arrival (ms) */
  | { type: 'report'; key: string; data: Uint8Array; at: number }
  /** present but unreadable (permissions, a read that failed); state for the manager, not an exception */
  | { type: 'error'; key: string; message: string };

/**
 * Where call-button input comes from: node-hid in production (HidButtonSource), a fake in tests.
 * It enumerates devices, tells attach and detach (hot-plug), and delivers the raw reports of the
 * devices it was asked to read.
 */
export interface ButtonSource {
  /** the devices present now */
  devices(): readonly ButtonDevice[];
  /** every registration returns its unsubscribe */
  onEvent(listener: (e: ButtonSourceEvent) => void): () => void;
  /**
   * Which devices to open and read (the bound ones; every one during learn mode). Reading only
   * those keeps the source away from the PC's own keyboard in normal operation.
   */
  select(filter: (d: ButtonDevice) => boolean): void;
  close(): Promise<void>;
}

/** A binding made with learn mode and kept in the database, loaded at start with the configured ones. */
export interface StoredButtonBinding {
  siteId: string;
  vendorId: number;
  productId: number;
  serial: string | null;
  path: string | null;
  code: number;
  counter: string;
  action: ButtonAction;
  createdAt: number;
  createdBy: string;
}

export interface ButtonBindingStore {
  list(): StoredButtonBinding[];
  /** replaces a binding of the same button and code */
  save(b: StoredButtonBinding): void;
  /** forgets the learned bindings of one button of a site */
  remove(siteId: string, button: { vendorId: number; productId: number; serial: string | null; path: string | null }): number;
}
