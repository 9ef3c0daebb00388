import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { renderTicket } from '../ticket-layout.js';
import { TcpTransport } from '../transports/tcp-transport.js';

// runs the built command (the test setup builds with tsc -b), as `npm run printer-sim` does
const main = fileURLToPath(new URL('../../dist/sim/main.js', import.meta.url));

describe('printer-sim command', () => {
  it('listens, prints what it receives, and exits 0 on SIGTERM', async () => {
    const child = spawn(process.execPath, [main, '--port', '0', '--web', '0', '--paper', '58'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const waiters = new Set<() => void>();
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      for (const w of [...waiters]) w();
    });
    const waitFor = (re: RegExp) =>
      new Promise<RegExpMatchArray>((resolve, reject) => {
        const check = (): void => {
          const m = out.match(re);
          if (!m) return;
          waiters.delete(check);
          resolve(m);
        };
        waiters.add(check);
        child.once('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
        check();
      });
    try {
      const [, port] = await waitFor(/printer on 127\.0\.0\.1:(\d+), page on http:\/\/127\.0\.0\.1:\d+\//);
      const transport = new TcpTransport({ host: '127.0.0.1', port: Number(port) });
      const profile = { model: 'epson', paperWidthMm: 58, kanji: true } as const;
      await transport.send(
        renderTicket({ officeName: '区役所', windowName: '窓口', label: 'C-777', issuedAt: '10:00', ahead: 1, estimatedWaitMinutes: 5, trackUrl: 'https://x.jp/t/9', note: '' }, profile),
        5000,
      );
      await waitFor(/ticket #1 [^\n]*\n(.|\n)*C-777/);
      await transport.close();
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(out).toContain('SIGTERM, closing');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
