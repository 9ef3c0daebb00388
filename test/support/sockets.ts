/**
 * Real socket.io-client sockets against a listening test server, closed by `closeAll`, and
 * helpers that wait on socket events with a bounded timeout (never a fixed sleep).
 */
import { io as connect, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '@madoguchi/shared';

export type Client = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface OpenOptions {
  /** handshake `auth.token` (device or staff) */
  token?: string;
  /** the session cookie's value, sent as a Cookie header */
  cookie?: string;
  /** Origin header of the handshake */
  origin?: string;
  site?: string;
  /** extra headers of the handshake (X-Forwarded-For…) */
  headers?: Record<string, string>;
}

export class Sockets {
  private readonly open_: Client[] = [];

  constructor(private readonly url: () => string) {}

  open(o: OpenOptions = {}): Client {
    const headers: Record<string, string> = { ...o.headers };
    if (o.cookie !== undefined) headers.cookie = `madoguchi_session=${o.cookie}`;
    if (o.origin !== undefined) headers.origin = o.origin;
    const s: Client = connect(this.url(), {
      auth: { ...(o.token ? { token: o.token } : {}), site: o.site ?? 'naka' },
      transports: ['websocket'],
      extraHeaders: headers,
      reconnection: false,
      forceNew: true,
    });
    this.open_.push(s);
    return s;
  }

  closeAll(): void {
    for (const s of this.open_.splice(0)) s.disconnect();
  }
}

/** Resolves with the first `event` of the socket, or fails after `ms`. */
export function next<T = unknown>(socket: Client, event: string, ms = 5000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    (socket as unknown as { once(ev: string, fn: (v: T) => void): void }).once(event, (v: T) => {
      clearTimeout(timer);
      resolve(v);
    });
  });
}

/** Connected (resolves true) or refused at the handshake (resolves the error's data). */
export function handshake(socket: Client, ms = 5000): Promise<true | { code?: string; message?: string }> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`neither connect nor connect_error within ${ms} ms`)), ms);
    socket.once('connect', () => {
      clearTimeout(timer);
      resolve(true);
    });
    socket.once('connect_error', (err: Error & { data?: { code?: string; message?: string } }) => {
      clearTimeout(timer);
      resolve(err.data ?? { message: err.message });
    });
  });
}
