import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Ajv } from 'ajv';
import { Server, type Socket } from 'socket.io';
import {
  CounterCommand,
  type AlertsMessage,
  DomainError,
  type AckResult,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SiteEvent,
  type SiteSnapshot,
  type TicketView,
} from '@madoguchi/shared';
import type { EventBus } from '../../app/event-bus.js';
import type { QueueEngine } from '../../app/queue-engine.js';
import type { InstallationConfig } from '../../domain/site.js';
import type { Clock } from '../../ports/clock.js';
import type { AuthService, Principal } from '../auth/auth-service.js';
import { mayActOn, ROLE_RANK } from '../auth/auth-service.js';
import { SESSION_COOKIE } from '../http/auth-hooks.js';
import { isDiskFull, type StorageWatch } from '../sqlite/storage-watch.js';
import { CommandLimiter, type SocketLimits } from './limits.js';
import { publicEvent } from './public-view.js';
import { SnapshotCache } from './snapshot-cache.js';

export { publicEvent, publicSnapshot } from './public-view.js';

interface SocketData {
  principal: Principal | null;
  site: string;
  /** staff and counter devices see everything; displays, kiosks and phones a public view */
  audience: 'staff' | 'public';
  /** the client's address, as Fastify's request.ip would give it */
  address: string;
}

type IoServer = Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;
type IoSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export interface RealtimeDeps {
  engine: QueueEngine;
  auth: AuthService;
  bus: EventBus;
  config: InstallationConfig;
  /** time of the command limits and of the snapshots' age */
  clock: Clock;
  log: { warn(obj: unknown, msg?: string): void; error(obj: unknown, msg?: string): void };
  /**
   * Origins whose pages may use the session cookie: the public URL's and, given a handshake, the
   * request's own (as auth-hooks.ts allows HTTP writes).
   */
  allowedOrigins: (req?: IncomingMessage) => string[];
  /** the client address of a handshake, the same as Fastify's request.ip (the same trust-proxy setting) */
  clientAddress: (req: IncomingMessage) => string;
  /** command and connection limits; DEFAULT_SOCKET_LIMITS for what is not given */
  limits?: Partial<SocketLimits>;
  /** notes a full disk (logged once per spell); the ack says STORAGE_FULL */
  storage?: StorageWatch;
}

const RATE_LIMITED = { ok: false, error: { code: 'RATE_LIMITED', message: 'too many commands; slow down' } } as const;

const room = (site: string, audience: 'staff' | 'public') => `site:${site}:${audience}`;

function parseCookie(header: string | undefined, name: string): string | null {
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

/** Emits an event under its own type name (the typed map has one entry per type). */
function emitEvent(target: { emit: unknown }, e: SiteEvent): void {
  (target.emit as (this: unknown, ev: string, payload: SiteEvent) => boolean).call(target, e.type, e);
}

const ajv = new Ajv({ coerceTypes: false, allErrors: false });
const validCounterCommand = ajv.compile(CounterCommand);

/**
 * Socket.IO attached to Fastify's HTTP server: per-site rooms by audience, a snapshot on every
 * (non-recovered) connection, every committed event pushed with its sequence number, commands
 * validated with the same schemas as HTTP, revoked devices and ended sessions disconnected at once,
 * and every command counted against its socket's and (anonymous) its address's limits.
 */
export class Realtime {
  readonly io: IoServer;
  readonly limiter: CommandLimiter;
  readonly snapshots: SnapshotCache;
  private readonly unsubscribe: Array<() => void> = [];

  constructor(server: HttpServer, private readonly deps: RealtimeDeps) {
    this.io = new Server(server, {
      serveClient: false,
      maxHttpBufferSize: 16 * 1024,
      connectionStateRecovery: { maxDisconnectionDuration: 2 * 60_000, skipMiddlewares: false },
      cors: { origin: (origin, cb) => cb(null, !origin || deps.allowedOrigins().includes(origin)) },
      // the cheapest refusal: an HTTP 403 before the WebSocket upgrade (engine.io asks only for new connections)
      allowRequest: (req, cb) => {
        const ok = this.limiter.addresses.mayConnect(deps.clientAddress(req));
        cb(ok ? null : 'RATE_LIMITED', ok);
      },
    });
    this.limiter = new CommandLimiter(deps.limits ?? {}, deps.clock);
    this.snapshots = new SnapshotCache(deps.engine, deps.clock);
    this.io.use((socket, next) => {
      try {
        socket.data = this.authenticate(socket);
        if (!socket.data.principal) this.countAnonymous(socket);
        next();
      } catch (e) {
        const err = new Error(e instanceof DomainError ? e.code : 'UNAUTHORIZED') as Error & { data?: unknown };
        err.data = { code: e instanceof DomainError ? e.code : 'UNAUTHORIZED', message: e instanceof Error ? e.message : 'refused' };
        next(err);
      }
    });
    this.io.on('connection', (socket) => this.onConnection(socket));
    this.unsubscribe.push(deps.bus.subscribe((e) => this.broadcast(e)));
    this.unsubscribe.push(deps.auth.onDeviceRevoked((id) => this.disconnectDevice(id)));
    this.unsubscribe.push(deps.auth.onSessionsEnded((ids) => this.disconnectSessions(ids)));
  }

  private authenticate(socket: IoSocket): SocketData {
    const auth = (socket.handshake.auth ?? {}) as { token?: unknown; site?: unknown };
    const token = typeof auth.token === 'string' ? auth.token : parseCookie(socket.handshake.headers.cookie, SESSION_COOKIE);
    let principal: Principal | null = null;
    if (token) {
      principal = typeof auth.token === 'string' ? this.deps.auth.authenticate(token) : this.deps.auth.authenticateStaff(token);
      if (!principal) throw new DomainError('UNAUTHORIZED', 'invalid or revoked token');
    }
    if (principal && typeof auth.token !== 'string') {
      // a browser sends the cookie whichever page opens the socket: another origin's page (even another
      // port of this host) must not act with it (cross-site WebSocket hijacking), as for HTTP writes.
      // Browsers always send Origin on a WebSocket and a cross-origin request; only a same-origin
      // polling GET comes without one.
      const origin = socket.handshake.headers.origin;
      if (origin !== undefined && !this.deps.allowedOrigins(socket.request).includes(origin)) {
        throw new DomainError('FORBIDDEN', 'a socket signed in with the session cookie must come from this server’s pages');
      }
    }
    const requested = typeof auth.site === 'string' ? auth.site : undefined;
    // staff bound to some sites start at their first one when the page names none
    const ownFirst = principal?.kind === 'staff' ? principal.sites?.[0] : undefined;
    const site = principal?.kind === 'device' ? principal.siteId : (requested ?? ownFirst ?? this.deps.config.sites[0]?.id ?? '');
    if (principal?.kind === 'device' && requested && requested !== principal.siteId) {
      throw new DomainError('FORBIDDEN', 'this device belongs to another site');
    }
    if (!this.deps.config.sites.some((s) => s.id === site)) throw new DomainError('NOT_FOUND', `unknown site "${site}"`);
    // the staff room of a site carries its staff view and takes counter commands: its staff only
    if (principal?.kind === 'staff' && !mayActOn(principal, site)) throw new DomainError('FORBIDDEN', 'you are not assigned to this site');
    const audience = principal?.kind === 'staff' || (principal?.kind === 'device' && principal.deviceKind === 'counter') ? 'staff' : 'public';
    return { principal, site, audience, address: this.deps.clientAddress(socket.request) };
  }

  /** Refuses an anonymous socket beyond its address's cap; counts it out when its connection closes. */
  private countAnonymous(socket: IoSocket): void {
    const address = socket.data.address;
    if (socket.conn.readyState !== 'open') throw new DomainError('UNAUTHORIZED', 'the connection closed during the handshake');
    const verdict = this.limiter.addresses.open(address);
    if (verdict === 'too-many') throw new DomainError('RATE_LIMITED', 'too many connections from this address');
    if (verdict === 'too-fast') throw new DomainError('RATE_LIMITED', 'too many new connections from this address; wait a moment');
    socket.conn.once('close', () => this.limiter.addresses.close(address));
  }

  /** The socket's view of its site, from the shared snapshots (now, or after the next build). */
  private snapshotFor(socket: IoSocket, deliver: (s: SiteSnapshot) => void): void {
    this.snapshots.get(socket.data.site, socket.data.audience, deliver);
  }

  /** Whether the socket's credentials still hold (a session can also end by expiring). */
  private stillValid(socket: IoSocket): boolean {
    const p = socket.data.principal;
    if (!p) return true;
    return p.kind === 'staff' ? this.deps.auth.authenticateStaffById(p.sessionId) : this.deps.auth.deviceActive(p.deviceId);
  }

  /** Every incoming command passes the limits first; over them it is answered RATE_LIMITED and not run. */
  private limitCommands(socket: IoSocket): void {
    socket.use((packet, next) => {
      const verdict = this.limiter.admit(socket, socket.data.principal ? null : socket.data.address);
      if (verdict === 'ok') return next();
      const ack: unknown = packet[packet.length - 1];
      if (typeof ack === 'function') (ack as (r: typeof RATE_LIMITED) => void)(RATE_LIMITED);
      if (verdict === 'disconnect') {
        this.deps.log.warn({ address: socket.data.address, site: socket.data.site }, 'socket disconnected: it kept sending commands over its limit');
        socket.disconnect(true);
      }
    });
  }

  private onConnection(socket: IoSocket): void {
    this.limitCommands(socket);
    if (!socket.recovered) {
      void socket.join(room(socket.data.site, socket.data.audience));
      this.snapshotFor(socket, (s) => socket.emit('site:snapshot', s));
    } else {
      // the missed events were replayed before the connection completed
      socket.emit('site:caught-up', { seq: this.deps.engine.siteSeq(socket.data.site) });
    }
    socket.on('site:resync', (ack) => {
      if (typeof ack !== 'function') return;
      if (!this.stillValid(socket)) {
        socket.disconnect(true);
        return;
      }
      this.snapshotFor(socket, (data) => ack({ ok: true, data }));
    });
    const command = (name: 'call-next' | 'recall' | 'start' | 'complete' | 'no-show', run: (site: string, counter: string, p: CounterCommand) => TicketView | null) => {
      socket.on(`counter:${name}`, (payload: unknown, ack: unknown) => {
        if (typeof ack !== 'function') return;
        const reply = ack as (r: AckResult<TicketView | null>) => void;
        reply(this.runCommand(socket, payload, run));
      });
    };
    const e = this.deps.engine;
    command('call-next', (s, c, p) => e.callNext(s, c, this.actor(socket), { confirmNoShow: p.confirmNoShow ?? false }));
    command('recall', (s, c) => e.recall(s, c, this.actor(socket)));
    command('start', (s, c) => e.start(s, c, this.actor(socket)));
    command('complete', (s, c) => e.complete(s, c, this.actor(socket)));
    command('no-show', (s, c) => e.noShow(s, c, this.actor(socket)));
  }

  private actor(socket: IoSocket) {
    const p = socket.data.principal;
    if (p?.kind === 'staff') return { kind: p.role, id: p.username } as const;
    return { kind: 'device', id: p ? `${p.deviceKind}:${p.deviceId}` : 'anonymous' } as const;
  }

  private runCommand(
    socket: IoSocket,
    payload: unknown,
    run: (site: string, counter: string, p: CounterCommand) => TicketView | null,
  ): AckResult<TicketView | null> {
    try {
      const p = socket.data.principal;
      // a socket keeps working only while its credentials do
      if (!p || !this.stillValid(socket)) throw new DomainError('UNAUTHORIZED', 'sign in or use a valid token');
      const allowed = p.kind === 'staff' ? ROLE_RANK[p.role] >= ROLE_RANK.clerk : p.deviceKind === 'counter';
      if (!allowed) throw new DomainError('FORBIDDEN', 'only clerks and counter devices act at a counter');
      if (!validCounterCommand(payload)) {
        const err = validCounterCommand.errors?.[0];
        const field = (err?.params as { missingProperty?: string; additionalProperty?: string } | undefined);
        throw new DomainError('VALIDATION', `invalid command: ${err?.message ?? 'bad payload'}`, {
          field: field?.missingProperty ?? field?.additionalProperty ?? (err?.instancePath.replace(/^\//, '') || 'payload'),
        });
      }
      return { ok: true, data: run(socket.data.site, payload.counter, payload) };
    } catch (e) {
      if (e instanceof DomainError) {
        return { ok: false, error: { code: e.code, message: e.message, ...(e.details.field ? { field: e.details.field } : {}) } };
      }
      if (this.deps.storage ? this.deps.storage.failed(e, 'socket command') : isDiskFull(e)) {
        return { ok: false, error: { code: 'STORAGE_FULL', message: 'the server’s disk is full: nothing was saved' } };
      }
      this.deps.log.error({ err: e }, 'socket command failed');
      return { ok: false, error: { code: 'INTERNAL', message: 'internal error' } };
    }
  }

  private broadcast(e: SiteEvent): void {
    this.snapshots.invalidate(e.site);
    // every room gets every sequence number, so a client can tell a gap from a quiet moment
    emitEvent(this.io.to(room(e.site, 'staff')), e);
    emitEvent(this.io.to(room(e.site, 'public')), publicEvent(e));
  }

  /** Staff pages only: the set of alerts changed. */
  emitAlerts(m: AlertsMessage): void {
    this.io.to(room(m.site, 'staff')).emit('alerts', m);
  }

  private disconnectDevice(deviceId: number): void {
    for (const socket of this.io.of('/').sockets.values()) {
      const p = socket.data.principal;
      if (p?.kind === 'device' && p.deviceId === deviceId) socket.disconnect(true);
    }
  }

  private disconnectSessions(sessionIds: number[]): void {
    const ended = new Set(sessionIds);
    for (const socket of this.io.of('/').sockets.values()) {
      const p = socket.data.principal;
      if (p?.kind === 'staff' && ended.has(p.sessionId)) socket.disconnect(true);
    }
  }

  /** Disconnects every client (before the HTTP server closes: upgraded sockets would hold it open). */
  disconnectAll(): void {
    this.io.local.disconnectSockets(true);
  }

  async close(): Promise<void> {
    for (const u of this.unsubscribe) u();
    this.snapshots.close();
    this.disconnectAll();
    await new Promise<void>((resolve) => {
      void this.io.close(() => resolve());
    });
  }
}
