import { DomainError, type Actor, type PrinterHealth, type PrintInfo } from '@madoguchi/shared';
import type { PrinterDef, SiteDef } from '../domain/site.js';
import type { Ticket } from '../domain/ticket.js';
import type { PrintJob } from '../ports/device-store.js';
import { runUnit, siteOf, type EngineDeps, type UnitOfWork } from './context.js';
import { ticketOf } from './ticket-use-cases.js';

/**
 * Printing as an outbox (docs/product.md §5): the job row is written in the ticket's transaction, a
 * worker prints it after the commit, and reports the outcome here. A printer known to be in
 * trouble fails the job at once: the kiosk shows the number on screen and the manager is told.
 */

const BAD: readonly PrinterHealth[] = ['paper_out', 'cover_open', 'offline', 'unreachable'];

export function printerFor(site: SiteDef, kioskDevice: string | null, overrides: ReadonlyArray<{ device: string; printerId: string }> = []): PrinterDef | undefined {
  const bound =
    kioskDevice === null
      ? undefined
      : (overrides.find((k) => k.device === kioskDevice)?.printerId ?? site.kiosks.find((k) => k.device === kioskDevice)?.printer);
  const id = bound ?? site.defaultPrinter;
  return id === null || id === undefined ? undefined : site.printers.find((p) => p.id === id);
}

function record(u: UnitOfWork, job: PrintJob, t: Ticket): void {
  u.record({ type: 'print:updated', job: job.id, ticketId: t.id, label: t.label, printer: job.printerId, kiosk: job.kiosk, state: job.state, reason: job.reason });
}

/** Queues the slip of a ticket just issued (inside takeTicket's unit of work). */
export function queuePrint(u: UnitOfWork, t: Ticket, kiosk: string | null, ahead: number, estimate: number | null, language: string | null): PrintInfo {
  const printer = printerFor(u.site, kiosk, kiosk === null ? [] : u.store.kioskPrinters(u.site.id));
  if (!printer) return { printer: null, state: 'none', reason: null, job: null };
  const health = u.store.printerHealth(u.site.id).find((p) => p.id === printer.id)?.health ?? 'ok';
  const failed = BAD.includes(health);
  const job: PrintJob = {
    id: 0,
    siteId: u.site.id,
    ticketId: t.id,
    printerId: printer.id,
    kiosk,
    state: failed ? 'failed' : 'pending',
    reason: failed ? health : null,
    attempts: 0,
    ahead,
    estimatedWaitMinutes: estimate,
    language,
    createdAt: u.now,
    updatedAt: u.now,
  };
  job.id = u.store.insertPrintJob(job);
  record(u, job, t);
  return { printer: printer.id, state: job.state === 'failed' ? 'failed' : 'pending', reason: job.reason, job: job.id };
}

function jobOf(u: UnitOfWork, id: number): PrintJob {
  const j = u.store.printJob(u.site.id, id);
  if (!j) throw new DomainError('NOT_FOUND', `unknown print job ${id}`, { field: 'job' });
  return j;
}

/** The worker's report: printed, or failed with a reason after its retries. */
export function printOutcome(deps: EngineDeps, siteId: string, jobId: number, outcome: { printed: boolean; reason?: string | null; attempts: number }): void {
  runUnit(deps, siteId, { kind: 'system', id: 'printer' }, (u) => {
    const job = jobOf(u, jobId);
    if (job.state !== 'pending') return; // discarded meanwhile
    const updated: PrintJob = { ...job, state: outcome.printed ? 'printed' : 'failed', reason: outcome.printed ? null : (outcome.reason ?? 'failed'), attempts: outcome.attempts, updatedAt: u.now };
    u.store.updatePrintJob(updated);
    record(u, updated, ticketOf(u, job.ticketId));
  });
}

/** Staff print a ticket's slip again (after paper was refilled), on its printer or another. */
export function reprintTicket(deps: EngineDeps, siteId: string, ticketId: number, actor: Actor, printerId?: string | null): PrintInfo {
  return runUnit(deps, siteId, actor, (u) => {
    const t = ticketOf(u, ticketId);
    const last = latestJob(u, t.id);
    const id = printerId ?? last?.printerId ?? u.site.defaultPrinter;
    const printer = u.site.printers.find((p) => p.id === id);
    if (!printer) throw new DomainError('NOT_FOUND', `no printer ${id ?? ''} for this ticket`, { field: 'printer' });
    const job: PrintJob = {
      id: 0,
      siteId: u.site.id,
      ticketId: t.id,
      printerId: printer.id,
      kiosk: last?.kiosk ?? null,
      state: 'pending',
      reason: null,
      attempts: 0,
      ahead: last?.ahead ?? 0,
      estimatedWaitMinutes: last?.estimatedWaitMinutes ?? null,
      language: last?.language ?? null,
      createdAt: u.now,
      updatedAt: u.now,
    };
    job.id = u.store.insertPrintJob(job);
    record(u, job, t);
    return { printer: printer.id, state: 'pending', reason: null, job: job.id };
  });
}

const latestJob = (u: UnitOfWork, ticketId: number): PrintJob | undefined => u.store.latestPrintJob(u.site.id, ticketId);

/** Staff give up on a failed slip (the citizen has the number from the screen). */
export function discardPrintJob(deps: EngineDeps, siteId: string, jobId: number, actor: Actor): void {
  runUnit(deps, siteId, actor, (u) => {
    const job = jobOf(u, jobId);
    if (job.state === 'printed') throw new DomainError('INVALID_TRANSITION', `print job ${jobId} was printed`);
    const updated: PrintJob = { ...job, state: 'discarded', updatedAt: u.now };
    u.store.updatePrintJob(updated);
    record(u, updated, ticketOf(u, job.ticketId));
  });
}

/** A printer's health from the status poll; an event (and so an alert) only when it changes. */
export function recordPrinterHealth(deps: EngineDeps, siteId: string, printerId: string, health: PrinterHealth, detail: string | null): void {
  const site = siteOf(deps, siteId);
  if (!site.printers.some((p) => p.id === printerId)) throw new DomainError('NOT_FOUND', `unknown printer ${printerId}`, { field: 'printer' });
  const known = deps.store.printerHealth(site.id).find((p) => p.id === printerId);
  if (known && known.health === health && known.detail === detail) return;
  runUnit(deps, siteId, { kind: 'system', id: 'printer' }, (u) => {
    u.store.savePrinterHealth({ siteId: u.site.id, id: printerId, health, detail, updatedAt: u.now });
    u.record({ type: 'printer:status', printer: printerId, health, detail });
  });
}

export interface KioskPrinterView {
  device: string;
  printer: string | null;
  source: 'config' | 'override' | 'default';
}

/** Which printer each known kiosk prints on: the administrator's override, the configuration, or the default. */
export function kioskPrinters(deps: EngineDeps, siteId: string, kioskNames: readonly string[]): KioskPrinterView[] {
  const site = siteOf(deps, siteId);
  const overrides = deps.store.kioskPrinters(site.id);
  const names = [...new Set([...site.kiosks.map((k) => k.device), ...overrides.map((o) => o.device), ...kioskNames])].sort();
  return names.map((device) => {
    const o = overrides.find((x) => x.device === device);
    if (o) return { device, printer: o.printerId, source: 'override' };
    const c = site.kiosks.find((k) => k.device === device);
    if (c) return { device, printer: c.printer, source: 'config' };
    return { device, printer: site.defaultPrinter, source: 'default' };
  });
}

/** Moves a kiosk to another printer (null: back to the configuration). */
export function setKioskPrinter(deps: EngineDeps, siteId: string, device: string, printerId: string | null, actor: Actor): void {
  const site = siteOf(deps, siteId);
  if (printerId !== null && !site.printers.some((p) => p.id === printerId)) {
    throw new DomainError('NOT_FOUND', `unknown printer "${printerId}"`, { field: 'printer' });
  }
  deps.store.transaction(() => deps.store.setKioskPrinter(site.id, device, printerId, deps.clock.now().getTime(), `${actor.kind}:${actor.id}`));
}
