import type { CounterView, Language, QueueStatusView, TicketView } from '@madoguchi/shared';
import type { QueueCatalogue } from '../api';
import { named, useT } from '../i18n';

/** Waiting count and the estimated wait of each queue this counter serves (live from the snapshot). */
export function QueuePanel({ queues }: { queues: QueueStatusView[] }) {
  const { lang, tr } = useT();
  return (
    <section className="panel" aria-labelledby="queues-heading">
      <h2 id="queues-heading">{tr('queues.heading')}</h2>
      <ul className="queue-stats">
        {queues.map((q) => (
          <li key={q.id} data-queue={q.id} data-testid="queue-stat">
            <span className="queue-name">{named(q.name, lang, q.id)}</span>
            <span className="queue-waiting">{tr('queues.waiting', { count: q.waiting })}</span>
            <span className="queue-wait">
              {q.waiting === 0 ? tr('queues.wait.none') : q.estimatedWaitMinutes !== null ? tr('queues.wait', { minutes: Math.max(1, Math.round(q.estimatedWaitMinutes)) }) : ''}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** 予約: a booked ticket's mark, with its slot's start (the time it goes before walk-ins). */
export function BookedFlag({ at, timeZone }: { at: string; timeZone: string }) {
  const { tr } = useT();
  const time = new Intl.DateTimeFormat('ja-JP', { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(at));
  return (
    <span className="flag flag-booked" data-testid="booked-flag">
      {tr('ticket.booked', { time })}
    </span>
  );
}

const serviceName = (catalogue: QueueCatalogue[], t: TicketView, lang: Language): string | null => {
  if (!t.service) return null;
  const s = catalogue.find((q) => q.id === t.queue)?.services.find((x) => x.id === t.service);
  return s ? named(s.name, lang) : null;
};

const MAX_WAITING = 40;

interface WaitingProps {
  tickets: TicketView[];
  timeZone: string;
  catalogue: QueueCatalogue[];
  queueNames: (id: string) => string;
  now: number;
  disabled: boolean;
  onCall: (t: TicketView) => void;
}

/** The waiting tickets of this counter's queues, in calling order (priority first), each with "call this one". */
export function WaitingList({ tickets, timeZone, catalogue, queueNames, now, disabled, onCall }: WaitingProps) {
  const { lang, tr } = useT();
  return (
    <section className="panel panel-list" aria-labelledby="waiting-heading" data-testid="waiting">
      <h2 id="waiting-heading">
        {tr('waiting.heading')} <span className="count">{tickets.length}</span>
      </h2>
      {tickets.length === 0 ? (
        <p className="empty">{tr('waiting.none')}</p>
      ) : (
        <ol className="tickets">
          {tickets.slice(0, MAX_WAITING).map((t) => (
            <li key={t.id} data-ticket={t.label}>
              <span className="t-label">{t.label}</span>
              <span className="t-what">
                {queueNames(t.queue)}
                {serviceName(catalogue, t, lang) && ` · ${serviceName(catalogue, t, lang)}`}
                {t.booked && <BookedFlag at={t.booked} timeZone={timeZone} />}
                {t.priority && <span className="flag">{tr('ticket.priority')}</span>}
                {t.lowCounter && <span className="flag">{tr('ticket.lowCounter')}</span>}
              </span>
              <span className="t-time">{tr('waiting.waited', { minutes: Math.max(0, Math.floor((now - Date.parse(t.issuedAt)) / 60_000)) })}</span>
              <button type="button" className="small" disabled={disabled} aria-label={tr('action.callThis.label', { label: t.label })} onClick={() => onCall(t)}>
                {tr('action.callThis')}
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

export interface RecentEntry {
  ticket: TicketView;
  at: string;
  /** the queue it was transferred to, when it left this counter by a transfer */
  transferredTo: string | null;
}

interface RecentProps {
  entries: RecentEntry[];
  timeZone: string;
  queueNames: (id: string) => string;
  disabled: boolean;
  onReinstate: (t: TicketView) => void;
}

/** This counter's latest finished tickets; a no-show can be put back in its queue (the citizen came back). */
export function RecentList({ entries, timeZone, queueNames, disabled, onReinstate }: RecentProps) {
  const { tr } = useT();
  const time = new Intl.DateTimeFormat('ja-JP', { hour: '2-digit', minute: '2-digit', timeZone });
  const stateText = (e: RecentEntry): string => {
    if (e.transferredTo) return tr('recent.transferred', { queue: queueNames(e.transferredTo) });
    if (e.ticket.state === 'done') return tr('recent.done');
    if (e.ticket.state === 'no_show') return tr('recent.no_show');
    return e.ticket.state;
  };
  return (
    <section className="panel panel-list" aria-labelledby="recent-heading" data-testid="recent">
      <h2 id="recent-heading">{tr('recent.heading')}</h2>
      {entries.length === 0 ? (
        <p className="empty">{tr('recent.none')}</p>
      ) : (
        <ol className="tickets">
          {entries.map((e) => (
            <li key={e.ticket.id} data-ticket={e.ticket.label} data-state={e.transferredTo ? 'transferred' : e.ticket.state}>
              <span className="t-label">{e.ticket.label}</span>
              <span className={`t-what state-${e.ticket.state}`}>{stateText(e)}</span>
              <span className="t-time">{time.format(new Date(e.at))}</span>
              {e.ticket.state === 'no_show' && !e.transferredTo ? (
                <button type="button" className="small" disabled={disabled} aria-label={tr('action.reinstate.label', { label: e.ticket.label })} onClick={() => onReinstate(e.ticket)}>
                  {tr('action.reinstate')}
                </button>
              ) : (
                <span />
              )}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

const DONE_STATES = new Set(['done', 'no_show', 'cancelled', 'expired']);
const RECENT = 8;

/**
 * The recent entries of a counter from today's tickets, and the transfers seen since the page
 * opened (a transfer clears the ticket's counter, so only its event tells where it came from).
 */
export function recentOf(
  counter: CounterView,
  tickets: ReadonlyMap<number, TicketView>,
  transfers: ReadonlyMap<number, { fromCounter: string | null; at: string }>,
): RecentEntry[] {
  const out: RecentEntry[] = [];
  for (const t of tickets.values()) {
    const moved = transfers.get(t.id);
    if (moved?.fromCounter === counter.id && t.counter !== counter.id) {
      out.push({ ticket: t, at: moved.at, transferredTo: t.queue });
    } else if (t.counter === counter.id && DONE_STATES.has(t.state)) {
      out.push({ ticket: t, at: t.endedAt ?? t.calledAt ?? t.issuedAt, transferredTo: null });
    }
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : b.ticket.id - a.ticket.id)).slice(0, RECENT);
}

/**
 * Waiting tickets of the counter's queues in about the order "next" takes them (the server's
 * selection decides: it also knows reinstated tickets' places and the priority streak): the
 * primary queue first, priority, low-counter tickets at a low counter, then by issue time.
 */
export function waitingOf(counter: CounterView, tickets: ReadonlyMap<number, TicketView>): TicketView[] {
  const queues = new Set(counter.queues);
  const rank = (t: TicketView): number[] => [
    counter.primaryQueue && t.queue !== counter.primaryQueue ? 1 : 0,
    t.priority ? 0 : 1,
    counter.lowCounter && t.lowCounter ? 0 : 1,
  ];
  const byRank = (a: TicketView, b: TicketView): number => {
    const ra = rank(a);
    const rb = rank(b);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return (ra[i] ?? 0) - (rb[i] ?? 0);
    return a.issuedAt < b.issuedAt ? -1 : a.issuedAt > b.issuedAt ? 1 : a.id - b.id;
  };
  return [...tickets.values()].filter((t) => t.state === 'waiting' && queues.has(t.queue)).sort(byRank);
}
