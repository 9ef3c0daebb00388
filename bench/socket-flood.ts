/**
 * A Socket.IO flood (product.md §6, issue #13): anonymous sockets (no token, as a phone page
 * connects) sending `site:resync` in a loop, while a kiosk issues tickets at a steady rate with
 * about 1,000 tickets waiting. Figure: ticket issue p99 under the flood next to its p99 without
 * it, measured in the same run on the same server. Target: within 2×.
 *
 *   npm run bench -- flood
 *   node --conditions=source --import tsx bench/socket-flood.ts
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { BenchChild, TS } from './lib/child.js';
import { isMain, ms, printSection, times, type Figure, type Section } from './lib/figures.js';
import { load, type LoadResult } from './lib/load.js';
import type { EntryInfo } from './lib/server-entry.js';

export interface FloodOptions {
  /** flooding sockets (default 16) */
  flooders?: number;
  /** resyncs each flooder keeps in flight (default 4) */
  inFlight?: number;
  /** tickets waiting before the measurement (default 1,000) */
  waiting?: number;
  /** kiosk tickets per second during each phase (default 25) */
  rate?: number;
  /** seconds of ticket issue per phase (default 20: 500 samples, so p99 is not one outlier) */
  seconds?: number;
}

interface FloodCounts {
  answered: number;
  refused: number;
  disconnects: number;
  seconds: number;
}

export async function measureSocketFlood(o: FloodOptions = {}): Promise<Section> {
  const flooders = o.flooders ?? 16;
  const inFlight = o.inFlight ?? 4;
  const waiting = o.waiting ?? 1000;
  const rate = o.rate ?? 25;
  const seconds = o.seconds ?? 20;
  const queues = ['certificates', 'filings', 'insurance'];

  // the clock follows real time: the limits refill and kept snapshots age as in production
  const server = await BenchChild.spawn<EntryInfo>([...TS, 'bench/lib/server-entry.ts', JSON.stringify({ realTime: true })]);
  try {
    await server.request('lobby', { tickets: Array.from({ length: waiting }, (_, i) => queues[i % queues.length]) });
    const issue = (secs: number) =>
      load(
        {
          url: `${server.info.url}/api/v1/sites/naka/tickets`,
          method: 'POST',
          headers: { authorization: `Bearer ${server.info.kiosk}`, 'content-type': 'application/json', 'idempotency-key': 'flood-[<id>]' },
          bodies: queues.map((queue) => JSON.stringify({ queue, language: 'ja' })),
          seconds: secs,
          rate,
          uniqueIds: true,
        },
        (s) => s === 201,
      );
    const health = () => load({ url: `${server.info.url}/healthz`, seconds: 3, rate: 50 });
    await issue(1); // warm-up

    const quiet = { issue: await issue(seconds), health: await health() };
    const attacker = await BenchChild.spawn([...TS, 'bench/lib/flood-clients.ts', JSON.stringify({ url: server.info.url, sockets: flooders, inFlight })]);
    let counts: FloodCounts;
    let flooded: { issue: LoadResult; health: LoadResult };
    try {
      await attacker.request('start');
      await sleep(1000); // the flood at full strength before measuring
      flooded = { issue: await issue(seconds), health: await health() };
      counts = await attacker.request<FloodCounts>('stop');
    } finally {
      await attacker.stop();
    }
    const after = { issue: await issue(seconds), health: await health() };
    const stats = await server.request<{ waiting: number }>('stats');

    // the machine's own noise drifts: the anchor is the mean of the quiet runs before and after the flood
    const anchorP99 = (quiet.issue.latency.p99 + after.issue.latency.p99) / 2;
    const anchorP50 = (quiet.issue.latency.p50 + after.issue.latency.p50) / 2;
    const ratio = flooded.issue.latency.p99 / anchorP99;
    const met = ratio <= 2;
    const perS = (n: number) => `${Math.round(n / counts.seconds).toLocaleString('en-US')}/s`;
    const figure: Figure = {
      what: `ticket issue p99 with ${flooders} anonymous sockets flooding \`site:resync\` (${waiting.toLocaleString('en-US')}+ tickets waiting)`,
      value: `p99 ${ms(flooded.issue.latency.p99, 2)} (p50 ${ms(flooded.issue.latency.p50, 2)}, ${rate}/s)`,
      anchor: `without the flood (mean of the runs before and after): p99 ${ms(anchorP99, 2)} (p50 ${ms(anchorP50, 2)})`,
      ratio: times(ratio),
      target: 'p99 ≤ 2× without the flood',
      met,
      why: met
        ? `the flood got ${perS(counts.answered)} snapshots, each shared from one build per sequence number, and ${perS(counts.refused)} RATE_LIMITED acks (its sockets were disconnected ${counts.disconnects.toLocaleString('en-US')} times), so the kiosk's tickets barely wait for it.`
        : `the flood still costs the server ${perS(counts.answered + counts.refused)} commands (${perS(counts.answered)} answered, ${perS(counts.refused)} refused), and tickets wait behind them.`,
    };
    const row = (name: string, r: LoadResult) => `| ${name} | ${r.perSecond.toFixed(0)}/s | ${ms(r.latency.p50, 2)} | ${ms(r.latency.p99, 2)} | ${ms(r.latency.max, 2)} | ${r.other} / ${r.errors} |`;
    return {
      title: 'Socket flood',
      figures: [figure],
      notes: [
        `Server: \`createMadoguchi\` on the sample office in a child process, its clock following real time (the limits refill and kept snapshots age as in production), ${waiting.toLocaleString('en-US')} tickets waiting before the first measurement (${stats.waiting.toLocaleString('en-US')} at the end). Each phase: kiosk tickets over HTTP at a steady ${rate}/s for ${seconds} s (open loop, \`bench/lib/load.ts\`), then \`GET /healthz\` at 50/s for 3 s. Without the flood, with it, and without it again, in the same run.`,
        `Flood: ${flooders} Socket.IO clients without a token (one address, as one attacker), each keeping ${inFlight} \`site:resync\` commands in flight and reconnecting at once when the server disconnects it, in a child process of their own (\`bench/lib/flood-clients.ts\`: the attacker's work must not delay the event loop that times the kiosk's requests; on two cores it still competes with the server for CPU). Over ${counts.seconds.toFixed(1)} s: ${counts.answered.toLocaleString('en-US')} snapshots answered, ${counts.refused.toLocaleString('en-US')} RATE_LIMITED acks, ${counts.disconnects.toLocaleString('en-US')} disconnects by the server.`,
        '| run | rate | p50 | p99 | max | non-2xx / errors |',
        '|---|---|---|---|---|---|',
        row('POST /tickets, no flood', quiet.issue),
        row(`POST /tickets, ${flooders} sockets flooding`, flooded.issue),
        row('POST /tickets, no flood (after)', after.issue),
        row('GET /healthz, no flood', quiet.health),
        row(`GET /healthz, ${flooders} sockets flooding`, flooded.health),
        row('GET /healthz, no flood (after)', after.health),
      ],
    };
  } finally {
    await server.stop();
  }
}

if (isMain(import.meta.url)) printSection(await measureSocketFlood());
