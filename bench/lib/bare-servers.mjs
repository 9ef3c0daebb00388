// The anchors: the least a server can do for the same request, in a child process like the
// server under test (plain JavaScript, so nothing but Fastify or Socket.IO is loaded).
//   node bench/lib/bare-servers.mjs fastify   — POST /echo (JSON in, JSON out); GET /status with an ETag (304 on a match)
//   node bench/lib/bare-servers.mjs socketio  — Socket.IO on node:http; POST /call broadcasts the payload set over IPC
import { createServer } from 'node:http';
import Fastify from 'fastify';
import { Server } from 'socket.io';

const kind = process.argv[2];
const send = (m) => process.send?.(m);
const handlers = {
  memory: () => {
    globalThis.gc?.();
    globalThis.gc?.();
    return { ...process.memoryUsage(), dropped: 0 };
  },
};

let url;
if (kind === 'fastify') {
  const app = Fastify({ logger: false });
  let n = 0;
  app.post('/echo', async (req) => ({ id: ++n, received: req.body }));
  const status = JSON.stringify({ site: 'naka', queues: [{ id: 'certificates', waiting: 12 }, { id: 'filings', waiting: 8 }, { id: 'insurance', waiting: 5 }] });
  const etag = 'W/"bench"';
  app.get('/status', async (req, reply) => {
    reply.header('etag', etag).header('cache-control', 'public, max-age=5');
    if (req.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply.type('application/json').send(status);
  });
  url = await app.listen({ port: 0, host: '127.0.0.1' });
} else if (kind === 'socketio') {
  let payload = {};
  const http = createServer((req, res) => {
    if (req.method === 'POST' && req.url === '/call') {
      req.resume();
      req.on('end', () => {
        io.emit('ticket:called', payload);
        res.writeHead(204).end();
      });
    } else res.writeHead(404).end();
  });
  const io = new Server(http, { serveClient: false });
  handlers.payload = (m) => {
    payload = m.payload;
    return true;
  };
  await new Promise((r) => http.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${http.address().port}`;
} else {
  throw new Error(`unknown anchor ${kind}`);
}

process.on('message', (m) => {
  const h = handlers[m.cmd];
  Promise.resolve()
    .then(() => (h ? h(m) : Promise.reject(new Error(`unknown command ${m.cmd}`))))
    .then(
      (result) => send({ id: m.id, ok: true, result }),
      (e) => send({ id: m.id, ok: false, error: String(e) }),
    );
});
process.on('disconnect', () => process.exit(0));
send({ type: 'ready', info: { url, pid: process.pid } });
