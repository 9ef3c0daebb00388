/**
 * Figures of the citizens who signed up for a turn-near alert and left the lobby (docs/product.md
 * §8): how many were told their turn was near, how long before their call, and how many were back
 * in time or missed the call (the clerk's recalls and the no-show rule then apply as to anyone).
 */
import type { SimResult } from './result.js';

export interface AlertFigures {
  /** signed up by e-mail and left the lobby */
  signedUp: number;
  /** received the near alert */
  alerted: number;
  /** called before the near alert was due: the call's mail was the first */
  calledFirst: number;
  /** minutes from the near alert's arrival to the first call, over the alerted who were called */
  lead: { count: number; median: number; p10: number; mean: number };
  /** called after they were back in the lobby */
  backInTime: number;
  /** called while still on the way back */
  missed: number;
  /** of the missed: reached the counter during the clerk's recalls */
  missedThenRecalled: number;
  /** of the missed: marked no-show (then reinstated when back) */
  missedNoShow: number;
  /** every mail the relay received for them */
  mails: number;
}

/** The value below which a share `p` of the sorted values lies (linear interpolation). */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const i = (sorted.length - 1) * p;
  const lo = sorted[Math.floor(i)] ?? 0;
  const hi = sorted[Math.ceil(i)] ?? 0;
  return lo + (hi - lo) * (i - Math.floor(i));
}

export function alertFigures(r: SimResult): AlertFigures {
  const noShows = new Set(r.actions.flatMap((a) => (a.kind === 'no-show' ? [a.ticket] : [])));
  const called = r.alerts.filter((a) => a.calledAt !== null);
  const missed = called.filter((a) => a.backAt === null || a.backAt > (a.calledAt ?? 0));
  const leads = called
    .flatMap((a) => (a.nearAt === null || a.calledAt === null ? [] : [(a.calledAt - a.nearAt) / 60_000]))
    .sort((x, y) => x - y);
  return {
    signedUp: r.alerts.length,
    alerted: r.alerts.filter((a) => a.nearAt !== null).length,
    calledFirst: r.alerts.filter((a) => a.mails[0] !== undefined && a.mails[0].kind !== 'near').length,
    lead: {
      count: leads.length,
      median: quantile(leads, 0.5),
      p10: quantile(leads, 0.1),
      mean: leads.length === 0 ? 0 : leads.reduce((s, x) => s + x, 0) / leads.length,
    },
    backInTime: called.length - missed.length,
    missed: missed.length,
    missedThenRecalled: missed.filter((a) => !noShows.has(a.ticket)).length,
    missedNoShow: missed.filter((a) => noShows.has(a.ticket)).length,
    mails: r.alerts.reduce((s, a) => s + a.mails.length, 0),
  };
}
