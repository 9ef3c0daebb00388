/**
 * A madoguchi server in a child process for the HTTP and realtime benchmarks: built by
 * createMadoguchi exactly as main.ts builds it, on the sample office (demo: issuing is open at any
 * hour), a fresh data directory and a ManualClock the parent moves over IPC. No print worker
 * (the print job is still written in the ticket's transaction; printing has its own benchmark,
 * print-latency.ts) and no USB buttons.
 *
 *   node --conditions=source --import tsx bench/lib/server-entry.ts '{"displays":50}'
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { ManualClock } from '../../server/src/adapters/clock/manual-clock.js';
import { loadConfig } from '../../server/src/config-file.js';
import { createMadoguchi } from '../../server/src/server.js';
import { memoryAfterGc, serveRequests } from './child.js';
import { benchStaff, followRealTime } from './entry-kit.js';

export interface EntryOptions {
  /** display devices to create */
  displays?: number;
  /**
   * Keep the lobby at a realistic size under a flood of tickets: after this many issues, move the
   * clock to the next day and roll over (as main.ts does at midnight), expiring who waits.
   */
  rolloverEvery?: number;
  /** trust X-Forwarded-For (the benchmark gives each phone an address of its own) */
  trustProxy?: boolean;
  /**
   * Move the ManualClock with real time (every 50 ms), so that time-based behaviour — the socket
   * limits' refill, the snapshots' age — runs as in production.
   */
  realTime?: boolean;
}

export interface EntryInfo {
  url: string;
  kiosk: string;
  displays: string[];
  /** a clerk's bearer token */
  clerk: string;
  /** a manager's bearer token */
  manager: string;
  pid: number;
}

export const SITE = 'naka';
const ACTOR = { kind: 'device', id: 'bench' } as const;

const opts = JSON.parse(process.argv[2] ?? '{}') as EntryOptions;
const dir = mkdtempSync(join(tmpdir(), 'bench-server-'));
const clock = new ManualClock('2026-04-06T01:00:00Z'); // Monday 10:00 JST
// the bench measures the kiosk path's capacity at a standing manual clock, not the per-kiosk issue limit
const sample = loadConfig(undefined);
const config = { ...sample, sites: sample.sites.map((s) => ({ ...s, issueLimit: { perMinute: 1_000_000, burst: 1_000_000 } })) };
// the phones of the socket benchmarks come from addresses of their own, through one trusted proxy hop
const m = await createMadoguchi({ dataDir: dir, config, clock, logger: false, printing: false, buttons: false, ...(opts.trustProxy ? { trustProxy: 1 } : {}) });
if (opts.realTime) {
  followRealTime(clock);
}

const { clerk, manager } = await benchStaff(m);
const kiosk = m.auth.createDevice(SITE, 'kiosk', 'bench kiosk').token;
const displays = Array.from({ length: opts.displays ?? 0 }, (_, i) => m.auth.createDevice(SITE, 'display', `bench display ${i + 1}`).token);

let issued = 0;
let rollovers = 0;
if (opts.rolloverEvery) {
  const every = opts.rolloverEvery;
  m.bus.subscribe((e) => {
    if (e.type !== 'ticket:issued' || ++issued % every !== 0) return;
    setImmediate(() => {
      clock.advance(24 * 3600_000);
      m.engine.rolloverDay(SITE);
      rollovers++;
    });
  });
}

/** the event loop's delay since the last `loopDelay` request (how long work waited for the loop) */
const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
let cpuSince = { usage: process.cpuUsage(), at: performance.now() };

/** the Socket.IO recovery buffer (see memory.ts): packets kept for two real minutes */
function recoveryBuffer(): unknown[] {
  const adapter = m.realtime.io.of('/').adapter as unknown as { packets?: unknown[] };
  return adapter.packets ?? [];
}

const url = await m.app.listen({ port: 0, host: '127.0.0.1' });
serveRequests(
  {
    memory: (a) => {
      const packets = recoveryBuffer();
      const dropped = packets.length;
      if (a.trimRecovery) packets.length = 0;
      return { ...memoryAfterGc(), dropped };
    },
    advance: (a) => {
      clock.advance(Number(a.ms));
      return clock.now().toISOString();
    },
    /** opens counters and issues tickets straight through the engine (set-up, not measured) */
    lobby: (a) => {
      for (const c of (a.open as string[] | undefined) ?? []) m.engine.setCounterState(SITE, c, 'open', { kind: 'clerk', id: 'bench-clerk' }, { clerk: 'bench-clerk' });
      for (const q of (a.tickets as string[] | undefined) ?? []) m.engine.takeTicket(SITE, { queue: q }, ACTOR);
      return m.engine.status(SITE).queues.map((q) => ({ id: q.id, waiting: q.waiting }));
    },
    /** takeTicket straight through the engine, timed (no HTTP): the engine's share of the kiosk path */
    engineTake: (a) => {
      const n = Number(a.n ?? 1000);
      const every = opts.rolloverEvery ?? 100;
      const samples: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        m.engine.takeTicket(SITE, { queue: ['certificates', 'filings', 'insurance'][i % 3] ?? 'certificates', idempotencyKey: `engine-${i}-${t0}` }, ACTOR);
        samples.push(performance.now() - t0);
        if ((i + 1) % every === 0) {
          clock.advance(24 * 3600_000);
          m.engine.rolloverDay(SITE);
        }
      }
      return samples;
    },
    loopDelay: () => {
      const used = process.cpuUsage(cpuSince.usage);
      // the share of one core this process used since the last request
      const cpu = (used.user + used.system) / 1000 / (performance.now() - cpuSince.at);
      const r = { p50: loop.percentile(50) / 1e6, p99: loop.percentile(99) / 1e6, max: loop.max / 1e6, cpu };
      loop.reset();
      cpuSince = { usage: process.cpuUsage(), at: performance.now() };
      return r;
    },
    stats: () => ({ issued, rollovers, groups: m.engine.issueGroupCounts(), waiting: m.engine.status(SITE).queues.reduce((n, q) => n + q.waiting, 0), recoveryPackets: recoveryBuffer().length }),
  },
  { url, kiosk, displays, clerk, manager, pid: process.pid } satisfies EntryInfo,
  async () => {
    await m.close();
    rmSync(dir, { recursive: true, force: true });
  },
);
