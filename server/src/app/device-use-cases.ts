import type { Actor, ButtonStatus } from '@madoguchi/shared';
import { runUnit, type EngineDeps } from './context.js';

/**
 * Call buttons' state, pushed to the manager like printer health: through the event log with the
 * site's sequence numbers. The button service (adapters/buttons) decides when something changed.
 */

const BUTTONS: Actor = { kind: 'system', id: 'buttons' };

/** A bound button's connection or last press changed. */
export function recordButtonStatus(deps: EngineDeps, siteId: string, status: ButtonStatus): void {
  runUnit(deps, siteId, BUTTONS, (u) => {
    u.record({ type: 'button:status', button: status });
  });
}

export interface UnknownButtonDevice {
  vendorId: number;
  productId: number;
  serial: string | null;
  path: string;
  product: string | null;
}

/** A device no binding matches was plugged in: the manager may bind it (learn mode). */
export function reportUnknownButton(deps: EngineDeps, siteId: string, device: UnknownButtonDevice): void {
  runUnit(deps, siteId, BUTTONS, (u) => {
    u.record({ type: 'button:unknown', ...device });
  });
}
