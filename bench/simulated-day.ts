/**
 * The simulated day and the estimate's accuracy (docs/product.md §7), measured with the project's
 * simulator (bench/sim/, `npm run simulate`): a busy day replayed over HTTP with a virtual clock,
 * every invariant checked (bench/sim/check.ts), and the wait printed on each ticket compared with
 * the wait that ticket actually had, next to the naive `ahead × mean service / counters`
 * (bench/sim/analysis.ts). This module only runs the simulator and turns its results into figures.
 */
import { isMain, pct, printSection, type Section } from './lib/figures.js';
import { analyse } from './sim/analysis.js';
import { checkDay } from './sim/check.js';
import { simulateDay } from './sim/run.js';

export async function measureSimulatedDay(): Promise<Section> {
  const r = await simulateDay();
  const violations = checkDay(r);
  const a = analyse(r);
  const n = a.accuracy.reduce((s, q) => s + q.n, 0);
  const pooled = (f: (q: (typeof a.accuracy)[number]) => number) => a.accuracy.reduce((s, q) => s + f(q) * q.n, 0) / Math.max(1, n);
  const meanActual = pooled((q) => q.meanActual);
  const model = pooled((q) => q.model.mae);
  const naive = pooled((q) => q.naive.mae);
  const share = model / meanActual;
  const gain = 1 - model / naive;
  const seconds = r.wallMs / 1000;
  const dayMet = seconds <= 60 && violations.length === 0;
  const accMet = share <= 0.25 && gain >= 0.2;
  return {
    title: 'Simulated day and estimate accuracy',
    figures: [
      {
        what: `simulated day (${r.tickets.length.toLocaleString('en-US')} tickets, ${r.counters.length} counters)`,
        value: `${seconds.toFixed(1)} s, ${violations.length} invariant violations`,
        anchor: '—',
        ratio: `${pct(seconds / 60)} of the time budget`,
        target: '≤ 60 s, every invariant checked',
        met: dayMet,
        why: dayMet
          ? `${r.requests.toLocaleString('en-US')} HTTP requests replayed with a virtual clock and the day checked against the rules.`
          : violations.length > 0
            ? `${violations.length} invariant violations, the first: ${violations[0] ?? ''}`
            : `the ${r.requests.toLocaleString('en-US')} requests took ${seconds.toFixed(1)} s on this machine.`,
      },
      {
        what: 'estimate accuracy on the simulated day (wait printed on the ticket vs actual)',
        value: `MAE ${model.toFixed(1)} min = ${pct(share)} of the mean actual wait (${meanActual.toFixed(1)} min)`,
        anchor: `naive ahead × mean / counters: MAE ${naive.toFixed(1)} min`,
        ratio: `${pct(gain)} better than naive`,
        target: 'MAE ≤ 25 % of the mean actual wait and ≥ 20 % better than naive',
        met: accMet,
        why: accMet
          ? `over ${n.toLocaleString('en-US')} called tickets the printed wait is ${pct(share)} off on average, ${pct(gain)} closer than the naive estimate.`
          : share > 0.25
            ? `the printed wait is off by ${pct(share)} of the mean actual wait over ${n.toLocaleString('en-US')} called tickets.`
            : `only ${pct(gain)} better than the naive estimate.`,
      },
    ],
    notes: [
      `\`simulateDay()\` from bench/sim/run.ts on its reference day (${r.day.name}; seed ${r.day.seed}), checked by \`checkDay()\` and analysed by \`analyse()\`; the accuracy figures pool the queues, each weighted by its called tickets. Per queue: ${a.accuracy.map((q) => `${q.queue} MAE ${q.model.mae.toFixed(1)} min vs naive ${q.naive.mae.toFixed(1)} (mean wait ${q.meanActual.toFixed(1)}, n ${q.n})`).join('; ')}.`,
      `Turn-near alerts on the same day (bench/sim/alerts.ts): ${a.alerts.signedUp} citizens whose ticket printed a long wait signed up by e-mail (real mail to a local SMTP relay) and left; ${a.alerts.alerted} got the near alert, ${a.alerts.lead.median.toFixed(1)} min before their call at the median (p10 ${a.alerts.lead.p10.toFixed(1)} min); ${a.alerts.backInTime} were back in time, ${a.alerts.missed} missed the call (${a.alerts.missedThenRecalled} reached the counter during the recalls, ${a.alerts.missedNoShow} became no-shows and were reinstated when back).`,
    ],
  };
}

if (isMain(import.meta.url)) printSection(await measureSimulatedDay());
