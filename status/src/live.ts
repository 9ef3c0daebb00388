import { connectSiteFeed, LiveStore, type SiteFeedConnection } from '@madoguchi/shared/web';
import type { SiteEvent, SiteSnapshot } from '@madoguchi/shared';

export interface LiveState {
  site: SiteSnapshot | null;
  online: boolean;
}

const RETRY_MS = 3_000;

/**
 * An anonymous connection to one site through the shared page feed: the server gives it the
 * PUBLIC view (numbers only, no procedures), exposed as a tiny store for React's
 * useSyncExternalStore. `onEvent` sees each event as it arrives.
 */
export class Live extends LiveStore<LiveState> {
  private readonly eventListeners = new Set<(e: SiteEvent) => void>();
  private readonly connection: SiteFeedConnection;

  constructor(site: string) {
    super({ site: null, online: false });
    this.connection = connectSiteFeed(
      { site },
      {
        onState: (s) => this.set({ site: s }),
        onConnection: (online) => this.set({ online }),
        onEvent: (e) => {
          for (const l of this.eventListeners) l(e);
        },
      },
      // anonymous: nothing to refuse but the address's limits, which pass in a moment
      { retryMs: RETRY_MS, refusedCodes: [] },
    );
  }

  onEvent(listener: (e: SiteEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  close(): void {
    this.connection.close();
  }
}
