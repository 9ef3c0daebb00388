import { StaffLive, type StaffLiveState } from '@madoguchi/shared/web';
import type { Alert, AlertsMessage, ButtonStatusChanged, Dashboard, FailedPrint, SiteEvent } from '@madoguchi/shared';
import { api, ApiError } from './api';

export interface LiveState extends StaffLiveState {
  /** the figures of GET …/dashboard, or null until they came (or when the server has none) */
  dashboard: Dashboard | null;
  /** the last request for the figures failed (the page says so; the live counts go on) */
  dashboardFailed: boolean;
  /** the active alerts, from the dashboard or the `alerts` message, whichever is newer */
  alerts: Alert[];
  alertsAt: string | null;
  /** bumped each time an alert key appears that was not there before (the page beeps) */
  newAlerts: number;
  /**
   * today's tickets whose latest slip failed, by job id: from the dashboard (so failures from
   * before the page opened show too), kept up to date by `print:updated` in between
   */
  failedPrints: ReadonlyMap<number, FailedPrint>;
  /** the latest `button:status` event (the administration's learn mode waits for it) */
  lastButtonStatus: ButtonStatusChanged | null;
  /** when each counter's availability last changed, as seen in the events (newer than the figures) */
  availabilitySince: ReadonlyMap<string, { availability: string; at: string }>;
}

const DEBOUNCE_MS = 300;
const REFRESH_MS = 15_000;

const later = (a: string | null, b: string | null): boolean => a === null || (b !== null && Date.parse(b) >= Date.parse(a));

/**
 * The manager's live view of a site: the staff kit's StaffLive (the snapshot, every event through
 * a SiteFeed, today's tickets fetched after every snapshot and kept from the events), plus the
 * dashboard's figures from GET …/dashboard, fetched again (debounced) after every site event and
 * every `alerts` message, and every 15 s.
 */
export class Live extends StaffLive<LiveState> {
  private dashGen = 0;
  private debounce: ReturnType<typeof setTimeout> | null = null;
  /** the alert keys seen so far; null until the first set came (that one does not beep) */
  private known: Set<string> | null = null;
  /** `alerts` messages received: a dashboard asked for before the latest one has older alerts */
  private alertMessages = 0;

  constructor(siteId: string) {
    super(siteId, {
      ...StaffLive.start(),
      dashboard: null,
      dashboardFailed: false,
      alerts: [],
      alertsAt: null,
      newAlerts: 0,
      failedPrints: new Map(),
      lastButtonStatus: null,
      availabilitySince: new Map(),
    });
    this.every(REFRESH_MS, () => this.refreshSoon(0));
  }

  protected override onAlerts(m: AlertsMessage): void {
    if (m.site !== this.siteId) return;
    this.alertMessages += 1;
    this.set({ offsetMs: Date.parse(m.at) - Date.now() });
    this.takeAlerts(m.alerts, m.at);
    this.refreshSoon();
  }

  protected override onSnapshot(): void {
    this.refreshSoon(0);
  }

  protected override onSiteEvent(e: SiteEvent): void {
    if (e.type === 'counter:updated') {
      const known = this.state.availabilitySince.get(e.counter.id);
      if (known?.availability !== e.counter.availability) {
        const since = new Map(this.state.availabilitySince);
        since.set(e.counter.id, { availability: e.counter.availability, at: e.at });
        this.set({ availabilitySince: since });
      }
    }
    if (e.type === 'print:updated') {
      // a ticket's newer slip (printed again, or given up) settles its earlier failures
      const failed = new Map([...this.state.failedPrints].filter(([, j]) => j.ticketId !== e.ticketId));
      if (e.state === 'failed') {
        failed.set(e.job, { job: e.job, ticketId: e.ticketId, label: e.label, printer: e.printer, kiosk: e.kiosk, reason: e.reason, at: e.at });
      }
      this.set({ failedPrints: failed });
    }
    if (e.type === 'button:status') this.set({ lastButtonStatus: e });
    this.refreshSoon();
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
      this.set({
        dashboard: d,
        dashboardFailed: false,
        offsetMs: Date.parse(d.at) - Date.now(),
        failedPrints: new Map(d.failedPrints.map((j) => [j.job, j])),
      });
      if (messages === this.alertMessages) this.takeAlerts(d.alerts, d.at);
    } catch (e) {
      if (gen !== this.dashGen) return;
      if (e instanceof ApiError && e.status === 401) this.refuse();
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

  override close(): void {
    this.dashGen += 1;
    if (this.debounce) clearTimeout(this.debounce);
    super.close();
  }
}
