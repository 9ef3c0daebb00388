import type { Actor, AnnouncementBody, ButtonStatus, CounterAvailability, IssuingMode, PrinterHealth } from '@madoguchi/shared';
import { CommitGroup } from './commit-group.js';
import { engineDeps, siteOf, type EngineDeps, type EngineInput } from './context.js';
import { IssueLimiter } from './issue-limiter.js';
import * as bookings from './booking-use-cases.js';
import * as counters from './counter-use-cases.js';
import * as dashboard from './dashboard.js';
import * as devices from './device-use-cases.js';
import * as printing from './print-use-cases.js';
import * as queries from './queries.js';
import * as site from './site-use-cases.js';
import * as tickets from './ticket-use-cases.js';
import { isLiveCall } from './live-calls.js';
import type { VoiceLanguage } from '../ports/voice.js';

/**
 * The use cases of madoguchi behind one object, for the adapters and tests. It owns what is kept
 * between use cases (the forecasts' memo, the group commit's outbox, the schedule's last state).
 */
export class QueueEngine {
  readonly deps: EngineDeps;
  private readonly issueGroup: CommitGroup;
  /** the per-device limit of the kiosk path */
  readonly issueLimiter: IssueLimiter;

  constructor(input: EngineInput) {
    const deps = engineDeps(input);
    this.deps = deps;
    site.syncConfiguration(deps);
    this.issueGroup = new CommitGroup(deps);
    this.issueLimiter = new IssueLimiter(deps.clock);
  }

  takeTicket = (siteId: string, input: tickets.TakeTicketInput, actor: Actor) => tickets.takeTicket(this.deps, siteId, input, actor);
  /** takeTicket in a group commit with the other tickets taken in the same turn (the kiosk path) */
  takeTicketGrouped = (siteId: string, input: tickets.TakeTicketInput, actor: Actor) => {
    // a device past its issue limit is refused before anything is written or numbered
    if (actor.kind === 'device') this.issueLimiter.check(siteOf(this.deps, siteId), actor.id, input.kiosk ?? null);
    return this.issueGroup.run(() => tickets.takeTicket(this.deps, siteId, input, actor));
  };
  /** how many group commits the kiosk path made, for how many tickets */
  issueGroupCounts = () => ({ ...this.issueGroup.counts });
  reinstate = (siteId: string, ticketId: number, actor: Actor) => tickets.reinstateTicket(this.deps, siteId, ticketId, actor);
  cancel = (siteId: string, ticketId: number, actor: Actor) => tickets.cancelTicket(this.deps, siteId, ticketId, actor);
  giveFeedback = (token: string, rating: number) => tickets.giveFeedback(this.deps, token, rating);

  callNext = (siteId: string, counterId: string, actor: Actor, opts?: counters.CallOptions) =>
    counters.callNextTicket(this.deps, siteId, counterId, actor, opts);
  callTicket = (siteId: string, counterId: string, ticketId: number, actor: Actor, opts?: counters.CallOptions) =>
    counters.callChosenTicket(this.deps, siteId, counterId, ticketId, actor, opts);
  recall = (siteId: string, counterId: string, actor: Actor) => counters.recallTicket(this.deps, siteId, counterId, actor);
  start = (siteId: string, counterId: string, actor: Actor) => counters.startTicket(this.deps, siteId, counterId, actor);
  complete = (siteId: string, counterId: string, actor: Actor) => counters.completeTicket(this.deps, siteId, counterId, actor);
  noShow = (siteId: string, counterId: string, actor: Actor) => counters.markNoShow(this.deps, siteId, counterId, actor);
  transfer = (siteId: string, counterId: string, target: { queue: string; service?: string | null }, actor: Actor) =>
    counters.transferTicket(this.deps, siteId, counterId, target, actor);
  setCounterState = (
    siteId: string,
    counterId: string,
    state: CounterAvailability,
    actor: Actor,
    opts?: { reason?: string | null; clerk?: string | null },
  ) => counters.setCounterState(this.deps, siteId, counterId, state, actor, opts);
  updateCounter = (siteId: string, counterId: string, update: counters.CounterUpdate, actor: Actor) =>
    counters.updateCounter(this.deps, siteId, counterId, update, actor);
  setCounterQueues = (siteId: string, counterId: string, queues: readonly string[] | null, primaryQueue: string | null, actor: Actor) =>
    counters.setCounterQueues(this.deps, siteId, counterId, queues, primaryQueue, actor);

  setIssuing = (siteId: string, input: { mode: IssuingMode; queue?: string | null; reason?: string | null }, actor: Actor) =>
    site.setIssuing(this.deps, siteId, input, actor);
  postAnnouncement = (siteId: string, input: AnnouncementBody, actor: Actor) =>
    site.postAnnouncement(this.deps, siteId, input, actor);
  clearAnnouncement = (siteId: string, id: number, actor: Actor) => site.clearAnnouncement(this.deps, siteId, id, actor);
  rolloverDay = (siteId: string) => site.rolloverDay(this.deps, siteId);
  private readonly scheduleMemo = new Map<string, string>();
  /** pushes issuing changes made by the schedule alone (opening, cut-off, closing) */
  checkSchedule = (siteId: string) => site.checkSchedule(this.deps, siteId, this.scheduleMemo);

  printOutcome = (siteId: string, jobId: number, outcome: { printed: boolean; reason?: string | null; attempts: number }) =>
    printing.printOutcome(this.deps, siteId, jobId, outcome);
  reprint = (siteId: string, ticketId: number, actor: Actor, printerId?: string | null) =>
    printing.reprintTicket(this.deps, siteId, ticketId, actor, printerId);
  discardPrintJob = (siteId: string, jobId: number, actor: Actor) => printing.discardPrintJob(this.deps, siteId, jobId, actor);
  recordPrinterHealth = (siteId: string, printerId: string, health: PrinterHealth, detail: string | null) =>
    printing.recordPrinterHealth(this.deps, siteId, printerId, health, detail);
  recordButtonStatus = (siteId: string, status: ButtonStatus) => devices.recordButtonStatus(this.deps, siteId, status);
  reportUnknownButton = (siteId: string, device: devices.UnknownButtonDevice) => devices.reportUnknownButton(this.deps, siteId, device);
  kioskPrinters = (siteId: string, kioskNames: readonly string[]) => printing.kioskPrinters(this.deps, siteId, kioskNames);
  setKioskPrinter = (siteId: string, device: string, printerId: string | null, actor: Actor) =>
    printing.setKioskPrinter(this.deps, siteId, device, printerId, actor);
  printJob = (siteId: string, jobId: number) => this.deps.store.printJob(siteId, jobId);
  pendingPrintJobs = (siteId: string) => this.deps.store.pendingPrintJobs(siteId);
  /** each printer's last reported health (printers that never reported have no row) */
  printerHealth = (siteId: string) => this.deps.store.printerHealth(siteId);
  printPayload = (siteId: string, jobId: number) => queries.printPayload(this.deps, siteId, jobId);

  status = (siteId: string) => queries.siteStatus(this.deps, siteId);
  dashboard = (siteId: string, buttons: readonly ButtonStatus[]) => dashboard.dashboard(this.deps, siteId, buttons, this.issueLimiter.currentFloods(siteId));
  movePreview = (siteId: string, counterId: string, queues: string[], primaryQueue: string | null) =>
    dashboard.movePreview(this.deps, siteId, counterId, queues, primaryQueue);
  snapshot = (siteId: string) => queries.siteSnapshot(this.deps, siteId);
  /** the site's last sequence number: whether a kept snapshot is still current */
  siteSeq = (siteId: string) => this.deps.store.siteDay(siteId).seq;
  dailyReport = (siteId: string, date: string) => queries.dailyFigures(this.deps, siteId, date).report;
  dailyCsv = (siteId: string, date: string) => queries.dailyCsv(this.deps, siteId, date);
  dailySummaryCsv = (siteId: string, date: string) => queries.dailySummaryCsv(this.deps, siteId, date);
  monthlyReport = (siteId: string, month: string) => queries.monthlyFigures(this.deps, siteId, month).report;
  monthlyCsv = (siteId: string, month: string) => queries.monthlyCsv(this.deps, siteId, month);
  monthlySummaryCsv = (siteId: string, month: string) => queries.monthlySummaryCsv(this.deps, siteId, month);
  /** whether a voice clip's text is the words of one of the site's latest calls (rendered first) */
  isLiveCall = (siteId: string, lang: VoiceLanguage, text: string) => isLiveCall(this.deps, siteId, lang, text);
  ticketStatus = (token: string) => queries.ticketStatus(this.deps, token);

  // ── bookings (来庁予約, docs/bookings.md)
  bookingSlots = (siteId: string, queueId: string, date: string) => bookings.bookingSlots(this.deps, siteId, queueId, date);
  createBooking = (siteId: string, input: bookings.CreateBookingInput) => bookings.createBooking(this.deps, siteId, input, this.deps.config.publicUrl);
  booking = (token: string) => bookings.bookingByToken(this.deps, token);
  cancelBooking = (token: string) => bookings.cancelByToken(this.deps, token);
  cancelBookingByStaff = (siteId: string, code: string, reason: string, actor: Actor) => bookings.cancelByStaff(this.deps, siteId, code, reason, actor);
  /** a check-in by a kiosk device passes its issue limit first, like a ticket */
  checkIn = (siteId: string, code: string, input: bookings.CheckInInput, actor: Actor) => {
    if (actor.kind === 'device') this.issueLimiter.check(siteOf(this.deps, siteId), actor.id, input.kiosk ?? null);
    return bookings.checkIn(this.deps, siteId, code, input, actor);
  };
  bookingsOfDay = (siteId: string, date: string) => bookings.bookingsOfDay(this.deps, siteId, date);
  closeBookingDay = (siteId: string, date: string, queueId: string | null, reason: string, actor: Actor) =>
    bookings.closeBookingDay(this.deps, siteId, date, queueId, reason, actor);
  reopenBookingDay = (siteId: string, date: string, queueId: string | null, actor: Actor) => bookings.reopenBookingDay(this.deps, siteId, date, queueId, actor);
  /** open bookings past their check-in window become no-shows (the tick runs it) */
  endBookingNoShows = (siteId: string) => bookings.endNoShows(this.deps, siteId);
  counters = (siteId: string) => queries.listCounters(this.deps, siteId);
  ticketsOfToday = (siteId: string) => queries.ticketsOfToday(this.deps, siteId);
}
