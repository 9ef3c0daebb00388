// A raw-TCP (port 9100 style) printer for development, demos and tests: answers DLE EOT status
// queries from its simulated state, takes one job per connection, decodes it when the connection
// ends and keeps the receipts; optionally serves them on a small web page.
import { createServer, type Server, type Socket } from 'node:net';
import { conditionOf, encodeStatusAnswer, type StatusRequest } from '../status.js';
import { decodeEscPos, type DecodedReceipt } from './decode.js';
import { toPng } from './render.js';
import { SIMULATOR_STATES, type SimulatorState } from './state.js';
import { startWebView, type WebView } from './web.js';

export { SIMULATOR_STATES, type SimulatorState } from './state.js';

/** States in which the printer does not print: jobs sent then are dropped. */
const NOT_PRINTING: ReadonlySet<SimulatorState> = new Set(['paper_out', 'cover_open', 'offline']);

export interface PrinterSimulatorOptions {
  /** TCP port for jobs and status (default 0: any free port). */
  port?: number;
  host?: string;
  /** Port of the web page; omitted: no web page. 0: any free port. */
  webPort?: number;
  /** Paper width the jobs are decoded and drawn for (default 80). */
  paperWidthMm?: 58 | 80;
  dialect?: 'auto' | 'escpos' | 'star';
  /** How many receipts are kept (default 100). */
  keep?: number;
  now?: () => Date;
}

export interface SimulatedReceipt {
  id: number;
  receivedAt: string;
  raw: Uint8Array;
  receipt: DecodedReceipt;
}

export class PrinterSimulator {
  private readonly options: PrinterSimulatorOptions;
  private readonly now: () => Date;
  private readonly kept: SimulatedReceipt[] = [];
  private readonly pngs = new Map<number, Buffer>();
  private readonly listeners = new Set<(r: DecodedReceipt, info: SimulatedReceipt) => void>();
  private readonly sockets = new Set<Socket>();
  private server: Server | undefined;
  private web: WebView | undefined;
  private current: SimulatorState = 'ok';
  private nextId = 1;
  private dropped = 0;

  constructor(options: PrinterSimulatorOptions = {}) {
    this.options = options;
    this.now = options.now ?? (() => new Date());
  }

  get state(): SimulatorState {
    return this.current;
  }

  /** Jobs that arrived while the printer could not print, and were dropped. */
  get droppedJobs(): number {
    return this.dropped;
  }

  get dotWidth(): 384 | 576 {
    return this.options.paperWidthMm === 58 ? 384 : 576;
  }

  async start(): Promise<{ port: number; webPort?: number }> {
    if (this.server) throw new Error('simulator already started');
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    const host = this.options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.options.port ?? 0, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    if (this.options.webPort === undefined) return { port };
    this.web = await startWebView(this, { port: this.options.webPort, host });
    return { port, webPort: this.web.port };
  }

  setState(state: SimulatorState): void {
    if (!SIMULATOR_STATES.includes(state)) throw new Error(`unknown printer state: ${String(state)}`);
    this.current = state;
  }

  /** Decoded receipts, oldest first. */
  receipts(): DecodedReceipt[] {
    return this.kept.map((k) => k.receipt);
  }

  /** Receipts with their id, time and raw bytes, oldest first. */
  entries(): readonly SimulatedReceipt[] {
    return this.kept;
  }

  /** The PNG of a kept receipt (drawn once). */
  png(id: number): Buffer | undefined {
    const cached = this.pngs.get(id);
    if (cached) return cached;
    const entry = this.kept.find((k) => k.id === id);
    if (!entry) return undefined;
    const png = toPng(entry.receipt, this.dotWidth);
    this.pngs.set(id, png);
    return png;
  }

  onReceipt(listener: (receipt: DecodedReceipt, info: SimulatedReceipt) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    await this.web?.close();
    this.web = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    const job: Buffer[] = [];
    let pending = Buffer.alloc(0);
    let answering = true; // a connection's leading DLE EOT queries are answered; then comes the job
    let refused = false;
    socket.on('data', (chunk: Buffer) => {
      let data = Buffer.concat([pending, chunk]);
      pending = Buffer.alloc(0);
      while (answering && data.length > 0) {
        if (data[0] !== 0x10) {
          answering = false;
          break;
        }
        if (data.length < 3) {
          pending = data;
          return;
        }
        if (data[1] !== 0x04) {
          answering = false;
          break;
        }
        const n = data[2] ?? 0;
        if (n >= 1 && n <= 4 && this.current) socket.write(Uint8Array.of(encodeStatusAnswer(n as StatusRequest, conditionOf(this.current))));
        data = data.subarray(3);
      }
      if (data.length > 0) {
        if (NOT_PRINTING.has(this.current)) refused = true;
        job.push(data);
      }
    });
    socket.on('end', () => {
      const bytes = Buffer.concat(job);
      if (bytes.length === 0) return;
      if (refused || NOT_PRINTING.has(this.current)) {
        this.dropped += 1;
        return;
      }
      this.store(new Uint8Array(bytes));
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
  }

  private store(raw: Uint8Array): void {
    const receipt = decodeEscPos(raw, { dialect: this.options.dialect ?? 'auto', dotWidth: this.dotWidth });
    const entry: SimulatedReceipt = { id: this.nextId++, receivedAt: this.now().toISOString(), raw, receipt };
    this.kept.push(entry);
    const keep = this.options.keep ?? 100;
    while (this.kept.length > keep) {
      const old = this.kept.shift();
      if (old) this.pngs.delete(old.id);
    }
    for (const l of [...this.listeners]) l(receipt, entry);
  }
}
