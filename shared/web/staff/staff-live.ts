import type { AlertsMessage, SiteEvent, SiteSnapshot, TicketView } from '@madoguchi/shared';
import { LiveStore } from '../live-store';
import { connectSiteFeed, type SiteFeedConnection } from '../site-feed-client';
import { staffApi } from '../staff-api';

export type TicketEvent = Extract<SiteEvent, { ticket: TicketView }>;

/** What every staff page knows of its site, live. */
export interface StaffLiveState {
  site: SiteSnapshot | null;
  online: boolean;
  /** the server refused the session (expired, signed out elsewhere) */
  refused: boolean;
  /** today's tickets of the site by id */
  tickets: ReadonlyMap<number, TicketView>;
  /** server time − this PC's time (ms): timers count in the server's time */
  offsetMs: number;
}

const TICKETS_RETRY_MS = 5_000;

/**
 * A staff page's live view of a site: the shared page feed authenticated by the session cookie
 * (the staff view: full tickets, clerks; a refused session stays refused until the page signs in
 * again). Today's tickets are not in the snapshot: they
 * are fetched after every snapshot and then kept from the ticket events; events that arrive while
 * the list is being fetched are applied again on top of it, so the list is never older than the
 * events. A page adds its own state and reactions through the protected hooks.
 */
export abstract class StaffLive<S extends StaffLiveState> extends LiveStore<S> {
  private readonly connection: SiteFeedConnection;
  private snapshots = 0;
  private buffered: TicketEvent[] | null = null;
  private ticketGen = 0;
  private readonly intervals: Array<ReturnType<typeof setInterval>> = [];

  /** How the shared part of the state starts (a page adds its own: `{ ...StaffLive.start(), … }`). */
  protected static start(): StaffLiveState {
    return { site: null, online: false, refused: false, tickets: new Map(), offsetMs: 0 };
  }

  constructor(
    readonly siteId: string,
    initial: S,
  ) {
    super(initial);
    this.connection = connectSiteFeed(
      { site: siteId },
      {
        onState: (site) => {
          this.patch({ site, offsetMs: Date.parse(site.at) - Date.now() });
          const snapshots = this.connection.feed.snapshots;
          if (snapshots !== this.snapshots) {
            this.snapshots = snapshots;
            void this.loadTickets();
            this.onSnapshot();
          }
        },
        onConnection: (online) => this.patch(online ? { online, refused: false } : { online }),
        onRefused: () => this.patch({ refused: true }),
        onEvent: (e) => this.onEvent(e),
        onAlerts: (m) => this.onAlerts(m),
      },
      { withCredentials: true, refusedCodes: ['UNAUTHORIZED'], refusedRetryMs: null },
    );
  }

  /** A new snapshot came (on connect, after a gap); today's tickets are being fetched again. */
  protected onSnapshot(): void {}

  /** Staff only: the set of alerts changed. */
  protected onAlerts(_m: AlertsMessage): void {}

  /** Any site event, once today's tickets have taken it. */
  protected onSiteEvent(_e: SiteEvent): void {}

  /** The page's part of the state that changes with a ticket event, set together with the ticket. */
  protected withTicket(_e: TicketEvent): Partial<S> {
    return {};
  }

  /** Runs `fn` every `ms` until the store is closed. */
  protected every(ms: number, fn: () => void): void {
    this.intervals.push(setInterval(fn, ms));
  }

  /** Marks the session refused (a 401 from a page's own request): the page goes back to the sign-in. */
  protected refuse(): void {
    this.patch({ refused: true });
  }

  private patch(p: Partial<StaffLiveState>): void {
    this.set(p as Partial<S>);
  }

  private onEvent(e: SiteEvent): void {
    if ('ticket' in e) this.onTicket(e);
    if (e.type === 'day:rolled-over') void this.loadTickets();
    this.onSiteEvent(e);
  }

  private onTicket(e: TicketEvent): void {
    if (this.buffered) this.buffered.push(e);
    const tickets = new Map(this.state.tickets);
    tickets.set(e.ticket.id, e.ticket);
    this.set({ ...this.withTicket(e), tickets, offsetMs: Date.parse(e.at) - Date.now() });
  }

  private async loadTickets(): Promise<void> {
    const gen = ++this.ticketGen;
    this.buffered = [];
    try {
      const list = await staffApi.tickets(this.siteId);
      if (gen !== this.ticketGen) return;
      const tickets = new Map(list.map((t) => [t.id, t]));
      for (const e of this.buffered) tickets.set(e.ticket.id, e.ticket);
      this.buffered = null;
      this.patch({ tickets });
    } catch {
      if (gen !== this.ticketGen) return;
      this.buffered = null;
      // the events keep the list going meanwhile; try the full list again a little later
      this.later(TICKETS_RETRY_MS, () => void this.loadTickets());
    }
  }

  close(): void {
    this.ticketGen += 1;
    for (const t of this.intervals) clearInterval(t);
    this.clearTimers();
    this.connection.close();
  }
}
