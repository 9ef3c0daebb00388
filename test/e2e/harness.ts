/**
 * What every browser test file sets up alike: Debian's Chromium (browser.ts), and per test the
 * real server — createMadoguchi as production builds it, serving the pages' dist — on a throw-away
 * data directory with a ManualClock, listening on 127.0.0.1.
 *
 * Accounts cost time (scrypt), so each file makes one template database: a first start with what
 * `provision` adds, closed (which checkpoints the WAL into the file). Every test's server starts on
 * a copy of it, so each still has a database of its own. After each test, the browser contexts it
 * opened are closed, then its servers, and its data and temporary folders are removed.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { ManualClock } from '../../server/src/adapters/clock/manual-clock.js';
import { parseConfig } from '../../server/src/config-file.js';
import type { InstallationConfig, SiteDef } from '../../server/src/domain/site.js';
import { SAMPLE_CONFIG_TEXT } from '../../server/src/sample-office.js';
import { createMadoguchi, DB_FILE, type Madoguchi, type ServerOptions } from '../../server/src/server.js';
import { PASSWORD } from '../support/server.js';
import { JAPAN, launchBrowser } from './browser.js';

/** the checkout, whose <page>/dist the server serves */
export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const SITE = 'naka';
/** Monday 2026-04-06 10:00 JST */
export const MONDAY_10 = '2026-04-06T01:00:00Z';
/** how long one step may wait for an element or a value */
export const WAIT = { timeout: 10_000 };

/** The embedded sample office (demo: open at any hour), its site without a printer, then changed as given. */
export function sampleOffice(change: (s: SiteDef) => Partial<SiteDef> = () => ({})): InstallationConfig {
  const c = parseConfig(SAMPLE_CONFIG_TEXT, 'sample-office.yaml');
  return { ...c, sites: c.sites.map((s) => (s.id === SITE ? { ...s, printers: [], defaultPrinter: null, ...change(s) } : s)) };
}

/** createMadoguchi's options a test file chooses; the harness gives the data directory, clock, logger and pages. */
export type ServerChoices = Omit<ServerOptions, 'dataDir' | 'clock' | 'logger' | 'pagesRoot'>;

export interface Running {
  m: Madoguchi;
  clock: ManualClock;
  /** http://127.0.0.1:<port> */
  url: string;
  /** the server's data directory */
  dir: string;
}

export interface BrowserTests {
  /** A clean browser session (its own cookies and localStorage), closed after the test. */
  newContext(options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A desk PC's browser (its own cookies and localStorage) in Japanese; a missing element fails its step after WAIT. */
  deskPage(viewport: { width: number; height: number }): Promise<Page>;
  /** A server of the test's own on a copy of the template database; `clock` defaults to MONDAY_10. */
  start(options: ServerChoices, clock?: ManualClock): Promise<Running>;
  /** Closes the server and starts another on the same data directory and the same port, its clock where the old one was. */
  restart(r: Running, options: ServerChoices): Promise<Running>;
  /** A temporary folder, removed after the test. */
  tmpDir(prefix: string): string;
}

export interface BrowserTestsOptions {
  /** the template's first start (default: the sample office as it is) */
  template?: Partial<ServerChoices>;
  /** what the template's first start adds (accounts, tokens) */
  provision?: (m: Madoguchi) => Promise<void>;
  /** Chromium flags some page's tests rely on */
  chromiumArgs?: readonly string[];
}

/**
 * Registers the file's hooks (Chromium and the template before all tests, clean-up after each and
 * after all) and returns what its tests start with. `name` marks the temporary folders.
 */
export function useBrowserTests(name: string, o: BrowserTestsOptions = {}): BrowserTests {
  let browser: Browser | null = null;
  let template: Buffer | null = null;
  const contexts: BrowserContext[] = [];
  const servers: Array<{ m: Madoguchi; dir: string }> = [];
  const dirs: string[] = [];

  const tmpDir = (prefix: string): string => {
    const d = mkdtempSync(join(tmpdir(), prefix));
    dirs.push(d);
    return d;
  };

  beforeAll(async () => {
    browser = await launchBrowser(o.chromiumArgs);
    const dir = mkdtempSync(join(tmpdir(), `madoguchi-${name}-template-`));
    try {
      const m = await createMadoguchi({ dataDir: dir, config: sampleOffice(), clock: new ManualClock(MONDAY_10), logger: false, ...o.template });
      await o.provision?.(m);
      await m.close();
      template = readFileSync(join(dir, DB_FILE));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(async () => {
    for (const c of contexts.splice(0)) await c.close();
    for (const s of servers.splice(0)) {
      await s.m.close();
      rmSync(s.dir, { recursive: true, force: true });
    }
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });

  const newContext = async (options: BrowserContextOptions = {}): Promise<BrowserContext> => {
    if (!browser) throw new Error('Chromium is launched in beforeAll');
    const context = await browser.newContext(options);
    contexts.push(context);
    return context;
  };

  return {
    newContext,
    async deskPage(viewport) {
      const context = await newContext({ viewport, ...JAPAN });
      context.setDefaultTimeout(WAIT.timeout); // a missing element fails the step, not the whole test's time
      return context.newPage();
    },
    async start(options, clock = new ManualClock(MONDAY_10)) {
      if (!template) throw new Error('the template database is made in beforeAll');
      const dir = mkdtempSync(join(tmpdir(), `madoguchi-${name}-`));
      writeFileSync(join(dir, DB_FILE), template);
      const m = await createMadoguchi({ dataDir: dir, clock, logger: false, pagesRoot: ROOT, ...options });
      servers.push({ m, dir });
      const url = await m.app.listen({ port: 0, host: '127.0.0.1' });
      return { m, clock, url, dir };
    },
    async restart(r, options) {
      const entry = servers.find((s) => s.m === r.m);
      await r.m.close();
      const clock = new ManualClock(r.clock.now().toISOString());
      const m = await createMadoguchi({ dataDir: r.dir, clock, logger: false, pagesRoot: ROOT, ...options });
      if (entry) entry.m = m;
      const url = await m.app.listen({ port: Number(new URL(r.url).port), host: '127.0.0.1' });
      return { m, clock, url, dir: r.dir };
    },
    tmpDir,
  };
}

/** Signs in on a staff page's form (the counter console's and the manager page's are the same). */
export async function signIn(page: Page, pageUrl: string, username: string, password = PASSWORD): Promise<void> {
  await page.goto(pageUrl);
  await page.getByLabel('ユーザー名').fill(username);
  await page.getByLabel('パスワード').fill(password);
  await page.getByRole('button', { name: 'サインイン' }).click();
}
