import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { SiteEvent, SiteSnapshot } from '@madoguchi/shared';
import { askNotifications, startCallAlert, unlockAudio, type AlertTexts } from './call-alert';
import { ApiError, fetchTicket, sendFeedback, type TicketStatus } from './api';
import { easyMark, formatTime, localized, LOCALE_TAGS, pageLang, rememberLang, roundMinutes, tr, type Language } from './i18n';
import { LangSwitch } from './lang-switch';
import { Live, type LiveState } from './live';
import { NotifyMe } from './notify';
import { registerWorker } from './service-worker';

/** The phone page asks again now and then, besides the pushes (a phone's socket sleeps with it). */
const POLL_MS = 10_000;
/** several events in a burst (call, then counts) make one request */
const REFETCH_DEBOUNCE_MS = 250;
const TERMINAL = new Set(['done', 'cancelled', 'expired']);
const NO_LIVE: LiveState = { site: null, online: false };
const noLive = {
  subscribe: () => () => undefined,
  getState: () => NO_LIVE,
};

type Load = { kind: 'loading' } | { kind: 'missing' } | { kind: 'failed' } | { kind: 'ok'; ticket: TicketStatus; at: string };

/** Does this public event concern the ticket (same queue, or the ticket itself moving)? */
function concerns(e: SiteEvent, t: TicketStatus): boolean {
  if (e.type === 'day:rolled-over') return true;
  // a ticket issued later waits behind this one: it changes nothing of it
  if (!('ticket' in e) || e.type === 'ticket:issued') return false;
  if (e.ticket.queue === t.queue || e.ticket.label === t.label) return true;
  return e.type === 'ticket:transferred' && e.fromQueue === t.queue;
}

function counterName(snapshot: SiteSnapshot | null, id: string, lang: Language): string {
  const c = snapshot?.counters.find((x) => x.id === id);
  if (c) return localized(c.name, lang);
  return tr(lang, 'ticket.counter', { id });
}

/** The call being rung (a new object for each call or recall, so that a recall rings again after an OK): its counter, from the push before the refetch brings it. */
interface Ringing {
  counter: string | null;
}

interface Props {
  token: string;
  /** what the visitor asked for (`?lang=`, the stored choice), before the ticket's language */
  asked: ReadonlyArray<string | null>;
  /** the browser's languages, after the ticket's */
  browser: readonly string[];
}

/** 受付番号のご案内: the ticket found by its token, its position and estimate, and the call. */
export function TicketApp({ token, asked, browser }: Props) {
  const [chosen, setChosen] = useState<Language | null>(null);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [live, setLive] = useState<Live | null>(null);
  const [alerts, setAlerts] = useState(false);
  const [ringing, setRinging] = useState<Ringing | null>(null);
  const { site: snapshot, online } = useSyncExternalStore(live?.subscribe ?? noLive.subscribe, live?.getState ?? noLive.getState);
  const ticket = load.kind === 'ok' ? load.ticket : null;
  const siteId = ticket?.site ?? null;
  const state = ticket?.state ?? null;
  // the visitor's switch, else what they asked for, else the language the ticket was taken in, else the browser's
  const lang = chosen ?? pageLang([...asked, ticket?.language, ...browser]);
  /** the ticket's state as last fetched; whether a push announced the current call; how many calls were pushed */
  const lastState = useRef<string | null>(null);
  const pushedCall = useRef(false);
  const pushes = useRef(0);

  useEffect(() => {
    document.documentElement.lang = LOCALE_TAGS[lang];
    document.title = tr(lang, 'ticket.title');
  }, [lang]);
  const choose = (l: Language): void => {
    setChosen(l);
    rememberLang(l);
  };

  const refetch = useCallback(async () => {
    if (!token) {
      setLoad({ kind: 'missing' });
      return;
    }
    try {
      const pushesBefore = pushes.current;
      const t = await fetchTicket(token);
      const before = lastState.current;
      lastState.current = t.state;
      // an answer overtaken by a pushed call may predate it: the refetch after the push decides
      const current = pushes.current === pushesBefore;
      if (current && t.state !== 'called') {
        pushedCall.current = false;
        setRinging(null);
      } else if (current && before !== 'called' && !pushedCall.current) {
        // called while the push was missed (the socket slept), or before the page opened: ring all the same
        setRinging({ counter: t.counter });
      }
      setLoad({ kind: 'ok', ticket: t, at: new Date().toISOString() });
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) setLoad({ kind: 'missing' });
      else setLoad((prev) => (prev.kind === 'ok' ? prev : { kind: 'failed' }));
    }
  }, [token]);

  // the worker that shows pushed alerts with the page closed (asks nothing of the citizen)
  useEffect(() => {
    void registerWorker();
  }, []);

  // the first answer, then a poll until the ticket's story has ended
  useEffect(() => {
    void refetch();
  }, [refetch]);
  useEffect(() => {
    if (state === null || TERMINAL.has(state)) return;
    const timer = setInterval(() => void refetch(), POLL_MS);
    return () => clearInterval(timer);
  }, [state, refetch]);

  // the public feed of the ticket's site: counter names, the call itself, and a refetch when its queue moves
  useEffect(() => {
    if (!siteId) return;
    const l = new Live(siteId);
    setLive(l);
    return () => {
      l.close();
      setLive(null);
    };
  }, [siteId]);
  const ticketRef = useRef<TicketStatus | null>(null);
  ticketRef.current = ticket;
  useEffect(() => {
    if (!live) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = live.onEvent((e) => {
      const t = ticketRef.current;
      if (!t || !concerns(e, t)) return;
      if (e.type === 'ticket:called' && e.ticket.label === t.label && e.ticket.queue === t.queue) {
        pushedCall.current = true;
        pushes.current += 1;
        setRinging({ counter: e.counter });
      }
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => void refetch(), REFETCH_DEBOUNCE_MS);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [live, refetch]);

  // the alert rings from the call until OK (or until the ticket moves on); its texts follow the page
  const alertTexts = useRef<() => AlertTexts>(() => ({ pageTitle: '', callTitle: '', notice: '', locale: '', tag: '' }));
  alertTexts.current = () => {
    const counter = counterName(snapshot, ticket?.counter ?? ringing?.counter ?? '', lang);
    const label = ticket?.label ?? '';
    return { pageTitle: tr(lang, 'ticket.title'), callTitle: tr(lang, 'ticket.alert.title', { label }), notice: tr(lang, 'ticket.alert.notice', { label, counter }), locale: LOCALE_TAGS[lang], tag: label };
  };
  useEffect(() => {
    if (ringing === null) return;
    return startCallAlert(() => alertTexts.current());
  }, [ringing]);

  const timeZone = snapshot?.site.timeZone ?? 'Asia/Tokyo';
  return (
    <main className={`phone state-${ticket?.state ?? load.kind}`} lang={LOCALE_TAGS[lang]} {...easyMark(lang)}>
      <LangSwitch lang={lang} onChange={choose} />
      <header className="phone-head">
        <h1>{tr(lang, 'ticket.title')}</h1>
      </header>
      {load.kind === 'loading' && <p className="message">{tr(lang, 'loading')}</p>}
      {load.kind === 'failed' && <p className="message">{tr(lang, 'error.network')}</p>}
      {load.kind === 'missing' && (
        <p className="message not-found" role="alert" data-testid="not-found">
          {tr(lang, 'ticket.notFound')}
        </p>
      )}
      {load.kind === 'ok' && (
        <TicketBody ticket={load.ticket} lang={lang} snapshot={snapshot} token={token} />
      )}
      {ringing && (
        // at once with the push, before the refetch shows the call
        <button type="button" className="alert-ok" data-testid="alert-ok" onClick={() => setRinging(null)}>
          {tr(lang, 'ticket.alert.ok')}
        </button>
      )}
      {ticket && !TERMINAL.has(ticket.state) && (
        <div className="alerts">
          {alerts ? (
            <p>{tr(lang, 'ticket.alert.on')}</p>
          ) : (
            <button
              type="button"
              data-testid="alert-enable"
              onClick={() => {
                if (unlockAudio()) setAlerts(true);
                askNotifications();
                try {
                  navigator.vibrate?.(50);
                } catch {
                  // no vibration here
                }
              }}
            >
              {tr(lang, 'ticket.alert.enable')}
            </button>
          )}
        </div>
      )}
      {load.kind === 'ok' && !TERMINAL.has(load.ticket.state) && (
        <NotifyMe token={token} lang={lang} waiting={load.ticket.state === 'waiting'} fetchedAt={load.at} />
      )}
      {load.kind === 'ok' && (
        <p className="updated">
          <span className={`dot${online ? ' on' : ''}`} aria-hidden="true" />
          {tr(lang, 'ticket.updated', { time: formatTime(lang, load.at, timeZone) })}
        </p>
      )}
    </main>
  );
}

function TicketBody({ ticket, lang, snapshot, token }: { ticket: TicketStatus; lang: Language; snapshot: SiteSnapshot | null; token: string }) {
  const queue = snapshot?.queues.find((q) => q.id === ticket.queue);
  const number = (
    <div className="number-box">
      <p className="number-label">
        {tr(lang, 'ticket.number')}
        {queue && <span className="queue-name"> · {localized(queue.name, lang)}</span>}
      </p>
      <p className="number" data-testid="ticket-number">
        {ticket.label}
      </p>
    </div>
  );
  switch (ticket.state) {
    case 'waiting':
      return (
        <section data-testid="ticket-waiting">
          {number}
          <p className="ahead" data-testid="ahead">
            {ticket.ahead ? tr(lang, 'ticket.ahead', { n: ticket.ahead }) : tr(lang, 'ticket.next')}
          </p>
          {ticket.estimatedWaitMinutes !== null && ticket.estimatedWaitMinutes > 0 && (
            <p className="estimate" data-testid="estimate">
              {tr(lang, 'ticket.estimate', { n: roundMinutes(ticket.estimatedWaitMinutes) })}
            </p>
          )}
          <p className="hint">{tr(lang, 'ticket.waitNote')}</p>
        </section>
      );
    case 'called':
      return (
        <section className="called" data-testid="ticket-called" role="alert">
          {number}
          <p className="called-head">{tr(lang, 'ticket.called')}</p>
          <p className="counter" data-testid="called-counter">
            <GoTo lang={lang} counter={counterName(snapshot, ticket.counter ?? '', lang)} />
          </p>
        </section>
      );
    case 'serving':
      return (
        <section data-testid="ticket-serving">
          {number}
          <p className="ahead">{ticket.counter ? tr(lang, 'ticket.serving', { counter: counterName(snapshot, ticket.counter, lang) }) : tr(lang, 'ticket.servingNoCounter')}</p>
        </section>
      );
    case 'done':
      return (
        <section data-testid="ticket-done">
          {number}
          <p className="ahead">{tr(lang, 'ticket.done')}</p>
          <Feedback token={token} lang={lang} />
        </section>
      );
    default:
      return (
        <section data-testid={`ticket-${ticket.state}`}>
          {number}
          <p className="message">{tr(lang, `ticket.${ticket.state}`)}</p>
        </section>
      );
  }
}

/** 「3番窓口へお越しください」 with the counter's name kept on one line */
function GoTo({ lang, counter }: { lang: Language; counter: string }) {
  const [before = '', after = ''] = tr(lang, 'ticket.goTo').split('{counter}');
  return (
    <>
      {before}
      <span className="nowrap">{counter}</span>
      {after}
    </>
  );
}

/** お客様ニーズの把握: one tap, anonymous, once. */
function Feedback({ token, lang }: { token: string; lang: Language }) {
  const [sent, setSent] = useState<'no' | 'busy' | 'yes' | 'failed'>('no');
  if (sent === 'yes') return <p className="feedback-thanks" data-testid="feedback-thanks">{tr(lang, 'feedback.thanks')}</p>;
  const send = (rating: number): void => {
    setSent('busy');
    sendFeedback(token, rating).then(
      () => setSent('yes'),
      // 409: answered already (another tab): the answer is in
      (e: unknown) => setSent(e instanceof ApiError && e.status === 409 ? 'yes' : 'failed'),
    );
  };
  return (
    <fieldset className="feedback" disabled={sent === 'busy'}>
      <legend>{tr(lang, 'feedback.question')}</legend>
      <div className="ratings">
        {[1, 2, 3, 4, 5].map((r) => (
          // named by what it shows (「4 満足」), so that a voice command saying the visible words finds it
          <button key={r} type="button" onClick={() => send(r)}>
            <span className="face">{r}</span>
            <span className="rating-text">{tr(lang, `feedback.${r}` as 'feedback.1')}</span>
          </button>
        ))}
      </div>
      <p className="hint">{sent === 'failed' ? tr(lang, 'feedback.failed') : tr(lang, 'feedback.hint')}</p>
    </fieldset>
  );
}
