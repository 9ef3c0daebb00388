/**
 * One wire contract (shared/src): every shape the server answers is a TypeBox schema in shared,
 * its type derived with `Static`, and the route map (shared/src/routes.ts) says which route
 * answers which. These tests keep it so:
 * - no page and no server module declares a type of its own under the name of a schema-derived
 *   type of shared (a second, hand-written copy that can drift);
 * - every route of the map is served, with the fields its schema names (against /docs/json);
 * - the pushed shapes events.ts and realtime.ts still write by hand match their schemas.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { Static } from 'typebox';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  ROUTES,
  type ApiRoute,
  type ButtonAction,
  type ButtonActionSchema,
  type ButtonPressResult,
  type ButtonPressResultSchema,
  type ButtonStatus,
  type ButtonStatusSchema,
  type PrinterHealth,
  type PrinterHealthSchema,
  type PrinterView,
  type PrinterViewSchema,
} from '@madoguchi/shared';
import { request, startServer, type TestServer } from './support/server.js';

const ROOT = new URL('..', import.meta.url).pathname;
/** Where hand-written copies of wire shapes used to live: the server and the pages. */
const SCANNED = ['server/src', 'shared/web', 'kiosk/src', 'display/src', 'status/src', 'counter/src', 'manager/src'];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'node_modules' || name === 'dist' ? [] : sources(path);
    return /\.tsx?$/.test(name) && !/\.d\.ts$/.test(name) ? [path] : [];
  });
}

/** The types shared derives from its schemas: `export type X = Static<…>` (and interfaces built on one). */
export function derivedNames(source: string): string[] {
  return [...source.matchAll(/export type (\w+)(?:<[^>]*>)? = Static<|export interface (\w+) \{\n\s+\w+: Static</g)].map((m) => m[1] ?? m[2] ?? '');
}

/** The `interface X` / `type X =` a source declares. */
export function declaredNames(source: string): string[] {
  return [...source.matchAll(/^\s*(?:export\s+)?(?:declare\s+)?(?:interface\s+(\w+)|type\s+(\w+)\s*(?:<[^=]*>)?\s*=)/gm)].map((m) => m[1] ?? m[2] ?? '');
}

/** `file: Name` for each declaration of a name shared derives from a schema. */
export function duplicates(files: ReadonlyArray<{ path: string; source: string }>, derived: ReadonlySet<string>): string[] {
  return files.flatMap((f) => declaredNames(f.source).filter((n) => derived.has(n)).map((n) => `${f.path}: ${n}`));
}

const derived = new Set(sources(join(ROOT, 'shared/src')).flatMap((p) => derivedNames(readFileSync(p, 'utf8'))));

describe('no wire shape is declared in two places', () => {
  it('finds the schema-derived types of shared (a parse that finds nothing must not pass)', () => {
    expect([...derived]).toEqual(expect.arrayContaining(['TicketView', 'CounterView', 'SiteStatus', 'TicketStatus', 'IssuedTicket', 'PrintInfo', 'Role', 'User', 'Me', 'DailyReport', 'Dashboard', 'Alert', 'ErrorBody']));
  });

  it('the scan names a second declaration and its file', () => {
    const files = [
      { path: 'status/src/api.ts', source: 'export interface SiteStatus {\n  at: string;\n}\n' },
      { path: 'manager/src/api.ts', source: "type Role = 'clerk' | 'admin';\nexport type Local = { a: 1 };\n" },
    ];
    expect(duplicates(files, derived)).toEqual(['status/src/api.ts: SiteStatus', 'manager/src/api.ts: Role']);
  });

  it('neither the server nor a page declares a type under a name shared derives from a schema', () => {
    const files = SCANNED.flatMap((d) => sources(join(ROOT, d))).map((p) => ({ path: relative(ROOT, p), source: readFileSync(p, 'utf8') }));
    expect(files.length).toBeGreaterThan(50);
    expect(duplicates(files, derived), 'import these from @madoguchi/shared instead').toEqual([]);
  });

  it('the shapes events.ts and realtime.ts push match their schemas', () => {
    expectTypeOf<ButtonStatus>().toEqualTypeOf<Static<typeof ButtonStatusSchema>>();
    expectTypeOf<ButtonPressResult>().toEqualTypeOf<Static<typeof ButtonPressResultSchema>>();
    expectTypeOf<ButtonAction>().toEqualTypeOf<Static<typeof ButtonActionSchema>>();
    expectTypeOf<PrinterHealth>().toEqualTypeOf<Static<typeof PrinterHealthSchema>>();
    expectTypeOf<PrinterView>().toEqualTypeOf<Static<typeof PrinterViewSchema>>();
  });
});

type Schema = { properties?: Record<string, Schema>; required?: string[]; items?: Schema; anyOf?: Schema[]; oneOf?: Schema[]; allOf?: Schema[]; type?: string | string[] };

/** The fields a schema names, as paths (`queues[].name.ja`, `?` when optional): what a page reads. */
function fields(s: Schema | undefined, at = ''): string[] {
  if (!s) return [];
  const own = Object.entries(s.properties ?? {}).flatMap(([k, v]) => {
    const path = `${at}.${k}${s.required?.includes(k) ? '' : '?'}`;
    return [path, ...fields(v, path)];
  });
  const nested = [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])].flatMap((x) => fields(x, at));
  return [...new Set([...own, ...nested, ...fields(s.items, `${at}[]`)])].sort();
}

describe('the route map and the served routes', () => {
  let s: TestServer;
  let paths: Record<string, Record<string, { responses?: Record<string, { content?: { 'application/json'?: { schema?: Schema } } }> }>>;

  beforeAll(async () => {
    s = await startServer();
    const res = await request(s.app, 'GET', '/docs/json');
    expect(res.statusCode).toBe(200);
    paths = res.json<{ paths: typeof paths }>().paths;
  });
  afterAll(async () => {
    await s.close();
  });

  it('every route of the map is served and answers the fields of its schema', () => {
    const wrong: string[] = [];
    for (const route of Object.keys(ROUTES) as ApiRoute[]) {
      const [method = '', path = ''] = route.split(' ');
      const op = paths[path.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
      if (!op) {
        wrong.push(`${route}: not served`);
        continue;
      }
      const ok = Object.entries(op.responses ?? {}).filter(([code]) => code.startsWith('2'));
      const answer = ROUTES[route].response as Schema;
      if (answer.type === 'null') {
        if (!ok.some(([code]) => code === '204')) wrong.push(`${route}: no 204`);
        continue;
      }
      const served = ok.find(([code]) => code !== '204')?.[1].content?.['application/json']?.schema;
      const [want, got] = [fields(answer), fields(served)];
      if (want.length === 0 || want.join() !== got.join()) wrong.push(`${route}: map ${want.join(' ')} ≠ served ${got.join(' ')}`);
    }
    expect(wrong).toEqual([]);
  });
});
