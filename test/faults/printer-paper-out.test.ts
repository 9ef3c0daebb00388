/**
 * docs/product.md §6, "printer offline, out of paper, cover open": the ticket stays valid and on screen,
 * the manager is alerted, staff reprint or discard the slip; with the paper running out in the middle
 * of a run.
 *
 * test/printing.test.ts already proves, for one ticket issued while the printer is already out of
 * paper, that it is still issued, that the job fails with `paper_out`, that the manager's feed
 * gets printer:status, and that one reprint works; and that pending jobs survive a restart.
 * Added here: kiosks issuing continuously over HTTP while the printer (the project's simulator,
 * over real TCP) runs out of paper after a random slip; every job accounted for at every step
 * (printed with its slip, failed with a reason, or pending), nothing sent into an empty printer,
 * the manager told on a real staff socket, and after the paper is replaced: the staff reprint
 * every failed slip and new tickets print again, each slip exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PrinterSimulator, type DecodedReceipt } from '@madoguchi/printer';
import type { ClientToServerEvents, PrinterHealth, ServerToClientEvents } from '@madoguchi/shared';
import { ManualClock } from '../../server/src/adapters/clock/manual-clock.js';
import { createMadoguchi, type Madoguchi } from '../../server/src/server.js';
import { config, MONDAY_10, site } from '../../server/src/test-support/fixtures.js';
import { random, seedFromEnv } from './support/random.js';
import { until } from '../support/until.js';

type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

const SITE = 'naka';
const SEED = seedFromEnv(90);

let sim: PrinterSimulator;
let m: Madoguchi;
let dir: string;
let manager: Client | undefined;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-paper-'));
  sim = new PrinterSimulator({ port: 0, host: '127.0.0.1' });
  const { port } = await sim.start();
  m = await createMadoguchi({
    dataDir: dir,
    config: config(
      site(SITE, {
        demo: true,
        // one kiosk issues the whole run at a standing manual clock: no per-kiosk issue limit here
        issueLimit: { perMinute: 100_000, burst: 100_000 },
        printers: [{ id: 'lobby', name: 'lobby', transport: { kind: 'tcp', host: '127.0.0.1', port }, model: 'epson', paperWidthMm: 80, kanji: true }],
        defaultPrinter: 'lobby',
      }),
    ),
    clock: new ManualClock(MONDAY_10),
    logger: false,
    buttons: false,
    // quick retries; the status poll notices the paper coming back (production: every 10 s)
    printing: { queue: { retryDelaysMs: [20, 20], timeoutMs: 2000 }, pollMs: 50 },
  });
  await m.app.listen({ port: 0, host: '127.0.0.1' });
});

afterEach(async () => {
  manager?.disconnect();
  manager = undefined;
  await m.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

interface JobRow {
  id: number;
  ticket_id: number;
  state: 'pending' | 'printed' | 'failed' | 'discarded';
  reason: string | null;
}
const jobs = (): JobRow[] => m.database.connection.prepare('SELECT id, ticket_id, state, reason FROM print_jobs ORDER BY id').all() as JobRow[];
/** the label printed on a decoded slip: the line under 受付番号 */
const labelOf = (r: DecodedReceipt): string | undefined => r.lines[r.lines.findIndex((l) => l.text.trim() === '受付番号') + 1]?.text.trim();

describe('the printer runs out of paper in the middle of a run', () => {
  it('keeps issuing, accounts for every job, alerts the manager, and prints everything after reprint once paper is back', async () => {
    const rnd = random(SEED);
    const kiosk = m.auth.createDevice(SITE, 'kiosk', 'kiosk-1').token;
    const staff = m.auth.createStaffToken('admin', 1, 'fault test');
    const url = `http://127.0.0.1:${(m.app.server.address() as { port: number }).port}`;
    manager = connect(url, { auth: { token: staff }, transports: ['websocket'] });
    const alerts: PrinterHealth[] = [];
    manager.on('printer:status', (e) => alerts.push(e.health));
    await until(() => manager?.connected === true, 'the manager connected');

    const slips: string[] = [];
    const emptyAfter = rnd.int(2, 6);
    sim.onReceipt((r) => {
      slips.push(labelOf(r) ?? `unreadable: ${r.text}`);
      // the roll ends right after this slip
      if (slips.length === emptyAfter) sim.setState('paper_out');
    });

    const issued: Array<{ id: number; label: string; print: { state: string; reason: string | null; job: number | null } }> = [];
    const take = async (): Promise<void> => {
      const res = await m.app.inject({ method: 'POST', url: `/api/v1/sites/${SITE}/tickets`, headers: { authorization: `Bearer ${kiosk}` }, payload: { queue: rnd.pick(['certificates', 'filings']) } });
      expect(res.statusCode, res.body).toBe(201);
      issued.push(res.json());
    };
    /** each job printed with its slip, failed with a reason, or still pending: none lost */
    const accounted = (): void => {
      for (const j of jobs()) {
        if (j.state === 'failed') expect(j.reason, `job ${j.id}`).toBeTruthy();
        else expect(['pending', 'printed'], `job ${j.id}`).toContain(j.state);
      }
      const printed = jobs().filter((j) => j.state === 'printed').map((j) => issued.find((t) => t.id === j.ticket_id)?.label);
      expect(printed.filter((l) => !slips.includes(l ?? '')), 'jobs marked printed without a slip').toEqual([]);
    };

    // kiosks issue without pause; the print worker works meanwhile
    while (sim.state === 'ok' && issued.length < 60) {
      await take();
      accounted();
    }
    expect(sim.state, `the paper ran out (seed ${SEED})`).toBe('paper_out');
    for (let i = 0; i < 15; i++) {
      await take();
      accounted();
    }

    // every ticket was issued and is on the screen's list, with its print state reported
    expect(issued).toHaveLength(new Set(issued.map((t) => t.label)).size);
    expect(m.engine.ticketsOfToday(SITE).map((t) => t.label)).toEqual(issued.map((t) => t.label));
    for (const t of issued) {
      expect(t.print.job, t.label).not.toBeNull();
      expect(['pending', 'failed'], t.label).toContain(t.print.state);
      if (t.print.state === 'failed') expect(t.print.reason).toBe('paper_out');
    }
    // the manager heard it; the queue drained: printed or failed with the reason, none pending
    await until(() => alerts.includes('paper_out'), 'printer:status paper_out on the manager socket');
    await until(() => jobs().every((j) => j.state !== 'pending'), 'the pending jobs to end');
    accounted();
    const failed = jobs().filter((j) => j.state === 'failed');
    expect(failed.every((j) => j.reason === 'paper_out'), JSON.stringify(failed)).toBe(true);
    expect(failed.length).toBeGreaterThanOrEqual(15);
    expect(jobs().filter((j) => j.state === 'printed')).toHaveLength(emptyAfter);
    // nothing was sent into the empty printer (it would have vanished)
    expect(sim.droppedJobs).toBe(0);

    // paper is replaced: the status poll tells the manager, the staff reprint each failed slip
    sim.setState('ok');
    await until(() => alerts.at(-1) === 'ok', 'printer:status ok on the manager socket');
    for (const j of failed) {
      const res = await m.app.inject({ method: 'POST', url: `/api/v1/sites/${SITE}/tickets/${j.ticket_id}/reprint`, headers: { authorization: `Bearer ${staff}` } });
      expect(res.statusCode, res.body).toBe(202);
    }
    // and new tickets print by themselves
    for (let i = 0; i < 3; i++) await take();
    expect(issued.slice(-3).map((t) => t.print.state)).toEqual(['pending', 'pending', 'pending']);

    await until(() => slips.length === issued.length, 'every ticket’s slip');
    await until(() => jobs().every((j) => j.state !== 'pending'), 'the last jobs to end');
    expect([...slips].sort()).toEqual(issued.map((t) => t.label).sort()); // each exactly once
    accounted();
    expect(sim.droppedJobs).toBe(0);
  });
});
