/**
 * `npm run simulate`: a whole office day against the real server under a virtual clock
 * (bench/sim/, docs/simulation.md). Prints the day's figures and writes them to bench/sim/out/.
 *
 *   npm run simulate                         the reference busy day (bench/sim/reference-day.json)
 *   npm run simulate -- --tickets 300 --until 11:00 --roster small
 *   npm run simulate -- --seed 7 --disk      another draw; the database on disk instead of tmpfs
 *   npm run simulate -- --docs               also refresh docs/sim-waits.svg and docs/sim-estimate.svg
 *   npm run simulate -- --alerts 0           nobody leaves with a turn-near alert (default: the day file's share)
 *   npm run simulate -- --bookings           the day with bookings (the day file's share of 転入/転出 book),
 *                                            after the same day without them for the walk-ins' comparison
 *   npm run simulate -- --bookings 0.5 --no-compare   another share; only the day with bookings
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { analyse, type Analysis } from './sim/analysis.js';
import { bookingFigures, bookingLines } from './sim/bookings.js';
import { checkDay } from './sim/check.js';
import { loadDayFile, REFERENCE_DAY } from './sim/day.js';
import { simulateDay, type RunOptions, type SimResult } from './sim/run.js';
import { estimateChart, waitsChart } from './sim/svg.js';
import { formatReport } from './sim/table.js';

export { analyse, checkDay, simulateDay };

/**
 * §7: the day within a minute; the estimate within 25 % of the mean wait and 20 % better than
 * naive, judged on queues whose mean wait is at least 5 minutes (below that, integer minutes and
 * the chance of who finishes first dominate any estimate).
 */
export const TARGETS = { seconds: 60, maePct: 0.25, gainOverNaive: 0.2, meaningfulWaitMinutes: 5 } as const;

export function targetLines(r: SimResult, a: Analysis, violations: readonly string[], processSeconds?: number): { lines: string[]; met: boolean } {
  const lines: string[] = [];
  let met = true;
  const line = (ok: boolean, text: string) => {
    met &&= ok;
    lines.push(`${ok ? 'met   ' : 'MISSED'}  ${text}`);
  };
  const seconds = processSeconds ?? r.wallMs / 1000;
  line(
    seconds <= TARGETS.seconds,
    `simulated day in ${seconds.toFixed(1)} s${processSeconds === undefined ? '' : ` (the whole command; the day itself ${(r.wallMs / 1000).toFixed(1)} s)`} (target ≤ ${TARGETS.seconds} s)`,
  );
  line(violations.length === 0, `every invariant checked: ${violations.length} violation(s)`);
  for (const x of a.accuracy) {
    if (x.meanActual < TARGETS.meaningfulWaitMinutes) {
      lines.push(`–       ${x.queue}: mean wait ${x.meanActual.toFixed(1)} min, too short to judge the estimate`);
      continue;
    }
    line(
      x.model.pct <= TARGETS.maePct && x.gainOverNaive >= TARGETS.gainOverNaive,
      `${x.queue}: estimate MAE ${Math.round(x.model.pct * 100)} % of the mean wait (≤ 25 %), ${Math.round(x.gainOverNaive * 100)} % better than naive (≥ 20 %)`,
    );
  }
  return { lines, met };
}

function csv(r: SimResult): string {
  const actual = new Map(r.tickets.map((t) => [t.id, t.firstCalledAt === null ? '' : ((t.firstCalledAt - t.issuedAt) / 60_000).toFixed(2)]));
  const rows = ['id,label,queue,service,priority,low_counter,booked_slot,issued_at,ahead,estimate,naive,actual_wait,state'];
  for (const t of r.tickets) {
    const slot = t.booking ? new Date(t.booking.start).toISOString() : '';
    rows.push([t.id, t.label, t.queue, t.service, t.priority ? 1 : 0, t.lowCounter ? 1 : 0, slot, new Date(t.issuedAt).toISOString(), t.ahead, t.estimate, t.naive.toFixed(2), actual.get(t.id), t.state].join(','));
  }
  return `${rows.join('\n')}\n`;
}

function parseArgs(argv: readonly string[]): RunOptions & { docs: boolean; out: URL; compare: boolean } {
  const opts: RunOptions & { docs: boolean; out: URL; compare: boolean } = { docs: false, out: new URL('./sim/out/', import.meta.url), compare: true };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--tickets') opts.tickets = Number(value());
    else if (a === '--until') opts.until = value();
    else if (a === '--roster') opts.roster = value();
    else if (a === '--seed') opts.seed = Number(value());
    else if (a === '--file') opts.file = loadDayFile(value());
    else if (a === '--disk') opts.tempRoot = tmpdir();
    else if (a === '--docs') opts.docs = true;
    else if (a === '--alerts') opts.alertShare = Number(value());
    else if (a === '--bookings') {
      // an optional share after the flag
      const next = argv[i + 1];
      opts.bookings = next !== undefined && /^[0-9.]+$/.test(next) ? Number(argv[++i]) : true;
    } else if (a === '--no-compare') opts.compare = false;
    else throw new Error(`unknown option ${a} (see bench/simulate.ts)`);
  }
  return opts;
}

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const file = opts.file ?? loadDayFile(REFERENCE_DAY);
  const log = (l: string) => process.stderr.write(`${l}\n`);
  const withBookings = opts.bookings !== undefined && opts.bookings !== false;
  // the walk-ins' comparison: the same day (file, seed, options) without bookings, run first
  let base: SimResult | null = null;
  let baseViolations: string[] = [];
  if (withBookings && opts.compare) {
    log('the day without bookings, for the comparison…');
    base = await simulateDay({ ...opts, file, bookings: false, log });
    baseViolations = checkDay(base).map((v) => `(day without bookings) ${v}`);
    log('the day with bookings…');
  }
  const r = await simulateDay({ ...opts, file, log });
  const a = analyse(r);
  const violations = [...baseViolations, ...checkDay(r)];
  const targets = targetLines(r, a, violations, withBookings ? undefined : process.uptime());
  const booking = r.bookings ? bookingFigures(r, base) : null;
  const report =
    `${formatReport(r, a, violations)}\n` +
    (booking ? `\n${bookingLines(booking).figures.join('\n')}\n` : '') +
    `\nTargets (docs/product.md §7):\n${[...targets.lines, ...(booking ? bookingLines(booking).targets : [])].join('\n')}\n`;
  process.stdout.write(report);
  mkdirSync(opts.out, { recursive: true });
  const waits = waitsChart(r, a);
  const estimate = estimateChart(r, a);
  writeFileSync(new URL('report.txt', opts.out), report);
  writeFileSync(new URL('tickets.csv', opts.out), csv(r));
  writeFileSync(new URL('waits.svg', opts.out), waits);
  writeFileSync(new URL('estimate.svg', opts.out), estimate);
  writeFileSync(
    new URL('summary.json', opts.out),
    `${JSON.stringify({ day: r.day, wallMs: Math.round(r.wallMs), requests: r.requests, tickets: r.tickets.length, queues: a.queues, accuracy: a.accuracy, counters: a.counters, erlang: a.erlang, alerts: a.alerts, bookings: booking, violations }, null, 2)}\n`,
  );
  if (opts.docs) {
    writeFileSync(new URL('../docs/sim-waits.svg', import.meta.url), waits);
    writeFileSync(new URL('../docs/sim-estimate.svg', import.meta.url), estimate);
  }
  process.stderr.write(`written to ${opts.out.pathname}${opts.docs ? ' and docs/sim-*.svg' : ''}\n`);
  if (violations.length > 0) process.exitCode = 1;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`simulate: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  });
}
