import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../config-file.js';
import { nakaYaml } from '../../test-support/config-yaml.js';

/** The `buttons` section of a site in the configuration file. */
const file = (buttons: string): string =>
  nakaYaml({
    more: `    counters:
      - { id: "1", name: { ja: 1番窓口, en: Counter 1 }, queues: [certificates] }
      - { id: "2", name: { ja: 2番窓口, en: Counter 2 }, queues: [certificates] }
    buttons:
${buttons}
`,
  });

function problems(text: string): string[] {
  try {
    parseConfig(text, 'office.yaml');
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map((i) => `${i.path}: ${i.reason}`);
    throw err;
  }
  return [];
}

describe('configuration: buttons', () => {
  it('binds buttons by port or serial number, with key codes to actions', () => {
    const config = parseConfig(
      file(`
      # two identical foot switches without a serial number, told apart by their USB port
      - { device: "0c45:7403", path: "1-1.2", counter: "1", codes: { 5: next } }
      - { device: "0c45:7403", path: "1-1.3", counter: "2", codes: { 5: next } }
      # a vendor-specific four-key pad with a serial number; the code is byte 1 of its report
      - device: "1A2B:3C4D"
        serial: "PAD-0042"
        counter: "1"
        codeIndex: 1
        codes: { 1: next, 2: recall, 3: no-show, 4: complete }`),
      'office.yaml',
    );
    expect(config.sites[0]?.buttons).toEqual([
      { vendorId: 0x0c45, productId: 0x7403, path: '1-1.2', counter: '1', codes: { 5: 'next' } },
      { vendorId: 0x0c45, productId: 0x7403, path: '1-1.3', counter: '2', codes: { 5: 'next' } },
      { vendorId: 0x1a2b, productId: 0x3c4d, serial: 'PAD-0042', counter: '1', codeIndex: 1, codes: { 1: 'next', 2: 'recall', 3: 'no-show', 4: 'complete' } },
    ]);
  });

  it('has no buttons when the section is absent', () => {
    expect(parseConfig(file(''), 'office.yaml').sites[0]?.buttons).toEqual([]);
  });

  it('reports every mistake with its place', () => {
    expect(
      problems(
        file(`
      - { device: "0c45:7403", counter: "1", codes: { 5: next } }
      - { device: "0c45:7403", serial: "A", path: "1-1.2", counter: "1", codes: { 5: next } }
      - { device: "0c45:7403", path: "1-1.4", counter: "9", codes: { 5: next } }
      - { device: "0c45:7403", path: "1-1.4", counter: "2", codes: { 5: recall, 0: next, 300: next, b: next } }`),
      ),
    ).toEqual([
      'sites[0].buttons[0]: must name either serial (the device has a serial number) or path (the USB port it is plugged into), not both',
      'sites[0].buttons[1]: must name either serial (the device has a serial number) or path (the USB port it is plugged into), not both',
      'sites[0].buttons[2].counter: unknown counter "9" in site "naka"',
      'sites[0].buttons[3].codes[0]: must be a key code between 1 and 255 (a byte of the report, decimal)',
      "sites[0].buttons[3].codes[5]: this button's code 5 is already bound at sites[0].buttons[2].codes",
      'sites[0].buttons[3].codes[300]: must be a key code between 1 and 255 (a byte of the report, decimal)',
      'sites[0].buttons[3].codes.b: must be a key code between 1 and 255 (a byte of the report, decimal)',
    ]);
  });

  it('refuses a /dev/hidraw path, a malformed device, an unknown action and an empty code map', () => {
    expect(
      problems(
        file(`
      - { device: "0c45:7403", path: "/dev/hidraw3", counter: "1", codes: { 5: next } }
      - { device: "c45:7403", serial: "A", counter: "1", codes: { 5: call } }
      - { device: "0c45:7403", serial: "B", counter: "1", codes: {} }`),
      ),
    ).toEqual([
      'sites[0].buttons[0].path: must be a USB port path such as "1-1.2" (as in /sys/bus/usb/devices), never /dev/hidrawN, got string "/dev/hidraw3"',
      'sites[0].buttons[1].device: must be "vendorId:productId" in hex as lsusb shows it, e.g. "0c45:7403", got string "c45:7403"',
      'sites[0].buttons[1].codes[5]: must be one of "next", "recall", "no-show", "complete", got string "call"',
      'sites[0].buttons[2].codes: must map at least one key code to an action, e.g. { 5: next }',
    ]);
  });
});
