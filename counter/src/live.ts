import { io, type Socket } from 'socket.io-client';
import { LiveStore } from '@madoguchi/shared/web';
import {
  SiteFeed,
  type ClientToServerEvents,
  type FeedSocket,
  type ServerToClientEvents,
  type SiteEvent,
  type SiteSnapshot,
  type TicketView,
} from '@madoguchi/shared';
import { api } from './api';

type StaffSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface LiveState {
  site: SiteSnapshot | null;
  online: boolean;
  /** the server refused the session (expired, signed out elsewhere) */
  refused: boolean;
  /** today's tickets of the site by id (waiting lists and this counter's recent tickets) */
  tickets: ReadonlyMap<number, TicketView>;
  /** tickets transferred away, with the counter they left (a transfer clears `ticket.counter`) */
  transfers: ReadonlyMap<number, { fromCounter: string | null; at: string }>;
  /** server time − this PC's time (ms): timers count in the server's time */
  offsetMs: number;
}

const TICKET_EVENTS = [
  'ticket:issued',
  'ticket:called',
  'ticket:started',
  'ticket:completed',
  'ticket:no-show',
  'ticket:reinstated',
  'ticket:cancelled',
  'ticket:transferred',
] as const;

type TicketEvent = Extract<SiteEvent, { ticket: TicketView }>;

const RESYNC_MS = 60_000;
const RECONNECT_MS = 2_000;

/**
 * The console's live view of a site: a socket.io-client socket authenticated by the session
 * cookie (the staff view: full tickets, clerks), kept in a SiteFeed (snapshot on connect, events
 * in sequence, resync on a gap). Today's tickets are not in the snapshot: they are fetched after
 * every snapshot and then kept from the ticket events; events that arrive while the list is being
 * fetched are applied again on top of it, so the list is never older than the events.
 */
export class Live extends LiveStore<LiveState> {
  private readonly socket: StaffSocket;
  private readonly feed: SiteFeed;
  private snapshots = 0;
  private buffered: TicketEvent[] | null = null;
  private fetchGen = 0;
  private readonly resync: ReturnType<typeof setInterval>;

  constructor(readonly siteId: string) {
    super({ site: null, online: false, refused: false, tickets: new Map(), transfers: new Map(), offsetMs: 0 });
    this.socket = io({ auth: { site: siteId }, withCredentials: true });
    this.feed = new SiteFeed(this.socket as unknown as FeedSocket, {
      onState: (site) => {
        this.set({ site, offsetMs: Date.parse(site.at) - Date.now() });
        if (this.feed.snapshots !== this.snapshots) {
          this.snapshots = this.feed.snapshots;
          void this.loadTickets();
        }
      },
      onConnection: (online) => this.set(online ? { online, refused: false } : { online }),
    });
    for (const type of TICKET_EVENTS) this.socket.on(type, (e: TicketEvent) => this.onTicket(e));
    this.socket.on('day:rolled-over', () => void this.loadTickets());
    this.socket.on('disconnect', (reason) => {
      if (reason === 'io server disconnect') this.later(RECONNECT_MS, () => this.socket.connect());
    });
    this.socket.on('connect_error', (err) => {
      if (this.socket.active) return; // a network failure: socket.io retries by itself
      if (err.message === 'UNAUTHORIZED') {
        this.set({ refused: true });
        return;
      }
      this.later(RECONNECT_MS, () => this.socket.connect());
    });
    this.resync = setInterval(() => {
      if (this.state.online) this.feed.requestResync();
    }, RESYNC_MS);
  }

  private onTicket(e: TicketEvent): void {
    if (this.buffered) this.buffered.push(e);
    const tickets = new Map(this.state.tickets);
    tickets.set(e.ticket.id, e.ticket);
    let transfers = this.state.transfers;
    if (e.type === 'ticket:transferred') {
      const moved = new Map(transfers);
      moved.set(e.ticket.id, { fromCounter: e.fromCounter, at: e.at });
      transfers = moved;
    }
    this.set({ tickets, transfers, offsetMs: Date.parse(e.at) - Date.now() });
  }

  private async loadTickets(): Promise<void> {
    const gen = ++this.fetchGen;
    this.buffered = [];
    try {
      const list = await api.tickets(this.siteId);
      if (gen !== this.fetchGen) return;
      const tickets = new Map(list.map((t) => [t.id, t]));
      for (const e of this.buffered) tickets.set(e.ticket.id, e.ticket);
      this.buffered = null;
      this.set({ tickets });
    } catch {
      if (gen !== this.fetchGen) return;
      this.buffered = null;
      // the events keep the list going meanwhile; try the full list again a little later
      this.later(5_000, () => void this.loadTickets());
    }
  }

  close(): void {
    this.fetchGen += 1;
    clearInterval(this.resync);
    this.clearTimers();
    this.socket.close();
  }
}
