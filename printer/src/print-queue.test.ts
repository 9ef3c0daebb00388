import { describe, expect, it } from 'vitest';
import { ManualTimers, settle } from '../test-support/timers.js';
import { PrintQueue, type JobOutcome } from './print-queue.js';
import type { PrinterState, PrinterStatus } from './status.js';
import type { PrinterTransport } from './transports/transport.js';

const AT = '2026-04-06T01:00:00.000Z';

/** A transport whose status and send answers the test decides, one call at a time. */
class FakeTransport implements PrinterTransport {
  states: PrinterState[] = [];
  sent: string[] = [];
  statusCalls = 0;
  closed = false;
  /** 'ok': resolve; 'hang': never settle; an Error: reject. */
  sendBehaviour: Array<'ok' | 'hang' | Error> = [];
  private inFlight = 0;
  maxInFlight = 0;

  async status(): Promise<PrinterStatus> {
    this.statusCalls += 1;
    const state = this.states.length > 1 ? (this.states.shift() ?? 'ok') : (this.states[0] ?? 'ok');
    return { state, at: AT };
  }

  send(bytes: Uint8Array): Promise<void> {
    const b = this.sendBehaviour.length > 1 ? this.sendBehaviour.shift() : this.sendBehaviour[0];
    this.inFlight += 1;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    if (b === 'hang') return new Promise(() => undefined);
    this.inFlight -= 1;
    if (b instanceof Error) return Promise.reject(b);
    this.sent.push(Buffer.from(bytes).toString());
    return Promise.resolve();
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}

function setup(options: { retryDelaysMs?: number[]; timeoutMs?: number } = {}) {
  const timers = new ManualTimers();
  const transport = new FakeTransport();
  const queue = new PrintQueue(transport, {
    retryDelaysMs: options.retryDelaysMs ?? [1000, 5000],
    timeoutMs: options.timeoutMs ?? 3000,
    setTimer: timers.setTimer,
    now: () => new Date(AT),
  });
  const outcomes: JobOutcome[] = [];
  queue.onJob((o) => outcomes.push(o));
  const statuses: PrinterStatus[] = [];
  queue.onStatus((s) => statuses.push(s));
  return { timers, transport, queue, outcomes, statuses };
}

const job = (id: string) => ({ id, bytes: new TextEncoder().encode(id) });

describe('PrintQueue', () => {
  it('prints jobs one after the other, in order, after a status check each', async () => {
    const { transport, queue, outcomes } = setup();
    queue.enqueue(job('a'));
    queue.enqueue(job('b'));
    queue.enqueue(job('c'));
    await settle();
    expect(transport.sent).toEqual(['a', 'b', 'c']);
    expect(transport.statusCalls).toBe(3);
    expect(outcomes).toEqual([
      { id: 'a', outcome: 'printed', attempts: 1 },
      { id: 'b', outcome: 'printed', attempts: 1 },
      { id: 'c', outcome: 'printed', attempts: 1 },
    ]);
    expect(queue.pending).toBe(0);
  });

  it('never sends two jobs at once', async () => {
    const { transport, queue, timers, outcomes } = setup({ retryDelaysMs: [] });
    transport.sendBehaviour = ['hang', 'ok'];
    queue.enqueue(job('a'));
    queue.enqueue(job('b'));
    await settle();
    expect(transport.maxInFlight).toBe(1);
    expect(outcomes).toEqual([]);
    await timers.advance(3000); // a times out, then b goes
    expect(outcomes.map((o) => [o.id, o.outcome])).toEqual([
      ['a', 'failed'],
      ['b', 'printed'],
    ]);
  });

  it('refuses to send while the paper is out and fails the job with paper_out after its retries', async () => {
    const { transport, queue, timers, outcomes } = setup({ retryDelaysMs: [1000, 5000] });
    transport.states = ['paper_out'];
    queue.enqueue(job('a'));
    await settle();
    expect(outcomes).toEqual([]);
    expect(timers.delays()).toEqual([1000]);
    await timers.advance(1000);
    expect(timers.delays()).toEqual([5000]);
    await timers.advance(5000);
    expect(transport.sent).toEqual([]);
    expect(transport.statusCalls).toBe(3);
    expect(outcomes).toEqual([{ id: 'a', outcome: 'failed', reason: 'paper_out', attempts: 3 }]);
  });

  for (const state of ['cover_open', 'offline', 'unreachable'] as const) {
    it(`does not send while the printer is ${state}`, async () => {
      const { transport, queue, outcomes } = setup({ retryDelaysMs: [] });
      transport.states = [state];
      queue.enqueue(job('a'));
      await settle();
      expect(transport.sent).toEqual([]);
      expect(outcomes).toEqual([{ id: 'a', outcome: 'failed', reason: state, attempts: 1 }]);
    });
  }

  it('sends when the paper is only near its end', async () => {
    const { transport, queue, outcomes } = setup();
    transport.states = ['near_end'];
    queue.enqueue(job('a'));
    await settle();
    expect(outcomes).toEqual([{ id: 'a', outcome: 'printed', attempts: 1 }]);
  });

  it('prints on a retry once the cover is closed', async () => {
    const { transport, queue, timers, outcomes, statuses } = setup({ retryDelaysMs: [1000, 5000] });
    transport.states = ['cover_open', 'ok'];
    queue.enqueue(job('a'));
    await settle();
    await timers.advance(999);
    expect(outcomes).toEqual([]);
    await timers.advance(1);
    expect(outcomes).toEqual([{ id: 'a', outcome: 'printed', attempts: 2 }]);
    expect(statuses.map((s) => s.state)).toEqual(['cover_open', 'ok']);
  });

  it('a send that does not finish within timeoutMs fails with timeout and is retried', async () => {
    const { transport, queue, timers, outcomes } = setup({ retryDelaysMs: [1000], timeoutMs: 3000 });
    transport.sendBehaviour = ['hang', 'ok'];
    queue.enqueue(job('a'));
    await timers.advance(2999);
    expect(outcomes).toEqual([]);
    await timers.advance(1); // timeout
    await timers.advance(1000); // retry delay
    expect(outcomes).toEqual([{ id: 'a', outcome: 'printed', attempts: 2 }]);
  });

  it('a send error is the reason when the retries are used up', async () => {
    const { transport, queue, timers, outcomes } = setup({ retryDelaysMs: [10] });
    transport.sendBehaviour = [new Error('ECONNRESET')];
    queue.enqueue(job('a'));
    await timers.advance(10);
    expect(outcomes).toEqual([{ id: 'a', outcome: 'failed', reason: 'send_failed: ECONNRESET', attempts: 2 }]);
  });

  it('a status query that hangs counts as unreachable', async () => {
    const { transport, queue, timers, outcomes } = setup({ retryDelaysMs: [], timeoutMs: 500 });
    transport.status = () => new Promise(() => undefined);
    queue.enqueue(job('a'));
    await timers.advance(500);
    expect(outcomes).toEqual([{ id: 'a', outcome: 'failed', reason: 'unreachable', attempts: 1 }]);
    expect(queue.status?.state).toBe('unreachable');
  });

  it('onStatus() hears changes only, and stops hearing after unsubscribe', async () => {
    const { transport, queue, timers } = setup();
    const heard: string[] = [];
    const off = queue.onStatus((s) => heard.push(s.state));
    transport.states = ['ok', 'ok', 'near_end', 'near_end', 'paper_out'];
    const stop = queue.pollStatus(60_000);
    await timers.advance(60_000 * 4);
    expect(heard).toEqual(['ok', 'near_end']);
    off();
    await timers.advance(60_000);
    expect(heard).toEqual(['ok', 'near_end']);
    expect(queue.status?.state).toBe('paper_out');
    stop();
    expect(timers.count).toBe(0);
  });

  it('pollStatus() asks every interval until stopped', async () => {
    const { transport, queue, timers } = setup();
    const stop = queue.pollStatus(30_000);
    await timers.advance(29_999);
    expect(transport.statusCalls).toBe(0);
    await timers.advance(1);
    expect(transport.statusCalls).toBe(1);
    await timers.advance(60_000);
    expect(transport.statusCalls).toBe(3);
    stop();
    await timers.advance(60_000);
    expect(transport.statusCalls).toBe(3);
  });

  it('onJob() listeners can unsubscribe', async () => {
    const { queue } = setup();
    const seen: string[] = [];
    const off = queue.onJob((o) => seen.push(o.id));
    queue.enqueue(job('a'));
    await settle();
    off();
    queue.enqueue(job('b'));
    await settle();
    expect(seen).toEqual(['a']);
  });

  it('close() fails waiting jobs with closed, stops polling and closes the transport', async () => {
    const { transport, queue, timers, outcomes } = setup({ retryDelaysMs: [1000] });
    transport.states = ['paper_out'];
    queue.pollStatus(10_000);
    queue.enqueue(job('a'));
    queue.enqueue(job('b'));
    await settle();
    await queue.close();
    expect(outcomes).toEqual([
      { id: 'a', outcome: 'failed', reason: 'paper_out', attempts: 1 },
      { id: 'b', outcome: 'failed', reason: 'closed', attempts: 0 },
    ]);
    expect(transport.closed).toBe(true);
    expect(timers.count).toBe(0);
    queue.enqueue(job('c'));
    expect(outcomes.at(-1)).toEqual({ id: 'c', outcome: 'failed', reason: 'closed', attempts: 0 });
  });
});
