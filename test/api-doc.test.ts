/**
 * docs/api.md against the OpenAPI document the server serves at /docs/json. Integrators read
 * docs/api.md; the OpenAPI document is generated from the routes themselves. A route added to or
 * removed from either side alone fails here, so the page cannot drift from the code:
 * - every `METHOD /path` row of the page's tables is served (stable tables and "Other routes");
 * - every served route is in one of those tables;
 * - no route of "Planned (not yet served)" is served (once it is, it belongs in a table above).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startServer, type TestServer } from './support/server.js';

type Kind = 'stable' | 'other' | 'planned';
interface Row {
  route: string;
  kind: Kind;
  section: string;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** `:param` (Fastify) and `{param}` (OpenAPI) name the same path; the query is not part of it. */
const normalise = (method: string, path: string): string =>
  `${method.toUpperCase()} ${path.split('?')[0]?.replace(/:([A-Za-z0-9_]+)/g, '{$1}') ?? path}`;

/** The table rows of docs/api.md whose first cell starts with `METHOD /path`, with their section. */
function documentedRoutes(markdown: string): Row[] {
  const rows: Row[] = [];
  let section = '';
  for (const line of markdown.split('\n')) {
    const heading = /^## (.+)$/.exec(line);
    if (heading?.[1] !== undefined) section = heading[1].trim();
    const row = /^\|\s*`(GET|POST|PUT|PATCH|DELETE) (\/[^`\s]*)/.exec(line);
    if (!row?.[1] || !row[2]) continue;
    const kind: Kind = section.startsWith('Planned') ? 'planned' : section === 'Other routes' ? 'other' : 'stable';
    rows.push({ route: normalise(row[1], row[2]), kind, section });
  }
  return rows;
}

const rows = documentedRoutes(readFileSync(new URL('../docs/api.md', import.meta.url), 'utf8'));
const of = (kind: Kind) => rows.filter((r) => r.kind === kind).map((r) => r.route);

let s: TestServer;
let served: string[];

beforeAll(async () => {
  s = await startServer();
  const res = await request(s.app, 'GET', '/docs/json');
  expect(res.statusCode).toBe(200);
  const doc = res.json<{ paths: Record<string, Partial<Record<string, unknown>>> }>();
  served = Object.entries(doc.paths).flatMap(([path, item]) => METHODS.filter((m) => item[m] !== undefined).map((m) => normalise(m, path)));
});

afterAll(async () => {
  await s.close();
});

describe('docs/api.md and the served OpenAPI document', () => {
  it('the page has its tables (a parse that finds nothing must not pass)', () => {
    // the stable tables hold the kiosk's, the counters' and the status page's routes at least
    expect(of('stable')).toEqual(
      expect.arrayContaining(['GET /api/v1/sites/{site}/status', 'POST /api/v1/sites/{site}/tickets', 'POST /api/v1/sites/{site}/counters/{counter}/call-next', 'GET /healthz']),
    );
    expect(of('other').length).toBeGreaterThan(0);
    // every route of product.md §8 is served now: a future "Planned" table is checked by the last test
  });

  it('lists each route once', () => {
    const seen = new Map<string, string>();
    const twice: string[] = [];
    for (const r of rows) {
      const first = seen.get(r.route);
      if (first !== undefined) twice.push(`${r.route} (in "${first}" and "${r.section}")`);
      else seen.set(r.route, r.section);
    }
    expect(twice).toEqual([]);
  });

  it('every stable route and every other route of the page is served', () => {
    const missing = rows.filter((r) => r.kind !== 'planned' && !served.includes(r.route)).map((r) => `${r.route} (${r.section})`);
    expect(missing, 'documented in docs/api.md but not in /docs/json').toEqual([]);
  });

  it('every served route is on the page, in a stable table or under "Other routes"', () => {
    const listed = new Set([...of('stable'), ...of('other')]);
    const unlisted = served.filter((r) => !listed.has(r));
    expect(unlisted, 'served (in /docs/json) but not listed in docs/api.md').toEqual([]);
    // the guarantee the page makes covers the whole API version
    expect(served.filter((r) => r.includes(' /api/v1/')).length).toBeGreaterThan(0);
  });

  it('no planned route is served yet (when one is, move it up into a table)', () => {
    expect(of('planned').filter((r) => served.includes(r))).toEqual([]);
  });
});
