// One queue per printer: jobs go out one at a time, each after a status check; a job that cannot be
// printed is retried after the configured delays and then reported failed with the reason. All
// printer access (jobs and status polls) is serialised: a raw-TCP printer serves one connection.
import { BLOCKING_STATES, type PrinterStatus } from './status.js';
import { realTimer, TransportTimeoutError, withTimeout, type PrinterTransport, type SetTimer } from './transports/transport.js';

export interface PrintJob {
  id: string;
  bytes: Uint8Array;
}

export interface JobOutcome {
  id: string;
  outcome: 'printed' | 'failed';
  /** Why the last attempt failed: a blocking state (paper_out, cover_open, offline, unreachable), 'timeout', 'send_failed: …' or 'closed'. */
  reason?: string;
  attempts: number;
}

export interface PrintQueueOptions {
  /** Delay before each retry; its length is the number of retries (e.g. [1000, 5000] → 3 attempts). */
  retryDelaysMs: number[];
  /** Limit for one status query and for one send. */
  timeoutMs: number;
  setTimer?: SetTimer;
  /** Ask the printer's status before each job (default true). */
  checkStatus?: boolean;
  now?: () => Date;
}

type Listener<T> = (value: T) => void;

function sameStatus(a: PrinterStatus | undefined, b: PrinterStatus): boolean {
  return !!a && a.state === b.state && a.detail === b.detail;
}

export class PrintQueue {
  private readonly jobs: PrintJob[] = [];
  private readonly jobListeners = new Set<Listener<JobOutcome>>();
  private readonly statusListeners = new Set<Listener<PrinterStatus>>();
  private readonly setTimer: SetTimer;
  private readonly now: () => Date;
  /** Poll and retry timers, cancelled by close(). */
  private readonly cancels = new Set<() => void>();
  /** Serialises every use of the transport. */
  private chain: Promise<unknown> = Promise.resolve();
  private running = false;
  private closed = false;
  private idle: Promise<void> = Promise.resolve();
  private lastStatus: PrinterStatus | undefined;
  private wakeSleeper: (() => void) | undefined;

  constructor(
    private readonly transport: PrinterTransport,
    private readonly options: PrintQueueOptions,
  ) {
    this.setTimer = options.setTimer ?? realTimer;
    this.now = options.now ?? (() => new Date());
  }

  /** The last status seen (from a job's check or a poll). */
  get status(): PrinterStatus | undefined {
    return this.lastStatus;
  }

  /** Jobs waiting or in progress. */
  get pending(): number {
    return this.jobs.length;
  }

  enqueue(job: PrintJob): void {
    if (this.closed) {
      this.emitJob({ id: job.id, outcome: 'failed', reason: 'closed', attempts: 0 });
      return;
    }
    this.jobs.push(job);
    if (!this.running) {
      this.running = true;
      this.idle = this.drain();
    }
  }

  onJob(listener: Listener<JobOutcome>): () => void {
    this.jobListeners.add(listener);
    return () => this.jobListeners.delete(listener);
  }

  onStatus(listener: Listener<PrinterStatus>): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** Asks the status every intervalMs (between jobs); listeners hear changes. Returns the stop function. */
  pollStatus(intervalMs: number): () => void {
    let stopped = false;
    let cancel: () => void = () => undefined;
    const schedule = (): void => {
      if (stopped || this.closed) return;
      cancel = this.setTimer(() => {
        this.cancels.delete(cancel);
        void this.checkStatus().then(schedule, schedule);
      }, intervalMs);
      this.cancels.add(cancel);
    };
    schedule();
    return () => {
      stopped = true;
      cancel();
      this.cancels.delete(cancel);
    };
  }

  /** Asks the printer now (queued behind a job in progress). */
  checkStatus(): Promise<PrinterStatus> {
    return this.exclusive(() => this.transport.status(this.options.timeoutMs)).then((s) => {
      this.noteStatus(s);
      return s;
    });
  }

  /** Stops polling, fails the jobs not yet started with 'closed', waits for the one in progress, closes the transport. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const c of this.cancels) c();
    this.cancels.clear();
    this.wakeSleeper?.();
    await this.idle;
    await this.chain.catch(() => undefined);
    await this.transport.close();
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const next = this.chain.then(work, work);
    this.chain = next.catch(() => undefined);
    return next;
  }

  private noteStatus(s: PrinterStatus): void {
    if (sameStatus(this.lastStatus, s)) {
      this.lastStatus = s;
      return;
    }
    this.lastStatus = s;
    for (const l of [...this.statusListeners]) l(s);
  }

  private emitJob(outcome: JobOutcome): void {
    for (const l of [...this.jobListeners]) l(outcome);
  }

  private async drain(): Promise<void> {
    try {
      for (let job = this.jobs[0]; job; job = this.jobs[0]) {
        const outcome = this.closed ? { id: job.id, outcome: 'failed' as const, reason: 'closed', attempts: 0 } : await this.run(job);
        this.jobs.shift();
        this.emitJob(outcome);
      }
    } finally {
      this.running = false;
    }
  }

  private async run(job: PrintJob): Promise<JobOutcome> {
    let attempts = 0;
    let reason = '';
    for (;;) {
      attempts += 1;
      reason = await this.exclusive(() => this.attempt(job));
      if (reason === '') return { id: job.id, outcome: 'printed', attempts };
      const delay = this.options.retryDelaysMs[attempts - 1];
      if (delay === undefined || this.closed) break;
      await this.sleep(delay);
      if (this.closed) break;
    }
    return { id: job.id, outcome: 'failed', reason, attempts };
  }

  /** One try: '' when printed, otherwise the reason. */
  private async attempt(job: PrintJob): Promise<string> {
    const { timeoutMs } = this.options;
    if (this.options.checkStatus !== false) {
      const s = await this.guard(this.transport.status(timeoutMs), timeoutMs).catch(
        (err: unknown): PrinterStatus => ({ state: 'unreachable', detail: err instanceof Error ? err.message : String(err), at: this.now().toISOString() }),
      );
      this.noteStatus(s);
      if (BLOCKING_STATES.has(s.state)) return s.state;
    }
    try {
      await this.guard(this.transport.send(job.bytes, timeoutMs), timeoutMs);
      return '';
    } catch (err) {
      if (err instanceof TransportTimeoutError) return 'timeout';
      return `send_failed: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  /** The transport's own timeout, enforced here too in case it does not keep it. */
  private guard<T>(work: Promise<T>, ms: number): Promise<T> {
    return withTimeout(this.setTimer, 'printer', ms, work);
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = (): void => {
        this.cancels.delete(cancel);
        this.wakeSleeper = undefined;
        resolve();
      };
      const cancel = this.setTimer(done, ms);
      this.cancels.add(cancel);
      this.wakeSleeper = () => {
        cancel();
        done();
      };
    });
  }
}
