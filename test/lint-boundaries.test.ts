import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules are enforced by lint: these cases prove the rules catch violations (so a
 * clean `npm run lint` means the domain really imports nothing of IO, Fastify or SQLite, no page
 * imports the server, and no workspace reaches into another by a relative path).
 */
const eslint = new ESLint({ cwd: new URL('..', import.meta.url).pathname });

async function messagesFor(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('import boundaries', () => {
  const domainFile = 'server/src/domain/example.ts';

  it.each([
    ["import Database from 'better-sqlite3';", 'no-restricted-imports'],
    ["import Fastify from 'fastify';", 'no-restricted-imports'],
    ["import { readFileSync } from 'node:fs';", 'no-restricted-imports'],
    ["import { connect } from 'node:net';", 'no-restricted-imports'],
    ["import { SqliteStore } from '../adapters/sqlite/sqlite-store.js';", 'no-restricted-imports'],
    ['export const t = Date.now();', 'no-restricted-syntax'],
    ['export const t = new Date();', 'no-restricted-syntax'],
    ['export const e = process.env.PORT;', 'no-restricted-syntax'],
  ])('the domain refuses %s', async (code, rule) => {
    const messages = await messagesFor(`${code}\nexport const used = 1;\n`, domainFile);
    expect(messages.some((m) => m.startsWith(rule))).toBe(true);
  });

  it('the domain may use shared, other domain modules and a clock-given instant', async () => {
    const code = [
      "import type { TicketState } from '@madoguchi/shared';",
      "import { localDate } from './time.js';",
      'export const f = (now: number, s: TicketState): string => `${localDate(now, "Asia/Tokyo")}${s}${new Date(now).getDay()}`;',
    ].join('\n');
    expect(await messagesFor(code, domainFile)).toEqual([]);
  });

  it('use cases reach IO only through ports', async () => {
    const messages = await messagesFor("import Database from 'better-sqlite3';\nexport const d = Database;\n", 'server/src/app/example.ts');
    expect(messages.some((m) => m.startsWith('no-restricted-imports'))).toBe(true);
    const clock = await messagesFor('export const t = Date.now();\n', 'server/src/app/example.ts');
    expect(clock.some((m) => m.startsWith('no-restricted-syntax'))).toBe(true);
  });

  it('adapters may use IO', async () => {
    const code = "import Database from 'better-sqlite3';\nexport const d = Database;\n";
    expect(await messagesFor(code, 'server/src/adapters/sqlite/example.ts')).toEqual([]);
  });

  const PAGES = ['kiosk', 'display', 'counter', 'status', 'manager'];

  it.each(PAGES.flatMap((page) => [
    [page, "import { createMadoguchi } from '@madoguchi/server';"],
    [page, "import type { SiteDef } from '@madoguchi/server/src/domain/site.js';"],
    [page, "import type { SiteDef } from '../../server/src/domain/site.js';"],
  ]))('the %s page refuses %s', async (page, code) => {
    const messages = await messagesFor(`${code}\nexport const used = 1;\n`, `${page}/src/example.ts`);
    expect(messages.some((m) => m.startsWith('no-restricted-imports') && m.includes('never import the server'))).toBe(true);
  });

  it.each([
    ['kiosk/src/api.ts', "import { ApiError } from '../../shared/web/api-error';"],
    ['counter/src/components/console.tsx', "import { StaffApp } from '../../../shared/web/staff/staff-app';"],
    ['shared/web/example.ts', "import { PrinterSimulator } from '../../printer/src/index.js';"],
    ['server/src/example.ts', "import type { TicketView } from '../../shared/src/model.js';"],
    ['printer/src/example.ts', "export { ManualClock } from '../../server/src/adapters/clock/manual-clock.js';"],
    ['server/src/adapters/example.ts', "export const load = () => import('../../../printer/src/index.js');"],
  ])('no relative import across workspaces: %s refuses %s', async (file, code) => {
    const messages = await messagesFor(`${code}\nexport const used = 1;\n`, file);
    expect(messages.some((m) => m.startsWith('madoguchi/no-cross-workspace-import'))).toBe(true);
  });

  it.each([
    ['display/src/example.ts', "import type { TicketView } from '@madoguchi/shared/src/model';"],
    ['status/src/example.ts', "import type { TicketView } from '../../shared/src/model';"],
    ['manager/src/example.ts', "import type { TicketView } from '@madoguchi/shared/dist/index.js';"],
    ['shared/web/example.ts', "import type { TicketView } from '../src/model';"],
    ['shared/web/staff/example.ts', "import type { TicketView } from '../../src/model';"],
  ])('%s takes shared only through its exports, not %s', async (file, code) => {
    const messages = await messagesFor(`${code}\nexport const used = 1;\n`, file);
    expect(messages.some((m) => m.startsWith('no-restricted-imports'))).toBe(true);
  });

  it('a page may use shared, shared/web and its own modules; the tooling outside the workspaces may reach in by path', async () => {
    const page = [
      "import type { TicketView } from '@madoguchi/shared';",
      "import { ApiError } from '@madoguchi/shared/web';",
      "import { SITE } from './site';",
      'export const used: [TicketView | null, typeof ApiError, typeof SITE] = [null, ApiError, SITE];',
    ].join('\n');
    expect(await messagesFor(page, 'kiosk/src/example.ts')).toEqual([]);
    const viteConfig = "import { pageConfig } from '../scripts/lib/vite-page.js';\nexport default pageConfig('kiosk', import.meta.url);\n";
    expect(await messagesFor(viteConfig, 'kiosk/vite.config.ts')).toEqual([]);
    const testSupport = "import { ManualClock } from '../../server/src/adapters/clock/manual-clock.js';\nexport const c = ManualClock;\n";
    expect(await messagesFor(testSupport, 'test/support/example.ts')).toEqual([]);
  });
});

describe('ports', () => {
  const portFile = 'server/src/ports/example.ts';

  it.each([
    "import type { SqliteDatabase } from '../adapters/sqlite/sqlite-database.js';",
    "import { EspeakVoice } from '../adapters/voice/espeak-voice.js';",
  ])('never import adapters: %s', async (code) => {
    const messages = await messagesFor(`${code}\nexport const used = 1;\n`, portFile);
    expect(messages.some((m) => m.startsWith('no-restricted-imports'))).toBe(true);
  });

  it('may import the domain, other ports and shared', async () => {
    const code = [
      "import type { TicketState } from '@madoguchi/shared';",
      "import type { Ticket } from '../domain/ticket.js';",
      "import type { Clock } from './clock.js';",
      'export type Example = { t: Ticket; s: TicketState; c: Clock };',
    ].join('\n');
    expect(await messagesFor(code, portFile)).toEqual([]);
  });
});
