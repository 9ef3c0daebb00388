import { Socket } from 'node:net';
import type { PrinterStatus } from '../status.js';
import { StatusConversation } from './status-conversation.js';
import { realTimer, TransportClosedError, TransportTimeoutError, type PrinterTransport, type SetTimer } from './transport.js';

export interface TcpTransportOptions {
  host: string;
  /** Raw printing port (default 9100). */
  port?: number;
  now?: () => Date;
  setTimer?: SetTimer;
}

/**
 * Raw TCP printing (port 9100): one connection per job — connect, write, end, wait for the printer
 * to close — and one per status query (DLE EOT 1, 2, 4 and their one-byte answers).
 */
export class TcpTransport implements PrinterTransport {
  private readonly host: string;
  private readonly port: number;
  private readonly now: () => Date;
  private readonly setTimer: SetTimer;
  private readonly sockets = new Set<Socket>();
  private closed = false;

  constructor(options: TcpTransportOptions) {
    this.host = options.host;
    this.port = options.port ?? 9100;
    this.now = options.now ?? (() => new Date());
    this.setTimer = options.setTimer ?? realTimer;
  }

  private open(): Socket {
    const socket = new Socket();
    this.sockets.add(socket);
    socket.once('close', () => this.sockets.delete(socket));
    socket.connect({ host: this.host, port: this.port });
    return socket;
  }

  send(bytes: Uint8Array, timeoutMs: number): Promise<void> {
    if (this.closed) return Promise.reject(new TransportClosedError());
    return new Promise<void>((resolve, reject) => {
      const socket = this.open();
      let flushed = false;
      let settled = false;
      const finish = (err?: Error): void => {
        if (settled) return;
        settled = true;
        cancel();
        socket.destroy();
        if (err) reject(err);
        else resolve();
      };
      // The printer closes its side once it has read everything. If it keeps the connection
      // half-open, the data is still delivered: a job that was flushed and ended counts as sent,
      // since failing it would make the caller print a second ticket.
      const cancel = this.setTimer(() => finish(flushed ? undefined : new TransportTimeoutError(`sending to ${this.host}:${this.port}`, timeoutMs)), timeoutMs);
      socket.on('error', (err) => finish(err));
      socket.on('data', () => undefined); // answers such as GS r are read and dropped
      socket.on('close', () => finish(flushed ? undefined : new Error('connection closed before the job was sent')));
      socket.on('connect', () => {
        socket.end(bytes, () => {
          flushed = true;
        });
      });
    });
  }

  status(timeoutMs: number): Promise<PrinterStatus> {
    if (this.closed) return Promise.resolve(new StatusConversation(this.now).incomplete('transport closed'));
    return new Promise<PrinterStatus>((resolve) => {
      const conversation = new StatusConversation(this.now);
      const socket = this.open();
      let settled = false;
      const finish = (s: PrinterStatus): void => {
        if (settled) return;
        settled = true;
        cancel();
        socket.destroy();
        resolve(s);
      };
      const cancel = this.setTimer(() => finish(conversation.incomplete(`no answer within ${timeoutMs} ms`)), timeoutMs);
      socket.on('error', (err: NodeJS.ErrnoException) => finish(conversation.incomplete(err.code ?? err.message)));
      socket.on('close', () => finish(conversation.incomplete('connection closed')));
      socket.on('connect', () => socket.write(conversation.initial));
      socket.on('data', (chunk: Buffer) => {
        const step = conversation.feed(chunk);
        if (step.done) finish(step.done);
        else if (step.write) socket.write(step.write);
      });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
  }
}
