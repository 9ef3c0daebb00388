/**
 * Kiosk tap → ticket bytes at the printer: the time from sending POST /tickets over HTTP until
 * the first byte of the ESC/POS job arrives on the printer's TCP socket (docs/product.md §7: p95 ≤
 * 300 ms). The printer is the project's simulator behind a transparent TCP proxy that timestamps
 * the job's first byte (ESC @), so status queries (DLE EOT) are told apart.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { PrinterSimulator } from '@madoguchi/printer';
import { ManualClock } from '../server/src/adapters/clock/manual-clock.js';
import { createMadoguchi } from '../server/src/server.js';
import { config, counter, queue, site, MONDAY_10 } from '../server/src/test-support/fixtures.js';

export interface Latency {
  n: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

const q = (s: number[], p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;

export async function tapToPrinter(n: number): Promise<Latency> {
  const sim = new PrinterSimulator({ port: 0, host: '127.0.0.1' });
  const { port: simPort } = await sim.start();
  const arrivals: number[] = [];
  const proxy: Server = createServer((client) => {
    const upstream = connect(simPort, '127.0.0.1');
    let first = true;
    client.on('data', (d: Buffer) => {
      if (first && d[0] === 0x1b) arrivals.push(performance.now());
      first = false;
      upstream.write(d);
    });
    upstream.on('data', (d) => client.write(d));
    client.on('end', () => upstream.end());
    upstream.on('end', () => client.end());
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
  const proxyPort = (proxy.address() as { port: number }).port;

  const dir = mkdtempSync(`${tmpdir()}/bench-print-`);
  const wide = { prefix: '', first: 1, last: 99_999, width: 5, wrap: false };
  const m = await createMadoguchi({
    dataDir: dir,
    config: config(
      site('naka', {
        demo: true,
        queues: [queue('certificates', 1, { numbering: wide })],
        counters: [counter('1', ['certificates'])],
        printers: [{ id: 'p', name: 'p', transport: { kind: 'tcp', host: '127.0.0.1', port: proxyPort }, model: 'epson', paperWidthMm: 80, kanji: true }],
        defaultPrinter: 'p',
        // the taps come at a standing manual clock: the per-kiosk issue limit is not what is measured
        issueLimit: { perMinute: 1_000_000, burst: 1_000_000 },
      }),
    ),
    clock: new ManualClock(MONDAY_10),
    logger: false,
    printing: { pollMs: 0 },
  });
  const base = await m.app.listen({ port: 0, host: '127.0.0.1' });
  const token = m.auth.createDevice('naka', 'kiosk', 'k').token;
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const before = arrivals.length;
    const t0 = performance.now();
    const res = await fetch(`${base}/api/v1/sites/naka/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': `tap-${i}` },
      body: JSON.stringify({ queue: 'certificates' }),
    });
    if (res.status !== 201) throw new Error(`ticket ${i}: ${res.status}`);
    while (arrivals.length === before) await new Promise((r) => setTimeout(r, 1));
    samples.push((arrivals[before] ?? t0) - t0);
    // let the job finish before the next tap, as at a kiosk
    await new Promise((r) => setTimeout(r, 5));
  }
  await m.close();
  await sim.close();
  proxy.close();
  rmSync(dir, { recursive: true, force: true });
  const s = samples.sort((a, b) => a - b);
  return { n, p50Ms: q(s, 0.5), p95Ms: q(s, 0.95), maxMs: s[s.length - 1] ?? 0 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await tapToPrinter(Number(process.argv[2] ?? 100));
  console.log(JSON.stringify(r));
}
