// The simulator's web page: the last tickets as PNG with their decoded text (images marked as raster
// blocks where they print), and the printer state
// (switchable, to try paper-out and cover-open handling end to end).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { PrinterSimulator } from './server.js';
import { SIMULATOR_STATES, type SimulatorState } from './state.js';

export interface WebView {
  port: number;
  close(): Promise<void>;
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

function page(sim: PrinterSimulator): string {
  const entries = [...sim.entries()].reverse().slice(0, 20);
  const states = SIMULATOR_STATES.map(
    (s) => `<button name="state" value="${s}"${s === sim.state ? ' disabled' : ''}>${s}</button>`,
  ).join(' ');
  const tickets = entries
    .map(
      (e) => `<article>
  <h2>#${e.id} <small>${escapeHtml(e.receivedAt)} · ${e.raw.length} bytes · ${e.receipt.dialect} · cuts ${e.receipt.cuts}</small></h2>
  <div class="row"><img src="/receipts/${e.id}.png" alt="receipt ${e.id}" width="${sim.dotWidth}"><pre>${escapeHtml(e.receipt.log)}</pre></div>
</article>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="ja"><head><meta charset="utf-8"><meta http-equiv="refresh" content="3">
<title>madoguchi printer simulator</title>
<style>body{font-family:sans-serif;margin:1rem;background:#eee}article{background:#fff;margin:1rem 0;padding:.5rem 1rem}
.row{display:flex;gap:1.5rem;align-items:flex-start}img{border:1px solid #ccc}pre{font-size:14px}
small{color:#666;font-weight:normal}</style></head>
<body><h1>Printer simulator</h1>
<form method="post" action="/state">state: <strong>${sim.state}</strong> ${states} · dropped jobs: ${sim.droppedJobs}</form>
${tickets || '<p>No tickets yet.</p>'}
</body></html>`;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > 4096) req.destroy(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

async function handle(sim: PrinterSimulator, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const send = (status: number, type: string, body: string | Buffer): void => {
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    res.end(body);
  };
  if (req.method === 'GET' && url.pathname === '/') return send(200, 'text/html; charset=utf-8', page(sim));
  if (req.method === 'GET' && url.pathname === '/api/receipts') {
    const list = sim.entries().map((e) => ({ id: e.id, receivedAt: e.receivedAt, bytes: e.raw.length, cuts: e.receipt.cuts, text: e.receipt.text, log: e.receipt.log }));
    return send(200, 'application/json', JSON.stringify({ state: sim.state, droppedJobs: sim.droppedJobs, receipts: list }));
  }
  const m = /^\/receipts\/(\d+)\.(png|txt|bin)$/.exec(url.pathname);
  if (req.method === 'GET' && m) {
    const id = Number(m[1]);
    const entry = sim.entries().find((e) => e.id === id);
    if (!entry) return send(404, 'text/plain', 'not found');
    if (m[2] === 'png') return send(200, 'image/png', sim.png(id) ?? Buffer.alloc(0));
    if (m[2] === 'txt') return send(200, 'text/plain; charset=utf-8', entry.receipt.log);
    return send(200, 'application/octet-stream', Buffer.from(entry.raw));
  }
  if (req.method === 'POST' && url.pathname === '/state') {
    const state = new URLSearchParams(await readBody(req)).get('state') as SimulatorState | null;
    if (!state || !SIMULATOR_STATES.includes(state)) return send(400, 'text/plain', 'unknown state');
    sim.setState(state);
    res.writeHead(303, { location: '/' });
    res.end();
    return;
  }
  send(404, 'text/plain', 'not found');
}

export async function startWebView(sim: PrinterSimulator, options: { port: number; host: string }): Promise<WebView> {
  const server = createServer((req, res) => {
    handle(sim, req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('error');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
