import { io, type Socket } from 'socket.io-client';
import { LiveStore } from '@madoguchi/shared/web';
import {
  SiteFeed,
  type ClientToServerEvents,
  type FeedSocket,
  type PrintJobUpdated,
  type ServerToClientEvents,
  type SiteSnapshot,
} from '@madoguchi/shared';

type KioskSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface LiveState {
  site: SiteSnapshot | null;
  online: boolean;
  /** the server refused the device token (revoked, or not a kiosk) */
  refused: boolean;
}

/** How often the kiosk asks for a fresh snapshot: opening hours begin and end without events. */
const RESYNC_MS = 60_000;
const RECONNECT_MS = 2_000;
const REFUSED_RETRY_MS = 30_000;

/**
 * The kiosk's live view of its site: a socket.io-client socket authenticated with the device
 * token, kept in a SiteFeed (snapshot on connect, events in sequence, resync on a gap), exposed
 * as a tiny store for React's useSyncExternalStore. Print outcomes are passed on as they come.
 */
export class Live extends LiveStore<LiveState> {
  private readonly printListeners = new Set<(e: PrintJobUpdated) => void>();
  private readonly socket: KioskSocket;
  private readonly feed: SiteFeed;
  /** the latest print outcome of recent tickets: one can arrive before the ticket's HTTP answer */
  private readonly prints = new Map<number, PrintJobUpdated>();
  private readonly resync: ReturnType<typeof setInterval>;

  constructor(token: string) {
    super({ site: null, online: false, refused: false });
    this.socket = io({ auth: { token } });
    this.feed = new SiteFeed(this.socket as unknown as FeedSocket, {
      onState: (site) => this.set({ site }),
      onConnection: (online) => this.set(online ? { online, refused: false } : { online }),
    });
    this.socket.on('print:updated', (e) => {
      this.prints.delete(e.ticketId);
      this.prints.set(e.ticketId, e);
      if (this.prints.size > 50) this.prints.delete(this.prints.keys().next().value as number);
      for (const l of this.printListeners) l(e);
    });
    this.socket.on('disconnect', (reason) => {
      // the server ended the connection (restart, shutdown): socket.io does not come back by itself
      if (reason === 'io server disconnect') this.later(RECONNECT_MS, () => this.socket.connect());
    });
    this.socket.on('connect_error', (err) => {
      if (this.socket.active) return; // a network failure: socket.io retries with backoff
      // refused by the server's middleware (token revoked, wrong site): try again now and then
      if (err.message === 'UNAUTHORIZED' || err.message === 'FORBIDDEN') this.set({ refused: true });
      this.later(this.state.refused ? REFUSED_RETRY_MS : RECONNECT_MS, () => this.socket.connect());
    });
    this.resync = setInterval(() => {
      if (this.state.online) this.feed.requestResync();
    }, RESYNC_MS);
  }

  /** Asks for a fresh snapshot now (after the server refused a ticket: states may have moved). */
  refresh(): void {
    if (this.state.online) this.feed.requestResync();
  }

  /** The latest print event seen for a ticket, if any. */
  lastPrint(ticketId: number): PrintJobUpdated | undefined {
    return this.prints.get(ticketId);
  }

  onPrint(listener: (e: PrintJobUpdated) => void): () => void {
    this.printListeners.add(listener);
    return () => this.printListeners.delete(listener);
  }

  close(): void {
    clearInterval(this.resync);
    this.clearTimers();
    this.socket.close();
  }
}
