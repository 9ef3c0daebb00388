/**
 * City scale (docs/product.md §7, docs/scaling.md): one madoguchi process serving 16 sites, each
 * with 4 lobby displays, 3 kiosks and a manager's console connected, 8,000 phones watching
 * (ticket pages, Socket.IO), 1,000 Web Push subscriptions on waiting tickets delivered to a local
 * push service that speaks the real protocol (test/support/fake-push-service.ts: VAPID checked,
 * payload decrypted), the public status API at 1,000 conditional requests/s and tickets at 5/s,
 * while clerks call. Measured: call → display p99 (the call's POST sent → `ticket:called` at the
 * site's displays), call → push request sent p95 (the call's HTTP answer → the push service
 * receiving that ticket's "called" message), the server's RSS; against a bare Socket.IO
 * broadcast to one site's fan-out (4 displays + its phones) in the same run. Then the ceiling:
 * more phones in steps until call → display p99 passes 250 ms, or the machine's limit.
 *
 * Where things run: the server in a child process; the push service, the load, the clerks and
 * every socket client in the benchmark process, so one monotonic clock times both ends (the
 * clients' decoding shares that process's core: pessimistic, as in call-display.ts).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { FakePushService, type ReceivedPush } from '../test/support/fake-push-service.js';
import { BenchChild, TS } from './lib/child.js';
import { Crowd, phoneAddress } from './lib/clients.js';
import { isMain, mb, ms, pct, printSection, summarise, times, type Section, type Summary } from './lib/figures.js';
import type { CityInfo } from './lib/city-entry.js';

export interface CityScaleOptions {
  sites?: number;
  phones?: number;
  pushes?: number;
  /** conditional status requests per second, spread over the sites */
  statusRate?: number;
  ticketsPerSecond?: number;
  callsPerSecond?: number;
  /** the measured window at the nominal size */
  seconds?: number;
  /** phones added per ceiling step, the window of a step, and the most phones tried */
  ceiling?: { step: number; chunk: number; seconds: number; max: number };
}

/** Call → display p99 past this is the ceiling (docs/scaling.md). */
export const CEILING_P99_MS = 250;

interface Window {
  display: Summary;
  push: Summary;
  calls: number;
  pushesMatched: number;
  displayMissing: number;
  /** answers per second, and the share of them that were 304 (the rest 200: the site changed) */
  status: { perSecond: number; notModified: number; failed: number; latency: Summary };
  tickets: { ok: number; failed: number };
  rss: number;
  /** the server's share of one core and its event loop delay p99 over the window, and the benchmark process's share */
  serverCpu: number;
  loopP99: number;
  clientCpu: number;
}

/** The city: the server, its push service and every client, and a measuring window under load. */
class City {
  private readonly arrivals: Array<{ at: number; push: ReceivedPush }> = [];
  private readonly displayArrivals = new Map<string, number[]>();
  private readonly pushTicket = new Map<string, number>();
  private phoneCrowds: Crowd[] = [];
  private devices: Crowd | null = null;
  phones = 0;
  private addressesUsed = 0;
  private current = new Map<string, boolean>();
  private seq = 0;
  private etags: string[] = [];

  private constructor(
    readonly push: FakePushService,
    readonly server: BenchChild<CityInfo>,
  ) {
    // the time the push service accepted each message (after checking VAPID and decrypting: ~1 ms)
    const received = push.received;
    const keep = received.push.bind(received);
    received.push = (...items: ReceivedPush[]) => {
      for (const p of items) this.arrivals.push({ at: performance.now(), push: p });
      return keep(...items);
    };
  }

  static async start(sites: number): Promise<City> {
    const push = await FakePushService.start();
    const certDir = mkdtempSync(join(tmpdir(), 'bench-city-cert-'));
    const ca = join(certDir, 'push-ca.pem');
    writeFileSync(ca, push.cert);
    try {
      const server = await BenchChild.spawn<CityInfo>([...TS, 'bench/lib/city-entry.ts', JSON.stringify({ sites, pushHost: push.host })], {
        env: { NODE_EXTRA_CA_CERTS: ca },
        timeoutMs: 120_000,
      });
      return new City(push, server);
    } finally {
      rmSync(certDir, { recursive: true, force: true });
    }
  }

  get info(): CityInfo {
    return this.server.info;
  }

  private async http(method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown; etag: string | null }> {
    const res = await fetch(`${this.info.url}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null, etag: res.headers.get('etag') };
  }

  /** Waiting tickets in every site, `pushes` of them (the oldest, spread over the sites) with a Web Push alert. */
  async lobby(perSite: number, pushes: number): Promise<void> {
    const tickets = (await this.server.request('lobby', { perSite })) as Array<Array<{ id: number; token: string }>>;
    const jobs: Array<{ token: string; id: number }> = [];
    for (let i = 0; jobs.length < pushes && i < perSite; i++) {
      for (const site of tickets) {
        const t = site[i];
        if (t && jobs.length < pushes) jobs.push(t);
      }
    }
    let n = 0;
    const worker = async (): Promise<void> => {
      for (let job = jobs.shift(); job; job = jobs.shift()) {
        const subscription = this.push.subscribe();
        const r = await this.http('POST', `/api/v1/tickets/${job.token}/alerts`, null, { channel: 'webpush', subscription }, { 'x-forwarded-for': phoneAddress(900_000 + n++) });
        if (r.status !== 201) throw new Error(`push sign-up: HTTP ${r.status} ${JSON.stringify(r.json)}`);
        this.pushTicket.set(subscription.endpoint, job.id);
      }
    };
    await Promise.all(Array.from({ length: 8 }, worker));
  }

  /** 16 × (4 displays + 3 kiosks + 1 manager) sockets; each display's `ticket:called` is timed. */
  async connectDevices(): Promise<number> {
    const auths = this.info.sites.flatMap((s) => [
      ...s.displays.map((token) => ({ token })),
      ...s.kiosks.map((token) => ({ token })),
      { token: this.info.manager, site: s.id },
    ]);
    this.devices = await Crowd.connect({ url: this.info.url, auths, readyEvent: 'site:snapshot' });
    let i = 0;
    for (const s of this.info.sites) {
      for (let d = 0; d < s.displays.length; d++) {
        this.devices.sockets[i + d]?.on('ticket:called', (p: { ticket?: { id?: number } }) => {
          const key = `${s.id}/${p.ticket?.id ?? ''}`;
          const list = this.displayArrivals.get(key) ?? [];
          list.push(performance.now());
          this.displayArrivals.set(key, list);
        });
      }
      i += s.displays.length + s.kiosks.length + 1;
    }
    return this.devices.size;
  }

  /** Disconnects the phones connected last (one `addPhones` call's worth). */
  dropPhones(): void {
    const crowd = this.phoneCrowds.pop();
    crowd?.close();
    this.phones -= crowd?.size ?? 0;
  }

  /** `n` more phones (ticket pages: public sockets of a site, an address each), spread over the sites. */
  async addPhones(n: number): Promise<void> {
    const sites = this.info.sites;
    const crowd = await Crowd.connect({
      url: this.info.url,
      auths: Array.from({ length: n }, (_, i) => ({ site: sites[(this.phones + i) % sites.length]?.id ?? '' })),
      readyEvent: 'site:snapshot',
      distinctAddresses: true,
      addressOffset: this.addressesUsed,
      batch: 100,
    });
    this.phoneCrowds.push(crowd);
    this.phones += n;
    this.addressesUsed += n;
  }

  /**
   * The public status API as a city homepage's visitors poll it: conditional GETs with the ETag
   * each site last answered (a 200 brings the new one), paced evenly (open loop) over the sites and
   * a few keep-alive connections.
   */
  private async statusLoad(end: number, rate: number): Promise<{ answered: number; notModified: number; failed: number; latency: number[] }> {
    const sites = this.info.sites;
    // many visitors: enough connections that a request never waits in the client for a free one (its ETag would age)
    const agent = new Agent({ keepAlive: true, maxSockets: 64 });
    const r = { answered: 0, notModified: 0, failed: 0, latency: [] as number[] };
    const inFlight = new Set<Promise<void>>();
    const get = (i: number, due: number): Promise<void> =>
      new Promise((resolve) => {
        const s = sites[i % sites.length];
        const req = httpRequest(`${this.info.url}/api/v1/sites/${s?.id ?? ''}/status`, { agent, headers: { 'if-none-match': this.etags[i % sites.length] ?? '' } }, (res) => {
          res.resume();
          res.on('end', () => {
            r.answered += 1;
            r.latency.push(performance.now() - due);
            if (res.statusCode === 304) r.notModified += 1;
            else if (res.statusCode === 200) this.etags[i % sites.length] = String(res.headers.etag ?? '');
            else r.failed += 1;
            resolve();
          });
        });
        req.on('error', () => {
          r.failed += 1;
          resolve();
        });
        req.end();
      });
    // due times every 1/rate s; whatever is due is sent at once (timers fire in ~1 ms steps)
    const start = performance.now();
    for (let i = 0; ; ) {
      const now = performance.now();
      if (now >= end) break;
      for (; start + (i * 1000) / rate <= now; i++) {
        const p = get(i, start + (i * 1000) / rate);
        inFlight.add(p);
        void p.then(() => inFlight.delete(p));
      }
      await sleep(1);
    }
    await Promise.all(inFlight);
    agent.destroy();
    return r;
  }

  /** A window of `seconds` under the load: status requests, tickets, and calls across the sites. */
  async measure(o: { seconds: number; statusRate: number; ticketsPerSecond: number; callsPerSecond: number }): Promise<Window> {
    const sites = this.info.sites;
    if (this.etags.length === 0) {
      this.etags = await Promise.all(sites.map(async (s) => (await this.http('GET', `/api/v1/sites/${s.id}/status`, null)).etag ?? ''));
    }
    await this.server.request('busy', {});
    const clientSince = { usage: process.cpuUsage(), at: performance.now() };
    const end = performance.now() + o.seconds * 1000;
    const status = this.statusLoad(end, o.statusRate);
    // kiosks: tickets at a steady rate, each from the next site's next kiosk
    const tickets = { ok: 0, failed: 0 };
    const issuing = (async () => {
      const pending: Array<Promise<void>> = [];
      for (let i = 0, due = performance.now(); due < end; i++, due += 1000 / o.ticketsPerSecond) {
        await sleep(Math.max(0, due - performance.now()));
        const s = sites[i % sites.length];
        if (!s) continue;
        const kiosk = s.kiosks[i % s.kiosks.length] ?? '';
        pending.push(
          this.http('POST', `/api/v1/sites/${s.id}/tickets`, kiosk, { queue: 'certificates' }, { 'idempotency-key': `city-${this.seq++}` }).then((r) => {
            if (r.status === 201) tickets.ok += 1;
            else tickets.failed += 1;
          }),
        );
      }
      await Promise.all(pending);
    })();
    // clerks: a call every 1/callsPerSecond s, site after site; a counter's previous citizen is completed first (untimed)
    const calls: Array<{ site: string; ticket: number; sent: number; answered: number }> = [];
    const calling = (async () => {
      for (let i = 0, due = performance.now(); due < end; i++, due += 1000 / o.callsPerSecond) {
        await sleep(Math.max(0, due - performance.now()));
        const s = sites[i % sites.length];
        if (!s) continue;
        const counter = s.counters[Math.floor(i / sites.length) % s.counters.length] ?? '1';
        const key = `${s.id}/${counter}`;
        if (this.current.get(key)) await this.http('POST', `/api/v1/sites/${s.id}/counters/${counter}/complete`, this.info.clerk, {});
        const sent = performance.now();
        const r = await this.http('POST', `/api/v1/sites/${s.id}/counters/${counter}/call-next`, this.info.clerk, {});
        const answered = performance.now();
        const ticket = (r.json as { ticket?: { id: number } } | null)?.ticket?.id;
        this.current.set(key, ticket !== undefined);
        if (ticket !== undefined) calls.push({ site: s.id, ticket, sent, answered });
      }
    })();
    const rssDuring = (async () => {
      await sleep((o.seconds * 1000) / 2);
      return (await this.server.request('rss', {})) as number;
    })();
    const [statusRun, , , rss] = await Promise.all([status, issuing, calling, rssDuring]);
    const busy = (await this.server.request('busy', {})) as { cpu: number; loopP99: number };
    const clientUsed = process.cpuUsage(clientSince.usage);
    const clientCpu = (clientUsed.user + clientUsed.system) / 1000 / (performance.now() - clientSince.at);
    // late arrivals: the pushes and the last calls' displays
    await sleep(1500);
    const display: number[] = [];
    let displayMissing = 0;
    const ticketOfEndpoint = (p: ReceivedPush): number | undefined => this.pushTicket.get(p.endpoint);
    const push: number[] = [];
    for (const c of calls) {
      const got = this.displayArrivals.get(`${c.site}/${c.ticket}`) ?? [];
      for (const at of got) display.push(at - c.sent);
      displayMissing += Math.max(0, 4 - got.length);
      const a = this.arrivals.find((x) => ticketOfEndpoint(x.push) === c.ticket && (x.push.payload as { kind?: string }).kind === 'called');
      if (a) push.push(a.at - c.answered);
    }
    return {
      display: summarise(display),
      push: summarise(push),
      calls: calls.length,
      pushesMatched: push.length,
      displayMissing,
      status: { perSecond: statusRun.answered / o.seconds, notModified: statusRun.notModified / Math.max(1, statusRun.answered), failed: statusRun.failed, latency: summarise(statusRun.latency) },
      tickets,
      rss,
      serverCpu: busy.cpu,
      loopP99: busy.loopP99,
      clientCpu,
    };
  }

  async close(): Promise<void> {
    for (const c of this.phoneCrowds) c.close();
    this.devices?.close();
    await this.server.stop();
    await this.push.close();
  }
}

/** The anchor: a bare Socket.IO server broadcasting the same event to one site's fan-out. */
async function bareBroadcast(clients: number, calls: number): Promise<Summary> {
  const anchor = await BenchChild.spawn<{ url: string }>(['bench/lib/bare-servers.mjs', 'socketio']);
  let crowd: Crowd | undefined;
  try {
    crowd = await Crowd.connect({ url: anchor.info.url, auths: Array.from({ length: clients }, () => ({})), distinctAddresses: true });
    const samples: number[] = [];
    let current: number[] | null = null;
    crowd.onEvent('ticket:called', (at) => current?.push(at));
    for (let i = 0; i < calls; i++) {
      await sleep(50);
      const got: number[] = [];
      current = got;
      const t0 = performance.now();
      await (await fetch(`${anchor.info.url}/call`, { method: 'POST', body: '{}' })).arrayBuffer();
      const deadline = performance.now() + 5000;
      while (got.length < clients && performance.now() < deadline) await sleep(2);
      current = null;
      if (i >= 3) for (const at of got) samples.push(at - t0);
    }
    return summarise(samples);
  } finally {
    crowd?.close();
    await anchor.stop();
  }
}

export async function measureCityScale(o: CityScaleOptions = {}): Promise<Section> {
  const sites = o.sites ?? 16;
  const phones = o.phones ?? 8000;
  const pushes = o.pushes ?? 1000;
  const rates = { seconds: o.seconds ?? 20, statusRate: o.statusRate ?? 1000, ticketsPerSecond: o.ticketsPerSecond ?? 5, callsPerSecond: o.callsPerSecond ?? 6 };
  const ceiling = o.ceiling ?? { step: 8000, chunk: 2000, seconds: 10, max: 32_000 };
  const started = performance.now();

  const anchor = await bareBroadcast(4 + Math.round(phones / sites), 33);

  const city = await City.start(sites);
  let first: Window | null = null;
  const steps: Array<{ phones: number; w: Window; connectS: number }> = [];
  let limit = '';
  let machineLoad: number[] = [];
  try {
    // enough waiting tickets for every call of the run, the oldest with the push subscriptions
    await city.lobby(Math.ceil(pushes / sites) + 40, pushes);
    const devices = await city.connectDevices();
    const loadAverage = [loadavg()[0] ?? 0];
    let t = performance.now();
    for (let n = 0; n < phones; n += ceiling.chunk) await city.addPhones(Math.min(ceiling.chunk, phones - n));
    const nominal = await city.measure(rates);
    steps.push({ phones, w: nominal, connectS: (performance.now() - t) / 1000 });
    first = nominal;
    if (devices !== sites * 8) throw new Error(`${devices} device sockets`);
    const over = (): boolean => (steps.at(-1)?.w.display.p99 ?? 0) > CEILING_P99_MS;
    if (!over()) {
      // the ceiling from below: more phones until call → display p99 passes the line, the machine gives out, or the run's budget ends
      while (!over()) {
        if (city.phones + ceiling.step > ceiling.max) {
          limit = `stopped at ${city.phones.toLocaleString('en-US')} phones: this run's budget (at most ${ceiling.max.toLocaleString('en-US')}) keeps the row within its time`;
          break;
        }
        t = performance.now();
        try {
          for (let n = 0; n < ceiling.step; n += ceiling.chunk) await city.addPhones(ceiling.chunk);
        } catch (e) {
          limit = `connecting more than ${city.phones.toLocaleString('en-US')} phones failed (${(e as Error).message}): the machine's limit, not the line`;
          break;
        }
        steps.push({ phones: city.phones, w: await city.measure({ ...rates, seconds: ceiling.seconds }), connectS: (performance.now() - t) / 1000 });
      }
      // passed on the way up: back down a chunk at a time to the last size that held
      const heldBefore = steps.filter((x) => x.w.display.p99 <= CEILING_P99_MS).reduce((n, x) => Math.max(n, x.phones), 0);
      while (over() && city.phones - ceiling.chunk > heldBefore) {
        city.dropPhones();
        steps.push({ phones: city.phones, w: await city.measure({ ...rates, seconds: ceiling.seconds }), connectS: 0 });
      }
    } else {
      // past the line already: fewer phones, a chunk at a time, until it holds
      while (over() && city.phones > 0) {
        city.dropPhones();
        steps.push({ phones: city.phones, w: await city.measure({ ...rates, seconds: ceiling.seconds }), connectS: 0 });
      }
    }
    loadAverage.push(loadavg()[0] ?? 0);
    machineLoad = loadAverage;
  } finally {
    await city.close();
  }
  const nominal = first;
  if (!nominal) throw new Error('no window measured');
  const held = steps.filter((x) => x.w.display.p99 <= CEILING_P99_MS).sort((a, b) => b.phones - a.phones)[0] ?? null;
  const crossed = steps.filter((x) => x.w.display.p99 > CEILING_P99_MS).sort((a, b) => a.phones - b.phones)[0] ?? null;
  const clients = sites * 8 + phones;
  const met = nominal.display.p99 <= CEILING_P99_MS;
  const pushMet = nominal.push.p95 <= 5000;
  const seconds = (performance.now() - started) / 1000;
  return {
    title: 'City scale',
    figures: [
      {
        what: `call → display at city scale: ${sites} sites × (4 displays + 3 kiosks + 1 manager), ${phones.toLocaleString('en-US')} phones (${clients.toLocaleString('en-US')} sockets), ${pushes.toLocaleString('en-US')} push subscriptions, status ${rates.statusRate.toLocaleString('en-US')}/s, tickets ${rates.ticketsPerSecond}/s`,
        value: `p99 ${ms(nominal.display.p99)} (p50 ${ms(nominal.display.p50)})`,
        anchor: `bare Socket.IO broadcast to one site's fan-out (${4 + Math.round(phones / sites)} clients), idle: p99 ${ms(anchor.p99)}`,
        ratio: times(nominal.display.p99 / anchor.p99),
        target: `p99 ≤ ${CEILING_P99_MS} ms (the cell's line, docs/scaling.md)`,
        met,
        why: met
          ? `${nominal.calls} calls across the sites while the load ran; a call goes to its own site's rooms only (${Math.round(phones / sites)} phones and 4 displays), the rest of the city costs it the shared event loop.`
          : `the process is saturated at this size: ${nominal.calls} calls, display p50 ${ms(nominal.display.p50)}.`,
      },
      {
        what: 'call → push request sent (the call\'s HTTP answer → the push service receives that ticket\'s "called" message)',
        value: `p95 ${ms(nominal.push.p95)} (p50 ${ms(nominal.push.p50)}, ${nominal.pushesMatched} of ${nominal.calls} calls)`,
        anchor: `call → display p50 ${ms(nominal.display.p50)}`,
        ratio: times(nominal.push.p95 / Math.max(nominal.display.p50, 0.001)),
        target: 'sent within seconds, never holding up the call (product.md §8)',
        met: pushMet && nominal.pushesMatched > 0,
        why: `the "called" message is written in the call's transaction and sent after the commit by the outbox worker (8 in flight): VAPID signing and aes128gcm encryption per message, over HTTPS to the local push service.`,
      },
      {
        what: 'server RSS at city scale, under the load',
        value: mb(nominal.rss),
        anchor: '—',
        ratio: '—',
        target: 'information (the cell\'s memory, docs/scaling.md)',
        met: true,
        why: `${clients.toLocaleString('en-US')} sockets, ${sites} sites' snapshots and feeds, the alert outbox.`,
      },
      {
        what: `ceiling: phones one process holds before call → display p99 passes ${CEILING_P99_MS} ms`,
        value: crossed
          ? `${(held?.phones ?? 0).toLocaleString('en-US')} phones held (p99 ${ms(held?.w.display.p99 ?? 0)}); ${crossed.phones.toLocaleString('en-US')} passed (p99 ${ms(crossed.w.display.p99)})`
          : `≥ ${(held?.phones ?? 0).toLocaleString('en-US')} phones (p99 ${ms(held?.w.display.p99 ?? 0)})`,
        anchor: '—',
        ratio: '—',
        target: 'information: the size of one cell',
        met: true,
        why: crossed
          ? `measured in steps of ${ceiling.chunk.toLocaleString('en-US')}–${ceiling.step.toLocaleString('en-US')} phones under the same load; the machine's 1-minute load average was ${machineLoad.map((l) => l.toFixed(1)).join(' → ')} on ${cpus().length} cores during the row (other work shares them).`
          : limit || 'the line was not reached.',
      },
    ],
    notes: [
      `Steps (phones → call → display p99 / p50 (p95), call → push p95, server RSS and CPU, status answers/s, tickets issued, seconds to connect the step's phones, 0 when phones were dropped): ${steps
        .map((s) => `${s.phones.toLocaleString('en-US')} → ${ms(s.w.display.p99)} / ${ms(s.w.display.p50)} (${ms(s.w.display.p95)}), push ${ms(s.w.push.p95)}, RSS ${mb(s.w.rss)}, server CPU ${pct(s.w.serverCpu)} of a core (event loop delay p99 ${ms(s.w.loopP99)}), benchmark process ${pct(s.w.clientCpu)}, status ${Math.round(s.w.status.perSecond)}/s (${pct(s.w.status.notModified)} 304, p99 ${ms(s.w.status.latency.p99)}, ${s.w.status.failed} failed), ${s.w.tickets.ok} tickets (${s.w.tickets.failed} failed), ${s.connectS.toFixed(1)} s`)
        .join('; ')}. Missing display arrivals at the nominal size: ${nominal.displayMissing}.`,
      `The server (\`bench/lib/city-entry.ts\`): the sample office copied to ${sites} sites through the CONFIG parser, createMadoguchi with turn alerts from the process settings (Web Push; PUSH_ALLOWED_HOSTS and NODE_EXTRA_CA_CERTS name the local push service), the clock following real time. Set-up: 4 counters open per site and waiting tickets, the oldest ${pushes.toLocaleString('en-US')} (spread over the sites) with a push subscription signed up over HTTP. Load during each window: ${rates.statusRate.toLocaleString('en-US')} conditional status requests/s (If-None-Match with the ETag each site last answered, spread over the sites, open loop, up to 64 keep-alive connections), ${rates.ticketsPerSecond} tickets/s from the kiosks' tokens, ${rates.callsPerSecond} calls/s site after site (the counter's previous citizen completed first, untimed); ${rates.seconds} s at the nominal size, ${ceiling.seconds} s per ceiling step (up ${ceiling.step.toLocaleString('en-US')} phones at a time while the line holds, then down ${ceiling.chunk.toLocaleString('en-US')} at a time until it holds again). Call → display is timed from the POST's sending to each of the site's 4 displays; the push from the call's answer to the push service's accepting it (after its VAPID check and decryption). The whole row took ${seconds.toFixed(0)} s.`,
    ],
  };
}

if (isMain(import.meta.url)) printSection(await measureCityScale());
