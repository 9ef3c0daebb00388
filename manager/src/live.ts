import { io, type Socket } from 'socket.io-client';
import { LiveStore } from '@madoguchi/shared/web';
import {
  SITE_EVENT_TYPES,
  SiteFeed,
  type Alert,
  type AlertsMessage,
  type ButtonStatusChanged,
  type ClientToServerEvents,
  type Dashboard,
  type FeedSocket,
  type PrintJobUpdated,
  type ServerToClientEvents,
  type SiteEvent,
  type SiteSnapshot,
  type TicketView,
} from '@madoguchi/shared';
import { api, ApiError } from './api';

type StaffSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface LiveState {
  site: SiteSnapshot | null;
  online: boolean;
  /** the server refused the session (expired, signed out elsewhere) */
  refused: boolean;
  /** the figures of GET …/dashboard, or null until they came (or when the server has none) */
  dashboard: Dashboard | null;
  /** the last request for the figures failed (the page says so; the live counts go on) */
  dashboardFailed: boolean;
  /** the active alerts, from the dashboard or the `alerts` message, whichever is newer */
  alerts: Alert[];
  alertsAt: string | null;
  /** bumped each time an alert key appears that was not there before (the page beeps) */
  newAlerts: number;
  /** today's tickets of the site by id */
  tickets: ReadonlyMap<number, TicketView>;
  /** print jobs that failed since this page opened (from `print:updated`), by job id */
  failedPrints: ReadonlyMap<number, PrintJobUpdated>;
  /** the latest `button:status` event (the administration's learn mode waits for it) */
  lastButtonStatus: ButtonStatusChanged | null;
  /** when each counter's availability last changed, as seen in the events (newer than the figures) */
  availabilitySince: ReadonlyMap<string, { availability: string; at: string }>;
  /** server time − this PC's time (ms): timers count in the server's time */
  offsetMs: number;
}

type TicketEvent = Extract<SiteEvent, { ticket: TicketView }>;

const DEBOUNCE_MS = 300;
const REFRESH_MS = 15_000;
const RESYNC_MS = 60_000;
const RECONNECT_MS = 2_000;

const later = (a: string | null, b: string | null): boolean => a === null || (b !== null && Date.parse(b) >= Date.parse(a));

/**
 * The manager's live view of a site. The staff socket (authenticated by the session cookie) gives
 * the snapshot and every event through a SiteFeed; the dashboard's figures come from
 * GET …/dashboard, fetched again (debounced) after every site event and every `alerts` message,
 * and every 15 s. Today's tickets are fetched after every snapshot and kept from the events.
 */
export class Live extends LiveStore<LiveState> {
  private readonly socket: StaffSocket;
  private readonly feed: SiteFeed;
  private snapshots = 0;
  private buffered: TicketEvent[] | null = null;
  private ticketGen = 0;
  private dashGen = 0;
  private debounce: ReturnType<typeof setTimeout> | null = null;
  private readonly intervals: Array<ReturnType<typeof setInterval>> = [];
  /** the alert keys seen so far; null until the first set came (that one does not beep) */
  private known: Set<string> | null = null;
  /** `alerts` messages received: a dashboard asked for before the latest one has older alerts */
  private alertMessages = 0;

  constructor(readonly siteId: string) {
    super({
      site: null,
      online: false,
      refused: false,
      dashboard: null,
      dashboardFailed: false,
      alerts: [],
      alertsAt: null,
      newAlerts: 0,
      tickets: new Map(),
      failedPrints: new Map(),
      lastButtonStatus: null,
      availabilitySince: new Map(),
      offsetMs: 0,
    });
    this.socket = io({ auth: { site: siteId }, withCredentials: true });
    this.feed = new SiteFeed(this.socket as unknown as FeedSocket, {
      onState: (site) => {
        this.set({ site, offsetMs: Date.parse(site.at) - Date.now() });
        if (this.feed.snapshots !== this.snapshots) {
          this.snapshots = this.feed.snapshots;
          void this.loadTickets();
          this.refreshSoon(0);
        }
      },
      onConnection: (online) => this.set(online ? { online, refused: false } : { online }),
    });
    for (const type of SITE_EVENT_TYPES) this.socket.on(type, (e: SiteEvent) => this.onEvent(e));
    this.socket.on('alerts', (m: AlertsMessage) => {
      if (m.site !== this.siteId) return;
      this.alertMessages += 1;
      this.set({ offsetMs: Date.parse(m.at) - Date.now() });
      this.takeAlerts(m.alerts, m.at);
      this.refreshSoon();
    });
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
    this.intervals.push(
      setInterval(() => this.refreshSoon(0), REFRESH_MS),
      setInterval(() => {
        if (this.state.online) this.feed.requestResync();
      }, RESYNC_MS),
    );
  }

  private onEvent(e: SiteEvent): void {
    if (e.type === 'counter:updated') {
      const known = this.state.availabilitySince.get(e.counter.id);
      if (known?.availability !== e.counter.availability) {
        const since = new Map(this.state.availabilitySince);
        since.set(e.counter.id, { availability: e.counter.availability, at: e.at });
        this.set({ availabilitySince: since });
      }
    }
    if ('ticket' in e) this.onTicket(e);
    if (e.type === 'day:rolled-over') void this.loadTickets();
    if (e.type === 'print:updated') {
      const failed = new Map(this.state.failedPrints);
      if (e.state === 'failed') failed.set(e.job, e);
      else failed.delete(e.job);
      this.set({ failedPrints: failed });
    }
    if (e.type === 'button:status') this.set({ lastButtonStatus: e });
    this.refreshSoon();
  }

  private onTicket(e: TicketEvent): void {
    if (this.buffered) this.buffered.push(e);
    const tickets = new Map(this.state.tickets);
    tickets.set(e.ticket.id, e.ticket);
    this.set({ tickets, offsetMs: Date.parse(e.at) - Date.now() });
  }

  private async loadTickets(): Promise<void> {
    const gen = ++this.ticketGen;
    this.buffered = [];
    try {
      const list = await api.tickets(this.siteId);
      if (gen !== this.ticketGen) return;
      const tickets = new Map(list.map((t) => [t.id, t]));
      for (const e of this.buffered) tickets.set(e.ticket.id, e.ticket);
      this.buffered = null;
      this.set({ tickets });
    } catch {
      if (gen !== this.ticketGen) return;
      this.buffered = null;
      // the events keep the list going meanwhile; try the full list again a little later
      this.later(5_000, () => void this.loadTickets());
    }
  }

  /** Fetches the dashboard after `ms` of quiet: a burst of events costs one request. */
  refreshSoon(ms = DEBOUNCE_MS): void {
    if (this.debounce) clearTimeout(this.debounce);
    this.debounce = setTimeout(() => {
      this.debounce = null;
      void this.loadDashboard();
    }, ms);
  }

  private async loadDashboard(): Promise<void> {
    const gen = ++this.dashGen;
    const messages = this.alertMessages;
    try {
      const d = await api.dashboard(this.siteId);
      if (gen !== this.dashGen) return; // a newer answer is on its way
      this.set({ dashboard: d, dashboardFailed: false, offsetMs: Date.parse(d.at) - Date.now() });
      if (messages === this.alertMessages) this.takeAlerts(d.alerts, d.at);
    } catch (e) {
      if (gen !== this.dashGen) return;
      if (e instanceof ApiError && e.status === 401) this.set({ refused: true });
      else this.set({ dashboardFailed: true });
      // the snapshot keeps the live part of the page going; the next refresh tries again
    }
  }

  private takeAlerts(alerts: Alert[], at: string): void {
    if (!later(this.state.alertsAt, at)) return; // an older answer than the one shown
    const keys = new Set(alerts.map((a) => a.key));
    const fresh = this.known !== null && [...keys].some((k) => !this.known?.has(k));
    this.known = keys;
    this.set({ alerts, alertsAt: at, ...(fresh ? { newAlerts: this.state.newAlerts + 1 } : {}) });
  }

  /** Forgets a failed print once staff dealt with it (the event confirms it later). */
  dropFailedPrint(job: number): void {
    const failed = new Map(this.state.failedPrints);
    failed.delete(job);
    this.set({ failedPrints: failed });
  }

  close(): void {
    this.ticketGen += 1;
    this.dashGen += 1;
    if (this.debounce) clearTimeout(this.debounce);
    for (const t of this.intervals) clearInterval(t);
    this.clearTimers();
    this.socket.close();
  }
}
