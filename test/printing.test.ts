import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PrinterSimulator, type DecodedReceipt } from '@madoguchi/printer';
import type { SiteEvent } from '@madoguchi/shared';
import { ManualClock } from '../server/src/adapters/clock/manual-clock.js';
import { createMadoguchi, type Madoguchi } from '../server/src/server.js';
import { config, MONDAY_10, site } from '../server/src/test-support/fixtures.js';
import { until } from './support/until.js';

/** The print outbox end to end: API → engine → print worker → real TCP → printer simulator. */

let sim: PrinterSimulator;
let m: Madoguchi;
let dir: string;
let kiosk: string;
let staff: string;
const events: SiteEvent[] = [];
const printed: DecodedReceipt[] = [];

beforeEach(async () => {
  dir = mkdtempSync(`${tmpdir()}/madoguchi-print-`);
  sim = new PrinterSimulator({ port: 0, host: '127.0.0.1' });
  const { port } = await sim.start();
  sim.onReceipt((r) => printed.push(r));
  m = await createMadoguchi({
    dataDir: dir,
    config: config(
      site('naka', {
        demo: true,
        printers: [{ id: 'lobby', name: 'lobby', transport: { kind: 'tcp', host: '127.0.0.1', port }, model: 'epson', paperWidthMm: 80, kanji: true }],
        defaultPrinter: 'lobby',
      }),
    ),
    clock: new ManualClock(MONDAY_10),
    logger: false,
    // retries come quickly so the test does not wait; status is polled on demand below
    printing: { queue: { retryDelaysMs: [20, 20], timeoutMs: 2000 }, pollMs: 0 },
  });
  m.bus.subscribe((e) => events.push(e));
  kiosk = m.auth.createDevice('naka', 'kiosk', 'kiosk-1').token;
  staff = m.auth.createStaffToken('admin', 1, 'test');
});

afterEach(async () => {
  await m.close();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
  events.length = 0;
  printed.length = 0;
});

const take = () =>
  m.app.inject({ method: 'POST', url: '/api/v1/sites/naka/tickets', headers: { authorization: `Bearer ${kiosk}` }, payload: { queue: 'certificates', service: 'certificates-long' } });

describe('printing a ticket over real TCP', () => {
  it('reaches the simulator, whose decoded slip shows the label of the 201 answer', async () => {
    const res = await take();
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body.print).toMatchObject({ printer: 'lobby', state: 'pending' });
    await until(() => printed.length === 1, 'the slip');
    const slip = printed[0] as DecodedReceipt;
    expect(slip.text).toContain('受付番号');
    expect(slip.text).toContain(body.label);
    expect(slip.text).toContain('certificates'); // the window name (the fixture names queues by id)
    expect(slip.cuts).toBeGreaterThan(0);
    await until(() => events.some((e) => e.type === 'print:updated' && e.state === 'printed'), 'the printed outcome');
    expect(m.engine.printJob('naka', body.print.job)?.state).toBe('printed');
  });

  it('with the printer out of paper: the ticket is still issued, printing fails, the manager is alerted, and a reprint works once paper is back', async () => {
    sim.setState('paper_out');
    const res = await take();
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(m.engine.ticketsOfToday('naka').map((t) => t.label)).toEqual([body.label]);

    await until(() => events.some((e) => e.type === 'print:updated' && e.state === 'failed'), 'the failed print');
    const failed = events.find((e) => e.type === 'print:updated' && e.state === 'failed');
    expect(failed).toMatchObject({ label: body.label, reason: 'paper_out', kiosk: 'kiosk-1' });
    await until(() => events.some((e) => e.type === 'printer:status' && e.health === 'paper_out'), 'the printer alert');
    expect(m.engine.snapshot('naka').printers).toEqual([{ id: 'lobby', name: 'lobby', health: 'paper_out', detail: expect.anything() as unknown }]);
    expect(printed).toHaveLength(0);

    // the next kiosk ticket knows at once that the printer is in trouble
    const second = (await take()).json();
    expect(second.print).toMatchObject({ state: 'failed', reason: 'paper_out' });

    sim.setState('ok');
    const reprint = await m.app.inject({
      method: 'POST',
      url: `/api/v1/sites/naka/tickets/${body.id}/reprint`,
      headers: { authorization: `Bearer ${staff}` },
    });
    expect(reprint.statusCode).toBe(202);
    await until(() => printed.length === 1, 'the reprinted slip');
    expect(printed[0]?.text).toContain(body.label);
    await until(() => events.some((e) => e.type === 'printer:status' && e.health === 'ok'), 'the printer back to ok');
  });

  it('resumes pending jobs after a restart (the outbox survives a crash between commit and print)', async () => {
    sim.setState('offline');
    // a job left pending: the worker would retry, so record it without a worker
    await m.close();
    const m2 = await createMadoguchi({ dataDir: dir, config: m.engine.deps.config, clock: new ManualClock(MONDAY_10), logger: false, printing: false });
    const device = m2.auth.createDevice('naka', 'kiosk', 'kiosk-2').token;
    const res = await m2.app.inject({ method: 'POST', url: '/api/v1/sites/naka/tickets', headers: { authorization: `Bearer ${device}` }, payload: { queue: 'certificates' } });
    expect(res.json().print.state).toBe('pending');
    await m2.close();
    sim.setState('ok');
    m = await createMadoguchi({
      dataDir: dir,
      config: m.engine.deps.config,
      clock: new ManualClock(MONDAY_10),
      logger: false,
      printing: { queue: { retryDelaysMs: [20], timeoutMs: 2000 }, pollMs: 0 },
    });
    await until(() => printed.length === 1, 'the resumed slip');
    expect(printed[0]?.text).toContain(res.json().label);
  });
});
