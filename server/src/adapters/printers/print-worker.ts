import {
  FileTransport,
  PrintQueue,
  renderTicket,
  TcpTransport,
  UsbLpTransport,
  unreachableStatus,
  type PrinterStatus,
  type PrinterTransport,
  type PrintQueueOptions,
} from '@madoguchi/printer';
import type { SiteEvent } from '@madoguchi/shared';
import type { EventBus } from '../../app/event-bus.js';
import type { QueueEngine } from '../../app/queue-engine.js';
import type { InstallationConfig, PrinterDef } from '../../domain/site.js';
import type { StorageWatch } from '../sqlite/storage-watch.js';
import { slipLayoutInput } from './slip-input.js';

export interface PrintWorkerOptions {
  engine: QueueEngine;
  bus: EventBus;
  config: InstallationConfig;
  log: { info(o: unknown, m?: string): void; warn(o: unknown, m?: string): void; error(o: unknown, m?: string): void };
  /** the TCP port of the in-process printer simulator, for printers of kind `simulator` */
  simulatorPort?: number;
  /** builds a printer's transport; tests inject their own */
  transportFor?: (p: PrinterDef) => PrinterTransport;
  queue?: Partial<PrintQueueOptions>;
  /** status polling interval; 0 disables polling */
  pollMs?: number;
  /** notes a full disk (logged once per spell); outcomes that could not be stored are stored once there is room */
  storage?: StorageWatch;
}

interface Outcome {
  printed: boolean;
  reason: string | null;
  attempts: number;
}

/** A printer that cannot be reached at all: jobs fail, status says unreachable. */
function absentPrinter(detail: string): PrinterTransport {
  return {
    send: () => Promise.reject(new Error(detail)),
    status: () => Promise.resolve(unreachableStatus(new Date(), detail)),
    close: () => Promise.resolve(),
  };
}

/**
 * The print outbox's worker: one PrintQueue per configured printer. Pending jobs are resumed at
 * start (a crash between commit and print loses no slip), new ones arrive as `print:updated`
 * events; outcomes and printer health go back through the engine, so they are stored, pushed to
 * the manager and kiosks, and audited like everything else.
 */
export class PrintWorker {
  private readonly queues = new Map<string, { queue: PrintQueue; printer: PrinterDef; site: string }>();
  private readonly enqueued = new Set<string>();
  private readonly stops: Array<() => void> = [];
  /** print outcomes that could not be stored (disk full), by job id, stored once there is room */
  private readonly unrecorded = new Map<string, { siteId: string; jobId: number; outcome: Outcome }>();
  private retrying: (() => void) | null = null;

  constructor(private readonly o: PrintWorkerOptions) {}

  private transport(p: PrinterDef): PrinterTransport {
    if (this.o.transportFor) return this.o.transportFor(p);
    const t = p.transport;
    switch (t.kind) {
      case 'tcp':
        return new TcpTransport({ host: t.host, port: t.port });
      case 'usb':
        return new UsbLpTransport({ path: t.path });
      case 'file':
        return new FileTransport({ path: t.path });
      case 'simulator':
        if (this.o.simulatorPort === undefined) return absentPrinter(`printer ${p.id}: no printer simulator is running`);
        return new TcpTransport({ host: '127.0.0.1', port: this.o.simulatorPort });
    }
  }

  start(): void {
    for (const site of this.o.config.sites) {
      for (const printer of site.printers) {
        const queue = new PrintQueue(this.transport(printer), { retryDelaysMs: [2000, 5000, 10000], timeoutMs: 5000, ...this.o.queue });
        const key = `${site.id}/${printer.id}`;
        this.queues.set(key, { queue, printer, site: site.id });
        this.stops.push(queue.onJob((r) => this.outcome(site.id, r.id, r.outcome === 'printed', r.reason ?? null, r.attempts)));
        this.stops.push(queue.onStatus((s) => this.health(site.id, printer.id, s)));
        if ((this.o.pollMs ?? 10_000) > 0) this.stops.push(queue.pollStatus(this.o.pollMs ?? 10_000));
      }
      for (const job of this.o.engine.pendingPrintJobs(site.id)) this.enqueue(site.id, job.id);
    }
    this.stops.push(this.o.bus.subscribe((e) => this.onEvent(e)));
  }

  private onEvent(e: SiteEvent): void {
    if (e.type === 'print:updated' && e.state === 'pending') this.enqueue(e.site, e.job);
  }

  private enqueue(siteId: string, jobId: number): void {
    const id = `${siteId}:${jobId}`;
    if (this.enqueued.has(id)) return;
    try {
      const p = this.o.engine.printPayload(siteId, jobId);
      const entry = this.queues.get(`${siteId}/${p.printerId}`);
      if (!entry) throw new Error(`no printer ${p.printerId}`);
      const bytes = renderTicket(
        slipLayoutInput(p, this.o.config.publicUrl),
        { model: entry.printer.model, paperWidthMm: entry.printer.paperWidthMm, kanji: entry.printer.kanji },
        { warn: (message) => this.o.log.warn({ job: jobId, printer: p.printerId, language: p.language }, message) },
      );
      this.enqueued.add(id);
      entry.queue.enqueue({ id, bytes });
    } catch (err) {
      this.o.log.error({ err, job: jobId }, 'could not render a print job');
      this.outcome(siteId, id, false, 'render_failed', 0);
    }
  }

  private outcome(siteId: string, id: string, printed: boolean, reason: string | null, attempts: number): void {
    const jobId = Number(id.slice(id.lastIndexOf(':') + 1));
    this.enqueued.delete(id);
    this.record(id, { siteId, jobId, outcome: { printed, reason, attempts } });
  }

  /**
   * Stores a job's outcome. On a full disk it is kept (one entry per job, so bounded by the jobs
   * in flight) and stored once there is room: a printed slip is not printed again after a restart.
   */
  private record(id: string, o: { siteId: string; jobId: number; outcome: Outcome }): void {
    try {
      this.o.engine.printOutcome(o.siteId, o.jobId, o.outcome);
      this.unrecorded.delete(id);
    } catch (err) {
      if (this.o.storage?.failed(err, 'print outcome')) {
        this.unrecorded.set(id, o);
        this.retrying ??= this.o.storage.whenWritable(() => {
          this.retrying = null;
          for (const [key, kept] of [...this.unrecorded]) this.record(key, kept);
        });
      } else {
        this.unrecorded.delete(id);
        this.o.log.error({ err, job: o.jobId }, 'could not record a print outcome');
      }
    }
  }

  /** print outcomes waiting for room on the disk */
  unrecordedOutcomes(): number {
    return this.unrecorded.size;
  }

  private health(siteId: string, printerId: string, s: PrinterStatus): void {
    try {
      this.o.engine.recordPrinterHealth(siteId, printerId, s.state, s.detail ?? null);
    } catch (err) {
      // the next status poll records it again; a full disk is logged once by the watch
      if (!this.o.storage?.failed(err, 'printer health')) this.o.log.error({ err, printer: printerId }, 'could not record printer health');
    }
  }

  async close(): Promise<void> {
    for (const stop of this.stops.splice(0)) stop();
    this.retrying?.();
    this.retrying = null;
    await Promise.all([...this.queues.values()].map((q) => q.queue.close()));
  }
}
