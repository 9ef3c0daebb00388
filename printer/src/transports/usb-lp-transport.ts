import { constants, type Stats } from 'node:fs';
import { access, open, stat, type FileHandle } from 'node:fs/promises';
import type { PrinterStatus } from '../status.js';
import { StatusConversation } from './status-conversation.js';
import { realTimer, TransportClosedError, withTimeout, type PrinterTransport, type SetTimer } from './transport.js';

export interface UsbLpTransportOptions {
  /** The printer-class device file, e.g. /dev/usb/lp0 (usblp). */
  path: string;
  now?: () => Date;
  setTimer?: SetTimer;
  /** Delay between reads while waiting for status answers (default 20 ms). */
  pollMs?: number;
}

/**
 * USB printer class through the kernel's usblp driver: jobs are written to the device file. Status
 * is asked with DLE EOT on the same file when it is a character device and the printer answers on
 * its read channel (bidirectional printers do); otherwise the device only tells whether it exists
 * and is writable: ok, or unreachable. The file is never created: a missing device is unplugged.
 */
export class UsbLpTransport implements PrinterTransport {
  private readonly path: string;
  private readonly now: () => Date;
  private readonly setTimer: SetTimer;
  private readonly pollMs: number;
  private readonly handles = new Set<FileHandle>();
  private closed = false;

  constructor(options: UsbLpTransportOptions) {
    this.path = options.path;
    this.now = options.now ?? (() => new Date());
    this.setTimer = options.setTimer ?? realTimer;
    this.pollMs = options.pollMs ?? 20;
  }

  private async openHandle(flags: number): Promise<FileHandle> {
    const fh = await open(this.path, flags | constants.O_NOCTTY);
    if (this.closed) {
      await fh.close();
      throw new TransportClosedError();
    }
    this.handles.add(fh);
    return fh;
  }

  private async release(fh: FileHandle): Promise<void> {
    this.handles.delete(fh);
    await fh.close();
  }

  async send(bytes: Uint8Array, timeoutMs: number): Promise<void> {
    if (this.closed) throw new TransportClosedError();
    const work = (async () => {
      // no O_CREAT: writing must fail when the device is gone, not create a regular file
      const fh = await this.openHandle(constants.O_WRONLY | constants.O_APPEND);
      try {
        let off = 0;
        while (off < bytes.length) {
          const { bytesWritten } = await fh.write(bytes, off, bytes.length - off);
          off += bytesWritten;
        }
      } finally {
        await this.release(fh);
      }
    })();
    // a write that blocks (printer offline) keeps a thread until the device gives up; the job fails now
    work.catch(() => undefined);
    await withTimeout(this.setTimer, `writing to ${this.path}`, timeoutMs, work);
  }

  async status(timeoutMs: number): Promise<PrinterStatus> {
    const conversation = new StatusConversation(this.now);
    if (this.closed) return conversation.incomplete('transport closed');
    let info: Stats;
    try {
      info = await stat(this.path);
    } catch (err) {
      return conversation.incomplete((err as NodeJS.ErrnoException).code === 'ENOENT' ? 'device missing' : String((err as Error).message));
    }
    if (!info.isCharacterDevice()) {
      // a regular file or a FIFO: status questions would end up in the output
      return this.writable();
    }
    try {
      const answered = await this.ask(conversation, timeoutMs);
      return answered ?? (await this.writable());
    } catch (err) {
      return conversation.incomplete((err as NodeJS.ErrnoException).code ?? (err as Error).message);
    }
  }

  private async writable(): Promise<PrinterStatus> {
    try {
      await access(this.path, constants.W_OK);
      return { state: 'ok', detail: 'no status channel', at: this.now().toISOString() };
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      return { state: 'unreachable', detail: code === 'ENOENT' ? 'device missing' : (code ?? 'not writable'), at: this.now().toISOString() };
    }
  }

  /** DLE EOT over the device; undefined when the device never answers (write-only printers). */
  private async ask(conversation: StatusConversation, timeoutMs: number): Promise<PrinterStatus | undefined> {
    const fh = await this.openHandle(constants.O_RDWR | constants.O_NONBLOCK);
    let expired = false;
    const cancel = this.setTimer(() => {
      expired = true;
    }, timeoutMs);
    try {
      await fh.write(conversation.initial);
      const buf = Buffer.alloc(16);
      let sawAnswer = false;
      while (!expired) {
        let n = 0;
        try {
          ({ bytesRead: n } = await fh.read(buf, 0, buf.length, null));
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
        }
        if (n > 0) {
          sawAnswer = true;
          const step = conversation.feed(buf.subarray(0, n));
          if (step.done) return step.done;
          if (step.write) await fh.write(step.write);
        } else {
          await new Promise<void>((r) => this.setTimer(r, this.pollMs));
        }
      }
      return sawAnswer ? conversation.incomplete('status answer incomplete') : undefined;
    } finally {
      cancel();
      await this.release(fh);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    const open = [...this.handles];
    this.handles.clear();
    await Promise.all(open.map((fh) => fh.close().catch(() => undefined)));
  }
}
