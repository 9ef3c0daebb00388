import { io, type Socket } from 'socket.io-client';
import { LiveStore } from '@madoguchi/shared/web';
import { SiteFeed, type ClientToServerEvents, type FeedSocket, type ServerToClientEvents, type SiteEvent, type SiteSnapshot } from '@madoguchi/shared';

type PublicSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface LiveState {
  site: SiteSnapshot | null;
  online: boolean;
}

/** Opening hours begin and end without events: a fresh snapshot now and then. */
const RESYNC_MS = 60_000;
const RECONNECT_MS = 3_000;

/**
 * An anonymous socket on one site: the server gives it the PUBLIC view (numbers only, no
 * procedures), kept in a SiteFeed (snapshot, events in sequence, resync on a gap) and exposed as a
 * tiny store for React's useSyncExternalStore. `onEvent` sees each event as it arrives.
 */
export class Live extends LiveStore<LiveState> {
  private readonly eventListeners = new Set<(e: SiteEvent) => void>();
  private readonly socket: PublicSocket;
  private readonly feed: SiteFeed;
  private readonly resync: ReturnType<typeof setInterval>;
  private retry: ReturnType<typeof setTimeout> | null = null;

  constructor(site: string) {
    super({ site: null, online: false });
    this.socket = io({ auth: { site } });
    this.feed = new SiteFeed(this.socket as unknown as FeedSocket, {
      onState: (s) => this.set({ site: s }),
      onConnection: (online) => this.set({ online }),
    });
    const passOn = (e: SiteEvent): void => {
      for (const l of this.eventListeners) l(e);
    };
    for (const type of ['ticket:called', 'ticket:transferred', 'ticket:started', 'ticket:completed', 'ticket:no-show', 'ticket:reinstated', 'ticket:cancelled', 'day:rolled-over'] as const) {
      this.socket.on(type, passOn as never);
    }
    const again = (): void => {
      if (this.retry) return;
      this.retry = setTimeout(() => {
        this.retry = null;
        this.socket.connect();
      }, RECONNECT_MS);
    };
    this.socket.on('disconnect', (reason) => {
      if (reason === 'io server disconnect') again();
    });
    this.socket.on('connect_error', () => {
      if (!this.socket.active) again();
    });
    this.resync = setInterval(() => {
      if (this.state.online) this.feed.requestResync();
    }, RESYNC_MS);
  }

  onEvent(listener: (e: SiteEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  close(): void {
    clearInterval(this.resync);
    if (this.retry) clearTimeout(this.retry);
    this.socket.close();
  }
}
