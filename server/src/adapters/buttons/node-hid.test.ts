import { existsSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/manual-clock.js';
import { HidButtonSource } from './hid-button-source.js';

/**
 * The real node-hid, native part included: it needs libusb-1.0 at run time even for hidraw
 * (scripts/setup-system.sh installs it). Machines without USB enumerate nothing.
 */
const hidrawNodes = existsSync('/sys/class/hidraw') ? readdirSync('/sys/class/hidraw') : [];

describe('node-hid on this machine', () => {
  it('loads and enumerates without error', async () => {
    const HID = await import('node-hid');
    expect(HID.getHidapiVersion()).toMatch(/^\d+\.\d+/);
    const devices = await HID.devicesAsync();
    expect(Array.isArray(devices)).toBe(true);
    if (hidrawNodes.length === 0) expect(devices).toEqual([]);
  });

  it('HidButtonSource starts over it, enumerates and closes', async () => {
    const warnings: unknown[] = [];
    const source = await HidButtonSource.open({
      clock: new ManualClock('2026-04-06T01:00:00Z'),
      log: { info: () => undefined, warn: (o) => warnings.push(o), error: (o) => warnings.push(o) },
      every: () => () => undefined,
    });
    if (hidrawNodes.length === 0) expect(source.devices()).toEqual([]);
    await source.poll();
    await source.close();
    expect(warnings).toEqual([]);
  });
});
