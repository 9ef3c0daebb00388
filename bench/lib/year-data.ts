/**
 * A year of the sample office (fiscal year 2025: 1 April 2025 – 31 March 2026, ≈ 243 business
 * days × ≈ 2,850 tickets ≈ 700,000 tickets with their full event logs) as a madoguchi database,
 * for the start-up and report benchmarks.
 *
 * The schema comes from the real migrations (SqliteDatabase creates the file). Rows are what
 * the engine writes (year-sim.ts simulates a day and replays it into rows). Binding ~8 million rows
 * one by one from JavaScript costs minutes on a small machine, so the generator simulates a set of
 * distinct days (two per month, with that month's volume and mix), stages them once, and copies
 * one of its month's days to every business day with INSERT … SELECT inside SQLite, offsetting
 * ids, sequence numbers and dates and drawing fresh tokens. The file is cached under
 * bench/.cache/, keyed by a hash of the generator, the migrations and the sample office.
 *
 *   node --conditions=source --import tsx bench/lib/year-data.ts [business days]
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { SqliteDatabase } from '../../server/src/adapters/sqlite/sqlite-database.js';
import { SqliteStore } from '../../server/src/adapters/sqlite/sqlite-store.js';
import { MIGRATIONS_DIR, readMigrations } from '../../server/src/adapters/sqlite/migrate.js';
import { loadConfig } from '../../server/src/config-file.js';
import { isNationalHoliday, isYearEndHoliday } from '../../server/src/domain/holidays.js';
import type { SiteDef } from '../../server/src/domain/site.js';
import { addDays, dayNumber, weekdayOf, zonedInstant } from '../../server/src/domain/time.js';
import { SAMPLE_CONFIG_TEXT } from '../../server/src/sample-office.js';
import { TemplateWriter, type DaySummary, type DayTemplate, type Row } from './year-sim.js';
import { seededRandom } from '../../server/src/test-support/random.js';

export interface YearOptions {
  /** first calendar day (default 2025-04-01) */
  from?: string;
  /** last calendar day, inclusive (default 2026-03-31) */
  to?: string;
  /** stop after this many business days */
  businessDays?: number;
  /** mean tickets per business day (default 2,850; each queue is capped by its numbering range) */
  ticketsPerDay?: number;
  /** distinct simulated days per month (default 2) */
  templatesPerMonth?: number;
  seed?: number;
}

export interface YearData {
  file: string;
  site: string;
  from: string;
  /** the last business day written */
  lastBusinessDay: string;
  businessDays: number;
  /** distinct simulated days */
  templates: number;
  tickets: number;
  events: number;
  bytes: number;
  /** the generation's wall time (of the cached file when cached) */
  generatedMs: number;
  cached: boolean;
  days: DaySummary[];
}

const DEFAULTS = { from: '2025-04-01', to: '2026-03-31', ticketsPerDay: 2850, templatesPerMonth: 2, seed: 20250401 };
const CACHE_DIR = fileURLToPath(new URL('../.cache/', import.meta.url));

/** The sample office's site 'naka' — the office `node server/dist/madoguchi.js` runs without CONFIG. */
export function sampleSite(): SiteDef {
  const site = loadConfig(undefined).sites.find((s) => s.id === 'naka');
  if (!site) throw new Error('the sample office has no site "naka"');
  return site;
}

export const isBusinessDay = (date: string): boolean => {
  const wd = weekdayOf(date);
  return wd >= 1 && wd <= 5 && !isNationalHoliday(date) && !isYearEndHoliday(date);
};

const STAGE = `
CREATE TEMP TABLE stage_tickets (tpl INTEGER, k INTEGER, issued_queue_id TEXT, number INTEGER, label TEXT, queue_id TEXT, service_id TEXT,
  priority INTEGER, low_counter INTEGER, state TEXT, s INTEGER, i_d INTEGER, i_t TEXT, c_d INTEGER, c_t TEXT, st_d INTEGER, st_t TEXT,
  e_d INTEGER, e_t TEXT, counter_id TEXT, recalls INTEGER, transfers INTEGER, PRIMARY KEY (tpl, k)) WITHOUT ROWID;
CREATE TEMP TABLE stage_events (tpl INTEGER, s INTEGER, type TEXT, k INTEGER, from_state TEXT, to_state TEXT, a_d INTEGER, a_t TEXT,
  actor_kind TEXT, actor_id TEXT, counter_id TEXT, queue_id TEXT, d0 TEXT, n1 INTEGER, k1 INTEGER, d1 TEXT, n2 INTEGER, k2 INTEGER, d2 TEXT,
  PRIMARY KEY (tpl, s)) WITHOUT ROWID;
CREATE TEMP TABLE stage_print_jobs (tpl INTEGER, j INTEGER, k INTEGER, kiosk TEXT, state TEXT, attempts INTEGER, ahead INTEGER, estimate INTEGER,
  language TEXT, c_d INTEGER, c_t TEXT, u_d INTEGER, u_t TEXT, PRIMARY KEY (tpl, j)) WITHOUT ROWID;
CREATE TEMP TABLE stage_keys (tpl INTEGER, k INTEGER, request_hash TEXT, c_d INTEGER, c_t TEXT, PRIMARY KEY (tpl, k)) WITHOUT ROWID;
CREATE TEMP TABLE stage_feedback (tpl INTEGER, k INTEGER, rating INTEGER, a_d INTEGER, a_t TEXT, PRIMARY KEY (tpl, k)) WITHOUT ROWID;
CREATE TEMP TABLE stage_queue_days (tpl INTEGER, queue_id TEXT, last_number INTEGER, cycle INTEGER, streak INTEGER, PRIMARY KEY (tpl, queue_id)) WITHOUT ROWID;
`;

/** a staged instant as "which UTC date relative to the business day" and the rest of its ISO text */
const WHEN = (c: string) => `(CASE ${c}_d WHEN 0 THEN :d0 WHEN -1 THEN :dm ELSE :dp END) || ${c}_t`;
const OFFSET = (k: string) => `CASE ${k} WHEN 0 THEN :seq WHEN 1 THEN :tid ELSE :jid END`;

const COPY = {
  tickets: `INSERT INTO tickets (id, site_id, business_date, issued_queue_id, number, cycle, label, queue_id, service_id, priority,
    low_counter, state, sort_key, issue_seq, token, issued_at, called_at, started_at, ended_at, counter_id, recalls, transfers)
    SELECT k + :tid, :site, :d0, issued_queue_id, number, 0, label, queue_id, service_id, priority, low_counter, state, s + :seq, s + :seq,
      lower(hex(randomblob(12))), ${WHEN('i')}, ${WHEN('c')}, ${WHEN('st')}, ${WHEN('e')}, counter_id, recalls, transfers
    FROM stage_tickets WHERE tpl = :tpl ORDER BY k`,
  events: `INSERT INTO events (site_id, seq, type, ticket_id, from_state, to_state, at, actor_kind, actor_id, counter_id, queue_id, data)
    SELECT :site, s + :seq, type, k + :tid, from_state, to_state, ${WHEN('a')}, actor_kind, actor_id, counter_id, queue_id,
      d0 || CASE WHEN n1 IS NULL THEN '' ELSE (n1 + ${OFFSET('k1')}) || d1 || CASE WHEN n2 IS NULL THEN '' ELSE (n2 + ${OFFSET('k2')}) || d2 END END
    FROM stage_events WHERE tpl = :tpl ORDER BY s`,
  printJobs: `INSERT INTO print_jobs (id, site_id, ticket_id, printer_id, kiosk, state, reason, attempts, ahead, estimated_wait_minutes,
    language, created_at, updated_at)
    SELECT j + :jid, :site, k + :tid, 'lobby', kiosk, state, NULL, attempts, ahead, estimate, language, ${WHEN('c')}, ${WHEN('u')}
    FROM stage_print_jobs WHERE tpl = :tpl ORDER BY j`,
  keys: `INSERT INTO idempotency_keys (site_id, key, ticket_id, request_hash, created_at)
    SELECT :site, lower(hex(randomblob(16))), k + :tid, request_hash, ${WHEN('c')} FROM stage_keys WHERE tpl = :tpl`,
  feedback: `INSERT INTO feedback (ticket_id, site_id, rating, at) SELECT k + :tid, :site, rating, ${WHEN('a')} FROM stage_feedback WHERE tpl = :tpl`,
  queueDays: `INSERT INTO queue_days (site_id, queue_id, business_date, last_number, cycle, priority_streak)
    SELECT :site, queue_id, :d0, last_number, cycle, streak FROM stage_queue_days WHERE tpl = :tpl`,
} as const;

/** Stages one simulated day as template `tpl`. */
function stage(db: Database.Database, tpl: number, t: DayTemplate): void {
  const base = dayNumber(t.date) * 86_400_000;
  const split = (ms: unknown): [number | null, string | null] => {
    if (ms === null) return [null, null];
    const at = Number(ms);
    return [Math.floor((at - base) / 86_400_000), new Date(at).toISOString().slice(10)];
  };
  const markers = (data: string): Row => {
    const p = data.split('\u0000');
    const num = (m: string | undefined): [number | null, number | null] =>
      m === undefined ? [null, null] : [Number(m.slice(1)), m[0] === 'S' ? 0 : m[0] === 'T' ? 1 : 2];
    if (p.length > 5) throw new Error(`more than two marked numbers in ${data}`);
    return [p[0] ?? '', ...num(p[1]), p[2] ?? '', ...num(p[3]), p[4] ?? ''];
  };
  const ins = (table: string, n: number) => db.prepare(`INSERT INTO ${table} VALUES (${Array(n).fill('?').join(', ')})`);
  const tickets = ins('stage_tickets', 22);
  for (const r of t.tickets) tickets.run(tpl, ...r.slice(0, 10), ...split(r[10]), ...split(r[11]), ...split(r[12]), ...split(r[13]), ...r.slice(14));
  const events = ins('stage_events', 19);
  for (const r of t.events) events.run(tpl, ...r.slice(0, 5), ...split(r[5]), ...r.slice(6, 10), ...markers(String(r[10])));
  const jobs = ins('stage_print_jobs', 13);
  for (const r of t.printJobs) jobs.run(tpl, ...r.slice(0, 8), ...split(r[8]), ...split(r[9]));
  const keys = ins('stage_keys', 5);
  for (const r of t.idempotencyKeys) keys.run(tpl, r[0], r[1], ...split(r[2]));
  const feedback = ins('stage_feedback', 5);
  for (const r of t.feedback) feedback.run(tpl, r[0], r[1], ...split(r[2]));
  const queueDays = ins('stage_queue_days', 5);
  for (const r of t.queueDays) queueDays.run(tpl, ...r);
}

/** Writes a new database at `file` (which must not exist). */
export function generateYear(file: string, opts: YearOptions = {}, log: (line: string) => void = () => undefined): Omit<YearData, 'cached'> {
  const o = { ...DEFAULTS, ...opts };
  if (existsSync(file)) throw new Error(`${file} exists`);
  const t0 = performance.now();
  const phase = (what: string) => log(`  ${what}: ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const site = sampleSite();
  const database = new SqliteDatabase({ file });
  new SqliteStore(database).ensureSite(site.id);
  database.close();

  // the calendar: every day rolls over at midnight; business days get tickets
  const dates: string[] = [];
  let planned = 0;
  for (let d = o.from; d <= o.to && (o.businessDays === undefined || planned < o.businessDays); d = addDays(d, 1)) {
    dates.push(d);
    if (isBusinessDay(d)) planned++;
  }
  const business = dates.filter(isBusinessDay);
  const rand = seededRandom(o.seed);
  // Mondays and the moving season (March, April) are busier; filings take more of the moving season
  const volume = (date: string) => Math.round(o.ticketsPerDay * (0.95 + 0.08 * rand()) * (weekdayOf(date) === 1 ? 1.03 : 1));
  const mix = (date: string) =>
    ['03', '04'].includes(date.slice(5, 7)) ? { certificates: 0.33, filings: 0.36, insurance: 0.31 } : { certificates: 0.34, filings: 0.33, insurance: 0.33 };

  const db = new Database(file);
  // a bulk load into a file nobody else has open: no journal, no fsync until the end
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('locking_mode = EXCLUSIVE');
  db.pragma('cache_size = -262144');
  db.pragma('temp_store = MEMORY');
  // the rows reference each other correctly by construction (the test reads them back through the engine)
  db.pragma('foreign_keys = OFF');
  db.exec(STAGE);

  // the distinct days: `templatesPerMonth` business days of each month, simulated and staged
  const templates: Array<{ month: string; t: DayTemplate }> = [];
  const byMonth = new Map<string, string[]>();
  for (const d of business) byMonth.set(d.slice(0, 7), [...(byMonth.get(d.slice(0, 7)) ?? []), d]);
  db.transaction(() => {
    for (const [month, days] of byMonth) {
      const n = Math.min(days.length, o.templatesPerMonth);
      for (let i = 0; i < n; i++) {
        const date = days[Math.floor((i * days.length) / n)] ?? days[0] ?? month;
        const t = new TemplateWriter(site, o.seed + templates.length * 7919).businessDay(date, volume(date), mix(date));
        stage(db, templates.length, t);
        templates.push({ month, t });
      }
    }
  })();

  phase(`${templates.length} days simulated and staged`);
  // the explicit indexes are built once at the end (a sort), not row by row
  const indexes = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('tickets', 'events', 'print_jobs', 'feedback')`)
    .all() as Array<{ name: string; sql: string }>;
  for (const ix of indexes) db.exec(`DROP INDEX ${ix.name}`);

  const copy = Object.fromEntries(Object.entries(COPY).map(([k, sql]) => [k, db.prepare(sql)])) as Record<keyof typeof COPY, Database.Statement>;
  const rollover = db.prepare(`INSERT INTO events (site_id, seq, type, ticket_id, from_state, to_state, at, actor_kind, actor_id, counter_id, queue_id, data)
    VALUES (?, ?, 'day:rolled-over', NULL, NULL, NULL, ?, 'system', 'rollover', NULL, NULL, ?)`);
  const days: DaySummary[] = [];
  let seq = 0;
  let tid = 0;
  let jid = 0;
  let tickets = 0;
  let previous: string | null = null;
  let lastClose = '';
  const pickRand = seededRandom(o.seed ^ 0x5eed);
  const write = db.transaction((chunk: string[]) => {
    for (const date of chunk) {
      // main.ts's 30-second timer moves the business day just after local midnight
      const at = zonedInstant(date, 0, site.timeZone) + 30_000 + Math.floor(pickRand() * 1000);
      rollover.run(site.id, ++seq, new Date(at).toISOString(), JSON.stringify({ businessDate: date, previousDate: previous, expired: 0 }));
      previous = date;
      if (!isBusinessDay(date)) continue;
      const mine = templates.filter((x) => x.month === date.slice(0, 7));
      const pool = mine.length > 0 ? mine : templates;
      const tpl = Math.floor(pickRand() * pool.length);
      const chosen = pool[tpl];
      if (!chosen) throw new Error('no day template');
      const p = { tpl: templates.indexOf(chosen), site: site.id, d0: date, dm: addDays(date, -1), dp: addDays(date, 1), seq, tid, jid };
      for (const statement of Object.values(copy)) statement.run(p);
      const t = chosen.t;
      seq += t.events.length;
      tid += t.tickets.length;
      jid += t.printJobs.length;
      tickets += t.tickets.length;
      days.push({ ...t.summary, date });
      lastClose = date;
    }
  });
  for (let i = 0; i < dates.length; i += 31) write(dates.slice(i, i + 31));

  // the state the engine leaves behind: the last day current, every counter closed
  db.prepare('UPDATE sites SET business_date = ?, seq = ? WHERE id = ?').run(previous, seq, site.id);
  const counter = db.prepare(`INSERT INTO counters (site_id, id, availability, updated_at) VALUES (?, ?, 'closed', ?)`);
  const closedAt = new Date(zonedInstant(lastClose || o.from, 18 * 60, site.timeZone)).toISOString();
  for (const c of site.counters) counter.run(site.id, c.id, closedAt);
  phase(`${days.length} business days copied`);
  for (const ix of indexes) db.exec(ix.sql);
  phase('indexes built');
  db.exec('DROP TABLE temp.stage_tickets; DROP TABLE temp.stage_events; DROP TABLE temp.stage_print_jobs; DROP TABLE temp.stage_keys; DROP TABLE temp.stage_feedback; DROP TABLE temp.stage_queue_days;');
  db.pragma('journal_mode = WAL');
  db.close();
  return {
    file,
    site: site.id,
    from: o.from,
    lastBusinessDay: days[days.length - 1]?.date ?? o.from,
    businessDays: days.length,
    templates: templates.length,
    tickets,
    events: seq,
    bytes: statSync(file).size,
    generatedMs: performance.now() - t0,
    days,
  };
}

function cacheKey(o: YearOptions): string {
  const h = createHash('sha1');
  h.update(JSON.stringify({ ...DEFAULTS, ...o }));
  for (const f of ['./year-sim.ts', './year-data.ts']) h.update(readFileSync(new URL(f, import.meta.url)));
  for (const m of readMigrations(MIGRATIONS_DIR)) h.update(m.sql);
  h.update(SAMPLE_CONFIG_TEXT);
  return h.digest('hex').slice(0, 12);
}

/** The year's database, generated once and cached under bench/.cache/ (a master: copy it before use). */
export function cachedYear(opts: YearOptions = {}, log: (line: string) => void = () => undefined): YearData {
  mkdirSync(CACHE_DIR, { recursive: true });
  const key = cacheKey(opts);
  const file = join(CACHE_DIR, `year-${key}.db`);
  const meta = join(CACHE_DIR, `year-${key}.json`);
  if (existsSync(file) && existsSync(meta)) {
    return { ...(JSON.parse(readFileSync(meta, 'utf8')) as Omit<YearData, 'cached'>), file, cached: true };
  }
  // one cached year at a time: each is a gigabyte or more
  for (const f of readdirSync(CACHE_DIR)) if (f.startsWith('year-')) rmSync(join(CACHE_DIR, f), { force: true });
  log('generating a year of tickets (cached in bench/.cache/ for the next runs)…');
  const tmp = `${file}.tmp-${process.pid}`;
  try {
    const data = generateYear(tmp, opts, log);
    renameSync(tmp, file);
    const result = { ...data, file };
    writeFileSync(meta, JSON.stringify(result));
    return { ...result, cached: false };
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** Copies the year into a data directory as its database (the cached master stays untouched). */
export function copyYearInto(year: YearData, dataDir: string, dbFile: string): void {
  mkdirSync(dataDir, { recursive: true });
  copyFileSync(year.file, join(dataDir, dbFile));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const n = process.argv[2] ? Number(process.argv[2]) : undefined;
  const y = cachedYear(n === undefined ? {} : { businessDays: n }, (l) => console.log(l));
  const { days: _days, ...rest } = y;
  console.log(JSON.stringify({ ...rest, generatedS: (y.generatedMs / 1000).toFixed(1), mb: (y.bytes / 2 ** 20).toFixed(0) }, null, 2));
}
