/**
 * A madoguchi server for the city-scale benchmark (bench/city-scale.ts), in a child process: the
 * sample office copied to `sites` sites (ids ward01…, each validated by parseConfig as a CONFIG
 * file would be), built by createMadoguchi as main.ts builds it, with turn-near alerts from the
 * process settings (Web Push always: VAPID keys made in the data directory; PUSH_ALLOWED_HOSTS and
 * NODE_EXTRA_CA_CERTS name the local push service). The clock follows real time, so the socket
 * limits, the estimate and the alert worker's timers run as in production.
 *
 *   node --conditions=source --import tsx bench/lib/city-entry.ts '{"sites":16,"pushHost":"127.0.0.1:4430"}'
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { ManualClock } from '../../server/src/adapters/clock/manual-clock.js';
import { parseConfig } from '../../server/src/config-file.js';
import type { InstallationConfig } from '../../server/src/domain/site.js';
import { SAMPLE_CONFIG_TEXT } from '../../server/src/sample-office.js';
import { createMadoguchi } from '../../server/src/server.js';
import { memoryAfterGc, serveRequests } from './child.js';
import { benchStaff, followRealTime } from './entry-kit.js';

export interface CityOptions {
  sites: number;
  /** "127.0.0.1:port" of the local push service */
  pushHost: string;
}

export interface CitySite {
  id: string;
  displays: string[];
  kiosks: string[];
  /** the counters opened at set-up */
  counters: string[];
}

export interface CityInfo {
  url: string;
  sites: CitySite[];
  /** a clerk's and a manager's bearer token, both for every site */
  clerk: string;
  manager: string;
  pid: number;
}

const ACTOR = { kind: 'device', id: 'bench' } as const;
const opts = JSON.parse(process.argv[2] ?? '{}') as CityOptions;

/**
 * The sample office `n` times over, as a CONFIG file would say it: the same queues, counters and
 * hours (demo: issuing open at any hour), a site id and name of its own, parsed by parseConfig.
 */
function cityConfig(n: number): InstallationConfig {
  const [head, site] = SAMPLE_CONFIG_TEXT.split('\nsites:');
  if (head === undefined || site === undefined || !site.includes('- id: naka\n')) throw new Error('the sample office no longer reads as expected');
  const sites = Array.from({ length: n }, (_, i) => {
    const no = String(i + 1).padStart(2, '0');
    return site.replace('- id: naka\n', `- id: ward${no}\n`).replace(/\n {4}name: \{[^}]*\}/, `\n    name: { ja: 第${no}区役所, en: Ward Office ${no} }`);
  });
  const config = parseConfig(`${head}\nsites:${sites.join('')}\n`, 'city.yaml');
  // the bench measures the city's load at a rate no single kiosk reaches, not the per-kiosk issue limit
  return { ...config, sites: config.sites.map((s) => ({ ...s, issueLimit: { perMinute: 1_000_000, burst: 1_000_000 } })) };
}

const dir = mkdtempSync(join(tmpdir(), 'bench-city-'));
const config = cityConfig(opts.sites);
const clock = new ManualClock('2026-04-06T01:00:00Z'); // Monday 10:00 JST
const m = await createMadoguchi({
  dataDir: dir,
  config,
  clock,
  logger: false,
  printing: false,
  buttons: false,
  // phones come from addresses of their own, through one trusted proxy hop
  trustProxy: 1,
  turnAlerts: {
    env: {
      smtpUrl: undefined,
      mailFrom: undefined,
      lineChannelSecret: undefined,
      lineChannelAccessToken: undefined,
      lineApiBase: 'https://api.line.me',
      lineAddUrl: undefined,
      pushAllowedHosts: [opts.pushHost],
      vapidSubject: 'mailto:bench@city.example',
      vapidPublicKey: undefined,
      vapidPrivateKey: undefined,
    },
  },
});
followRealTime(clock);

const { clerk, manager } = await benchStaff(m);
const counters = ['1', '2', '3', '4'];
const sites: CitySite[] = config.sites.map((s) => ({
  id: s.id,
  displays: Array.from({ length: 4 }, (_, i) => m.auth.createDevice(s.id, 'display', `display ${i + 1}`).token),
  kiosks: Array.from({ length: 3 }, (_, i) => m.auth.createDevice(s.id, 'kiosk', `kiosk ${i + 1}`).token),
  counters,
}));

const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
let cpuSince = { usage: process.cpuUsage(), at: performance.now() };

const url = await m.app.listen({ port: 0, host: '127.0.0.1' });
serveRequests(
  {
    /** opens the counters of every site and issues `perSite` tickets in each (set-up, not measured); answers their tokens */
    lobby: (a) => {
      const perSite = Number(a.perSite ?? 0);
      return config.sites.map((s) => {
        for (const c of counters) m.engine.setCounterState(s.id, c, 'open', { kind: 'clerk', id: 'bench-clerk' }, { clerk: 'bench-clerk' });
        return Array.from({ length: perSite }, () => {
          const t = m.engine.takeTicket(s.id, { queue: 'certificates' }, ACTOR);
          return { id: t.ticket.id, token: t.token };
        });
      });
    },
    memory: () => memoryAfterGc(),
    rss: () => process.memoryUsage().rss,
    /** the share of one core this process used, and its event loop's delay, since the last `busy` */
    busy: () => {
      const used = process.cpuUsage(cpuSince.usage);
      const r = { cpu: (used.user + used.system) / 1000 / (performance.now() - cpuSince.at), loopP99: loop.percentile(99) / 1e6 };
      loop.reset();
      cpuSince = { usage: process.cpuUsage(), at: performance.now() };
      return r;
    },
  },
  { url, sites, clerk, manager, pid: process.pid } satisfies CityInfo,
  async () => {
    await m.close();
    rmSync(dir, { recursive: true, force: true });
  },
);
