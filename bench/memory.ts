/**
 * Server memory (docs/product.md §7): RSS ≤ 200 MB with 1,000 connected clients, and no growth across
 * a simulated day.
 *
 * 1. The production server (`node server/dist/madoguchi.js`, the sample office, printer simulator and
 *    all) with 50 displays and 1,000 phones connected: RSS and heap after a full GC, next to a
 *    bare Socket.IO server holding the same clients (the anchor). A preloaded probe
 *    (memory-probe.mjs) answers the IPC request; nothing else in the server changes.
 * 2. A day of ~3,000 tickets issued, called and completed over HTTP, the clock moved on, with 10
 *    displays connected: heap and RSS after a full GC at the start (after 300 tickets of warm-up),
 *    the middle and the end of the day, in a `createMadoguchi` child (bench/lib/server-entry.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from './lib/build.js';
import { BenchChild, TS } from './lib/child.js';
import { Crowd } from './lib/clients.js';
import { isMain, mb, notMeasured, printSection, times, type Figure, type Section } from './lib/figures.js';
import type { EntryInfo } from './lib/server-entry.js';

type Memory = NodeJS.MemoryUsage & { dropped: number };

export interface MemoryOptions {
  displays?: number;
  watchers?: number;
  /** tickets in the simulated day (default 2,970: 990 per queue, the sample office's numbers run to 999) */
  dayTickets?: number;
}

async function productionWithClients(displays: number, watchers: number): Promise<{ idle: Memory; crowded: Memory; anchorIdle: Memory; anchor: Memory }> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-memory-'));
  const server = await BenchChild.spawn<{ match: RegExpExecArray }>(['--expose-gc', '--import', './bench/lib/memory-probe.mjs', 'server/dist/madoguchi.js'], {
    // one proxy hop (the benchmark): each phone comes from an address of its own (X-Forwarded-For)
    env: { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, LOG_LEVEL: 'warn', CONFIG: undefined, MANUAL_CLOCK: undefined, TRUST_PROXY: '1' },
    readyLine: /listening on (http:\/\/\S+)[\s\S]*password: (\S+)/,
  });
  let crowd: Crowd | undefined;
  try {
    const url = server.info.match[1] ?? '';
    const password = server.info.match[2] ?? '';
    const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    if (login.status !== 200) throw new Error(`admin login: ${login.status}`);
    const tokens: string[] = [];
    for (let i = 0; i < displays; i++) {
      const res = await fetch(`${url}/api/v1/sites/naka/devices`, {
        method: 'POST',
        headers: { cookie, origin: url, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'display', name: `bench display ${i + 1}` }),
      });
      if (res.status !== 201) throw new Error(`display device: ${res.status} ${await res.text()}`);
      tokens.push(((await res.json()) as { token: string }).token);
    }
    const idle = await server.request<Memory>('memory');
    crowd = await Crowd.connect({ url, auths: [...tokens.map((token) => ({ token })), ...Array.from({ length: watchers }, () => ({ site: 'naka' }))], readyEvent: 'site:snapshot', distinctAddresses: true });
    const crowded = await server.request<Memory>('memory');
    crowd.close();
    crowd = undefined;
    const bare = await BenchChild.spawn<{ url: string }>(['--expose-gc', 'bench/lib/bare-servers.mjs', 'socketio']);
    try {
      const anchorIdle = await bare.request<Memory>('memory');
      crowd = await Crowd.connect({ url: bare.info.url, auths: Array.from({ length: displays + watchers }, () => ({})), distinctAddresses: true });
      const anchor = await bare.request<Memory>('memory');
      return { idle, crowded, anchorIdle, anchor };
    } finally {
      crowd?.close();
      await bare.stop();
    }
  } finally {
    crowd?.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function simulatedDay(tickets: number): Promise<{ at: Array<{ label: string; m: Memory }>; wallMs: number; requests: number }> {
  const server = await BenchChild.spawn<EntryInfo>(['--expose-gc', ...TS, 'bench/lib/server-entry.ts', JSON.stringify({ displays: 10 })]);
  let crowd: Crowd | undefined;
  try {
    const { url, kiosk, clerk } = server.info;
    const counters: Record<string, string[]> = { certificates: ['1', '2', '3', '4'], filings: ['5', '6', '7'], insurance: ['9', '10'] };
    const queues = Object.keys(counters);
    await server.request('lobby', { open: Object.values(counters).flat() });
    crowd = await Crowd.connect({ url, auths: server.info.displays.map((token) => ({ token })), readyEvent: 'site:snapshot' });
    const post = async (path: string, token: string, body: unknown, key?: string) => {
      const res = await fetch(`${url}/api/v1/sites/naka/${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(key ? { 'idempotency-key': key } : {}) },
        body: JSON.stringify(body),
      });
      await res.arrayBuffer();
      return res.status;
    };
    const at: Array<{ label: string; m: Memory }> = [];
    const checkpoints = new Map([
      [Math.min(300, tickets), 'start (after 300 tickets)'],
      [Math.round(tickets / 2), 'middle'],
      [tickets, 'end'],
    ]);
    let requests = 0;
    let issued = 0;
    const t0 = performance.now();
    // one lane per queue, as its counters work side by side; each lane issues its queue's share
    const lane = async (queue: string, count: number) => {
      const list = counters[queue] ?? [];
      for (let n = 0; n < count; n++) {
        const i = ++issued;
        // ~10 virtual seconds per ticket: 3,000 tickets from 08:45 to about 17:00
        if (i % 10 === 0) await server.request('advance', { ms: 100_000 });
        const counter = list[n % list.length] ?? '1';
        const [s] = await Promise.all([
          post('tickets', kiosk, { queue, language: 'ja' }, `day-${i}`),
          post(`counters/${counter}/complete`, clerk, {}).then(() => post(`counters/${counter}/call-next`, clerk, {})),
        ]);
        if (s !== 201) throw new Error(`ticket ${i}: ${s}`);
        requests += 3;
        const label = checkpoints.get(i);
        if (label) at.push({ label, m: await server.request<Memory>('memory', { trimRecovery: true }) });
      }
    };
    await Promise.all(queues.map((q, k) => lane(q, Math.floor(tickets / queues.length) + (k < tickets % queues.length ? 1 : 0))));
    return { at, wallMs: performance.now() - t0, requests };
  } finally {
    crowd?.close();
    await server.stop();
  }
}

export async function measureMemory(o: MemoryOptions = {}): Promise<Section> {
  const displays = o.displays ?? 50;
  const watchers = o.watchers ?? 1000;
  const dayTickets = o.dayTickets ?? 2970;
  const figures: Figure[] = [];
  const notes: string[] = [];
  const clients = (displays + watchers).toLocaleString('en-US');

  const buildError = ensureBuilt();
  if (buildError) {
    figures.push(notMeasured(`server RSS with ${clients} connected clients`, 'RSS ≤ 200 MB', `the production build failed (${buildError}).`));
  } else {
    const p = await productionWithClients(displays, watchers);
    const met = p.crowded.rss <= 200 * 2 ** 20;
    const perClient = (p.crowded.rss - p.idle.rss) / (displays + watchers);
    figures.push({
      what: `server RSS with ${clients} connected clients (${displays} displays + ${watchers.toLocaleString('en-US')} phones)`,
      value: `${mb(p.crowded.rss)} (heap ${mb(p.crowded.heapUsed)})`,
      anchor: `bare Socket.IO with the same clients: ${mb(p.anchor.rss)}`,
      ratio: times(p.crowded.rss / p.anchor.rss),
      target: 'RSS ≤ 200 MB',
      met,
      why: met
        ? `the server idles at ${mb(p.idle.rss)} and each client adds ~${(perClient / 1024).toFixed(0)} KB.`
        : `the production process already idles at ${mb(p.idle.rss)} (Fastify, Swagger, the page server, the printer simulator, SQLite's cache) before each client adds ~${(perClient / 1024).toFixed(0)} KB.`,
    });
    notes.push(
      `Production process: \`node --expose-gc --import ./bench/lib/memory-probe.mjs server/dist/madoguchi.js\` (the sample office, no CONFIG, a fresh DATA_DIR); displays get device tokens from the admin API, phones connect as the phone page does (\`auth: { site }\`), all over WebSocket from the benchmark process. After a full GC — idle: RSS ${mb(p.idle.rss)}, heap ${mb(p.idle.heapUsed)}; with ${clients} clients: RSS ${mb(p.crowded.rss)}, heap ${mb(p.crowded.heapUsed)}, external ${mb(p.crowded.external)}. Bare Socket.IO (\`bench/lib/bare-servers.mjs\`): idle ${mb(p.anchorIdle.rss)}, with the same clients ${mb(p.anchor.rss)} (heap ${mb(p.anchor.heapUsed)}).`,
    );
  }

  const day = await simulatedDay(dayTickets);
  const [start, middle, end] = day.at;
  if (!start || !middle || !end) throw new Error('memory checkpoints missing');
  const slack = Math.max(2 * 2 ** 20, 0.05 * start.m.heapUsed);
  const grew = end.m.heapUsed - start.m.heapUsed;
  const met = grew <= slack && end.m.heapUsed - middle.m.heapUsed <= slack;
  figures.push({
    what: `memory across a simulated day (${dayTickets.toLocaleString('en-US')} tickets issued, called, completed)`,
    value: `heap after GC ${mb(start.m.heapUsed)} → ${mb(middle.m.heapUsed)} → ${mb(end.m.heapUsed)} (RSS ${mb(start.m.rss)} → ${mb(middle.m.rss)} → ${mb(end.m.rss)})`,
    anchor: `the day's start: heap ${mb(start.m.heapUsed)}`,
    ratio: times(end.m.heapUsed / start.m.heapUsed),
    target: `no growth (end − start ≤ ${mb(slack)})`,
    met,
    why: met
      ? `the heap after a full GC ends the day within ${mb(Math.abs(grew))} of where it started.`
      : `the heap after a full GC grew ${mb(grew)} over the day (${mb(end.m.heapUsed - middle.m.heapUsed)} in its second half): something keeps per-ticket state.`,
  });
  notes.push(
    `Simulated day: a \`createMadoguchi\` child (\`--expose-gc\`) with 10 displays connected; three lanes, one per queue, run side by side: for each ticket a lane issues it (kiosk token, Idempotency-Key), completes the current ticket of one of its queue's counters and calls the next there, all over HTTP (${day.requests.toLocaleString('en-US')} requests in ${(day.wallMs / 1000).toFixed(1)} s), and moves the clock 100 s every 10 tickets. Readings after two full collections at the start (after 300 tickets of warm-up), the middle and the end.`,
    `Socket.IO's connection-state recovery keeps every broadcast packet for two minutes of real time (its in-memory adapter trims them once a minute); a day compressed into seconds would keep all of them, which a real day never does, so each reading first drops that buffer (${day.at.map((a) => a.m.dropped).join(', ')} packets) — the bound a real day has.`,
  );
  return { title: 'Server memory', figures, notes };
}

if (isMain(import.meta.url)) printSection(await measureMemory());
