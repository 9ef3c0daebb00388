import { connectSiteFeed, LiveStore, type SiteFeedConnection } from '@madoguchi/shared/web';
import type { RecentCall, SiteSnapshot } from '@madoguchi/shared';
import { ApiError, fetchDisplayDevice, type DisplayDevice } from './api';
import { inScope } from './scope';

export interface LiveState {
  site: SiteSnapshot | null;
  /** this display's site and its limits (queues, counters), from /auth/me */
  device: DisplayDevice | null;
  online: boolean;
  /** the server refused the device token (unknown, revoked, not a display) */
  refused: boolean;
}

const RETRY_MS = 5_000;
const REFUSED_RETRY_MS = 30_000;

/**
 * The display's live view of its site. It first asks the server what this display is (its site
 * and the queues or counters it is limited to), then opens the shared page feed with the device
 * token. Exposed as a tiny store for React's useSyncExternalStore. Calls to announce go to
 * `onAnnounce`, once each, only those in this display's scope, and never those made while the
 * connection was down (SiteFeed's rule).
 */
export class Live extends LiveStore<LiveState> {
  private connection: SiteFeedConnection | null = null;
  private closed = false;
  private connections = 0;

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
    this.connection = connectSiteFeed(
      { token: this.token },
      {
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
        onRefused: () => this.set({ refused: true }),
      },
      { reconnectionDelayMax: 4_000, dropWhenOffline: true },
    );
  }

  close(): void {
    this.closed = true;
    this.clearTimers();
    this.connection?.close();
  }
}
