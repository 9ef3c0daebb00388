import { afterEach, describe, expect, it } from 'vitest';
import { DomainError, type PrintJobUpdated } from '@madoguchi/shared';
import { CLERK, KIOSK, config, harness, site, type Harness } from '../test-support/fixtures.js';
import type { PrinterDef } from '../domain/site.js';

const printer = (id: string): PrinterDef => ({ id, name: id, transport: { kind: 'file', path: '/dev/null' }, model: 'epson', paperWidthMm: 80, kanji: true });
const withPrinters = () =>
  config(site('naka', { demo: true, printers: [printer('lobby'), printer('floor2')], kiosks: [{ device: 'kiosk-2f', printer: 'floor2' }], defaultPrinter: 'lobby' }));

let h: Harness;
afterEach(() => h?.close());

const printEvents = () => h.events.filter((e): e is PrintJobUpdated => e.type === 'print:updated');

describe('the print outbox', () => {
  it('queues a job for the kiosk’s printer in the ticket’s own transaction', () => {
    h = harness({ config: withPrinters() });
    const a = h.engine.takeTicket('naka', { queue: 'certificates' }, KIOSK);
    const b = h.engine.takeTicket('naka', { queue: 'certificates', kiosk: 'kiosk-2f' }, KIOSK);
    expect(a.print).toMatchObject({ printer: 'lobby', state: 'pending' });
    expect(b.print).toMatchObject({ printer: 'floor2', state: 'pending' });
    expect(h.engine.pendingPrintJobs('naka').map((j) => [j.ticketId, j.printerId, j.ahead])).toEqual([
      [a.ticket.id, 'lobby', 0],
      [b.ticket.id, 'floor2', 1],
    ]);
    expect(printEvents().map((e) => [e.label, e.state])).toEqual([['1001', 'pending'], ['1002', 'pending']]);
  });

  it('prints nothing when the site has no printer', () => {
    h = harness();
    expect(h.engine.takeTicket('naka', { queue: 'certificates' }, KIOSK).print).toEqual({ printer: null, state: 'none', reason: null, job: null });
  });

  it('fails the job at once when the printer is known to be out of paper, and the ticket is still valid', () => {
    h = harness({ config: withPrinters() });
    h.engine.recordPrinterHealth('naka', 'lobby', 'paper_out', null);
    const t = h.engine.takeTicket('naka', { queue: 'certificates' }, KIOSK);
    expect(t.print).toMatchObject({ state: 'failed', reason: 'paper_out' });
    expect(t.ticket.state).toBe('waiting');
    expect(h.engine.pendingPrintJobs('naka')).toEqual([]);
  });

  it('records the worker’s outcome, and staff reprint or discard', () => {
    h = harness({ config: withPrinters() });
    const t = h.engine.takeTicket('naka', { queue: 'certificates' }, KIOSK);
    const job = t.print.job ?? 0;
    h.engine.printOutcome('naka', job, { printed: false, reason: 'paper_out', attempts: 3 });
    expect(h.engine.printJob('naka', job)).toMatchObject({ state: 'failed', reason: 'paper_out', attempts: 3 });
    const again = h.engine.reprint('naka', t.ticket.id, CLERK);
    expect(again).toMatchObject({ printer: 'lobby', state: 'pending' });
    h.engine.printOutcome('naka', again.job ?? 0, { printed: true, attempts: 1 });
    expect(h.engine.printJob('naka', again.job ?? 0)?.state).toBe('printed');
    h.engine.discardPrintJob('naka', job, CLERK);
    expect(h.engine.printJob('naka', job)?.state).toBe('discarded');
    expect(() => h.engine.discardPrintJob('naka', again.job ?? 0, CLERK)).toThrow(DomainError);
    // a late outcome for a discarded job changes nothing
    h.engine.printOutcome('naka', job, { printed: true, attempts: 4 });
    expect(h.engine.printJob('naka', job)?.state).toBe('discarded');
  });

  it('pushes a printer’s health only when it changes, and shows it in the snapshot', () => {
    h = harness({ config: withPrinters() });
    h.engine.recordPrinterHealth('naka', 'lobby', 'near_end', null);
    h.engine.recordPrinterHealth('naka', 'lobby', 'near_end', null);
    h.engine.recordPrinterHealth('naka', 'lobby', 'paper_out', null);
    expect(h.events.filter((e) => e.type === 'printer:status').map((e) => (e.type === 'printer:status' ? e.health : ''))).toEqual(['near_end', 'paper_out']);
    expect(h.engine.snapshot('naka').printers.find((p) => p.id === 'lobby')?.health).toBe('paper_out');
    expect(() => h.engine.recordPrinterHealth('naka', 'nope', 'ok', null)).toThrow(DomainError);
  });

  it('an idempotent retry reports the first ticket’s print job, not a second one', () => {
    h = harness({ config: withPrinters() });
    const a = h.engine.takeTicket('naka', { queue: 'certificates', idempotencyKey: 'k' }, KIOSK);
    const b = h.engine.takeTicket('naka', { queue: 'certificates', idempotencyKey: 'k' }, KIOSK);
    expect(b.print.job).toBe(a.print.job);
    expect(h.engine.pendingPrintJobs('naka')).toHaveLength(1);
  });
});
