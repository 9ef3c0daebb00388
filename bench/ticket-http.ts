/**
 * Ticket issue over HTTP, the kiosk's path (docs/product.md §7): POST /api/v1/sites/naka/tickets with a
 * kiosk device token and a fresh Idempotency-Key, answered after its durable commit — next to its two
 * anchors measured in the same run on the same machine with the same client: a bare Fastify JSON
 * POST (the HTTP limit) and a raw better-sqlite3 synchronous=FULL commit loop (the disk's limit).
 * Target: ≥ 50 % of the lower anchor; p99 ≤ 10 ms at a steady 200 tickets/s.
 */
import { BenchChild, TS } from './lib/child.js';
import { isMain, ms, pct, perS, printSection, summarise, times, type Figure, type Section } from './lib/figures.js';
import { load, type LoadOptions } from './lib/load.js';
import type { EntryInfo } from './lib/server-entry.js';
import { rawFullCommit } from './engine-pair.js';

export interface TicketHttpOptions {
  /** seconds of each measured run (default 4) */
  seconds?: number;
  connections?: number;
  /** the steady rate of the latency run (default 200/s) */
  rate?: number;
}

const ROLLOVER_EVERY = 100;

export async function measureTicketIssue(o: TicketHttpOptions = {}): Promise<Section> {
  const seconds = o.seconds ?? 4;
  const connections = o.connections ?? 10;
  const rate = o.rate ?? 200;
  const queues = ['certificates', 'filings', 'insurance'];
  const bodies = queues.map((queue) => JSON.stringify({ queue, language: 'ja' }));

  const server = await BenchChild.spawn<EntryInfo>([...TS, 'bench/lib/server-entry.ts', JSON.stringify({ rolloverEvery: ROLLOVER_EVERY })]);
  const anchor = await BenchChild.spawn<{ url: string }>(['bench/lib/bare-servers.mjs', 'fastify']);
  try {
    const kiosk: Omit<LoadOptions, 'url' | 'seconds'> = {
      method: 'POST',
      headers: { authorization: `Bearer ${server.info.kiosk}`, 'content-type': 'application/json', 'idempotency-key': 'bench-[<id>]' },
      bodies,
      connections,
      uniqueIds: true,
    };
    const issueUrl = `${server.info.url}/api/v1/sites/naka/tickets`;
    const echoUrl = `${anchor.info.url}/echo`;
    // warm-up: JIT, statement caches, page cache, connection pools
    await load({ ...kiosk, url: issueUrl, seconds: 1 });
    await load({ ...kiosk, url: echoUrl, seconds: 1 });

    const fastify = await load({ ...kiosk, url: echoUrl, seconds });
    const issue = await load({ ...kiosk, url: issueUrl, seconds }, (s) => s === 201);
    const raw = rawFullCommit(3000);
    const steady = await load({ ...kiosk, url: issueUrl, seconds, rate }, (s) => s === 201);
    const steadyAnchor = await load({ ...kiosk, url: echoUrl, seconds, rate });
    const stats = await server.request<{ issued: number; rollovers: number; groups: { groups: number; useCases: number } }>('stats');
    const groupSize = stats.groups.useCases / Math.max(1, stats.groups.groups);
    const engine = summarise(await server.request<number[]>('engineTake', { n: 1000 }));

    const limit = Math.min(fastify.perSecond, raw.perSecond);
    const limitName = fastify.perSecond <= raw.perSecond ? 'bare Fastify JSON POST' : 'raw SQLite FULL commit';
    const share = issue.perSecond / limit;
    const figures: Figure[] = [
      {
        what: 'ticket issue over HTTP (kiosk path, durable commit): throughput',
        value: `${perS(issue.perSecond)} (p50 ${ms(issue.latency.p50, 2)}, p99 ${ms(issue.latency.p99, 2)})`,
        anchor: `${perS(limit)} — the lower of bare Fastify ${perS(fastify.perSecond)} and raw FULL commit ${perS(raw.perSecond)}`,
        ratio: pct(share),
        target: '≥ 50 % of the lower anchor',
        met: share >= 0.5,
        why:
          share >= 0.5
            ? `the kiosk path keeps ${pct(share)} of the ${limitName}'s rate.`
            : `the engine's takeTicket alone (no HTTP, one commit each) takes ${ms(engine.mean, 2)} (${perS(1000 / engine.mean)}) against ${ms(1000 / raw.perSecond, 2)} for a bare commit; over HTTP the tickets of a turn share a commit (${groupSize.toFixed(1)} per commit on average), and each request still adds auth, validation, the estimate, the idempotency and print-job rows and Fastify.`,
      },
      {
        what: `ticket issue p99 at a steady ${rate} tickets/s`,
        value: `p99 ${ms(steady.latency.p99, 2)} (p50 ${ms(steady.latency.p50, 2)}, ${perS(steady.perSecond)})`,
        anchor: `bare Fastify at ${rate}/s: p99 ${ms(steadyAnchor.latency.p99, 2)}`,
        ratio: times(steady.latency.p99 / steadyAnchor.latency.p99),
        target: 'p99 ≤ 10 ms',
        met: steady.latency.p99 <= 10,
        why:
          steady.latency.p99 <= 10
            ? `${rate}/s is ${pct(rate / issue.perSecond)} of what this server issues flat out, so requests rarely wait for each other.`
            : rate / issue.perSecond > 0.6
              ? `${rate}/s is ${pct(rate / issue.perSecond)} of the ${perS(issue.perSecond)} this server issues flat out here, so requests queue behind each other (the anchor's p99 at the same rate is ${ms(steadyAnchor.latency.p99, 2)}).`
              : `the median ticket takes ${ms(steady.latency.p50, 2)} but the slowest 1 % take ${times(steady.latency.p99 / steady.latency.p50)} that, on two cores shared with the load generator where even the bare Fastify anchor's p99 at the same rate is ${ms(steadyAnchor.latency.p99, 2)}: a ticket that arrives during another's work, a day rollover of the benchmark's lobby or a garbage collection waits for it.`,
      },
    ];
    const notes = [
      `Server: \`createMadoguchi\` on the sample office in a child process (its own event loop and core), printing off (the job row is still written in the ticket's transaction). Client: autocannon in the benchmark process, ${connections} connections, ${seconds} s per run after a 1 s warm-up, bodies cycling through the three queues, a unique \`Idempotency-Key\` per request. The same client, headers and bodies hit the bare Fastify anchor (\`bench/lib/bare-servers.mjs\`).`,
      `Group commit (docs/adr/0004): the tickets whose requests arrive in the same turn of the event loop share one durable commit, each in its own savepoint, answered after it; this run made ${stats.groups.groups.toLocaleString('en-US')} commits for ${stats.groups.useCases.toLocaleString('en-US')} tickets over HTTP (${groupSize.toFixed(1)} per commit).`,
      `The lobby is kept realistic: after every ${ROLLOVER_EVERY} tickets the server's clock moves to the next day and the day rolls over (expiring who waits), so the queue saw-tooths between 0 and ${ROLLOVER_EVERY} waiting instead of growing to thousands — the issue path reads every waiting ticket for the estimate, so an ever-growing queue would measure the queue, not the path. This run: ${stats.issued} tickets, ${stats.rollovers} rollovers (their expiry writes are part of the measured load).`,
      `The steady runs are open loop: a request leaves every ${ms(1000 / rate, 0)} whatever the answers do, and each latency counts from the moment its request was due (\`bench/lib/load.ts\`; autocannon's own rate limit sends each connection's share of a second flat out, then waits — bursts, not a steady rate).`,
      '| run | rate | p50 | p99 | non-2xx / errors |',
      '|---|---|---|---|---|',
      `| madoguchi POST /tickets, flat out | ${perS(issue.perSecond)} | ${ms(issue.latency.p50, 2)} | ${ms(issue.latency.p99, 2)} | ${issue.other} / ${issue.errors} |`,
      `| bare Fastify POST /echo, flat out | ${perS(fastify.perSecond)} | ${ms(fastify.latency.p50, 2)} | ${ms(fastify.latency.p99, 2)} | ${fastify.other} / ${fastify.errors} |`,
      `| raw better-sqlite3 FULL commit (one insert, in-process) | ${perS(raw.perSecond)} | ${ms(raw.p50Ms, 3)} | ${ms(raw.p99Ms, 3)} | — |`,
      `| engine.takeTicket alone, in the server process (no HTTP), 1,000 tickets | ${perS(1000 / engine.mean)} | ${ms(engine.p50, 2)} | ${ms(engine.p99, 2)} | — |`,
      `| madoguchi POST /tickets at ${rate}/s | ${perS(steady.perSecond)} | ${ms(steady.latency.p50, 2)} | ${ms(steady.latency.p99, 2)} | ${steady.other} / ${steady.errors} |`,
      `| bare Fastify POST /echo at ${rate}/s | ${perS(steadyAnchor.perSecond)} | ${ms(steadyAnchor.latency.p50, 2)} | ${ms(steadyAnchor.latency.p99, 2)} | ${steadyAnchor.other} / ${steadyAnchor.errors} |`,
    ];
    return { title: 'Ticket issue over HTTP', figures, notes };
  } finally {
    await Promise.all([server.stop(), anchor.stop()]);
  }
}

if (isMain(import.meta.url)) printSection(await measureTicketIssue());
