import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualTimers } from '../../test-support/timers.js';
import { decodeEscPos } from '../sim/decode.js';
import { renderTicket } from '../ticket-layout.js';
import { FileTransport } from './file-transport.js';
import { TransportTimeoutError } from './transport.js';
import { UsbLpTransport } from './usb-lp-transport.js';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'madoguchi-printer-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const now = () => new Date('2026-04-06T01:02:03.000Z');
const job = renderTicket(
  { officeName: '区役所', windowName: '窓口', label: 'A-001', issuedAt: '10:00', ahead: 0, estimatedWaitMinutes: 0, trackUrl: 'https://x.jp/t/1', note: '' },
  { model: 'epson', paperWidthMm: 58, kanji: true },
);

describe('UsbLpTransport', () => {
  it('writes jobs to the device file, one after the other', async () => {
    const device = join(dir, 'lp0');
    writeFileSync(device, '');
    const t = new UsbLpTransport({ path: device, now });
    await t.send(job, 5000);
    await t.send(Uint8Array.of(0x0a), 5000);
    const written = readFileSync(device);
    expect(written.length).toBe(job.length + 1);
    expect(decodeEscPos(new Uint8Array(written.subarray(0, job.length)), { dotWidth: 384 }).text).toContain('A-001');
    await t.close();
  });

  it('a device file that cannot answer is ok while it is writable; nothing is written to ask', async () => {
    const device = join(dir, 'lp0');
    writeFileSync(device, '');
    const t = new UsbLpTransport({ path: device, now });
    expect(await t.status(1000)).toEqual({ state: 'ok', detail: 'no status channel', at: '2026-04-06T01:02:03.000Z' });
    expect(readFileSync(device).length).toBe(0);
  });

  it('a missing device (printer unplugged) is unreachable, and a job fails without creating the file', async () => {
    const device = join(dir, 'lp9');
    const t = new UsbLpTransport({ path: device, now });
    expect(await t.status(1000)).toMatchObject({ state: 'unreachable', detail: 'device missing' });
    await expect(t.send(job, 1000)).rejects.toThrow(/ENOENT/);
    expect(existsSync(device)).toBe(false);
  });

  it('streams a job into a FIFO, as into a character device', async () => {
    const fifo = join(dir, 'lp-fifo');
    execFileSync('mkfifo', [fifo]);
    const chunks: Buffer[] = [];
    const reader = createReadStream(fifo);
    const done = new Promise<void>((resolve, reject) => {
      reader.on('data', (c) => chunks.push(Buffer.from(c)));
      reader.on('end', resolve);
      reader.on('error', reject);
    });
    const t = new UsbLpTransport({ path: fifo, now });
    await t.send(job, 5000);
    await done;
    expect(Buffer.concat(chunks)).toEqual(Buffer.from(job));
    expect((await t.status(1000)).state).toBe('ok');
  });

  it('a write that blocks (no reader, like an offline printer) fails with a timeout', async () => {
    const fifo = join(dir, 'lp-stuck');
    execFileSync('mkfifo', [fifo]);
    const timers = new ManualTimers();
    const t = new UsbLpTransport({ path: fifo, now, setTimer: timers.setTimer });
    const outcome = t.send(job, 2000).then(
      () => 'sent',
      (e: unknown) => e,
    );
    await timers.advance(2000);
    expect(await outcome).toBeInstanceOf(TransportTimeoutError);
    // release the blocked open so no thread is left waiting
    const drain = createReadStream(fifo);
    await new Promise<void>((resolve) => drain.on('close', resolve).resume());
    await t.close();
  });
});

describe('FileTransport', () => {
  it('appends each job to one file; status is always ok', async () => {
    const file = join(dir, 'printed.bin');
    const t = new FileTransport({ path: file, now });
    await t.send(Uint8Array.of(1, 2));
    await t.send(Uint8Array.of(3));
    expect([...readFileSync(file)]).toEqual([1, 2, 3]);
    expect(await t.status()).toEqual({ state: 'ok', at: '2026-04-06T01:02:03.000Z' });
  });

  it('writes one file per job into a directory', async () => {
    const out = join(dir, 'jobs');
    const t = new FileTransport({ path: out, mode: 'directory', now });
    await t.send(job);
    await t.send(job);
    const files = readdirSync(out).sort();
    expect(files).toEqual(['2026-04-06T01-02-03-000Z-0001.bin', '2026-04-06T01-02-03-000Z-0002.bin']);
    expect(readFileSync(join(out, files[0] ?? ''))).toEqual(Buffer.from(job));
    await t.close();
    await expect(t.send(job)).rejects.toThrow(/closed/);
  });
});
