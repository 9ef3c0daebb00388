import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { readQrFromPng } from '../../test-support/qr.js';
import { ManualTimers } from '../../test-support/timers.js';
import { PrintQueue, type JobOutcome } from '../print-queue.js';
import { renderTicket, type PrinterProfile, type TicketLayoutInput } from '../ticket-layout.js';
import { TcpTransport } from '../transports/tcp-transport.js';
import type { DecodedReceipt } from './decode.js';
import { PrinterSimulator } from './server.js';

const ticket: TicketLayoutInput = {
  officeName: '中央区役所',
  windowName: '届出・手続き',
  label: 'B-034',
  procedure: '転入届',
  issuedAt: '2026年4月6日 10:02',
  ahead: 5,
  estimatedWaitMinutes: 25,
  trackUrl: 'https://madoguchi.example.jp/t/Zz9',
  note: '番号をお呼びするまでお待ちください',
};
const epson80: PrinterProfile = { model: 'epson', paperWidthMm: 80, kanji: true };

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanup.length > 0) await cleanup.pop()?.();
});

async function simulator(options: ConstructorParameters<typeof PrinterSimulator>[0] = {}) {
  const sim = new PrinterSimulator(options);
  const { port, webPort } = await sim.start();
  const transport = new TcpTransport({ host: '127.0.0.1', port });
  cleanup.push(() => sim.close(), () => transport.close());
  return { sim, port, webPort, transport };
}

function nextReceipt(sim: PrinterSimulator): Promise<DecodedReceipt> {
  return new Promise((resolve) => {
    const off = sim.onReceipt((r) => {
      off();
      resolve(r);
    });
  });
}

describe('TcpTransport → PrinterSimulator over loopback', () => {
  it('a ticket sent over TCP is received whole and decoded: kanji, number, window, QR code', async () => {
    const { sim, transport } = await simulator();
    const bytes = renderTicket(ticket, epson80);
    const received = nextReceipt(sim);
    await transport.send(bytes, 5000);
    const r = await received;
    expect(sim.entries()[0]?.raw).toEqual(bytes);
    expect(r.text).toContain('受付番号');
    expect(r.text).toContain('届出・手続き');
    expect(r.lines.find((l) => l.text === 'B-034')).toMatchObject({ width: 6, height: 6 });
    expect(r.cuts).toBe(1);
    expect(readQrFromPng(sim.png(1) ?? Buffer.alloc(0))).toBe(ticket.trackUrl);
    expect(sim.receipts()).toEqual([r]);
  });

  it('a 58 mm simulator decodes 58 mm tickets of both command sets', async () => {
    const { sim, transport } = await simulator({ paperWidthMm: 58 });
    for (const model of ['epson', 'star'] as const) {
      const received = nextReceipt(sim);
      await transport.send(renderTicket(ticket, { model, paperWidthMm: 58, kanji: true }), 5000);
      const r = await received;
      expect(r.dialect).toBe(model === 'epson' ? 'escpos' : 'star');
      expect(r.text).toContain('B-034');
    }
    const last = sim.entries().at(-1);
    expect(readQrFromPng(sim.png(last?.id ?? 0) ?? Buffer.alloc(0))).toBe(ticket.trackUrl);
  });

  it('status() reads each simulated state from the DLE EOT answers', async () => {
    const { sim, transport } = await simulator();
    expect((await transport.status(5000)).state).toBe('ok');
    for (const state of ['near_end', 'paper_out', 'cover_open', 'offline', 'ok'] as const) {
      sim.setState(state);
      const s = await transport.status(5000);
      expect(s.state).toBe(state);
    }
    sim.setState('offline');
    expect((await transport.status(5000)).detail).toBe('autocutter error');
  });

  it('a printer out of paper does not print what it is sent', async () => {
    const { sim, transport } = await simulator();
    sim.setState('paper_out');
    await transport.send(renderTicket(ticket, epson80), 5000);
    // the status query after the job is answered only after the job's connection was handled
    expect((await transport.status(5000)).state).toBe('paper_out');
    expect(sim.droppedJobs).toBe(1);
    expect(sim.receipts()).toEqual([]);
  });

  it('PrintQueue: paper out fails the job with paper_out; after setState(ok) a retry prints it', async () => {
    const { sim, transport } = await simulator();
    const timers = new ManualTimers();
    const queue = new PrintQueue(transport, { retryDelaysMs: [], timeoutMs: 5000, setTimer: timers.setTimer });
    cleanup.push(() => queue.close());
    const outcome = () => new Promise<JobOutcome>((resolve) => {
      const off = queue.onJob((o) => {
        off();
        resolve(o);
      });
    });
    sim.setState('paper_out');
    const failed = outcome();
    queue.enqueue({ id: 't-1', bytes: renderTicket(ticket, epson80) });
    expect(await failed).toEqual({ id: 't-1', outcome: 'failed', reason: 'paper_out', attempts: 1 });
    expect(sim.droppedJobs).toBe(0); // it was not even sent
    expect(queue.status?.state).toBe('paper_out');

    sim.setState('ok');
    const received = nextReceipt(sim);
    const printed = outcome();
    queue.enqueue({ id: 't-1', bytes: renderTicket(ticket, epson80) });
    expect(await printed).toEqual({ id: 't-1', outcome: 'printed', attempts: 1 });
    expect((await received).text).toContain('B-034');
  });

  it('PrintQueue: a job waiting on a retry prints once the paper is replaced', async () => {
    const { sim, transport } = await simulator();
    const timers = new ManualTimers();
    const queue = new PrintQueue(transport, { retryDelaysMs: [30_000], timeoutMs: 5000, setTimer: timers.setTimer });
    cleanup.push(() => queue.close());
    const statuses: string[] = [];
    queue.onStatus((s) => statuses.push(s.state));
    const done = new Promise<JobOutcome>((resolve) => queue.onJob(resolve));
    sim.setState('paper_out');
    queue.enqueue({ id: 't-2', bytes: renderTicket(ticket, epson80) });
    await expect.poll(() => timers.delays().includes(30_000)).toBe(true);
    sim.setState('ok');
    await timers.advance(30_000);
    expect(await done).toEqual({ id: 't-2', outcome: 'printed', attempts: 2 });
    expect(statuses).toEqual(['paper_out', 'ok']);
    expect(sim.receipts()).toHaveLength(1);
  });

  it('status() is unreachable and send() rejects when nothing listens', async () => {
    const { sim, port } = await simulator();
    await sim.close();
    const transport = new TcpTransport({ host: '127.0.0.1', port });
    const s = await transport.status(5000);
    expect(s).toMatchObject({ state: 'unreachable', detail: 'ECONNREFUSED' });
    await expect(transport.send(Uint8Array.of(0x1b, 0x40), 5000)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('status() gives up after its timeout when the printer does not answer', async () => {
    const silent: Server = createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const open = new Set<Socket>();
    silent.on('connection', (s) => open.add(s));
    cleanup.push(async () => {
      for (const s of open) s.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    });
    const address = silent.address();
    const timers = new ManualTimers();
    const transport = new TcpTransport({ host: '127.0.0.1', port: typeof address === 'object' && address ? address.port : 0, setTimer: timers.setTimer });
    const pending = transport.status(1500);
    await expect.poll(() => open.size).toBe(1);
    await timers.advance(1500);
    expect(await pending).toMatchObject({ state: 'unreachable', detail: 'no answer within 1500 ms' });
  });
});

describe('PrinterSimulator web page', () => {
  it('lists the tickets with their PNG and text, and switches the state', async () => {
    const { sim, transport, webPort } = await simulator({ webPort: 0 });
    const received = nextReceipt(sim);
    await transport.send(renderTicket(ticket, epson80), 5000);
    await received;
    const base = `http://127.0.0.1:${webPort}`;
    const html = await (await fetch(`${base}/`)).text();
    expect(html).toContain('B-034');
    expect(html).toContain('/receipts/1.png');
    const png = Buffer.from(await (await fetch(`${base}/receipts/1.png`)).arrayBuffer());
    expect(readQrFromPng(png)).toBe(ticket.trackUrl);
    expect(await (await fetch(`${base}/receipts/1.txt`)).text()).toContain('受付番号');
    const api = (await (await fetch(`${base}/api/receipts`)).json()) as { receipts: Array<{ id: number }> };
    expect(api.receipts.map((r) => r.id)).toEqual([1]);
    const res = await fetch(`${base}/state`, { method: 'POST', body: new URLSearchParams({ state: 'cover_open' }), redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(sim.state).toBe('cover_open');
    expect((await fetch(`${base}/receipts/99.png`)).status).toBe(404);
  });
});
