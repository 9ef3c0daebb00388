/**
 * A Socket.IO flood (docs/product.md §6, issue #13): anonymous sockets (no token, as a phone page
 * connects) sending `site:resync` in a loop, while a kiosk issues tickets at a steady rate with
 * about 1,000 tickets waiting. Figure: ticket issue p99 under the flood next to its p99 without
 * it, measured in the same run on the same server. Target: within 2×.
 *
 *   npm run bench -- flood
 *   node --conditions=source --import tsx bench/socket-flood.ts
 */
import { setPriority } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { BenchChild, TS } from './lib/child.js';
import { isMain, ms, pct, printSection, summarise, times, type Figure, type Section, type Summary } from './lib/figures.js';
import { load, type LoadResult } from './lib/load.js';
import type { EntryInfo } from './lib/server-entry.js';

export interface FloodOptions {
  /** flooding sockets (default 16) */
  flooders?: number;
  /** resyncs each flooder keeps in flight (default 4) */
  inFlight?: number;
  /** tickets waiting before the measurement (default 1,000) */
  waiting?: number;
  /** kiosk tickets per second (default 25) */
  rate?: number;
  /** rounds, each a quiet run then a flooded run (default 4) */
  rounds?: number;
  /** seconds of ticket issue per run (default 8) */
  seconds?: number;
}

interface LoopDelay {
  p50: number;
  p99: number;
  max: number;
  /** the share of one core the server used during the run */
  cpu: number;
}

interface FloodCounts {
  answered: number;
  refused: number;
  disconnects: number;
  seconds: number;
  /** the share of a core the attacker used while flooding */
  cpu: number;
}

/** The runs of one condition pooled: every latency of every round. */
interface Pooled {
  issue: Summary;
  health: Summary;
  issued: number;
  other: number;
  errors: number;
  loopMax: number;
  loopP99: number;
  /** mean share of a core the server used */
  cpu: number;
}

function pool(runs: ReadonlyArray<{ issue: LoadResult; health: LoadResult; loop: LoopDelay }>): Pooled {
  return {
    issue: summarise(runs.flatMap((r) => r.issue.samples)),
    health: summarise(runs.flatMap((r) => r.health.samples)),
    issued: runs.reduce((n, r) => n + r.issue.ok, 0),
    other: runs.reduce((n, r) => n + r.issue.other + r.health.other, 0),
    errors: runs.reduce((n, r) => n + r.issue.errors + r.health.errors, 0),
    loopMax: Math.max(...runs.map((r) => r.loop.max)),
    loopP99: Math.max(...runs.map((r) => r.loop.p99)),
    cpu: runs.reduce((n, r) => n + r.loop.cpu, 0) / Math.max(1, runs.length),
  };
}

export async function measureSocketFlood(o: FloodOptions = {}): Promise<Section> {
  const flooders = o.flooders ?? 16;
  const inFlight = o.inFlight ?? 4;
  const waiting = o.waiting ?? 1000;
  const rate = o.rate ?? 25;
  const rounds = o.rounds ?? 4;
  const seconds = o.seconds ?? 8;
  const queues = ['certificates', 'filings', 'insurance'];

  // the clock follows real time: the limits refill and kept snapshots age as in production
  const server = await BenchChild.spawn<EntryInfo>([...TS, 'bench/lib/server-entry.ts', JSON.stringify({ realTime: true })]);
  const attacker = await BenchChild.spawn([...TS, 'bench/lib/flood-clients.ts', JSON.stringify({ url: server.info.url, sockets: flooders, inFlight })]);
  // the attacker stands for another machine: on this one it must not take the cores the server
  // and the load generator need, so it runs at the lowest priority (it still gets every idle cycle)
  setPriority(attacker.pid, 19);
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
    const loopDelay = () => server.request<LoopDelay>('loopDelay');
    const run = async () => {
      await loopDelay();
      const issued = await issue(seconds);
      const health = await load({ url: `${server.info.url}/healthz`, seconds: 2, rate: 50 });
      return { issue: issued, health, loop: await loopDelay() };
    };
    await issue(1); // warm-up

    // quiet and flooded runs take turns, so the machine's drifts (other processes, the growing
    // queue, WAL checkpoints) fall on both conditions alike
    const quietRuns = [];
    const floodRuns = [];
    let counts: FloodCounts = { answered: 0, refused: 0, disconnects: 0, seconds: 0, cpu: 0 };
    for (let r = 0; r < rounds; r++) {
      quietRuns.push(await run());
      await attacker.request('start');
      await sleep(1000); // the flood at full strength before measuring
      floodRuns.push(await run());
      counts = await attacker.request<FloodCounts>('stop');
    }
    const stats = await server.request<{ waiting: number }>('stats');
    const quiet = pool(quietRuns);
    const flooded = pool(floodRuns);

    const ratio = flooded.issue.p99 / quiet.issue.p99;
    const met = ratio <= 2;
    const perS = (n: number) => `${Math.round(n / counts.seconds).toLocaleString('en-US')}/s`;
    const figure: Figure = {
      what: `ticket issue p99 with ${flooders} anonymous sockets flooding \`site:resync\` (${waiting.toLocaleString('en-US')}+ tickets waiting)`,
      value: `p99 ${ms(flooded.issue.p99, 2)} (p50 ${ms(flooded.issue.p50, 2)}, ${rate}/s)`,
      anchor: `without the flood: p99 ${ms(quiet.issue.p99, 2)} (p50 ${ms(quiet.issue.p50, 2)})`,
      ratio: times(ratio),
      target: 'p99 ≤ 2× without the flood',
      met,
      why: met
        ? `the flood got ${perS(counts.answered)} snapshots, shared from at most one build per sequence number and 100 ms, and ${perS(counts.refused)} RATE_LIMITED acks; its sockets were disconnected ${counts.disconnects.toLocaleString('en-US')} times and reconnecting was refused before the upgrade once the address's handshakes were spent.`
        : `the flood still costs the server ${perS(counts.answered + counts.refused)} commands (${perS(counts.answered)} answered, ${perS(counts.refused)} refused) and the reconnections, and tickets wait behind them.`,
    };
    const row = (name: string, s: Summary, n: number) => `| ${name} | ${n.toLocaleString('en-US')} | ${ms(s.p50, 2)} | ${ms(s.p99, 2)} | ${ms(s.max, 2)} |`;
    return {
      title: 'Socket flood',
      figures: [figure],
      notes: [
        `Server: \`createMadoguchi\` on the sample office in a child process, its clock following real time (the limits refill and kept snapshots age as in production), ${waiting.toLocaleString('en-US')} tickets waiting before the first run (${stats.waiting.toLocaleString('en-US')} at the end). Each run: kiosk tickets over HTTP at a steady ${rate}/s for ${seconds} s (open loop, \`bench/lib/load.ts\`), then \`GET /healthz\` at 50/s for 2 s. ${rounds} rounds of a run without the flood and a run with it, taking turns; each condition's latencies pooled.`,
        `Flood: ${flooders} Socket.IO clients without a token (one address, as one attacker), each keeping ${inFlight} \`site:resync\` commands in flight and reconnecting at once when the server disconnects it, in a child process of their own at the lowest CPU priority (\`bench/lib/flood-clients.ts\`, nice 19: the attacker stands for another machine; its work must neither delay the event loop that times the kiosk's requests nor take the server's core, though on two shared cores it still gets every idle cycle — it used ${pct(counts.cpu)} of a core). Over ${counts.seconds.toFixed(1)} s of flood: ${counts.answered.toLocaleString('en-US')} snapshots answered, ${counts.refused.toLocaleString('en-US')} RATE_LIMITED acks, ${counts.disconnects.toLocaleString('en-US')} disconnects by the server.`,
        '| runs pooled | answers | p50 | p99 | max |',
        '|---|---|---|---|---|',
        row('POST /tickets, no flood', quiet.issue, quiet.issued),
        row(`POST /tickets, ${flooders} sockets flooding`, flooded.issue, flooded.issued),
        row('GET /healthz, no flood', quiet.health, quiet.health.n),
        row(`GET /healthz, ${flooders} sockets flooding`, flooded.health, flooded.health.n),
        `Non-2xx answers / errors: ${quiet.other} / ${quiet.errors} without the flood, ${flooded.other} / ${flooded.errors} with it. The server's event-loop delay (perf_hooks, 5 ms resolution), worst run: p99 ${ms(quiet.loopP99)}, max ${ms(quiet.loopMax)} without the flood; p99 ${ms(flooded.loopP99)}, max ${ms(flooded.loopMax)} with it — latency beyond that is time the server process waited for a core. The server process used ${pct(quiet.cpu)} of a core without the flood and ${pct(flooded.cpu)} with it.`,
      ],
    };
  } finally {
    await Promise.all([attacker.stop(), server.stop()]);
  }
}

if (isMain(import.meta.url)) printSection(await measureSocketFlood());
