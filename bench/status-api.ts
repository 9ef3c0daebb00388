/**
 * The public status API under conditional requests (docs/product.md §7: ≥ 5,000 requests/s with
 * ETag / 304): GET /api/v1/sites/naka/status with If-None-Match, as a ward homepage's visitors'
 * browsers revalidate it — next to a bare Fastify GET answering 304 to the same conditional
 * request (the anchor), with the same client in the same run.
 */
import { BenchChild, TS } from './lib/child.js';
import { isMain, ms, pct, perS, printSection, type Section } from './lib/figures.js';
import { load } from './lib/load.js';
import type { EntryInfo } from './lib/server-entry.js';

export async function measureStatusApi(o: { seconds?: number; connections?: number } = {}): Promise<Section> {
  const seconds = o.seconds ?? 5;
  const connections = o.connections ?? 10;
  const server = await BenchChild.spawn<EntryInfo>([...TS, 'bench/lib/server-entry.ts', '{}']);
  const anchor = await BenchChild.spawn<{ url: string }>(['bench/lib/bare-servers.mjs', 'fastify']);
  try {
    // a lobby mid-morning: counters open, people waiting in every queue, some called
    const tickets = Array.from({ length: 60 }, (_, i) => ['certificates', 'filings', 'insurance'][i % 3] ?? 'certificates');
    await server.request('lobby', { open: ['1', '2', '5', '9'], tickets });
    for (const c of ['1', '2', '5', '9']) {
      await fetch(`${server.info.url}/api/v1/sites/naka/counters/${c}/call-next`, {
        method: 'POST',
        headers: { authorization: `Bearer ${server.info.clerk}`, 'content-type': 'application/json' },
        body: '{}',
      });
    }
    const statusUrl = `${server.info.url}/api/v1/sites/naka/status`;
    const first = await fetch(statusUrl);
    const etag = first.headers.get('etag');
    const body = await first.text();
    if (!etag) throw new Error('the status API sent no ETag');
    const revalidated = await fetch(statusUrl, { headers: { 'if-none-match': etag } });
    const length304 = revalidated.headers.get('content-length');
    await revalidated.arrayBuffer();
    const anchorEtag = (await fetch(`${anchor.info.url}/status`)).headers.get('etag') ?? '';

    const is304 = (s: number) => s === 304;
    await load({ url: statusUrl, headers: { 'if-none-match': etag }, connections, seconds: 1 });
    await load({ url: `${anchor.info.url}/status`, headers: { 'if-none-match': anchorEtag }, connections, seconds: 1 });
    const status = await load({ url: statusUrl, headers: { 'if-none-match': etag }, connections, seconds }, is304);
    const bare = await load({ url: `${anchor.info.url}/status`, headers: { 'if-none-match': anchorEtag }, connections, seconds }, is304);
    const full = await load({ url: statusUrl, connections, seconds: Math.max(2, Math.round(seconds / 2)) }, (s) => s === 200);

    const met = status.perSecond >= 5000;
    return {
      title: 'Public status API',
      figures: [
        {
          what: 'public status API, conditional GET (If-None-Match → 304)',
          value: `${perS(status.perSecond)} (p50 ${ms(status.latency.p50, 2)}, p99 ${ms(status.latency.p99, 2)})`,
          anchor: `bare Fastify 304: ${perS(bare.perSecond)}`,
          ratio: pct(status.perSecond / bare.perSecond),
          target: '≥ 5,000 requests/s',
          met,
          why: met
            ? `each revalidation still computes the status, hashes it and compares the ETag, and stays above the target.`
            : `every revalidation recomputes the whole status (waiting, estimates, last calls: several SQL reads and the forecast) before it can compare the ETag, so it runs at ${pct(status.perSecond / bare.perSecond)} of a bare 304; the \`Cache-Control: max-age=5\` it sends is what keeps browsers and proxies from asking that often.`,
        },
      ],
      notes: [
        `Server: \`createMadoguchi\` on the sample office in a child process, with 4 counters open, 60 tickets issued and 4 called. Client: autocannon in the benchmark process, ${connections} connections, ${seconds} s after a 1 s warm-up, every request with \`If-None-Match\` set to the current ETag (${status.ok} answered 304, ${status.other} other). The anchor is a bare Fastify route answering 304 to its own ETag (\`bench/lib/bare-servers.mjs\`), driven the same way (${perS(bare.perSecond)}, p99 ${ms(bare.latency.p99, 2)}).`,
        ...(length304 !== null && length304 !== '0'
          ? [
              `Defect found: the 304 carries \`Content-Length: ${length304}\` (its serialized \`null\` body, which Node does not send). RFC 9110 §8.6 allows a Content-Length on a 304 only if it equals the 200's length; autocannon's parser trusted it and hung, so the benchmark's client ignores it as RFC 9112 §6.3 requires (\`bench/lib/load.ts\`). Fix in the route: answer \`reply.code(304).send()\` with no body.`,
            ]
          : []),
        `Without If-None-Match the same API answers the full ${body.length}-byte JSON at ${perS(full.perSecond)} (p99 ${ms(full.latency.p99, 2)}).`,
      ],
    };
  } finally {
    await Promise.all([server.stop(), anchor.stop()]);
  }
}

if (isMain(import.meta.url)) printSection(await measureStatusApi());
