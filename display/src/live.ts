import { io, type Socket } from 'socket.io-client';
import { LiveStore } from '@madoguchi/shared/web';
import {
  SiteFeed,
  type ClientToServerEvents,
  type FeedSocket,
  type RecentCall,
  type ServerToClientEvents,
  type SiteSnapshot,
} from '@madoguchi/shared';
import { ApiError, fetchDisplayDevice, type DisplayDevice } from './api';
import { inScope } from './scope';

type DisplaySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface LiveState {
  site: SiteSnapshot | null;
  /** this display's site and its limits (queues, counters), from /auth/me */
  device: DisplayDevice | null;
  online: boolean;
  /** the server refused the device token (unknown, revoked, not a display) */
  refused: boolean;
}

/** Opening hours begin and end without any event: a fresh snapshot this often keeps the states right. */
const RESYNC_MS = 60_000;
const RECONNECT_MS = 2_000;
const RETRY_MS = 5_000;
const REFUSED_RETRY_MS = 30_000;

/**
 * The display's live view of its site. It first asks the server what this display is (its site
 * and the queues or counters it is limited to), then opens a socket.io-client socket with the
 * device token, kept in the shared SiteFeed: the snapshot on every connection, events in
 * sequence, a resync on a gap. Exposed as a tiny store for React's useSyncExternalStore.
 * Calls to announce go to `onAnnounce`, once each, only those in this display's scope, and
 * never those made while the connection was down (SiteFeed's rule).
 */
export class Live extends LiveStore<LiveState> {
  private socket: DisplaySocket | null = null;
  private feed: SiteFeed | null = null;
  private resync: ReturnType<typeof setInterval> | undefined;
  private closed = false;
  private connections = 0;
  private readonly onOffline = () => {
    // The browser knows at once when its network goes; a WebSocket may take a ping timeout
    // (up to 45 s) to notice. Drop the connection now: socket.io reconnects with backoff, the
    // attempts fail until the network is back, and then the display resyncs.
    if (this.socket?.connected) this.socket.io.engine.close();
  };

  constructor(
    private readonly token: string,
    private readonly onAnnounce: (call: RecentCall) => void,
  ) {
    super({ site: null, device: null, online: false, refused: false });
    this.loadDevice(() => this.open());
  }

  /** /auth/me, retried until it answers; `then` runs after the first success. */
  private loadDevice(then?: () => void): void {
    fetchDisplayDevice(this.token).then(
      (device) => {
        if (this.closed) return;
        this.set({ device, refused: false });
        then?.();
      },
      (e: unknown) => {
        if (this.closed) return;
        const refused = e instanceof ApiError && (e.status === 401 || e.status === 403);
        if (refused) this.set({ refused: true });
        // a display that is running keeps its last known scope through a failed refresh
        if (then || refused) this.later(refused ? REFUSED_RETRY_MS : RETRY_MS, () => this.loadDevice(then));
      },
    );
  }

  private open(): void {
    const socket: DisplaySocket = io({ auth: { token: this.token }, reconnectionDelayMax: 4_000 });
    this.socket = socket;
    this.feed = new SiteFeed(socket as unknown as FeedSocket, {
      onState: (site) => this.set({ site }),
      onAnnounce: (call) => {
        const device = this.state.device;
        if (device && inScope(call, device.scope)) this.onAnnounce(call);
      },
      onConnection: (online) => {
        this.set(online ? { online, refused: false } : { online });
        // the server may have restarted with another configuration: fetch this display's scope again
        if (online && this.connections++ > 0) this.loadDevice();
      },
    });
    socket.on('disconnect', (reason) => {
      // the server ended the connection (restart, shutdown): socket.io does not come back by itself
      if (reason === 'io server disconnect') this.later(RECONNECT_MS, () => socket.connect());
    });
    socket.on('connect_error', (err) => {
      if (socket.active) return; // a network failure: socket.io retries with backoff
      // refused by the server's middleware (token revoked, wrong site): try again now and then
      if (err.message === 'UNAUTHORIZED' || err.message === 'FORBIDDEN') this.set({ refused: true });
      this.later(this.state.refused ? REFUSED_RETRY_MS : RECONNECT_MS, () => socket.connect());
    });
    window.addEventListener('offline', this.onOffline);
    this.resync = setInterval(() => {
      if (this.state.online) this.feed?.requestResync();
    }, RESYNC_MS);
  }

  close(): void {
    this.closed = true;
    clearInterval(this.resync);
    this.clearTimers();
    window.removeEventListener('offline', this.onOffline);
    this.socket?.close();
  }
}
