/**
 * docs/product.md §6, "the server killed (kill -9, power cut) under load": the built server as a process,
 * kiosks issuing and counters calling/starting/completing over HTTP at once, SIGKILL at a seeded
 * random moment, a restart on the same data directory, and then the checks:
 *
 * - every ticket answered 201 exists with the same id, label and queue (durability: the commit
 *   happens before the answer);
 * - no label twice per queue and day, and the first tickets after the restart get numbers never
 *   issued before (the last number is committed with the ticket);
 * - no half-done transition: the tickets table equals the replay of the append-only event log,
 *   counters hold exactly their called/serving tickets, the site sequence has no gap;
 * - every call, start and complete answered 200 is in the log and in the ticket's state.
 *
 * server/src/adapters/sqlite/crash.test.ts kills the engine alone (no HTTP) after N commits;
 * this one kills the whole process at arbitrary moments, requests in flight, with the print
 * worker and the audit log writing too. FAULT_SEED=<n> replays another sequence of moments.
 *
 * What a process kill cannot show: a power cut. Data written before SIGKILL survives in the
 * operating system's page cache, so synchronous=OFF would pass here; synchronous=FULL (fsync at
 * each commit) is what protects against a power cut, and only the pragma's presence shows it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { TicketState } from '@madoguchi/shared';
import { replayTickets, type LoggedEvent } from '../../server/src/domain/replay.js';
import { killAll, startServerProcess, unlimitedSampleConfig, type ServerProcess } from './support/server-process.js';
import { random, seedFromEnv } from './support/random.js';
import { json, login, staff } from './support/staff-http.js';
import { until } from '../support/until.js';

const SITE = 'naka';
/** Monday 2026-04-06 10:00 JST: one business day for the whole test (MANUAL_CLOCK does not move) */
const NOW = '2026-04-06T01:00:00Z';
const DAY = '2026-04-06';
/** one counter per queue of the sample office */
const LINES = [
  { queue: 'certificates', counter: '1' },
  { queue: 'filings', counter: '5' },
  { queue: 'insurance', counter: '9' },
] as const;
const ROUNDS = 20;
const KIOSKS = 3;
/** tickets per round at most: 20 rounds stay far below a queue's 999 numbers */
const ROUND_CAP = 45;
const SEED = seedFromEnv(20260406);

type Action = 'call-next' | 'start' | 'complete';
const EVENT_OF: Record<Action, string> = { 'call-next': 'ticket:called', start: 'ticket:started', complete: 'ticket:completed' };
/** how far a ticket has come; an acknowledged action means at least this far */
const RANK: Partial<Record<TicketState, number>> = { waiting: 0, called: 1, serving: 2, done: 3 };
const RANK_OF: Record<Action, number> = { 'call-next': 1, start: 2, complete: 3 };

interface Issued {
  id: number;
  label: string;
  queue: string;
  round: number;
}
interface Acted {
  action: Action;
  counter: string;
  ticket: number;
  label: string;
  round: number;
}
interface Ledger {
  issued: Map<number, Issued>;
  acted: Acted[];
  /** answers that are neither success nor a connection cut: each is a bug */
  unexpected: string[];
}

let dir: string | undefined;
afterAll(async () => {
  await killAll();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Credentials {
  kiosk: string;
  clerk: string;
}

/** First start: the admin signs in, creates a kiosk and a clerk, and opens one counter per queue. */
async function provision(s: ServerProcess, dataDir: string): Promise<Credentials> {
  const [user, password] = readFileSync(join(dataDir, 'initial-admin.txt'), 'utf8').trim().split(':');
  const admin = await login(s.url, user ?? 'admin', password ?? '');
  const device = await staff(s.url, admin, 'POST', `/api/v1/sites/${SITE}/devices`, { kind: 'kiosk', name: 'fault kiosk' });
  expect(device.status).toBe(201);
  const { token: kiosk } = (await device.json()) as { token: string };
  const created = await staff(s.url, admin, 'POST', '/api/v1/users', { username: 'tanaka', password: 'kill-nine-clerk-pw', role: 'clerk' });
  expect(created.status, await created.clone().text()).toBe(201);
  const clerk = await login(s.url, 'tanaka', 'kill-nine-clerk-pw');
  for (const { counter } of LINES) {
    const r = await staff(s.url, clerk, 'PUT', `/api/v1/sites/${SITE}/counters/${counter}`, { state: 'open' });
    expect(r.status, await r.clone().text()).toBe(200);
  }
  return { kiosk, clerk };
}

/** The load of one round: kiosks and counters working until the server is killed under them. */
function load(s: ServerProcess, cred: Credentials, ledger: Ledger, round: number, rnd: ReturnType<typeof random>): { issued: () => number; acted: () => number; done: Promise<void> } {
  let issued = 0;
  let acted = 0;
  const kiosk = async (): Promise<void> => {
    while (issued < ROUND_CAP) {
      const queue = rnd.pick(LINES).queue;
      let status: number;
      let body: { id: number; label: string; queue: string } | string;
      try {
        const res = await fetch(`${s.url}/api/v1/sites/${SITE}/tickets`, { method: 'POST', headers: { ...json, authorization: `Bearer ${cred.kiosk}` }, body: JSON.stringify({ queue }) });
        status = res.status;
        body = status === 201 ? ((await res.json()) as { id: number; label: string; queue: string }) : await res.text();
      } catch {
        return; // the server died: this request's fate is unknown, which is allowed
      }
      if (status === 201 && typeof body === 'object') {
        issued += 1;
        ledger.issued.set(body.id, { id: body.id, label: body.label, queue: body.queue, round });
      } else ledger.unexpected.push(`round ${round}: take ${queue} → ${status} ${String(body)}`);
    }
  };
  const counter = async (id: string, from: Action): Promise<void> => {
    let next = from;
    for (;;) {
      let status: number;
      let text: string;
      try {
        const res = await staff(s.url, cred.clerk, 'POST', `/api/v1/sites/${SITE}/counters/${id}/${next}`, next === 'call-next' ? { confirmNoShow: true } : undefined);
        status = res.status;
        text = await res.text();
      } catch {
        return;
      }
      if (status === 200) {
        const t = (JSON.parse(text) as { ticket: { id: number; label: string } }).ticket;
        ledger.acted.push({ action: next, counter: id, ticket: t.id, label: t.label, round });
        acted += 1;
        next = next === 'call-next' ? 'start' : next === 'start' ? 'complete' : 'call-next';
      } else if (status === 204 && next === 'call-next') {
        await new Promise((r) => setTimeout(r, 3)); // nobody waiting yet
      } else {
        ledger.unexpected.push(`round ${round}: ${next} at ${id} → ${status} ${text}`);
        return;
      }
    }
  };
  return {
    issued: () => issued,
    acted: () => acted,
    done: (async () => {
      // a counter resumes where the last round's crash left it (its ticket called or serving)
      const res = await staff(s.url, cred.clerk, 'GET', `/api/v1/sites/${SITE}/counters`);
      const counters = ((await res.json()) as { counters: Array<{ id: string; currentTicket: { state: TicketState } | null }> }).counters;
      const from = (id: string): Action => {
        const state = counters.find((c) => c.id === id)?.currentTicket?.state;
        return state === 'called' ? 'start' : state === 'serving' ? 'complete' : 'call-next';
      };
      await Promise.all([...Array.from({ length: KIOSKS }, () => kiosk()), ...LINES.map((l) => counter(l.counter, from(l.counter)))]);
    })(),
  };
}

interface TicketRow {
  id: number;
  label: string;
  number: number;
  issued_queue_id: string;
  queue_id: string;
  service_id: string | null;
  state: TicketState;
  counter_id: string | null;
  sort_key: number;
  recalls: number;
  priority: number;
  low_counter: number;
}

/** Everything the checks need, read-only, in one read transaction (a consistent snapshot while the restarted server's print worker writes). */
function readDatabase(dataDir: string) {
  const db = new Database(join(dataDir, 'madoguchi.db'), { readonly: true, fileMustExist: true });
  try {
    return db.transaction(() => ({
      tickets: db.prepare('SELECT * FROM tickets WHERE site_id = ? AND business_date = ? ORDER BY id').all(SITE, DAY) as TicketRow[],
      events: (db.prepare('SELECT * FROM events WHERE site_id = ? ORDER BY seq').all(SITE) as Array<Record<string, unknown>>).map(
        (r): LoggedEvent => ({
          seq: Number(r.seq),
          at: Date.parse(String(r.at)),
          type: String(r.type),
          ticketId: r.ticket_id === null ? null : Number(r.ticket_id),
          toState: (r.to_state as TicketState | null) ?? null,
          counterId: (r.counter_id as string | null) ?? null,
          queueId: (r.queue_id as string | null) ?? null,
          data: JSON.parse(String(r.data)) as Record<string, unknown>,
        }),
      ),
      siteSeq: Number((db.prepare('SELECT seq FROM sites WHERE id = ?').get(SITE) as { seq: number }).seq),
      counters: db.prepare('SELECT id, current_ticket_id FROM counters WHERE site_id = ?').all(SITE) as Array<{ id: string; current_ticket_id: number | null }>,
      lastNumbers: db.prepare('SELECT queue_id, last_number FROM queue_days WHERE site_id = ? AND business_date = ?').all(SITE, DAY) as Array<{ queue_id: string; last_number: number }>,
      integrity: db.pragma('integrity_check', { simple: true }),
    }))();
  } finally {
    db.close();
  }
}

/** The checks after a restart, on everything acknowledged in every round so far. */
async function verify(s: ServerProcess, dataDir: string, cred: Credentials, ledger: Ledger, context: string): Promise<void> {
  const fromApi = await staff(s.url, cred.clerk, 'GET', `/api/v1/sites/${SITE}/tickets`);
  expect(fromApi.status).toBe(200);
  const apiTickets = new Map(((await fromApi.json()) as { tickets: Array<{ id: number; label: string; queue: string }> }).tickets.map((t) => [t.id, t]));
  const d = readDatabase(dataDir);
  expect(d.integrity, context).toBe('ok');
  const rows = new Map(d.tickets.map((t) => [t.id, t]));

  // every 201 is there, with its label, through the API and in the file
  const lost = [...ledger.issued.values()].filter((i) => apiTickets.get(i.id)?.label !== i.label || rows.get(i.id)?.label !== i.label);
  expect(lost, `${context}: tickets answered 201 but missing or changed after the restart`).toEqual([]);
  expect(apiTickets.size, context).toBe(d.tickets.length);

  // no label twice per queue and day; the stored last number covers every issued one
  for (const { queue } of LINES) {
    const labels = d.tickets.filter((t) => t.issued_queue_id === queue).map((t) => t.label);
    expect(new Set(labels).size, `${context}: ${queue} labels`).toBe(labels.length);
    const max = Math.max(0, ...d.tickets.filter((t) => t.issued_queue_id === queue).map((t) => t.number));
    expect(d.lastNumbers.find((q) => q.queue_id === queue)?.last_number ?? 0, `${context}: ${queue} last number`).toBe(max);
  }

  // the site sequence is continuous and the site's counter agrees with the log
  const seqs = d.events.map((e) => e.seq);
  expect(seqs, `${context}: event sequence`).toEqual(seqs.map((_, i) => i + 1));
  expect(d.siteSeq, context).toBe(seqs.length);

  // no half-done transition: the tickets table is the replay of the log
  const replayed = replayTickets(d.events);
  expect(replayed.size, context).toBe(d.tickets.length);
  const mismatched = d.tickets.filter((t) => {
    const r = replayed.get(t.id);
    return (
      !r ||
      r.label !== t.label ||
      r.state !== t.state ||
      r.queueId !== t.queue_id ||
      r.sortKey !== t.sort_key ||
      r.recalls !== t.recalls ||
      (t.state !== 'waiting' && r.counterId !== t.counter_id)
    );
  });
  expect(mismatched.map((t) => ({ row: t, replay: replayed.get(t.id) })), `${context}: tickets that differ from their events`).toEqual([]);
  // counters hold exactly their called/serving tickets
  for (const t of d.tickets.filter((x) => x.state === 'called' || x.state === 'serving')) {
    expect(d.counters.filter((c) => c.current_ticket_id === t.id).map((c) => c.id), `${context}: holder of ${t.label}`).toEqual([t.counter_id]);
  }
  for (const c of d.counters.filter((x) => x.current_ticket_id !== null)) {
    expect(['called', 'serving'], `${context}: counter ${c.id}`).toContain(rows.get(c.current_ticket_id ?? 0)?.state);
  }

  // every call, start and complete answered 200 happened, at that counter
  const forgotten = ledger.acted.filter((a) => {
    const t = rows.get(a.ticket);
    const logged = d.events.some((e) => e.ticketId === a.ticket && e.type === EVENT_OF[a.action] && e.counterId === a.counter);
    return !t || !logged || (RANK[t.state] ?? -1) < RANK_OF[a.action];
  });
  expect(forgotten, `${context}: actions answered 200 but not reflected`).toEqual([]);
}

describe('the server process killed with SIGKILL under load', () => {
  it(`keeps every answered ticket and call, never reuses a number, and leaves no half-done transition (${ROUNDS} rounds)`, async () => {
    dir = mkdtempSync(join(tmpdir(), 'madoguchi-kill9-'));
    const dataDir = dir;
    const rnd = random(SEED);
    // three kiosk loops take hundreds of tickets while the manual clock stands still: no issue limit
    const env = { MANUAL_CLOCK: NOW, CONFIG: unlimitedSampleConfig(dataDir) };
    const ledger: Ledger = { issued: new Map(), acted: [], unexpected: [] };
    const started = performance.now();

    let s = await startServerProcess(dataDir, env);
    const cred = await provision(s, dataDir);
    const stats: string[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const context = `seed ${SEED}, round ${round}`;
      if (round > 0) {
        s = await startServerProcess(dataDir, env);
        await verify(s, dataDir, cred, ledger, context);
      }
      const before = { issued: ledger.issued.size, acted: ledger.acted.length };
      const work = load(s, cred, ledger, round, rnd);
      // the fault: a random moment once this round's work is under way (requests are in flight
      // nearly all the time: 3 kiosks and 3 counters each keep one going)
      await until(() => work.issued() > 0 && work.acted() > 0, `${context}: a first ticket and a first counter action`);
      await new Promise((r) => setTimeout(r, rnd.int(5, 250)));
      await s.kill();
      await work.done;
      expect(ledger.unexpected, context).toEqual([]);
      stats.push(`${ledger.issued.size - before.issued}/${ledger.acted.length - before.acted}`);
    }

    // after the last crash: everything is there, and new tickets get numbers never used today
    s = await startServerProcess(dataDir, env);
    await verify(s, dataDir, cred, ledger, `seed ${SEED}, after the last round`);
    const used = readDatabase(dataDir).tickets;
    for (const { queue } of LINES) {
      const res = await fetch(`${s.url}/api/v1/sites/${SITE}/tickets`, { method: 'POST', headers: { ...json, authorization: `Bearer ${cred.kiosk}` }, body: JSON.stringify({ queue }) });
      expect(res.status).toBe(201);
      const { label } = (await res.json()) as { label: string };
      const numbers = used.filter((t) => t.issued_queue_id === queue).map((t) => t.number);
      expect(Number(label), `${queue}: ${label} after ${numbers.length} tickets`).toBe(Math.max(...numbers) + 1);
    }
    await s.kill();

    // the crashes happened mid-work (every round answered tickets and counter actions), and all three actions were exercised
    const acted = new Set(ledger.acted.map((a) => a.action));
    expect([...acted].sort()).toEqual(['call-next', 'complete', 'start']);
    console.log(`kill -9: ${ROUNDS} rounds in ${Math.round((performance.now() - started) / 1000)} s (seed ${SEED}); tickets/actions answered per round: ${stats.join(' ')}`);
  }, 240_000); // 21 starts of the server: about a minute on an idle 2-core machine, twice that on a busy one
});
