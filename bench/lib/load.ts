/**
 * HTTP load with autocannon's programmatic API. Latencies are taken from its per-response
 * timings (hrtime, sub-millisecond) rather than its integer-millisecond histogram.
 */
import autocannon from 'autocannon';
import { createRequire } from 'node:module';
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
}

export async function load(o: LoadOptions, expected: (status: number) => boolean = (s) => s >= 200 && s < 400): Promise<LoadResult> {
  const samples: number[] = [];
  let other = 0;
  const inst = autocannon({
    url: o.url,
    method: o.method ?? 'GET',
    headers: o.headers ?? {},
    ...(o.bodies ? { requests: o.bodies.map((body) => ({ body })) } : {}),
    connections: o.connections ?? 10,
    duration: o.seconds,
    ...(o.rate ? { overallRate: o.rate } : {}),
    ...(o.uniqueIds ? { idReplacement: true } : {}),
    timeout: 10,
  });
  inst.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    if (expected(status)) samples.push(ms);
    else other++;
  });
  const r = await inst;
  const statuses = Object.fromEntries(Object.entries(r.statusCodeStats).map(([k, v]) => [k, v.count]));
  return { perSecond: samples.length / r.duration, ok: samples.length, other, errors: r.errors, statuses, latency: summarise(samples) };
}
