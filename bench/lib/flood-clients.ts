/**
 * The attacker of the socket-flood benchmark, in a child process of its own (as it would be on
 * another machine): anonymous Socket.IO clients sending `site:resync` as fast as answers come,
 * coming straight back when the server disconnects them. Its work must not delay the benchmark
 * process, whose event loop times the kiosk's requests.
 *
 *   node --conditions=source --import tsx bench/lib/flood-clients.ts '{"url":"http://…","sockets":16,"inFlight":4}'
 */
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { serveRequests } from './child.js';

const o = JSON.parse(process.argv[2] ?? '{}') as { url: string; sockets?: number; inFlight?: number };
const counts = { answered: 0, refused: 0, disconnects: 0 };
const sockets: Socket[] = [];
let running = false;
let started = 0;
let seconds = 0;
let cpuAtStart = process.cpuUsage();
let cpuMs = 0;

function open(): Socket {
  const s = io(o.url, { auth: { site: 'naka' }, transports: ['websocket'], reconnection: false, forceNew: true, autoConnect: false });
  const loop = (): void => {
    if (!running || !s.connected) return;
    s.emit('site:resync', (r: { ok: boolean }) => {
      if (r.ok) counts.answered++;
      else counts.refused++;
      loop();
    });
  };
  s.on('connect', () => {
    for (let k = 0; k < (o.inFlight ?? 4); k++) loop();
  });
  s.on('disconnect', () => {
    if (!running) return;
    counts.disconnects++;
    setImmediate(() => s.connect());
  });
  s.on('connect_error', () => {
    if (running) setTimeout(() => s.connect(), 50);
  });
  return s;
}

serveRequests(
  {
    start: () => {
      running = true;
      started = performance.now();
      cpuAtStart = process.cpuUsage();
      for (let i = 0; i < (o.sockets ?? 16); i++) sockets.push(open());
      for (const s of sockets) s.connect();
      return true;
    },
    /** stops the flood; the counts add up over every start…stop */
    stop: () => {
      running = false;
      for (const s of sockets.splice(0)) s.disconnect();
      seconds += (performance.now() - started) / 1000;
      const used = process.cpuUsage(cpuAtStart);
      cpuMs += (used.user + used.system) / 1000;
      return { ...counts, seconds, cpu: cpuMs / 1000 / seconds };
    },
  },
  {},
  async () => {
    running = false;
    for (const s of sockets) s.disconnect();
  },
);
