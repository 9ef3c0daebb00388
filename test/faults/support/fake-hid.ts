/**
 * A stand-in for node-hid 3 and the kernel's sysfs tree, to run the production HidButtonSource
 * with hot-plug: devices listed by `devicesAsync`, handles that emit 'data' and 'error', and
 * /sys/class/hidraw/<node>/device links to a USB port path. (The unit tests of the source have
 * their own, with the same surface; this one keeps every handle ever opened, to make a dead
 * handle speak after its device is gone.)
 */
import { EventEmitter } from 'node:events';
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { HidDeviceInfo, HidModule } from '../../../server/src/adapters/buttons/hid-button-source.js';

export class FakeHidHandle extends EventEmitter {
  closed = false;
  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}

export class FakeHid implements HidModule {
  list: HidDeviceInfo[] = [];
  /** every handle opened, per device node, oldest first */
  readonly opened = new Map<string, FakeHidHandle[]>();
  devicesAsync = (): Promise<HidDeviceInfo[]> => Promise.resolve(this.list.map((d) => ({ ...d })));
  HIDAsync = {
    open: (path: string): Promise<FakeHidHandle> => {
      const h = new FakeHidHandle();
      this.opened.set(path, [...(this.opened.get(path) ?? []), h]);
      return Promise.resolve(h);
    },
  };
  getHidapiVersion = (): string => '0.15.0';

  /** the newest handle of a node */
  handle(path: string): FakeHidHandle | undefined {
    return this.opened.get(path)?.at(-1);
  }
}

/** A hidraw node under a fake sysfs root, as the kernel lays it out for a device on USB `port`. */
export function plugSysfs(root: string, hidraw: string, port: string): void {
  const chain = port.split('.').map((_, i, a) => a.slice(0, i + 1).join('.'));
  const dev = join(root, 'devices/pci0000:00/0000:00:14.0/usb1', ...chain, `${port}:1.0`, `0003:0C45:7403.00${hidraw.slice(-1)}8`);
  mkdirSync(dev, { recursive: true });
  mkdirSync(join(root, 'class/hidraw', hidraw), { recursive: true });
  symlinkSync(dev, join(root, 'class/hidraw', hidraw, 'device'));
}

export function unplugSysfs(root: string, hidraw: string): void {
  rmSync(join(root, 'class/hidraw', hidraw), { recursive: true, force: true });
}
