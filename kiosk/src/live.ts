import { connectSiteFeed, LiveStore, type SiteFeedConnection } from '@madoguchi/shared/web';
import type { PrintJobUpdated, SiteSnapshot } from '@madoguchi/shared';

export interface LiveState {
  site: SiteSnapshot | null;
  online: boolean;
  /** the server refused the device token (revoked, or not a kiosk) */
  refused: boolean;
}

/**
 * The kiosk's live view of its site (the shared page feed, authenticated with the device token),
 * exposed as a tiny store for React's useSyncExternalStore. Print outcomes are passed on as they come.
 */
export class Live extends LiveStore<LiveState> {
  private readonly printListeners = new Set<(e: PrintJobUpdated) => void>();
  private readonly connection: SiteFeedConnection;
  /** the latest print outcome of recent tickets: one can arrive before the ticket's HTTP answer */
  private readonly prints = new Map<number, PrintJobUpdated>();

  constructor(token: string) {
    super({ site: null, online: false, refused: false });
    this.connection = connectSiteFeed(
      { token },
      {
        onState: (site) => this.set({ site }),
        onConnection: (online) => this.set(online ? { online, refused: false } : { online }),
        onRefused: () => this.set({ refused: true }),
        onEvent: (e) => {
          if (e.type === 'print:updated') this.takePrint(e);
        },
      },
    );
  }

  private takePrint(e: PrintJobUpdated): void {
    this.prints.delete(e.ticketId);
    this.prints.set(e.ticketId, e);
    const oldest = this.prints.keys().next();
    if (this.prints.size > 50 && !oldest.done) this.prints.delete(oldest.value);
    for (const l of this.printListeners) l(e);
  }

  /** Asks for a fresh snapshot now (after the server refused a ticket: states may have moved). */
  refresh(): void {
    this.connection.refresh();
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
    this.connection.close();
  }
}
