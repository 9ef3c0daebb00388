import { io, type Socket } from 'socket.io-client';
import {
  SITE_EVENT_TYPES,
  SiteFeed,
  type ClientToServerEvents,
  type FeedSocket,
  type ServerToClientEvents,
  type SiteEvent,
  type SiteSnapshot,
  type TicketView,
} from '@madoguchi/shared';
import { LiveStore } from '../live-store';
import { staffApi } from '../staff-api';

export type StaffSocket = Socket<ServerToClientEvents, ClientToServerEvents>;
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

const RESYNC_MS = 60_000;
const RECONNECT_MS = 2_000;
const TICKETS_RETRY_MS = 5_000;

/**
 * A staff page's live view of a site: a socket.io-client socket authenticated by the session
 * cookie (the staff view: full tickets, clerks), kept in a SiteFeed (snapshot on connect, events
 * in sequence, resync on a gap, and every minute). Today's tickets are not in the snapshot: they
 * are fetched after every snapshot and then kept from the ticket events; events that arrive while
 * the list is being fetched are applied again on top of it, so the list is never older than the
 * events. A page adds its own state and reactions through the protected hooks.
 */
export abstract class StaffLive<S extends StaffLiveState> extends LiveStore<S> {
  protected readonly socket: StaffSocket;
  protected readonly feed: SiteFeed;
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
    this.socket = io({ auth: { site: siteId }, withCredentials: true });
    this.feed = new SiteFeed(this.socket as unknown as FeedSocket, {
      onState: (site) => {
        this.patch({ site, offsetMs: Date.parse(site.at) - Date.now() });
        if (this.feed.snapshots !== this.snapshots) {
          this.snapshots = this.feed.snapshots;
          void this.loadTickets();
          this.onSnapshot();
        }
      },
      onConnection: (online) => this.patch(online ? { online, refused: false } : { online }),
    });
    for (const type of SITE_EVENT_TYPES) this.socket.on(type, (e: SiteEvent) => this.onEvent(e));
    this.socket.on('disconnect', (reason) => {
      if (reason === 'io server disconnect') this.later(RECONNECT_MS, () => this.socket.connect());
    });
    this.socket.on('connect_error', (err) => {
      if (this.socket.active) return; // a network failure: socket.io retries by itself
      if (err.message === 'UNAUTHORIZED') {
        this.patch({ refused: true });
        return;
      }
      this.later(RECONNECT_MS, () => this.socket.connect());
    });
    this.every(RESYNC_MS, () => {
      if (this.state.online) this.feed.requestResync();
    });
  }

  /** A new snapshot came (on connect, after a gap); today's tickets are being fetched again. */
  protected onSnapshot(): void {}

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
    this.socket.close();
  }
}
