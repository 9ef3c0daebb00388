/**
 * Many Socket.IO clients in the benchmark process: lobby displays (device tokens) and phones
 * watching their ticket (public: no token, the site named in `auth`), WebSocket transport.
 */
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';

export interface CrowdOptions {
  url: string;
  /** one `auth` object per client */
  auths: ReadonlyArray<Record<string, string>>;
  /** resolve a client as connected on this event (madoguchi: 'site:snapshot'); default 'connect' */
  readyEvent?: string;
  /** connecting clients at a time */
  batch?: number;
  /**
   * Give client i the address `phoneAddress(i)` through X-Forwarded-For (the server must trust
   * its proxy): phones come from many addresses, and madoguchi caps anonymous sockets per address.
   */
  distinctAddresses?: boolean;
  /** the first address's index, so crowds connected one after another do not share addresses */
  addressOffset?: number;
}

/** A client's own address, 10.x.y.z from its index. */
export const phoneAddress = (i: number): string => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;

export class Crowd {
  private constructor(readonly sockets: Socket[]) {}

  static async connect(o: CrowdOptions): Promise<Crowd> {
    const sockets: Socket[] = [];
    const batch = o.batch ?? 50;
    try {
      for (let i = 0; i < o.auths.length; i += batch) {
        const group = o.auths.slice(i, i + batch).map((auth, j) => {
          const extraHeaders: Record<string, string> = o.distinctAddresses ? { 'x-forwarded-for': phoneAddress((o.addressOffset ?? 0) + i + j) } : {};
          const s = io(o.url, { auth, transports: ['websocket'], reconnection: false, forceNew: true, timeout: 30_000, extraHeaders });
          sockets.push(s);
          return new Promise<void>((resolve, reject) => {
            s.once(o.readyEvent ?? 'connect', () => resolve());
            s.once('connect_error', (e) => reject(new Error(`client ${sockets.length}: ${e.message}`)));
          });
        });
        await Promise.all(group);
      }
    } catch (e) {
      for (const s of sockets) s.disconnect();
      throw e;
    }
    return new Crowd(sockets);
  }

  get size(): number {
    return this.sockets.length;
  }

  /** Calls `f(arrivalMs, payload)` for every `event` any client receives. */
  onEvent(event: string, f: (at: number, payload: unknown) => void): void {
    for (const s of this.sockets) s.on(event, (p: unknown) => f(performance.now(), p));
  }

  close(): void {
    for (const s of this.sockets) s.disconnect();
  }
}
