import type { ButtonBindingDef } from '../domain/site.js';
import type { ButtonDevice } from '../ports/button-source.js';

/**
 * How a device meets its binding, and what a report's key codes are. Pure functions, shared by
 * the button service and learn mode.
 */

export const hex4 = (n: number): string => n.toString(16).padStart(4, '0');

/** The button's identity, also the actor of its presses: `button:0c45:7403:<serial or port>`. */
export function buttonId(b: { vendorId: number; productId: number; serial?: string | undefined; path?: string | undefined }): string {
  return `button:${hex4(b.vendorId)}:${hex4(b.productId)}:${b.serial ?? b.path ?? ''}`;
}

/** vendorId:productId, then the serial number when the binding names one, else the USB port. */
export function matches(b: ButtonBindingDef, d: ButtonDevice): boolean {
  if (b.vendorId !== d.vendorId || b.productId !== d.productId) return false;
  return b.serial !== undefined ? d.serialNumber === b.serial : d.path === b.path;
}

/** A device's identity without a binding: what an unknown device is reported (once) as. */
export const deviceIdentity = (d: ButtonDevice): string => `${hex4(d.vendorId)}:${hex4(d.productId)}|${d.serialNumber ?? ''}|${d.path}`;

/** A boot-protocol keyboard report: modifiers, reserved, then up to six keys held. */
const KEYBOARD_REPORT_LENGTH = 8;

/**
 * The codes a report holds: the byte at `codeIndex` when the binding names one (vendor-specific
 * buttons); otherwise the keys held in a keyboard-style report (bytes 2–7 of an 8-byte report),
 * or every non-zero byte of a report of another length. Zero is never a code (key up).
 */
export function codesOf(report: Uint8Array | undefined, codeIndex?: number): Set<number> {
  const codes = new Set<number>();
  if (!report) return codes;
  if (codeIndex !== undefined) {
    const v = report[codeIndex];
    if (v) codes.add(v);
    return codes;
  }
  const from = report.length === KEYBOARD_REPORT_LENGTH ? 2 : 0;
  for (let i = from; i < report.length; i++) {
    const v = report[i];
    if (v) codes.add(v);
  }
  return codes;
}

/** Key-down edges: codes present now that were not in the device's previous report. */
export function pressedCodes(previous: Uint8Array | undefined, current: Uint8Array, codeIndex?: number): number[] {
  const before = codesOf(previous, codeIndex);
  return [...codesOf(current, codeIndex)].filter((c) => !before.has(c));
}
