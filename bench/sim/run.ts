/**
 * Runs a simulated office day against the real server: createMadoguchi on a fresh data
 * directory, listening on a local port, driven only over HTTP (kiosk, clerks, floor manager)
 * and watched by one display over Socket.IO. The simulator owns the ManualClock and moves it
 * from event to event (discrete-event simulation), so a day of eight hours runs in seconds.
 */
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TURN_ALERTS, type SiteSnapshot } from '@madoguchi/shared';
import { ManualClock } from '../../server/src/adapters/clock/manual-clock.js';
import { EmailSender } from '../../server/src/adapters/turn-alerts/email-sender.js';
import type { TurnAlertSender } from '../../server/src/ports/turn-alert-channel.js';
import { createMadoguchi, type Madoguchi } from '../../server/src/server.js';
import { FakeSmtp } from '../../test/support/fake-smtp.js';
import { Agenda } from './agenda.js';
import { Api, Display, HttpError, type CounterReply, type Issued } from './client.js';
import { bookingShare, buildDay, loadDayFile, REFERENCE_DAY, type Citizen, type DayFile, type DayOptions, type RosterEntry } from './day.js';
import { firstDifference, type Action, type Comparison, type SimAlert, type SimBooking, type SimResult, type SimTicket } from './result.js';

export { firstDifference, type Action, type Comparison, type SimAlert, type SimBooking, type SimResult, type SimTicket };

export interface RunOptions extends DayOptions {
  /** the day file (default: bench/sim/reference-day.json) */
  file?: DayFile;
  /** where the fresh data directory is made (default: tmpfs when the machine has one, see tempRoot) */
  tempRoot?: string;
  /** compare the display with the server every so many virtual minutes (default 60) */
  checkpointMinutes?: number;
  /** progress lines */
  log?: (line: string) => void;
}

type Ev =
  | { type: 'arrive'; citizen: Citizen }
  | { type: 'check-in'; citizen: Citizen; booking: SimBooking }
  | { type: 'cancel-booking'; booking: SimBooking }
  | { type: 'tick' }
  | { type: 'open'; desk: Desk; entry: RosterEntry }
  | { type: 'break'; desk: Desk; minutes: number; reason: string }
  | { type: 'resume'; desk: Desk }
  | { type: 'move'; desk: Desk; queues: string[]; primaryQueue: string | null }
  | { type: 'reach'; desk: Desk; ticket: number }
  | { type: 'served'; desk: Desk; ticket: number }
  | { type: 'recall'; desk: Desk; ticket: number; n: number }
  | { type: 'leave'; ticket: number }
  | { type: 'back'; ticket: number }
  | { type: 'return'; ticket: number }
  | { type: 'checkpoint' };

interface Desk {
  id: string;
  clerk: string;
  availability: string;
  queues: string[];
  primaryQueue: string | null;
  lowCounter: boolean;
  current: number | null;
  /** since when it has found nothing to call (null while working or not open) */
  idleSince: number | null;
  /** roster actions that wait for the current citizen to be finished */
  pending: Array<() => Promise<void>>;
}

interface Visit {
  t: SimTicket;
  c: Citizen;
  queue: string;
  transferred: boolean;
  /** left the lobby (patience) without telling anyone */
  gone: boolean;
  reinstated: boolean;
  /** signed up for a turn-near alert and left the lobby; `out` until back */
  alert: SimAlert | null;
  out: boolean;
}

const PASSWORD = 'simulated-clerk-password';
const MAIL_FROM = 'madoguchi@sim.example';
/** each alerted ticket gets an address of its own, so a mail names its ticket */
const addressOf = (ticket: number): string => `ticket-${ticket}@sim.example`;
const MESSAGE_KINDS = ['near', 'called', 'recalled', 'ended'] as const;

/** The error code of a 4xx answer (`{ error: { code } }`), or null. */
const errorCode = (e: HttpError): string | null => {
  try {
    return (JSON.parse(e.body) as { error?: { code?: string } }).error?.code ?? null;
  } catch {
    return null;
  }
};

/**
 * The simulated day's database goes to tmpfs (/dev/shm) when the machine has one: the day is
 * about the rules, the estimate and the process's own work, not the disk's fsync, which
 * `npm run bench` measures against its anchor. `--disk` (tempRoot: os.tmpdir()) runs it on disk.
 */
export function tempRoot(): string {
  try {
    accessSync('/dev/shm', constants.W_OK);
    return '/dev/shm';
  } catch {
    return tmpdir();
  }
}

const withoutAt = (s: SiteSnapshot): Omit<SiteSnapshot, 'at'> => {
  const { at: _at, ...rest } = s;
  return rest;
};

export async function simulateDay(opts: RunOptions = {}): Promise<SimResult> {
  const wall = performance.now();
  const file = opts.file ?? loadDayFile(REFERENCE_DAY);
  const day = buildDay(file, opts);
  const log = opts.log ?? (() => undefined);
  const siteDef = day.config.sites.find((s) => s.id === day.site);
  if (!siteDef) throw new Error('no site');
  const dir = mkdtempSync(join(opts.tempRoot ?? tempRoot(), 'madoguchi-sim-'));
  const booked = bookingShare(file, opts) > 0 ? file.bookings : undefined;
  // on the bookings day the server starts the evening before, when the citizens book their slots
  const clock = new ManualClock(booked ? day.at('18:00') - 86_400_000 : day.at('08:00'));
  let m: Madoguchi | null = null;
  let display: Display | null = null;
  let client: Api | null = null;
  let smtp: FakeSmtp | null = null;
  let email: EmailSender | null = null;
  try {
    // turn-near alerts go out as real mail through a local SMTP relay; the sender is the server's
    // own, wrapped only to count the sends in flight (see `delivered`)
    const relay = await FakeSmtp.start();
    smtp = relay;
    const mailer = new EmailSender({ smtpUrl: relay.url, from: MAIL_FROM, log: { warn: () => undefined, error: () => undefined } });
    email = mailer;
    let sending = 0;
    const countedMail: TurnAlertSender = {
      channel: 'email',
      send: async (contact, message) => {
        sending += 1;
        try {
          return await mailer.send(contact, message);
        } finally {
          sending -= 1;
        }
      },
    };
    // a day's arrivals come through one kiosk token here (several kiosks in a real lobby): no per-kiosk issue limit
    const config = { ...day.config, sites: day.config.sites.map((s) => ({ ...s, issueLimit: { perMinute: 1_000_000, burst: 1_000_000 } })) };
    const bookingConfig = booked ? siteDef.queues.find((q) => q.id === booked.queue)?.booking : undefined;
    if (booked && !bookingConfig) throw new Error(`the bookings day: queue ${booked.queue} has no booking configuration`);
    m = await createMadoguchi({
      dataDir: dir,
      config,
      clock,
      logger: false,
      printing: false,
      buttons: false,
      // every sign-up comes from the simulator's one address
      turnAlerts: { senders: [countedMail], signupRate: { perMinute: 1_000_000, burst: 1_000_000 } },
    });
    const server = m;
    const base = await server.app.listen({ port: 0, host: '127.0.0.1' });
    const api = new Api(base, day.site);
    client = api;

    // staff and devices, as an administrator would set them up
    const kiosk = server.auth.createDevice(day.site, 'kiosk', 'lobby kiosk 1').token;
    const displayToken = server.auth.createDevice(day.site, 'display', 'lobby display 1').token;
    await Promise.all([
      server.auth.createUser('floor', PASSWORD, 'manager'),
      ...day.roster.map((r) => server.auth.createUser(`clerk${r.counter}`, PASSWORD, 'clerk')),
    ]);
    const manager = server.auth.createStaffToken('floor', 2, 'simulator');
    display = await Display.connect(base, displayToken);
    const screen = display;

    const agenda = new Agenda<Ev>();
    const actions: Action[] = [];
    const errors: SimResult['errors'] = [];
    const tickets: SimTicket[] = [];
    const visits = new Map<number, Visit>();
    const checkpoints: Comparison[] = [];
    const desks = day.roster.map((r): Desk => {
      const def = siteDef.counters.find((c) => c.id === r.counter);
      return {
        id: r.counter,
        clerk: server.auth.createStaffToken(`clerk${r.counter}`, 2, `counter ${r.counter}`),
        availability: 'closed',
        queues: [...(def?.queues ?? [])],
        primaryQueue: def?.primaryQueue ?? null,
        lowCounter: def?.lowCounter ?? false,
        current: null,
        idleSince: null,
        pending: [],
      };
    });
    // service minutes observed so far per queue, for the naive estimate
    const observed = new Map<string, { sum: number; n: number }>();
    const started = new Map<number, number>();
    const alertRule = file.alerts ?? null;
    const alerts: SimAlert[] = [];
    const alertOf = new Map<string, Visit>();
    let mailsRead = 0;
    let strayMails = 0;

    const now = (): number => clock.now().getTime();
    // rollover, schedule and alert checks, as the server's timer runs them
    const tick = (): void => server.tick();
    const advanceTo = async (at: number): Promise<void> => {
      const before = now();
      if (at <= before) return;
      clock.set(at);
      if (Math.floor(at / 60_000) !== Math.floor(before / 60_000)) tick();
    };
    const min = (x: number): number => x * 60_000;

    /**
     * Waits until the server's alert worker has handed every mail the last change queued to the
     * relay, then reads the new mails: each arrives at the current virtual instant. The first mail
     * a citizen who left receives (the near alert, or the call when it came first) starts the way back.
     */
    const delivered = async (): Promise<void> => {
      for (;;) {
        await new Promise((resolve) => setImmediate(resolve));
        if (sending === 0) break;
        await server.turnAlerts.delivery.settled();
      }
      for (; mailsRead < relay.received.length; mailsRead++) {
        const mail = relay.received[mailsRead];
        const v = mail ? alertOf.get(mail.to[0] ?? '') : undefined;
        const kind = v && MESSAGE_KINDS.find((k) => mail?.subject === TURN_ALERTS.t('ja', `${k}.title`, { label: v.t.label }));
        if (!v?.alert || !kind) {
          strayMails += 1;
          continue;
        }
        const a = v.alert;
        if (a.mails.length === 0 && v.out) agenda.push(now() + min(a.travelMinutes), { type: 'return', ticket: a.ticket });
        a.mails.push({ kind, at: now() });
        if (kind === 'near') a.nearAt ??= now();
      }
    };
    const compare = (state: SiteSnapshot | null, snapshot: SiteSnapshot): Comparison => ({
      at: now(),
      diff: state ? firstDifference(withoutAt(state), withoutAt(snapshot)) : 'no display state',
      actions: actions.length,
      waiting: Object.fromEntries(snapshot.queues.map((q) => [q.id, q.waiting])),
    });

    const recordCounter = (c: CounterReply, desk: Desk): void => {
      desk.availability = c.availability;
      desk.queues = c.queues;
      desk.primaryQueue = c.primaryQueue;
      desk.lowCounter = c.lowCounter;
      actions.push({ kind: 'counter', at: now(), counter: c.id, availability: c.availability, queues: c.queues, primaryQueue: c.primaryQueue, lowCounter: c.lowCounter });
    };

    const tryCall = async (desk: Desk): Promise<boolean> => {
      if (desk.availability !== 'open' || desk.current !== null) return false;
      const t = await api.callNext(desk.clerk, desk.id);
      actions.push({ kind: 'call', at: now(), counter: desk.id, ticket: t?.id ?? null });
      if (!t) {
        desk.idleSince ??= now();
        return false;
      }
      desk.idleSince = null;
      desk.current = t.id;
      const v = visits.get(t.id);
      if (!v) throw new Error(`called an unknown ticket ${t.id}`);
      v.t.state = 'called';
      v.t.firstCalledAt ??= now();
      if (v.alert) v.alert.calledAt ??= now();
      const there = v.alert ? !v.out || v.reinstated || v.transferred : !v.gone && (!v.c.away || v.reinstated || v.transferred);
      if (there) agenda.push(now() + min(v.transferred ? 0.3 : v.c.walkMinutes), { type: 'reach', desk, ticket: t.id });
      else agenda.push(now() + min(file.noShow.recallEveryMinutes), { type: 'recall', desk, ticket: t.id, n: 1 });
      return true;
    };

    /** A new waiting ticket in `queue`: the counter that has been idle longest calls. */
    const wake = async (queue: string): Promise<void> => {
      const idle = desks
        .filter((d) => d.availability === 'open' && d.current === null && d.idleSince !== null && d.queues.includes(queue))
        .sort((a, b) => (a.idleSince ?? 0) - (b.idleSince ?? 0) || Number(a.id) - Number(b.id));
      for (const d of idle) if (await tryCall(d)) return;
    };

    const finished = async (desk: Desk): Promise<void> => {
      desk.current = null;
      while (desk.pending.length > 0 && desk.current === null) await desk.pending.shift()?.();
      await tryCall(desk);
    };

    const takeBreak = async (desk: Desk, minutes: number, reason: string): Promise<void> => {
      recordCounter(await api.updateCounter(desk.clerk, desk.id, { state: 'paused', reason }), desk);
      desk.idleSince = null;
      agenda.push(now() + min(minutes), { type: 'resume', desk });
    };

    /** A ticket issued to a citizen (at the kiosk, or by a booking's check-in): from now on they wait in the lobby. */
    const admit = async (c: Citizen, r: Issued, b: SimBooking | null): Promise<void> => {
      const open = desks.filter((d) => d.availability === 'open' && d.queues.includes(c.queue)).length;
      const o = observed.get(c.queue);
      const mean = o && o.n > 0 ? o.sum / o.n : (siteDef.queues.find((q) => q.id === c.queue)?.defaultServiceMinutes ?? 5);
      const t: SimTicket = {
        id: r.id,
        label: r.label,
        queue: c.queue,
        service: c.service,
        priority: r.priority,
        lowCounter: r.lowCounter,
        citizen: c.n,
        issuedAt: now(),
        ahead: r.ahead,
        estimate: r.estimatedWaitMinutes,
        naive: (r.ahead * mean) / Math.max(open, 1),
        openCounters: open,
        meanServiceAtIssue: mean,
        firstCalledAt: null,
        state: 'waiting',
        ...(b ? { booking: { code: b.code, start: b.start, end: b.end } } : {}),
      };
      tickets.push(t);
      const visit: Visit = { t, c, queue: c.queue, transferred: false, gone: false, reinstated: false, alert: null, out: false };
      visits.set(t.id, visit);
      actions.push({ kind: 'issue', at: now(), ticket: t.id, label: t.label, queue: c.queue, service: c.service, priority: t.priority, lowCounter: t.lowCounter, ...(b ? { slot: { start: b.start, end: b.end } } : {}) });
      if (alertRule && c.signsUp && !b && r.estimatedWaitMinutes > alertRule.overMinutes) {
        // the phone page's "Notify me" by e-mail; then the citizen leaves (and keeps their patience: they are not waiting in the lobby)
        await api.signUp(r.token, { channel: 'email', address: addressOf(t.id), ...(alertRule.ahead !== undefined ? { ahead: alertRule.ahead } : {}), ...(alertRule.minutes !== undefined ? { minutes: alertRule.minutes } : {}) });
        visit.alert = { ticket: t.id, citizen: c.n, signedUpAt: now(), estimate: t.estimate, travelMinutes: c.travelMinutes, nearAt: null, backAt: null, calledAt: null, mails: [] };
        visit.out = true;
        alerts.push(visit.alert);
        alertOf.set(addressOf(t.id), visit);
      } else {
        agenda.push(now() + min(c.patienceMinutes), { type: 'leave', ticket: t.id });
      }
      await wake(c.queue);
    };

    const handle = async (e: Ev): Promise<void> => {
      switch (e.type) {
        case 'arrive': {
          const c = e.citizen;
          const r = await api.takeTicket(kiosk, { queue: c.queue, service: c.service, priority: c.priority, lowCounter: c.lowCounter }, `sim-${c.n}`);
          await admit(c, r, null);
          break;
        }
        case 'check-in': {
          const { citizen: c, booking: b } = e;
          b.arrivedAt ??= now();
          let r: Issued;
          try {
            r = await api.checkIn(kiosk, b.code);
          } catch (err) {
            const code = err instanceof HttpError ? errorCode(err) : null;
            if (code === 'TOO_EARLY') {
              // the kiosk says when check-in opens: the citizen sits down and tries again then
              b.tooEarly += 1;
              const opens = Date.parse((await api.booking(b.token)).checkInFrom ?? '');
              if (!(opens > now())) throw err;
              agenda.push(opens, { type: 'check-in', citizen: c, booking: b });
              break;
            }
            if (code === 'ISSUING_CLOSED' && err instanceof HttpError) {
              // early for a slot at opening: the kiosk issues nothing before the office opens; back at opening
              b.beforeOpening += 1;
              const opens = Date.parse((JSON.parse(err.body) as { error?: { nextOpening?: string } }).error?.nextOpening ?? '');
              if (!(opens > now())) throw err;
              agenda.push(opens, { type: 'check-in', citizen: c, booking: b });
              break;
            }
            if (code === 'TOO_LATE') {
              // "ask staff": the citizen takes a walk-in ticket of the same queue
              b.tooLate = true;
              const w = await api.takeTicket(kiosk, { queue: c.queue, service: c.service, priority: c.priority, lowCounter: c.lowCounter }, `sim-${c.n}`);
              await admit(c, w, null);
              break;
            }
            throw err;
          }
          b.checkedInAt = now();
          b.ticket = r.id;
          await admit(c, r, b);
          break;
        }
        case 'cancel-booking':
          await api.cancelBooking(e.booking.token);
          e.booking.cancelledAt = now();
          break;
        case 'tick':
          break;
        case 'open': {
          if (e.entry.queues) {
            recordCounter(await api.updateCounter(manager, e.desk.id, { queues: e.entry.queues, primaryQueue: e.entry.primaryQueue ?? null }), e.desk);
          }
          recordCounter(await api.updateCounter(e.desk.clerk, e.desk.id, { state: 'open' }), e.desk);
          await tryCall(e.desk);
          break;
        }
        case 'break': {
          const { desk, minutes, reason } = e;
          if (desk.availability !== 'open') break;
          if (desk.current === null) await takeBreak(desk, minutes, reason);
          else desk.pending.push(() => takeBreak(desk, minutes, reason));
          break;
        }
        case 'resume':
          recordCounter(await api.updateCounter(e.desk.clerk, e.desk.id, { state: 'open' }), e.desk);
          await tryCall(e.desk);
          break;
        case 'move':
          recordCounter(await api.updateCounter(manager, e.desk.id, { queues: e.queues, primaryQueue: e.primaryQueue }), e.desk);
          await tryCall(e.desk);
          break;
        case 'reach': {
          const v = visits.get(e.ticket);
          if (!v) break;
          await api.counterAction(e.desk.clerk, e.desk.id, 'start');
          actions.push({ kind: 'start', at: now(), counter: e.desk.id, ticket: e.ticket });
          v.t.state = 'serving';
          started.set(e.ticket, now());
          const minutes = v.transferred ? (v.c.transfer?.serviceMinutes ?? 0) : v.c.serviceMinutes;
          agenda.push(now() + min(minutes), { type: 'served', desk: e.desk, ticket: e.ticket });
          break;
        }
        case 'served': {
          const v = visits.get(e.ticket);
          if (!v) break;
          const o = observed.get(v.queue) ?? { sum: 0, n: 0 };
          o.sum += (now() - (started.get(e.ticket) ?? now())) / 60_000;
          o.n += 1;
          observed.set(v.queue, o);
          const next = v.c.transfer;
          if (next && !v.transferred) {
            await api.transfer(e.desk.clerk, e.desk.id, next.to, next.service);
            actions.push({ kind: 'transfer', at: now(), counter: e.desk.id, ticket: e.ticket, to: next.to, service: next.service });
            v.transferred = true;
            v.queue = next.to;
            v.t.state = 'waiting';
            await finished(e.desk);
            await wake(next.to);
          } else {
            await api.counterAction(e.desk.clerk, e.desk.id, 'complete');
            actions.push({ kind: 'complete', at: now(), counter: e.desk.id, ticket: e.ticket });
            v.t.state = 'done';
            await finished(e.desk);
          }
          break;
        }
        case 'recall': {
          const v = visits.get(e.ticket);
          if (!v) break;
          if (v.alert && !v.out) {
            // back from outside while the clerk still waits: to the counter
            agenda.push(now() + min(v.c.walkMinutes), { type: 'reach', desk: e.desk, ticket: e.ticket });
            break;
          }
          if (e.n <= file.noShow.recalls) {
            await api.counterAction(e.desk.clerk, e.desk.id, 'recall');
            actions.push({ kind: 'recall', at: now(), counter: e.desk.id, ticket: e.ticket });
            agenda.push(now() + min(file.noShow.recallEveryMinutes), { type: 'recall', desk: e.desk, ticket: e.ticket, n: e.n + 1 });
            break;
          }
          await api.counterAction(e.desk.clerk, e.desk.id, 'no-show');
          actions.push({ kind: 'no-show', at: now(), counter: e.desk.id, ticket: e.ticket });
          v.t.state = 'no_show';
          if (!v.alert && !v.gone && !v.reinstated && v.c.comeBackAfter !== null) agenda.push(now() + min(v.c.comeBackAfter), { type: 'back', ticket: e.ticket });
          await finished(e.desk);
          break;
        }
        case 'leave': {
          const v = visits.get(e.ticket);
          if (!v || v.t.state !== 'waiting' || v.transferred || v.reinstated) break;
          v.gone = true;
          if (v.c.tellsStaff) {
            await api.ticketAction(manager, e.ticket, 'cancel');
            actions.push({ kind: 'cancel', at: now(), ticket: e.ticket });
            v.t.state = 'cancelled';
          }
          break;
        }
        case 'return': {
          // back in the lobby after the alert; a call missed meanwhile is asked for again at the desk
          const v = visits.get(e.ticket);
          if (!v?.alert) break;
          v.out = false;
          v.alert.backAt = now();
          if (v.t.state === 'no_show') agenda.push(now(), { type: 'back', ticket: e.ticket });
          break;
        }
        case 'back': {
          const v = visits.get(e.ticket);
          if (!v || v.t.state !== 'no_show') break;
          const counterClerk = desks.find((d) => d.availability !== 'closed')?.clerk ?? manager;
          await api.ticketAction(counterClerk, e.ticket, 'reinstate');
          actions.push({ kind: 'reinstate', at: now(), ticket: e.ticket });
          v.reinstated = true;
          v.t.state = 'waiting';
          await wake(v.queue);
          break;
        }
        case 'checkpoint': {
          const snapshot = await screen.resync();
          // socket.io keeps order: every event before the answer has reached the feed
          const state = screen.feed.state;
          checkpoints.push(compare(state, snapshot));
          break;
        }
      }
    };

    // the bookings day: the citizens who book do so the evening before, from the status page
    const made: SimBooking[] = [];
    const noSlot: number[] = [];
    const bookers = booked ? day.citizens.filter((c) => c.booking !== null) : [];
    for (const c of bookers) {
      const plan = c.booking;
      if (!booked || !plan) continue;
      const slots = (await api.bookingSlots(booked.queue, day.date)).map((x) => ({ start: Date.parse(x.start), end: Date.parse(x.end), available: x.available }));
      const wanted = slots.find((x) => x.start <= c.at && c.at < x.end)?.start ?? c.at;
      // the slot that holds the time they would have walked in, else the nearest with a place (the later of two as near)
      const slot = slots.filter((x) => x.available > 0).sort((x, y) => Math.abs(x.start - wanted) - Math.abs(y.start - wanted) || y.start - x.start)[0];
      if (!slot) {
        noSlot.push(c.n);
        agenda.push(c.at, { type: 'arrive', citizen: c });
        continue;
      }
      const r = await api.book({ queue: booked.queue, service: c.service, start: new Date(slot.start).toISOString() });
      const b: SimBooking = {
        citizen: c.n,
        code: r.code,
        token: r.token,
        queue: booked.queue,
        service: c.service,
        start: Date.parse(r.start),
        end: Date.parse(r.end),
        wanted,
        fate: plan.fate,
        arrivedAt: null,
        tooEarly: 0,
        beforeOpening: 0,
        checkedInAt: null,
        ticket: null,
        tooLate: false,
        cancelledAt: null,
      };
      made.push(b);
      if (plan.fate === 'cancels') agenda.push(day.at('08:00'), { type: 'cancel-booking', booking: b });
      else if (plan.fate === 'comes') agenda.push(b.start + min(plan.minutes), { type: 'check-in', citizen: c, booking: b });
    }
    const windowsEnd = Math.max(0, ...made.map((b) => b.start + min(bookingConfig?.checkInAfterMinutes ?? 0)));
    // past the last check-in window, so the server has ended the unused bookings before the day is read
    if (made.length > 0) agenda.push(windowsEnd + min(2), { type: 'tick' });
    for (const c of day.citizens) if (!bookers.includes(c)) agenda.push(c.at, { type: 'arrive', citizen: c });
    for (const r of day.roster) {
      const desk = desks.find((d) => d.id === r.counter);
      if (!desk) continue;
      agenda.push(day.at(r.open), { type: 'open', desk, entry: r });
      for (const b of r.breaks ?? []) agenda.push(day.at(b.at), { type: 'break', desk, minutes: b.minutes, reason: b.reason });
      for (const mv of r.moves ?? []) agenda.push(day.at(mv.at), { type: 'move', desk, queues: mv.queues, primaryQueue: mv.primaryQueue ?? null });
    }
    const every = min(opts.checkpointMinutes ?? 60);
    for (let t = day.at('09:00'); t <= day.at(opts.until ?? file.arrivals.until); t += every) agenda.push(t, { type: 'checkpoint' });
    // events that no longer apply are dropped without moving the clock (a citizen's patience
    // running out hours after being served must not carry the day past midnight)
    const stale = (e: Ev): boolean => {
      if (e.type !== 'leave' && e.type !== 'back' && e.type !== 'return') return false;
      const v = visits.get(e.ticket);
      if (!v) return true;
      if (e.type === 'return') return v.t.state !== 'waiting' && v.t.state !== 'called' && v.t.state !== 'no_show';
      return e.type === 'leave' ? v.t.state !== 'waiting' || v.transferred || v.reinstated : v.t.state !== 'no_show';
    };
    tick();

    let processed = 0;
    let lastHour = -1;
    for (let next = agenda.pop(); next; next = agenda.pop()) {
      if (stale(next.e)) continue;
      await advanceTo(next.at);
      try {
        await handle(next.e);
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        errors.push({ at: now(), what: next.e.type, message: err.message });
      }
      await delivered();
      processed += 1;
      const hour = Math.floor((now() - day.at('00:00')) / 3_600_000);
      if (hour !== lastHour) {
        lastHour = hour;
        log(`${String(hour).padStart(2, '0')}:00  ${tickets.length} tickets, ${api.requests} requests, ${((performance.now() - wall) / 1000).toFixed(1)} s`);
      }
    }
    log(`${processed} events`);

    // the day is over: every clerk signs out
    for (const d of desks) {
      if (d.availability !== 'closed') recordCounter(await api.updateCounter(d.clerk, d.id, { state: 'closed' }), d);
    }
    const endedAt = now();
    const serverSnapshot = await screen.resync();
    const finalState = screen.feed.state;
    checkpoints.push(compare(finalState, serverSnapshot));
    const status = (await api.status()) as { queues: Array<Record<string, unknown>> };
    const statusDiff = firstDifference(
      status.queues.map((q) => ({ id: q.id, waiting: q.waiting, estimatedWaitMinutes: q.estimatedWaitMinutes, lastCalled: q.lastCalled, issuing: q.issuing })),
      (finalState?.queues ?? []).map((q) => ({ id: q.id, waiting: q.waiting, estimatedWaitMinutes: q.estimatedWaitMinutes, lastCalled: q.lastCalled, issuing: q.issuing })),
    );
    const serverTickets = await api.ticketsOfToday(manager);
    const serverBookings = booked ? await api.bookingsOfDay(manager, day.date) : [];
    const report = await api.dailyReport(manager, day.date);

    return {
      day: {
        name:
          (opts.tickets === undefined && opts.until === undefined && opts.roster === undefined
            ? file.name
            : `${file.name} — shortened: about ${opts.tickets ?? 'all'} tickets until ${opts.until ?? file.arrivals.until}, roster "${opts.roster ?? 'reference'}"`) +
          (booked ? ` — with bookings (${Math.round(bookingShare(file, opts) * 100)} % of ${booked.services.join('/')} book a ${booked.queue} slot)` : ''),
        date: day.date,
        site: day.site,
        timeZone: day.timeZone,
        roster: opts.roster ?? 'reference',
        seed: opts.seed ?? file.seed,
        from: day.at(file.arrivals.from),
        until: day.at(opts.until ?? file.arrivals.until),
      },
      queues: siteDef.queues.map((q) => ({ id: q.id, priorityStreak: q.priorityStreak, transferPlacement: q.transferPlacement, defaultServiceMinutes: q.defaultServiceMinutes })),
      counters: siteDef.counters.map((c) => ({ id: c.id, queues: [...c.queues], primaryQueue: c.primaryQueue ?? null, lowCounter: c.lowCounter })),
      tickets,
      actions,
      errors,
      serverTickets,
      report,
      alerts,
      strayMails,
      bookings:
        booked && bookingConfig
          ? { queue: booked.queue, config: bookingConfig, made, noSlot, citizens: bookers.map((c) => c.n), server: serverBookings }
          : null,
      display: {
        checkpoints,
        final: finalState,
        server: serverSnapshot,
        statusDiff,
        gaps: screen.feed.gaps,
        announced: screen.announced,
      },
      endedAt,
      wallMs: performance.now() - wall,
      requests: api.requests,
    };
  } finally {
    display?.close();
    client?.close();
    await m?.close();
    email?.close();
    await smtp?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
