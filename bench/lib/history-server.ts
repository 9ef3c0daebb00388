/**
 * The importing process of bench/history-import.ts: a real madoguchi server (createMadoguchi, the
 * sample office, a manual clock on the Monday after the generated log) on a fresh data directory,
 * listening on a loopback port. It tells its parent (IPC) the port and an admin token, and on
 * request its peak RSS (`process.resourceUsage().maxRSS`) — the figure the import must keep far
 * below the file's size — then, once the refit the import started is done, the refit's time.
 *
 *   node --conditions=source --import tsx bench/lib/history-server.ts DATA_DIR
 */
import { ManualClock } from '../../server/src/adapters/clock/manual-clock.js';
import { createMadoguchi } from '../../server/src/server.js';
import { config } from '../../server/src/test-support/fixtures.js';
import { sampleSite } from './year-data.js';

export type HistoryServerMessage =
  | { kind: 'ready'; port: number; token: string; idleRssKb: number }
  | { kind: 'rss'; maxRssKb: number }
  | { kind: 'refitted'; ms: number; historyDays: number; maxRssKb: number };

const [dataDir] = process.argv.slice(2);
if (!dataDir || !process.send) throw new Error('usage: run by bench/history-import.ts with DATA_DIR and an IPC channel');
const send = (m: HistoryServerMessage) => process.send?.(m);

const m = await createMadoguchi({ dataDir, config: config(sampleSite()), clock: new ManualClock('2026-04-06T01:00:00Z'), logger: false, printing: false, buttons: false });
m.tick();
await m.demand.idle();
if (!m.initialAdminPassword) throw new Error('expected a fresh data directory');
const { token } = await m.auth.login('admin', m.initialAdminPassword, 'bearer');
await m.app.listen({ port: 0, host: '127.0.0.1' });
const { port } = m.app.server.address() as { port: number };
send({ kind: 'ready', port, token, idleRssKb: process.resourceUsage().maxRSS });

process.on('message', (msg: { kind: string }) => {
  if (msg.kind === 'rss') send({ kind: 'rss', maxRssKb: process.resourceUsage().maxRSS });
  if (msg.kind === 'refit') {
    // the refit the import scheduled, then one more timed alone (derive the missing days, fit, backtest the last 8 weeks)
    void m.demand.idle().then(() => {
      const t0 = performance.now();
      const fit = m.demand.refit('naka');
      send({ kind: 'refitted', ms: performance.now() - t0, historyDays: fit.fit.historyDays, maxRssKb: process.resourceUsage().maxRSS });
    });
  }
  if (msg.kind === 'stop') void m.close().then(() => process.exit(0));
});
