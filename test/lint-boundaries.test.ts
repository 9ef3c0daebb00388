import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules are enforced by lint: these cases prove the rules catch violations (so a
 * clean `npm run lint` means the domain really imports nothing of IO, Fastify or SQLite).
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
