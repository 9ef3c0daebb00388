/**
 * Every route with a `{site}` in its path, asked for odd site names over a real socket (not
 * app.inject: Node validates response headers only when it writes them, so a site name copied into
 * a header answers a raw 500 on the wire but not through inject).
 */
import { request as httpRequest } from 'node:http';
import { describe, expect, it } from 'vitest';
import { listeningForFile } from './support/server.js';

const listening = listeningForFile();

/** the path's site segment as sent: already percent-encoded, never normalised by a URL parser */
const ODD_NAMES = [
  '%E2%80%AE', // RIGHT-TO-LEFT OVERRIDE
  '%01',
  '%7F',
  '%00',
  'naka%0D%0Aset-cookie:%20x=1',
  'x'.repeat(300),
  '..',
  '%2E%2E',
  'a%2Fb',
  '%E3%81%82',
  'NAKA',
  '%20naka',
  '%FF',
];

/** what the required query parameters of a route need to pass validation */
const QUERY: Record<string, string> = { date: '2026-01-05', month: '2026-01', text: 'a', lang: 'ja', queues: 'general' };

interface Answer {
  status: number;
  body: string;
}

function send(method: string, path: string, token: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const hasBody = method !== 'GET' && method !== 'DELETE';
    const req = httpRequest(
      { host: '127.0.0.1', port: listening.port(), method, path, headers: { authorization: `Bearer ${token}`, ...(hasBody ? { 'content-type': 'application/json' } : {}) } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end(hasBody ? '{}' : undefined);
  });
}

interface Route {
  method: string;
  path: string;
}

function siteRoutes(): Route[] {
  const doc = listening.server().app.swagger() as { paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string; required?: boolean }> }>> };
  const out: Route[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    if (!path.includes('{site}')) continue;
    for (const [method, op] of Object.entries(ops)) {
      const query = (op.parameters ?? []).filter((p) => p.in === 'query' && p.required).map((p) => `${p.name}=${QUERY[p.name] ?? 'x'}`);
      const filled = path.replace('{counter}', '1').replace('{id}', '1').replace('{device}', 'd').replace('{date}', '2026-04-06').replace('{code}', '123456');
      out.push({ method: method.toUpperCase(), path: `${filled}${query.length ? `?${query.join('&')}` : ''}` });
    }
  }
  return out;
}

describe('routes with a {site}', () => {
  it('answer an odd site name with 400 VALIDATION naming "site" (or "url" when the URL itself is bad), in the error shape, on every route', async () => {
    const routes = siteRoutes();
    expect(routes.length).toBeGreaterThan(30);
    const wrong: string[] = [];
    for (const name of ODD_NAMES) {
      for (const r of routes) {
        const path = r.path.replace('{site}', name);
        const a = await send(r.method, path, listening.server().admin.bearer);
        const body = (() => {
          try {
            return JSON.parse(a.body) as { error?: { code?: string; field?: string } };
          } catch (e) {
            return { parseError: String(e) } as never;
          }
        })();
        if (a.status !== 400 || body.error?.code !== 'VALIDATION' || !['site', 'url'].includes(body.error.field ?? '')) wrong.push(`${r.method} ${path.slice(0, 90)} → ${a.status} ${a.body.slice(0, 120)}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answer a well-formed but unknown site with 404 NOT_FOUND naming "site" (reports and their CSVs included), unless the body is refused first', async () => {
    const wrong: string[] = [];
    for (const r of siteRoutes()) {
      const path = r.path.replace('{site}', 'nowhere');
      const a = await send(r.method, path, listening.server().admin.bearer);
      const body = JSON.parse(a.body) as { error?: { code?: string; field?: string } };
      // the empty body of a write is refused first (validation runs before any handler)
      const bodyRefused = (r.method === 'POST' || r.method === 'PUT') && a.status === 400 && body.error?.code === 'VALIDATION';
      if (bodyRefused) continue;
      if (a.status !== 404 || body.error?.code !== 'NOT_FOUND' || body.error.field !== 'site') wrong.push(`${r.method} ${path} → ${a.status} ${a.body.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
  });
});
