import Database from 'better-sqlite3';
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuthService } from '../adapters/auth/auth-service.js';
import { SystemClock } from '../adapters/clock/system-clock.js';
import { SqliteAuthStore } from '../adapters/sqlite/sqlite-auth-store.js';
import { DB_FILE } from '../server.js';
import { config, harness, KIOSK, site, type Harness } from '../test-support/fixtures.js';
import { runAdmin } from './admin.js';

let dir: string;
let h: Harness;
let auth: AuthService;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-admin-'));
  // the server's database, as a running server holds it open
  h = harness({ file: join(dir, DB_FILE), config: config(site('naka', { demo: true })) });
  auth = new AuthService(new SqliteAuthStore(h.database), new SystemClock());
});

afterEach(() => {
  h.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI in-process against the temp DATA_DIR (CONFIG unset: the embedded sample office). */
async function admin(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runAdmin(argv, { out: (s) => (out += s), err: (s) => (err += s) }, { DATA_DIR: dir });
  return { code, out, err };
}

const field = (out: string, name: string): string => {
  const m = new RegExp(`^${name}: (\\S+)$`, 'm').exec(out);
  if (!m?.[1]) throw new Error(`no "${name}:" in ${out}`);
  return m[1];
};

const issueTickets = (n: number): string[] =>
  Array.from({ length: n }, () => h.engine.takeTicket('naka', { queue: 'certificates' }, KIOSK).ticket.label);

const noStackTrace = (s: string) => expect(s).not.toMatch(/\n\s+at /);

describe('admin CLI: staff accounts', () => {
  it('create-user with a random password prints it once, and that password signs in', async () => {
    const r = await admin('create-user', 'sato', 'manager');
    expect(r.code).toBe(0);
    const password = field(r.out, 'password');
    const { principal } = await auth.login('sato', password);
    expect(principal).toMatchObject({ username: 'sato', role: 'manager' });
  });

  it('create-user --sites binds the user to those sites; an unknown site is refused and nothing is created', async () => {
    const r = await admin('create-user', 'ito', 'manager', '--password', 'correct horse battery', '--sites', 'naka');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('sites naka');
    expect(auth.listUsers().find((u) => u.username === 'ito')?.sites).toEqual(['naka']);
    await expect(auth.login('ito', 'correct horse battery')).resolves.toMatchObject({ principal: { sites: ['naka'] } });
    const bad = await admin('create-user', 'kato', 'clerk', '--sites', 'naka,atlantis');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('unknown site "atlantis"');
    expect(auth.listUsers().map((u) => u.username)).not.toContain('kato');
    // without --sites: every site
    expect((await admin('create-user', 'sato', 'clerk')).code).toBe(0);
    expect(auth.listUsers().find((u) => u.username === 'sato')?.sites).toBeNull();
  });

  it('create-user --password sets the given password', async () => {
    expect((await admin('create-user', 'ito', 'clerk', '--password', 'correct horse battery')).code).toBe(0);
    await expect(auth.login('ito', 'correct horse battery')).resolves.toMatchObject({ principal: { role: 'clerk' } });
  });

  it('refuses a duplicate user with one line on stderr and exit code 1', async () => {
    expect((await admin('create-user', 'sato', 'clerk')).code).toBe(0);
    const r = await admin('create-user', 'sato', 'admin');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/user sato exists/);
    noStackTrace(r.err);
  });

  it('refuses a weak password and creates nothing', async () => {
    const r = await admin('create-user', 'kato', 'clerk', '--password', 'short');
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/at least 10 characters/);
    noStackTrace(r.err);
    await expect(auth.login('kato', 'short')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });

  it('refuses an unknown role as a usage error (exit 2)', async () => {
    const r = await admin('create-user', 'kato', 'root');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/role must be one of clerk, manager, admin/);
  });

  it('reset-password replaces the password: the old one stops working', async () => {
    await admin('create-user', 'sato', 'clerk', '--password', 'first password!');
    const r = await admin('reset-password', 'sato');
    expect(r.code).toBe(0);
    await expect(auth.login('sato', field(r.out, 'password'))).resolves.toBeTruthy();
    await expect(auth.login('sato', 'first password!')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect((await admin('reset-password', 'nobody')).code).toBe(1);
  });

  it('create-token prints a staff bearer token that authenticates for --days', async () => {
    await admin('create-user', 'batch', 'manager');
    const r = await admin('create-token', 'batch', '--days', '7');
    expect(r.code).toBe(0);
    expect(auth.authenticateStaff(field(r.out, 'token'))).toMatchObject({ username: 'batch', role: 'manager', via: 'bearer' });
    expect((await admin('create-token', 'batch', '--days', 'soon')).code).toBe(2);
  });
});

describe('admin CLI: devices', () => {
  it('create-device prints a token the server accepts; revoke-device makes it fail', async () => {
    const r = await admin('create-device', 'naka', 'kiosk', '1F entrance');
    expect(r.code).toBe(0);
    const id = field(r.out, 'id');
    const token = field(r.out, 'token');
    expect(auth.authenticateDevice(token)).toMatchObject({ siteId: 'naka', deviceKind: 'kiosk', name: '1F entrance' });

    const list = await admin('list-devices', 'naka');
    expect(list.out).toMatch(new RegExp(`^${id} +kiosk +1F entrance +\\S+ +-$`, 'm'));

    expect((await admin('revoke-device', 'naka', id)).code).toBe(0);
    expect(auth.authenticateDevice(token)).toBeNull();
    const again = await admin('revoke-device', 'naka', id);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/no active device/);
  });

  it('refuses a site the configuration does not have', async () => {
    const r = await admin('create-device', 'kita', 'display', 'lobby');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/unknown site "kita"/);
    noStackTrace(r.err);
  });
});

describe('admin CLI: backup', () => {
  it('copies the database online, while another connection holds it open and mid-transaction', async () => {
    issueTickets(3);
    // the server's connection is open and holds the write lock during the whole backup
    h.database.connection.exec('BEGIN IMMEDIATE');
    const reader = new Database(join(dir, DB_FILE), { readonly: true });
    const file = join(dir, 'backup.db');
    let r: Awaited<ReturnType<typeof admin>>;
    try {
      r = await admin('backup', file);
    } finally {
      h.database.connection.exec('ROLLBACK');
      reader.close();
    }
    expect({ code: r.code, err: r.err }).toEqual({ code: 0, err: '' });
    expect(r.out).toMatch(/\(\d+ bytes, 3 tickets, integrity_check ok\)/);

    // one private, self-contained file, no partial copy left behind
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(existsSync(`${file}-wal`)).toBe(false);
    expect(existsSync(`${file}.partial-${process.pid}`)).toBe(false);
    const copy = new Database(file, { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.prepare('SELECT count(*) AS n FROM tickets').get()).toEqual({ n: 3 });
      expect(copy.prepare('SELECT count(*) AS n FROM tickets').get()).toEqual(h.database.connection.prepare('SELECT count(*) AS n FROM tickets').get());
    } finally {
      copy.close();
    }
  });

  it('without a file writes DATA_DIR/backups/madoguchi-<date>.db and keeps the newest 14 dated copies (retention.backups), nothing else', async () => {
    issueTickets(1);
    const backups = join(dir, 'backups');
    mkdirSync(backups);
    const old = Array.from({ length: 15 }, (_, i) => `madoguchi-2025-01-${String(i + 1).padStart(2, '0')}.db`);
    for (const n of [...old, 'madoguchi-before-upgrade-2025-01-01.db', 'notes.txt']) writeFileSync(join(backups, n), 'x');
    const r = await admin('backup');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const made = /^backup: (\S+) /m.exec(r.out)?.[1] ?? '';
    expect(made).toMatch(new RegExp(`^${backups}/madoguchi-\\d{4}-\\d{2}-\\d{2}\\.db$`));
    expect(statSync(made).mode & 0o777).toBe(0o600);
    expect(r.out).toContain(`removed the old backup ${join(backups, old[0]!)} (keeping the newest 14)`);
    expect(readdirSync(backups).sort()).toEqual([...old.slice(2), basename(made), 'madoguchi-before-upgrade-2025-01-01.db', 'notes.txt'].sort());
  });

  it('refuses to overwrite the live database or write into a missing directory, and says so when DATA_DIR has no database', async () => {
    expect((await admin('backup', join(dir, DB_FILE))).err).toMatch(/must not overwrite the database/);
    const nowhere = await admin('backup', join(dir, 'no-such-dir', 'x.db'));
    expect(nowhere.err).toMatch(/no-such-dir does not exist/);
    noStackTrace(nowhere.err);
    const empty = mkdtempSync(join(tmpdir(), 'madoguchi-admin-empty-'));
    try {
      let err = '';
      const code = await runAdmin(['list-devices', 'naka'], { out: () => undefined, err: (s) => (err += s) }, { DATA_DIR: empty });
      expect(code).toBe(1);
      expect(err).toMatch(/no database at .*madoguchi\.db/);
      expect(existsSync(join(empty, DB_FILE))).toBe(false);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('admin CLI: export-day', () => {
  it('writes the day as a BOM-prefixed CSV with one row per ticket', async () => {
    const labels = issueTickets(3);
    const file = join(dir, 'naka-2026-04-06.csv');
    const r = await admin('export-day', 'naka', '2026-04-06', file);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/3 tickets of naka on 2026-04-06/);

    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = bytes.toString('utf8').slice(1).split('\r\n').filter(Boolean);
    expect(rows).toHaveLength(1 + labels.length);
    expect(rows.slice(1).map((row) => row.split(',')[0])).toEqual(labels);
  });

  it('writes to stdout without a file, and refuses a date that is not on the calendar', async () => {
    issueTickets(1);
    const r = await admin('export-day', 'naka', '2026-04-06');
    expect(r.out.startsWith('\uFEFF')).toBe(true);
    expect(r.out.split('\r\n').filter(Boolean)).toHaveLength(2);
    expect((await admin('export-day', 'naka', '2026-02-30')).code).toBe(2);
  });
});

describe('admin CLI: environment', () => {
  it('reports an unreadable CONFIG in one line', async () => {
    let err = '';
    const env = { DATA_DIR: dir, CONFIG: join(dir, 'missing.yaml') };
    const code = await runAdmin(['create-device', 'naka', 'kiosk', 'k1'], { out: () => undefined, err: (s) => (err += s) }, env);
    expect(code).toBe(1);
    expect(err).toMatch(/missing\.yaml: cannot read the file \(ENOENT\)/);
    noStackTrace(err);
  });

  it('check-config validates a configuration file without a database', async () => {
    const sample = fileURLToPath(new URL('../../config/sample-city.yaml', import.meta.url));
    const ok = await admin('check-config', sample);
    expect({ code: ok.code, err: ok.err }).toEqual({ code: 0, err: '' });
    expect(ok.out).toMatch(/sample-city\.yaml: ok, \d+ site\(s\)/);

    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'sites:\n  - id: "Naka Ward"\n');
    const r = await admin('check-config', bad);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/bad\.yaml: sites\[0\]\.id: must be a lowercase id/);
    noStackTrace(r.err);
  });

  it.runIf(process.getuid?.() === 0)('as root, refuses a database another user owns (root-owned -wal/-shm would lock the server out)', async () => {
    chownSync(join(dir, DB_FILE), 1000, 1000);
    const r = await admin('list-devices', 'naka');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/belongs to uid 1000: run the CLI as that user/);
  });
});

describe('admin CLI: usage', () => {
  it('answers an unknown command with exit code 2 and the usage', async () => {
    const r = await admin('drop-everything');
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command "drop-everything"/);
    expect(r.err).toMatch(/^usage: /m);
  });

  it('answers missing arguments and unknown options with exit code 2', async () => {
    expect((await admin('create-device', 'naka')).code).toBe(2);
    const r = await admin('backup', 'x.db', '--fast');
    expect(r.code).toBe(2);
    noStackTrace(r.err);
    expect((await admin()).code).toBe(2);
  });

  it('help prints the usage with exit code 0', async () => {
    const r = await admin('help');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/create-user <username>/);
  });
});

describe('admin CLI: import-history', () => {
  const HEADER = 'queue,issued_at,called_at,finished_at,service,counter,state\n';
  const DAY1 = [
    'certificates,2025-06-02T09:00:00+09:00,2025-06-02T09:04:00+09:00,2025-06-02T09:10:00+09:00,juminhyo,1,',
    'certificates,2025-06-02T09:01:00+09:00,2025-06-02T09:10:00+09:00,,juminhyo,1,no_show',
  ];
  const DAY2 = ['filings,2025-06-03T10:00:00+09:00,2025-06-03T10:20:00+09:00,2025-06-03T10:45:00+09:00,marriage,5,'];
  const file = (name: string, lines: string[]) => {
    const f = join(dir, name);
    writeFileSync(f, HEADER + lines.map((l) => `${l}\n`).join(''));
    return f;
  };
  const imported = () => h.database.connection.prepare('SELECT business_date, rows FROM imported_days ORDER BY business_date').all();

  it('imports a log streamed from disk, prints the answer, refits the forecast; a second run imports nothing twice', async () => {
    const f = file('old.csv', [...DAY1, ...DAY2]);
    const r = await admin('import-history', f, '--site', 'naka');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('imported 3 rows on 2 days (2025-06-02 … 2025-06-03)');
    expect(r.out).toContain('{"imported":3,"skipped":0,"days":["2025-06-02","2025-06-03"]}');
    expect(r.out).toMatch(/forecast refitted on \d+ days of history/);
    expect(imported()).toEqual([
      { business_date: '2025-06-02', rows: 2 },
      { business_date: '2025-06-03', rows: 1 },
    ]);
    // the day's report figures and demand rows are kept, marked imported
    const demand = h.database.connection.prepare("SELECT arrivals, imported FROM demand_days WHERE site_id = 'naka' AND business_date = '2025-06-02' AND queue_id = 'certificates'").get();
    expect(demand).toEqual({ arrivals: 2, imported: 1 });
    const again = await admin('import-history', f, '--site', 'naka');
    expect(again.code, again.err).toBe(0);
    expect(again.out).toContain('{"imported":0,"skipped":0,"days":[]}');
    expect(imported()).toHaveLength(2);
  });

  it('a bad line: exit code 1 naming its line and column; nothing of its day is imported, the days handed over before it are, and it says so', async () => {
    const more = ['04', '05', '06'].map((d) => `insurance,2025-06-${d}T10:00:00+09:00,2025-06-${d}T10:05:00+09:00,2025-06-${d}T10:15:00+09:00,kokuho,7,`);
    const bad = 'filings,2025-06-09T10:00:00+09:00,2025-06-09T09:00:00+09:00,,marriage,5,';
    const f = file('bad.csv', [...DAY1, ...DAY2, ...more, bad]);
    const r = await admin('import-history', f, '--site', 'naka');
    expect(r.code).toBe(1);
    expect(r.err).toContain('line 8, column called_at');
    noStackTrace(r.err);
    // the parser holds the last few days open: those before them were complete and are in
    const days = imported() as Array<{ business_date: string; rows: number }>;
    expect(days.length).toBeGreaterThan(0);
    expect(days[0]).toEqual({ business_date: '2025-06-02', rows: 2 });
    expect(days.map((d) => d.business_date)).not.toContain('2025-06-09');
    const rows = days.reduce((n, d) => n + d.rows, 0);
    expect(r.err).toContain(`${rows} rows of ${days.length} days before it were imported`);
    // the corrected file adds only what is missing
    const fixed = file('fixed.csv', [...DAY1, ...DAY2, ...more, bad.replace('T09:00:00', 'T10:30:00')]);
    const again = await admin('import-history', fixed, '--site', 'naka');
    expect(again.code, again.err).toBe(0);
    expect(again.out).toContain(`"imported":${7 - rows},`);
  });

  it('usage errors: no --site, an unknown site, a missing file', async () => {
    const f = file('old.csv', DAY1);
    expect((await admin('import-history', f)).code).toBe(2);
    const unknown = await admin('import-history', f, '--site', 'nowhere');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('unknown site "nowhere"');
    const missing = await admin('import-history', join(dir, 'none.csv'), '--site', 'naka');
    expect(missing.code).toBe(1);
    expect(imported()).toEqual([]);
  });
});
