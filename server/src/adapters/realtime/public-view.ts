import { publicCounter, type SiteSnapshot } from '@madoguchi/shared';

export { publicEvent } from '@madoguchi/shared';

/**
 * What the public room (displays, kiosks, phones, anonymous sockets) may see of a snapshot:
 * numbers only (docs/product.md §3.8), as `publicEvent` of the event map (shared/src/events.ts)
 * decides for every event type.
 */
export function publicSnapshot(s: SiteSnapshot): SiteSnapshot {
  return {
    ...s,
    counters: s.counters.map(publicCounter),
    printers: s.printers.map((p) => ({ ...p, detail: null })),
  };
}
