/** The printed report of a simulated day: plain-text tables. */
import type { Analysis } from './analysis.js';
import type { SimResult } from './run.js';

const f1 = (x: number): string => x.toFixed(1);
const pct = (x: number): string => `${Math.round(x * 100)} %`;

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function formatReport(r: SimResult, a: Analysis, violations: readonly string[]): string {
  const out: string[] = [];
  out.push(`${r.day.name}`);
  out.push(
    `${r.tickets.length} tickets, ${r.actions.filter((x) => x.kind === 'transfer').length} transfers, ${r.requests} HTTP requests, ` +
      `day ended ${new Date(r.endedAt).toLocaleTimeString('ja-JP', { timeZone: r.day.timeZone, hour: '2-digit', minute: '2-digit' })}, ` +
      `${f1(r.wallMs / 1000)} s wall`,
  );
  out.push('');
  out.push(
    table(
      ['queue', 'issued', 'transf.in', 'served', 'no-show', 'cancel', 'wait mean', 'median', 'p90', 'max'],
      a.queues.map((q) => [q.queue, String(q.issued), String(q.transfersIn), String(q.served), String(q.noShows), String(q.cancelled), f1(q.waits.mean), f1(q.waits.median), f1(q.waits.p90), f1(q.waits.max)]),
    ),
  );
  out.push('');
  out.push('Estimated wait printed on the ticket vs the actual wait (issue → first call), minutes:');
  out.push(
    table(
      ['queue', 'n', 'mean wait', 'model MAE', '% of wait', 'bias', 'naive MAE', '% of wait', 'gain', 'Erlang C MAE', '% of wait', 'covered'],
      a.accuracy.map((x) => [
        x.queue,
        String(x.n),
        f1(x.meanActual),
        f1(x.model.mae),
        pct(x.model.pct),
        f1(x.model.bias),
        f1(x.naive.mae),
        pct(x.naive.pct),
        pct(x.gainOverNaive),
        x.erlang.covered ? f1(x.erlang.mae) : '–',
        x.erlang.covered ? pct(x.erlang.pct) : '–',
        pct(x.n ? x.erlang.covered / x.n : 0),
      ]),
    ),
  );
  out.push('');
  out.push(
    table(
      ['counter', 'open min', 'busy min', 'utilisation'],
      a.counters.map((c) => [c.counter, f1(c.openMinutes), f1(c.busyMinutes), pct(c.utilisation)]),
    ),
  );
  out.push('');
  out.push('M/M/c per queue and hour (λ per minute, cycle = counter minutes per ticket, c = share-weighted open counters):');
  out.push(
    table(
      ['queue', 'hour', 'λ', 'cycle', 'c', 'ρ', 'Erlang C Wq', 'actual mean'],
      a.erlang.map((e) => [e.queue, `+${e.hour}h`, e.lambda.toFixed(2), f1(e.cycle), f1(e.counters), e.rho.toFixed(2), e.wq === null ? '∞' : f1(e.wq), e.meanActual === null ? '–' : f1(e.meanActual)]),
    ),
  );
  out.push('');
  const al = a.alerts;
  if (al.signedUp > 0) {
    out.push(
      `Turn-near alerts (e-mail through a local SMTP relay): ${al.signedUp} citizens signed up and left, ${al.alerted} got the near alert ` +
        `(${al.calledFirst} were called before it), ${al.mails} mails.`,
    );
    out.push(
      table(
        ['near alert → call (min)', 'n', 'median', 'p10', 'mean', 'back in time', 'missed the call', 'then recalled', 'no-show'],
        [['', String(al.lead.count), f1(al.lead.median), f1(al.lead.p10), f1(al.lead.mean), String(al.backInTime), String(al.missed), String(al.missedThenRecalled), String(al.missedNoShow)]],
      ),
    );
    out.push('');
  }
  out.push(violations.length === 0 ? 'Invariants: all held.' : `Invariants: ${violations.length} VIOLATED\n${violations.slice(0, 30).map((v) => `  - ${v}`).join('\n')}`);
  return out.join('\n');
}
