import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { DEFAULT_RESULT_SECONDS, errorText, formatDateTime, issuingText, LOCALE_TAGS, type Language, type SiteSnapshot } from '@madoguchi/shared';
import { LanguageContext } from '@madoguchi/shared/web';
import { ApiError, checkIn, fetchDevice, fetchQueueCatalogue, newIdempotencyKey, takeTicket, type BookableQueue, type IssuedTicket, type QueueCatalogue } from './api';
import { BookingEntry } from './components/booking-entry';
import { Keypad } from './components/keypad';
import { Header } from './components/header';
import { NO_OPTIONS, Options, type TicketOptions } from './components/options';
import { Busy, DeviceProblem, Emergency, InfoBanner, Message } from './components/overlays';
import { QueueList } from './components/queue-list';
import { Result, type PrintState } from './components/result';
import { ServiceList } from './components/service-list';
import { t } from './i18n';
import { useIdle } from './idle';
import type { Live } from './live';
import { asApiError } from '@madoguchi/shared/web';
import { useArrowKeys } from './arrow-keys';
import { AudioGuide } from './audio-guide';
import { keypadSpeech, messageSpeech, resultSpeech, servicesSpeech, startSpeech, type Speech } from './speech';

/** Back to the start (and to Japanese) after this long without a touch. */
const IDLE_MS = 60_000;
/**
 * When the slip did not print, the result screen stays until the citizen says they noted the
 * number, or after this many seconds without any touch (someone who walked away).
 */
const UNPRINTED_IDLE_SECONDS = 180;
/** A tap on the result screen returns to the start only after this long (the second tap of a double tap must not). */
const RESULT_TAP_GUARD_MS = 1500;
/** After a screen change its buttons wait this long, so that the rest of a double tap lands nowhere. */
const ARM_MS = 400;

type Screen = { kind: 'queues' } | { kind: 'services'; queue: string } | { kind: 'booking' } | { kind: 'result'; ticket: IssuedTicket; shownAt: number; booked: boolean };

/** What went wrong, kept as data so that it is shown in whatever language is chosen now. */
type Problem =
  | { kind: 'offline' }
  | { kind: 'error'; code: string; reason: string | null; nextOpening: string | null }
  /** a refused check-in: TOO_EARLY (with when check-in opens), TOO_LATE, ALREADY_CHECKED_IN, an unknown code… */
  | { kind: 'booking'; code: string; opensAt: string | null };

function problemLines(lang: Language, p: Problem, timeZone: string | undefined): string[] {
  if (p.kind === 'offline') return [t(lang, 'kiosk.offline.refused')];
  if (p.kind === 'booking') {
    if (p.code === 'TOO_EARLY' && p.opensAt) return [t(lang, 'kiosk.booking.tooEarly', { time: formatTime(lang, p.opensAt, timeZone) })];
    // 404, or a code the server finds malformed: the digits were mistyped
    if (p.code === 'NOT_FOUND' || p.code === 'VALIDATION') return [t(lang, 'kiosk.booking.notFound')];
    return [errorText(lang, p.code)];
  }
  const lines = [errorText(lang, p.code)];
  if (p.code === 'ISSUING_CLOSED' && p.reason) lines.unshift(issuingText(lang, p.reason));
  if (p.nextOpening) lines.push(t(lang, 'kiosk.queue.nextOpening', { time: formatDateTime(lang, p.nextOpening, timeZone) }));
  return lines;
}

/** A time of day such as 「10:30」, in the site's time zone. */
function formatTime(lang: Language, iso: string, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[lang], { timeZone, hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

/** The calendar day (YYYY-MM-DD) of an instant in the site's time zone. */

/** The page: `live` is the socket of this page's lifetime, made once in main.tsx with the token. */
export function App({ token, live }: { token: string | null; live: Live | null }) {
  if (!token || !live) return <DeviceProblem text={t('ja', 'kiosk.device.missing')} />;
  return <Kiosk token={token} live={live} />;
}

function Kiosk({ token, live }: { token: string; live: Live }) {
  const { site: snapshot, online, refused } = useSyncExternalStore(live.subscribe, live.getState);

  const [siteId, setSiteId] = useState<string | null>(null);
  /** seconds on the result screen, from the configuration (per site or per kiosk) */
  const [resultSeconds, setResultSeconds] = useState(DEFAULT_RESULT_SECONDS);
  const [catalogue, setCatalogue] = useState<BookableQueue[] | null>(null);
  /** whether any window type takes bookings: the kiosk then offers 予約の方 */
  /** the booking code typed so far on the keypad */
  const [code, setCode] = useState('');
  const [unauthorized, setUnauthorized] = useState(false);
  const [lang, setLang] = useState<Language>('ja');
  const [screen, setScreen] = useState<Screen>({ kind: 'queues' });
  const [options, setOptions] = useState<TicketOptions>(NO_OPTIONS);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [busy, setBusy] = useState(false);
  const [armed, setArmed] = useState(true);
  const [print, setPrint] = useState<PrintState>('none');
  /** the aids of this visit: larger text, and audio guidance (reads each screen aloud) */
  const [largeText, setLargeText] = useState(false);
  const [audio, setAudio] = useState(false);
  const inFlight = useRef(false);
  /** the ticket on the result screen, for print events that arrive at any moment */
  const shownTicket = useRef<number | null>(null);

  // which site this kiosk belongs to (and whether its token is still good)
  useEffect(() => {
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      fetchDevice(token).then(
        (device) => {
          if (stop) return;
          setSiteId(device.site);
          setResultSeconds(device.resultSeconds);
          setUnauthorized(false);
        },
        (e: unknown) => {
          if (stop) return;
          if (e instanceof ApiError && (e.status === 401 || e.status === 403)) setUnauthorized(true);
          timer = setTimeout(load, 5_000);
        },
      );
    };
    load();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [token]);

  // the procedures of each window type (not in the snapshot), fetched again on every reconnection
  // (the server may have restarted with a new configuration); step 2 is skipped until they are known
  useEffect(() => {
    if (!siteId || !online) return;
    let stop = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const load = () => {
      fetchQueueCatalogue(siteId).then(
        (q) => !stop && setCatalogue(q),
        () => {
          if (!stop) timer = setTimeout(load, 15_000);
        },
      );
    };
    load();
    return () => {
      stop = true;
      clearTimeout(timer);
    };
  }, [siteId, online]);

  // which window types take bookings: the catalogue says
  const bookable = useMemo(() => (catalogue ?? []).some((q) => q.booking !== null), [catalogue]);

  useEffect(() => {
    document.documentElement.lang = LOCALE_TAGS[lang];
  }, [lang]);

  const reset = useCallback(() => {
    shownTicket.current = null;
    setScreen({ kind: 'queues' });
    setLang('ja');
    setOptions(NO_OPTIONS);
    setCode('');
    setProblem(null);
    setLargeText(false);
    setAudio(false);
  }, []);

  // a new screen's buttons wait a moment: the second half of a double tap must not press them
  const firstScreen = useRef(true);
  useEffect(() => {
    if (firstScreen.current) {
      firstScreen.current = false;
      return;
    }
    setArmed(false);
    const timer = setTimeout(() => setArmed(true), ARM_MS);
    return () => clearTimeout(timer);
  }, [screen.kind]);

  // idle return: back to the start, in Japanese, after a while without a touch
  const pristine = screen.kind === 'queues' && lang === 'ja' && !options.priority && !options.lowCounter && problem === null && !largeText && !audio;
  useIdle(!pristine && screen.kind !== 'result', IDLE_MS, reset);

  // the slip's fate, as the print outbox reports it
  useEffect(
    () =>
      live.onPrint((e) => {
        if (e.ticketId === shownTicket.current) setPrint(e.state);
      }),
    [live],
  );

  const issue = async (queue: string, service: string | null) => {
    if (inFlight.current) return; // one tap, one request: a double tap lands here
    if (!online || !siteId) {
      setProblem({ kind: 'offline' });
      return;
    }
    inFlight.current = true;
    setBusy(true);
    const key = newIdempotencyKey(); // reused by every retry of this tap
    try {
      const ticket = await takeTicket(siteId, token, { queue, service, priority: options.priority, lowCounter: options.lowCounter, language: lang }, key);
      shownTicket.current = ticket.id;
      const seen = live.lastPrint(ticket.id);
      setPrint(seen ? seen.state : ticket.print.state);
      setScreen({ kind: 'result', ticket, shownAt: performance.now(), booked: false });
      setOptions(NO_OPTIONS);
      setProblem(null);
    } catch (e) {
      const err = asApiError(e);
      setProblem({ kind: 'error', code: err.code, reason: err.reason, nextOpening: err.nextOpening });
      setScreen({ kind: 'queues' });
      live.refresh();
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  /** 予約の方: the code typed on the keypad checks the booking in; its ticket is printed like any other. */
  const checkInBooking = async () => {
    if (inFlight.current || code.length !== 6) return;
    if (!online || !siteId) {
      setProblem({ kind: 'offline' });
      return;
    }
    inFlight.current = true;
    setBusy(true);
    try {
      const ticket = await checkIn(siteId, token, code, newIdempotencyKey());
      shownTicket.current = ticket.id;
      const seen = live.lastPrint(ticket.id);
      setPrint(seen ? seen.state : ticket.print.state);
      setScreen({ kind: 'result', ticket, shownAt: performance.now(), booked: true });
      setCode('');
      setProblem(null);
    } catch (e) {
      const err = asApiError(e);
      setProblem(err.status === 0 ? { kind: 'offline' } : { kind: 'booking', code: err.code, opensAt: err.nextOpening });
      // a mistyped or used code is typed again from the start
      setCode('');
    } finally {
      inFlight.current = false;
      setBusy(false);
    }
  };

  const chooseQueue = (queue: string) => {
    if (!online) {
      setProblem({ kind: 'offline' });
      return;
    }
    const services = catalogue?.find((q) => q.id === queue)?.services ?? [];
    if (services.length > 0) setScreen({ kind: 'services', queue });
    else void issue(queue, null);
  };

  // audio guidance: each new screen (or message, or language) is read aloud while it is on
  const siteIdRef = useRef<string | null>(null);
  siteIdRef.current = siteId;
  const [guide] = useState(() => new AudioGuide(token, () => siteIdRef.current));
  const speech = screenSpeech(snapshot, screen, catalogue, options, print, problem, bookable, code);
  const speechRef = useRef<Speech | null>(speech);
  speechRef.current = speech;
  const spokenScreen = problem
    ? 'problem'
    : screen.kind === 'result'
      ? `result-${screen.ticket.id}-${print === 'failed'}`
      : screen.kind === 'services'
        ? `services-${screen.queue}`
        : screen.kind === 'booking'
          ? `booking-${code}`
          : snapshot
            ? 'queues'
            : 'connecting';
  useEffect(() => {
    if (!audio) {
      guide.stop();
      return;
    }
    if (speechRef.current) guide.say(lang, speechRef.current);
  }, [guide, audio, lang, spokenScreen]);
  useEffect(() => () => guide.stop(), [guide]);
  const root = useRef<HTMLDivElement>(null);
  // a button reached with the arrow keys is named aloud
  const sayFocused = useCallback(
    (el: HTMLElement) => {
      if (audio) guide.say(lang, () => [spokenName(el)]);
    },
    [guide, audio, lang],
  );
  useArrowKeys(root, sayFocused);

  if (unauthorized || refused) return <DeviceProblem text={t(lang, 'kiosk.device.unauthorized')} />;

  const emergencies = snapshot?.announcements.filter((a) => a.severity === 'emergency') ?? [];
  const notices = snapshot?.announcements.filter((a) => a.severity === 'info') ?? [];
  const queueCatalogue = screen.kind === 'services' ? catalogue?.find((q) => q.id === screen.queue) : undefined;
  const disabled = busy || !armed;

  let body;
  if (!snapshot) {
    body = (
      <p className="connecting" role="status">
        {t(lang, 'kiosk.connecting')}
      </p>
    );
  } else if (screen.kind === 'result') {
    const q = snapshot.queues.find((x) => x.id === screen.ticket.queue);
    const s = catalogue?.find((x) => x.id === screen.ticket.queue)?.services.find((x) => x.id === screen.ticket.service);
    // without a slip the number on the screen is all the citizen has: only their button takes it away
    const hold = print === 'failed';
    const dismiss = () => {
      if (!hold && performance.now() - screen.shownAt >= RESULT_TAP_GUARD_MS) reset();
    };
    body = (
      // a tap anywhere returns to the start (not when the slip did not print)
      <div className="result-wrap" onClick={dismiss}>
        <Result
          ticket={screen.ticket}
          queueName={q?.name ?? null}
          serviceName={s?.name ?? null}
          print={print}
          booked={screen.booked}
          hold={hold}
          returnAfter={hold ? UNPRINTED_IDLE_SECONDS : resultSeconds}
          armAfter={RESULT_TAP_GUARD_MS}
          onDismiss={reset}
          onTimeout={reset}
        />
      </div>
    );
  } else if (screen.kind === 'services' && queueCatalogue) {
    body = (
      <>
        <Options value={options} onChange={setOptions} />
        <ServiceList queue={queueCatalogue} disabled={disabled} onChoose={(s) => void issue(queueCatalogue.id, s)} onBack={() => setScreen({ kind: 'queues' })} />
      </>
    );
  } else if (screen.kind === 'booking') {
    body = <Keypad code={code} disabled={disabled} onChange={setCode} onSubmit={() => void checkInBooking()} onBack={() => setScreen({ kind: 'queues' })} />;
  } else {
    body = (
      <>
        {snapshot.queues.some((q) => q.issuing === 'open') && <Options value={options} onChange={setOptions} />}
        <QueueList
          queues={snapshot.queues}
          timeZone={snapshot.site.timeZone}
          disabled={disabled}
          onChoose={chooseQueue}
          aside={
            bookable && (
              <BookingEntry
                disabled={disabled}
                onChoose={() => {
                  setCode('');
                  setScreen({ kind: 'booking' });
                }}
              />
            )
          }
        />
      </>
    );
  }

  return (
    <LanguageContext.Provider value={lang}>
      <div className={`kiosk screen-${screen.kind}${largeText ? ' large-text' : ''}`} data-easy={lang === 'ja-easy' ? '' : undefined} ref={root}>
        <Header
          siteName={snapshot?.site.name ?? null}
          demo={snapshot?.site.demo ?? false}
          online={online || !snapshot}
          onLanguage={setLang}
          largeText={largeText}
          onLargeText={setLargeText}
          audio={audio}
          onAudio={setAudio}
        />
        {/* under a cover (emergency, request in flight, message) the page cannot be reached by Tab either */}
        <main className="main" inert={emergencies.length > 0 || busy || problem !== null}>
          {notices.length > 0 && <InfoBanner announcements={notices} />}
          {body}
        </main>
        {emergencies.length > 0 && <Emergency announcements={emergencies} />}
        {busy && <Busy />}
        {problem && <Message lines={problemLines(lang, problem, snapshot?.site.timeZone)} onClose={() => setProblem(null)} />}
      </div>
    </LanguageContext.Provider>
  );
}

/** What the audio guidance says of the screen shown now (speech.ts); null while connecting. */
function screenSpeech(
  snapshot: SiteSnapshot | null,
  screen: Screen,
  catalogue: QueueCatalogue[] | null,
  options: TicketOptions,
  print: PrintState,
  problem: Problem | null,
  bookable: boolean,
  code: string,
): Speech | null {
  if (!snapshot) return null;
  if (problem) return messageSpeech((lang) => problemLines(lang, problem, snapshot.site.timeZone));
  if (screen.kind === 'result') {
    const q = catalogue?.find((x) => x.id === screen.ticket.queue);
    const name = snapshot.queues.find((x) => x.id === screen.ticket.queue)?.name ?? q?.name ?? null;
    return resultSpeech(screen.ticket, name, q?.services.find((x) => x.id === screen.ticket.service)?.name ?? null, print);
  }
  if (screen.kind === 'booking') return keypadSpeech(code);
  const services = screen.kind === 'services' ? catalogue?.find((q) => q.id === screen.queue) : undefined;
  if (services) return servicesSpeech(services, options);
  return startSpeech(snapshot.queues, options, snapshot.site.timeZone, bookable);
}

/** A button's words as a screen reader would say them: its text without the parts hidden from it (icons). */
function spokenName(el: HTMLElement): string {
  const copy = el.cloneNode(true) as HTMLElement;
  for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
  return (copy.textContent ?? '').trim();
}
