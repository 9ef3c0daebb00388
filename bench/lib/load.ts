/**
 * HTTP load: flat out with autocannon's programmatic API (latencies from its per-response hrtime
 * timings, not its integer-millisecond histogram); at a given rate with an open-loop pacer of our
 * own (see `load`).
 */
import autocannon from 'autocannon';
import { Agent, request } from 'node:http';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { summarise, type Summary } from './figures.js';

/**
 * A 304 has no body whatever its headers say (RFC 9112 §6.3), but autocannon's parser
 * (http-parser-js) trusts a Content-Length on it and then waits for bytes that never come.
 * madoguchi's 304 carries `Content-Length: 4` (its serialized `null`, which Node does not send),
 * so the client is taught the rule: a Content-Length line of a 304 is ignored.
 */
{
  const require = createRequire(createRequire(import.meta.url).resolve('autocannon'));
  const { HTTPParser } = require('http-parser-js') as {
    HTTPParser: { prototype: { info: { statusCode?: number }; parseHeader(line: string, headers: string[]): void } };
  };
  const parseHeader = HTTPParser.prototype.parseHeader;
  HTTPParser.prototype.parseHeader = function (this: { info: { statusCode?: number } }, line: string, headers: string[]) {
    if (this.info.statusCode === 304 && /^content-length\s*:/i.test(line)) return;
    parseHeader.call(this, line, headers);
  };
}

export interface LoadOptions {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** bodies, sent in turn by every connection */
  bodies?: string[];
  connections?: number;
  seconds: number;
  /** requests per second over all connections (none: as fast as answers come) */
  rate?: number;
  /** `[<id>]` in a header or body becomes a unique id per request */
  uniqueIds?: boolean;
}

export interface LoadResult {
  /** answers with an expected status per second */
  perSecond: number;
  ok: number;
  other: number;
  errors: number;
  statuses: Record<string, number>;
  latency: Summary;
  /** every expected answer's latency (ms), to pool runs */
  samples: number[];
}

/**
 * With `rate`, requests leave at even intervals (open loop) and each latency counts from the
 * moment its request was due, so a slow answer delays no later request and hides nothing
 * (coordinated omission). autocannon's own rate limit does not pace: each connection sends flat
 * out until it has made its share of the second, then waits for the next second — bursts, not a
 * steady rate.
 */
export async function load(o: LoadOptions, expected: (status: number) => boolean = (s) => s >= 200 && s < 400): Promise<LoadResult> {
  if (o.rate) return paced({ ...o, rate: o.rate }, expected);
  const samples: number[] = [];
  let other = 0;
  const inst = autocannon({
    url: o.url,
    method: o.method ?? 'GET',
    headers: o.headers ?? {},
    ...(o.bodies ? { requests: o.bodies.map((body) => ({ body })) } : {}),
    connections: o.connections ?? 10,
    duration: o.seconds,
    ...(o.uniqueIds ? { idReplacement: true } : {}),
    timeout: 10,
  });
  inst.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (expected(status)) samples.push(ms);
    else other++;
  });
  const r = await inst;
  const statuses = Object.fromEntries(Object.entries(r.statusCodeStats).map(([k, v]) => [k, v.count]));
  return { perSecond: samples.length / r.duration, ok: samples.length, other, errors: r.errors, statuses, latency: summarise(samples), samples };
}

async function paced(o: LoadOptions & { rate: number }, expected: (status: number) => boolean): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: o.connections ?? 10 });
  const url = new URL(o.url);
  const run = `${process.pid}-${Date.now().toString(36)}`;
  const unique = (text: string, i: number) => (o.uniqueIds ? text.replaceAll('[<id>]', `${run}-${i}`) : text);
  const samples: number[] = [];
  const statuses: Record<string, number> = {};
  let other = 0;
  let errors = 0;
  const send = (i: number, due: number) =>
    new Promise<void>((resolve) => {
      const body = o.bodies?.[i % o.bodies.length];
      const headers = Object.fromEntries(Object.entries(o.headers ?? {}).map(([k, v]) => [k, unique(v, i)]));
      const req = request(url, { method: o.method ?? 'GET', headers, agent, timeout: 10_000 }, (res) => {
        res.resume();
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          statuses[status] = (statuses[status] ?? 0) + 1;
          if (expected(status)) samples.push(performance.now() - due);
          else other++;
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(body === undefined ? undefined : unique(body, i));
    });
  const interval = 1000 / o.rate;
  const count = Math.round(o.seconds * o.rate);
  const inflight: Array<Promise<void>> = [];
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    const due = t0 + i * interval;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    inflight.push(send(i, due));
  }
  await Promise.all(inflight);
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  return { perSecond: samples.length / seconds, ok: samples.length, other, errors, statuses, latency: summarise(samples), samples };
}
