import type { Alert } from '@madoguchi/shared';

/**
 * What the floor manager must look at now (docs/product.md §4 "Floor manager"): a queue whose longest
 * wait or length passed its threshold, a counter paused too long, a printer or button down.
 * Pure: the caller reads the state and the clock.
 */

/** An alert as the API sends it (shared Alert), but `since` in epoch ms, when known. */
export type AlertFinding = Omit<Alert, 'since'> & { since: number | null };

export interface AlertInput {
  now: number;
  queues: ReadonlyArray<{
    id: string;
    /** issue time of the longest-waiting ticket (by sequence, not wall time), or null */
    oldestIssuedAt: number | null;
    waiting: number;
    thresholds: { waitMinutes: number; waiting: number };
  }>;
  counters: ReadonlyArray<{ id: string; availability: 'open' | 'paused' | 'closed'; since: number; reason: string | null }>;
  counterPausedMinutes: number;
  printers: ReadonlyArray<{ id: string; health: string; detail: string | null }>;
  buttons: ReadonlyArray<{ id: string; counter: string; connected: boolean; detail: string | null }>;
  /** devices refused for passing their issue limit lately */
  floods?: ReadonlyArray<{ device: string; since: number; refused: number; perMinute: number }>;
}

/** Minutes from `from` to `now`, never negative (the wall clock may have jumped back). */
export const elapsedMinutes = (from: number, now: number): number => Math.max(0, (now - from) / 60_000);

/** Printer states that stop tickets being printed; `near_end` is a warning the page shows, not an alert. */
const PRINTER_DOWN = new Set(['paper_out', 'cover_open', 'offline', 'unreachable']);

export function evaluateAlerts(input: AlertInput): AlertFinding[] {
  const out: AlertFinding[] = [];
  for (const q of input.queues) {
    if (q.oldestIssuedAt !== null) {
      const wait = elapsedMinutes(q.oldestIssuedAt, input.now);
      if (wait >= q.thresholds.waitMinutes) {
        out.push({
          key: `wait:${q.id}`,
          kind: 'wait',
          queue: q.id,
          value: Math.floor(wait),
          threshold: q.thresholds.waitMinutes,
          since: q.oldestIssuedAt + q.thresholds.waitMinutes * 60_000,
          detail: null,
        });
      }
    }
    if (q.waiting >= q.thresholds.waiting) {
      out.push({ key: `waiting:${q.id}`, kind: 'waiting', queue: q.id, value: q.waiting, threshold: q.thresholds.waiting, since: null, detail: null });
    }
  }
  for (const c of input.counters) {
    if (c.availability !== 'paused') continue;
    const paused = elapsedMinutes(c.since, input.now);
    if (paused >= input.counterPausedMinutes) {
      out.push({
        key: `counter_paused:${c.id}`,
        kind: 'counter_paused',
        counter: c.id,
        value: Math.floor(paused),
        threshold: input.counterPausedMinutes,
        since: c.since,
        detail: c.reason,
      });
    }
  }
  for (const p of input.printers) {
    if (PRINTER_DOWN.has(p.health)) {
      out.push({ key: `printer:${p.id}`, kind: 'printer', printer: p.id, value: null, threshold: null, since: null, detail: p.detail ?? p.health });
    }
  }
  for (const b of input.buttons) {
    if (!b.connected || b.detail) {
      out.push({
        key: `button:${b.id}`,
        kind: 'button',
        button: b.id,
        counter: b.counter,
        value: null,
        threshold: null,
        since: null,
        detail: b.detail ?? 'disconnected',
      });
    }
  }
  for (const f of input.floods ?? []) {
    out.push({ key: `device_flood:${f.device}`, kind: 'device_flood', device: f.device, value: f.refused, threshold: f.perMinute, since: f.since, detail: f.device });
  }
  return out;
}

/** True when two alert lists hold the same conditions (values may have moved on). */
export const sameAlerts = (a: readonly AlertFinding[], b: readonly AlertFinding[]): boolean =>
  a.length === b.length && a.every((x, i) => x.key === b[i]?.key);
