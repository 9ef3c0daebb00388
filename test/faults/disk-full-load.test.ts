/**
 * Issue #13 item 1, the real thing: the built server as a process, its data directory on a small
 * tmpfs, kiosks tapping, counters calling and anonymous sign-ins failing all at once, and the disk
 * filled under them. Before the fix the first failed sign-in after the disk filled ended the
 * process (its audit row's flush threw SQLITE_FULL from a timer). Now:
 *
 * - the process never exits, and every request gets an answer (201/200/204, 401/429 for the
 *   sign-ins, 507 STORAGE_FULL for writes while full), never a cut connection or a 5xx other than 507;
 * - the log says the disk is full once per spell, not once per refused write;
 * - `/healthz` answers 200 with `store: "full"` and the audit rows waiting in memory;
 * - once the ballast is removed, writes resume in the same process and the waiting audit rows
 *   are written;
 * - every ticket answered 201 is there, through the API and after a SIGKILL and a restart, and
 *   the database passes `PRAGMA integrity_check`.
 *
 * Needs root for the tmpfs (CI runs as root); elsewhere skipped, saying why.
 */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { until } from '../support/until.js';
import { killAll, startServerProcess, unlimitedSampleConfig, type ServerProcess } from './support/server-process.js';
import { fillDisk, newTmpfs, probeTmpfs, removeTmpfs } from './support/tmpfs.js';
import { json, login, staff } from './support/staff-http.js';

const SITE = 'naka';
const NOW = '2026-04-06T01:00:00Z';
const DAY = '2026-04-06';
const SIZE = '8m';
/** what the ballast leaves free: less than a few commits' WAL frames */
const LEFT_FREE = 48 * 1024;
const LINES = [
  { queue: 'certificates', counter: '1' },
  { queue: 'filings', counter: '5' },
] as const;

const cannot = probeTmpfs();
if (cannot) console.warn(`disk-full load test skipped: ${cannot}`);

let disk: string | undefined;
afterAll(async () => {
  try {
    await killAll();
  } finally {
    if (disk) removeTmpfs(disk);
  }
});

interface Health {
  ok: boolean;
  store: 'ok' | 'full';
  pendingAudit: number;
  refusedWrites: number;
}
const health = async (url: string): Promise<Health> => (await (await fetch(`${url}/healthz`)).json()) as Health;

/** Answers by kind, and the tickets answered 201. */
interface Ledger {
  issued: Map<number, string>;
  statuses: Map<string, number>;
  /** cut connections and unexpected statuses: each is a failure */
  broken: string[];
}
const count = (l: Ledger, what: string): void => void l.statuses.set(what, (l.statuses.get(what) ?? 0) + 1);
const seen = (l: Ledger, what: string): number => l.statuses.get(what) ?? 0;

/** the load's own pacing after a refusal (not a wait for a condition): keeps 2 cores for the server */
const pace = (): Promise<void> => new Promise((r) => setTimeout(r, 5));

/** Kiosks, counters and failed sign-ins, each one request at a time, until `stop()`. */
function load(url: string, cred: { kiosk: string; clerk: string }, ledger: Ledger) {
  let stopped = false;
  const guard = async (what: string, send: () => Promise<Response>, ok: readonly number[]): Promise<Response | null> => {
    try {
      const res = await send();
      count(ledger, `${what} ${res.status}`);
      if (!ok.includes(res.status)) ledger.broken.push(`${what} → ${res.status} ${await res.text()}`);
      return res;
    } catch (e) {
      ledger.broken.push(`${what} → connection failed: ${String(e)}`);
      return null;
    }
  };
  const kiosk = async (n: number): Promise<void> => {
    for (let i = 0; !stopped; i++) {
      const queue = LINES[(i + n) % LINES.length]?.queue ?? 'certificates';
      const res = await guard(
        'take',
        () => fetch(`${url}/api/v1/sites/${SITE}/tickets`, { method: 'POST', headers: { ...json, authorization: `Bearer ${cred.kiosk}` }, body: JSON.stringify({ queue }) }),
        [201, 507],
      );
      if (!res) return;
      if (res.status === 201) {
        const t = (await res.json()) as { id: number; label: string };
        ledger.issued.set(t.id, t.label);
      } else await pace(); // a kiosk refused shows the error; the next citizen taps a moment later
    }
  };
  const counter = async (id: string): Promise<void> => {
    const steps = ['call-next', 'start', 'complete'] as const;
    let step = 0;
    while (!stopped) {
      const action = steps[step % 3] ?? 'call-next';
      const res = await guard(action, () => staff(url, cred.clerk, 'POST', `/api/v1/sites/${SITE}/counters/${id}/${action}`, action === 'call-next' ? { confirmNoShow: true } : undefined), [200, 204, 507]);
      if (!res) return;
      if (res.status === 200) step += 1;
      else await pace(); // nobody waits yet, or the disk is full: the clerk presses again a moment later
    }
  };
  const signIns = async (): Promise<void> => {
    for (let i = 0; !stopped; i++) {
      // an unknown user: nothing to write but the audit row, the write that used to end the process
      const res = await guard('sign-in', () => fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: json, body: JSON.stringify({ username: `intruder${i % 7}`, password: 'not-the-password' }) }), [401, 429]);
      if (!res) return;
      await pace();
    }
  };
  const done = Promise.all([kiosk(0), kiosk(1), kiosk(2), ...LINES.map((l) => counter(l.counter)), signIns()]);
  return {
    stop: async () => {
      stopped = true;
      await done;
    },
  };
}

function readDatabase(dataDir: string) {
  const db = new Database(join(dataDir, 'madoguchi.db'), { readonly: true, fileMustExist: true });
  try {
    return {
      tickets: new Map((db.prepare('SELECT id, label FROM tickets WHERE site_id = ? AND business_date = ?').all(SITE, DAY) as Array<{ id: number; label: string }>).map((t) => [t.id, t.label])),
      refusedSignIns: Number((db.prepare(`SELECT count(*) AS n FROM audit_log WHERE action = 'auth.login' AND actor_id LIKE 'intruder%'`).get() as { n: number }).n),
      integrity: db.pragma('integrity_check', { simple: true }),
    };
  } finally {
    db.close();
  }
}

async function ticketsThroughApi(url: string, clerk: string): Promise<Map<number, string>> {
  const res = await staff(url, clerk, 'GET', `/api/v1/sites/${SITE}/tickets`);
  expect(res.status).toBe(200);
  return new Map(((await res.json()) as { tickets: Array<{ id: number; label: string }> }).tickets.map((t) => [t.id, t.label]));
}

describe.skipIf(cannot !== null)(`the server process on a full disk under load (${SIZE} tmpfs)`, () => {
  it('stays up, answers 507 while full, logs it once, resumes when space is freed, and loses no answered ticket', async () => {
    disk = newTmpfs(SIZE, 'madoguchi-full-load-');
    const dataDir = join(disk, 'data');
    const ballast = join(disk, 'ballast');
    // the kiosks take a hundred tickets while the manual clock stands still: no issue limit here
    const env = { MANUAL_CLOCK: NOW, CONFIG: unlimitedSampleConfig(disk) };
    let s: ServerProcess = await startServerProcess(dataDir, env);

    // provisioning: a kiosk, a clerk, one open counter per queue
    const [user, password] = readFileSync(join(dataDir, 'initial-admin.txt'), 'utf8').trim().split(':');
    const admin = await login(s.url, user ?? 'admin', password ?? '');
    const device = await staff(s.url, admin, 'POST', `/api/v1/sites/${SITE}/devices`, { kind: 'kiosk', name: 'door kiosk' });
    const { token: kiosk } = (await device.json()) as { token: string };
    expect((await staff(s.url, admin, 'POST', '/api/v1/users', { username: 'tanaka', password: 'disk-full-clerk-pw', role: 'clerk' })).status).toBe(201);
    const clerk = await login(s.url, 'tanaka', 'disk-full-clerk-pw');
    for (const { counter } of LINES) expect((await staff(s.url, clerk, 'PUT', `/api/v1/sites/${SITE}/counters/${counter}`, { state: 'open' })).status).toBe(200);

    const ledger: Ledger = { issued: new Map(), statuses: new Map(), broken: [] };
    /** fails the wait at once, with the server's output, if the process has ended */
    const alive = (): true => {
      if (s.child.exitCode !== null || s.child.signalCode !== null) {
        throw new Error(`the server exited (${s.child.exitCode ?? s.child.signalCode}):\n${s.output()}\nrequests cut: ${ledger.broken.slice(0, 3).join('; ')}`);
      }
      return true;
    };
    const work = load(s.url, { kiosk, clerk }, ledger);
    await until(() => alive() && ledger.issued.size >= 10 && seen(ledger, 'call-next 200') >= 2 && seen(ledger, 'sign-in 401') >= 2, 'the load under way');

    // the disk fills under the load
    fillDisk(dataDir, ballast, LEFT_FREE);
    await until(() => alive() && seen(ledger, 'take 507') >= 30 && seen(ledger, 'call-next 507') + seen(ledger, 'start 507') + seen(ledger, 'complete 507') >= 3, 'writes refused with 507', 30_000);
    const signInsWhenFull = seen(ledger, 'sign-in 401') + seen(ledger, 'sign-in 429');
    // sign-ins go on failing while full: each one's audit row is a write the old code died of
    await until(() => alive() && seen(ledger, 'sign-in 401') + seen(ledger, 'sign-in 429') >= signInsWhenFull + 10, 'failed sign-ins while the disk is full', 30_000);
    const full = await health(s.url);
    expect(full).toMatchObject({ ok: true, store: 'full' });
    expect(full.pendingAudit).toBeGreaterThan(0);
    expect(s.child.exitCode, s.output()).toBeNull();
    expect(ledger.broken, s.output()).toEqual([]);

    // space is freed: the same process writes again, the waiting audit rows too
    rmSync(ballast);
    await until(async () => alive() && (await health(s.url)).store === 'ok', '/healthz to say the store is writable again');
    const issuedBefore = ledger.issued.size;
    await until(() => alive() && ledger.issued.size >= issuedBefore + 10, 'tickets issued again after space was freed', 30_000);
    await work.stop();
    await until(async () => (await health(s.url)).pendingAudit === 0, 'the waiting audit rows written');
    expect(s.child.exitCode, s.output()).toBeNull();
    expect(ledger.broken, s.output()).toEqual([]);

    // the log said it once per spell, not once per refused write
    const refused = [...ledger.statuses].filter(([k]) => k.endsWith(' 507')).reduce((n, [, v]) => n + v, 0);
    const fullLines = s.output().split('\n').filter((l) => l.includes('disk holding the database is full')).length;
    expect(fullLines, s.output()).toBeGreaterThanOrEqual(1);
    expect(fullLines, s.output()).toBeLessThanOrEqual(3);
    expect(s.output()).not.toMatch(/fatal error, shutting down/);

    // every 201 is there, through the API, in the file, and after a SIGKILL and a restart
    const lost = (have: Map<number, string>) => [...ledger.issued].filter(([id, label]) => have.get(id) !== label);
    expect(lost(await ticketsThroughApi(s.url, clerk))).toEqual([]);
    await s.kill();
    const d = readDatabase(dataDir);
    expect(d.integrity).toBe('ok');
    expect(lost(d.tickets)).toEqual([]);
    expect(d.refusedSignIns).toBeGreaterThan(signInsWhenFull);
    s = await startServerProcess(dataDir, env);
    expect(lost(await ticketsThroughApi(s.url, clerk))).toEqual([]);
    await s.kill();
    console.log(
      `disk full under load: ${ledger.issued.size} tickets answered 201, ${refused} writes answered 507, ${fullLines} "disk full" log line(s); answers: ${[...ledger.statuses].map(([k, v]) => `${k}×${v}`).join(', ')}`,
    );
  }, 120_000);
});
