import { appendFile, mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PrinterStatus } from '../status.js';
import { TransportClosedError, type PrinterTransport } from './transport.js';

export interface FileTransportOptions {
  /** A file that every job is appended to, or a directory that gets one file per job. */
  path: string;
  /** 'directory': one `<time>-<n>.bin` per job (created if missing); default: a directory if `path` is one. */
  mode?: 'append' | 'directory';
  now?: () => Date;
}

/** Development transport: jobs go to disk, status is always ok. */
export class FileTransport implements PrinterTransport {
  private readonly path: string;
  private readonly mode: 'append' | 'directory' | undefined;
  private readonly now: () => Date;
  private seq = 0;
  private closed = false;

  constructor(options: FileTransportOptions) {
    this.path = options.path;
    this.mode = options.mode;
    this.now = options.now ?? (() => new Date());
  }

  private async isDirectory(): Promise<boolean> {
    if (this.mode) return this.mode === 'directory';
    try {
      return (await stat(this.path)).isDirectory();
    } catch {
      return false;
    }
  }

  /** Writes the job; resolves to the file it went to. */
  async send(bytes: Uint8Array, _timeoutMs?: number): Promise<void> {
    await this.write(bytes);
  }

  async write(bytes: Uint8Array): Promise<string> {
    if (this.closed) throw new TransportClosedError();
    if (await this.isDirectory()) {
      await mkdir(this.path, { recursive: true });
      this.seq += 1;
      const file = join(this.path, `${this.now().toISOString().replace(/[:.]/g, '-')}-${String(this.seq).padStart(4, '0')}.bin`);
      await writeFile(file, bytes, { flag: 'wx' });
      return file;
    }
    await appendFile(this.path, bytes);
    return this.path;
  }

  async status(_timeoutMs?: number): Promise<PrinterStatus> {
    return { state: 'ok', at: this.now().toISOString() };
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
