import { useCallback, useEffect, useRef, useState } from 'react';
import { localized, type Language } from '@madoguchi/shared';
import { asApiError } from '@madoguchi/shared/web';
import { cancelBooking, fetchBooking, fetchQueues, type BookableQueue, type Booking } from './booking-api';
import { bt, formatClock, formatSlot } from './booking-format';
import { easyMark, LOCALE_TAGS, pageLang, rememberLang, tr } from './i18n';
import { LangSwitch } from './lang-switch';

/** The public API gives no site time zone; every configured office is in Japan. */
const TIME_ZONE = 'Asia/Tokyo';
/** The page asks again now and then: a check-in at the kiosk turns it into a link to the ticket. */
const POLL_MS = 30_000;

type Load = { kind: 'loading' } | { kind: 'missing' } | { kind: 'failed' } | { kind: 'ok'; booking: Booking };

interface Props {
  token: string;
  asked: ReadonlyArray<string | null>;
  browser: readonly string[];
}

/** 来庁予約の確認 (`/b/{token}`): the booking's code, window type, time and state; cancel it; once checked in, the ticket's phone page. */
export function BookingApp({ token, asked, browser }: Props) {
  const [chosen, setChosen] = useState<Language | null>(null);
  const [load, setLoad] = useState<Load>({ kind: 'loading' });
  const [queues, setQueues] = useState<BookableQueue[]>([]);
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [justCancelled, setJustCancelled] = useState(false);
  const question = useRef<HTMLParagraphElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const stateLine = useRef<HTMLParagraphElement>(null);
  const booking = load.kind === 'ok' ? load.booking : null;
  const lang = chosen ?? pageLang([...asked, booking?.language, ...browser]);

  useEffect(() => {
    document.documentElement.lang = LOCALE_TAGS[lang];
    document.title = bt(lang, 'bp.title');
  }, [lang]);

  const refetch = useCallback(async () => {
    if (!token) {
      setLoad({ kind: 'missing' });
      return;
    }
    try {
      setLoad({ kind: 'ok', booking: await fetchBooking(token) });
    } catch (e) {
      const err = asApiError(e);
      setLoad((l) => (err.status === 404 ? { kind: 'missing' } : l.kind === 'ok' ? l : { kind: 'failed' }));
    }
  }, [token]);

  useEffect(() => {
    void refetch();
    const timer = setInterval(() => void refetch(), POLL_MS);
    return () => clearInterval(timer);
  }, [refetch]);

  const siteId = booking?.site ?? null;
  useEffect(() => {
    if (!siteId) return;
    fetchQueues(siteId).then(setQueues, () => undefined);
  }, [siteId]);

  useEffect(() => {
    if (asking) question.current?.focus();
  }, [asking]);

  const cancel = async () => {
    setBusy(true);
    setError(null);
    try {
      await cancelBooking(token);
      setAsking(false);
      setJustCancelled(true);
      await refetch();
      stateLine.current?.focus();
    } catch (e) {
      setError(asApiError(e).status === 0 ? tr(lang, 'error.network') : bt(lang, 'bp.cancelFailed'));
    } finally {
      setBusy(false);
    }
  };

  const q = booking ? queues.find((x) => x.id === booking.queue) : undefined;
  const service = booking?.service ? q?.services.find((s) => s.id === booking.service) : undefined;

  return (
    <main className="phone booking-page" lang={LOCALE_TAGS[lang]} {...easyMark(lang)}>
      <LangSwitch
        lang={lang}
        onChange={(l) => {
          setChosen(l);
          rememberLang(l);
        }}
      />
      <header className="phone-head">
        <h1>{bt(lang, 'bp.title')}</h1>
      </header>
      {load.kind === 'loading' && <p className="message">{tr(lang, 'loading')}</p>}
      {load.kind === 'failed' && <p className="message">{tr(lang, 'error.network')}</p>}
      {load.kind === 'missing' && (
        <p className="message" data-testid="booking-missing">
          {bt(lang, 'bp.notFound')}
        </p>
      )}
      {booking && (
        <>
          <p className="booking-code-label">{bt(lang, 'book.code')}</p>
          <p className="booking-code" data-testid="booking-code">
            {booking.code}
          </p>
          <dl className="booking-facts">
            <div>
              <dt>{bt(lang, 'book.queue')}</dt>
              <dd>
                {q ? localized(q.name, lang) : booking.queue}
                {service && ` — ${localized(service.name, lang)}`}
              </dd>
            </div>
            <div>
              <dt>{bt(lang, 'bp.time')}</dt>
              <dd>{formatSlot(lang, booking.start, booking.end, TIME_ZONE)}</dd>
            </div>
            <div>
              <dt>{bt(lang, 'bp.state')}</dt>
              <dd>
                <p className={`booking-state state-${booking.state}`} data-testid="booking-state" data-state={booking.state} tabIndex={-1} ref={stateLine}>
                  {bt(lang, `bp.state.${booking.state}`)}
                </p>
              </dd>
            </div>
          </dl>
          <div role="status" className="booking-status">
            {justCancelled && booking.state === 'cancelled' ? bt(lang, 'bp.cancelDone') : ''}
          </div>
          {booking.state === 'booked' && (
            <>
              <p>{bt(lang, 'book.codeNote')}</p>
              {booking.checkInFrom && booking.checkInUntil && (
                <p data-testid="booking-window">{bt(lang, 'bp.window', { from: formatClock(lang, booking.checkInFrom, TIME_ZONE), until: formatClock(lang, booking.checkInUntil, TIME_ZONE) })}</p>
              )}
              {asking ? (
                <div className="booking-confirm" role="group" aria-labelledby="cancel-question">
                  <p id="cancel-question" tabIndex={-1} ref={question}>
                    {bt(lang, 'bp.cancelAsk')}
                  </p>
                  <div className="booking-actions">
                    <button type="button" className="booking-danger" disabled={busy} onClick={() => void cancel()} data-testid="booking-cancel-yes">
                      {bt(lang, 'bp.cancelYes')}
                    </button>
                    <button
                      type="button"
                      className="booking-secondary"
                      onClick={() => {
                        setAsking(false);
                        setTimeout(() => cancelButton.current?.focus(), 0);
                      }}
                    >
                      {bt(lang, 'bp.cancelNo')}
                    </button>
                  </div>
                </div>
              ) : (
                <button type="button" className="booking-secondary" ref={cancelButton} onClick={() => setAsking(true)} data-testid="booking-cancel">
                  {bt(lang, 'bp.cancel')}
                </button>
              )}
              <div role="alert" className="booking-error">
                {error}
              </div>
            </>
          )}
          {booking.state === 'checked_in' && booking.ticketToken && (
            <p>
              <a className="booking-ticket" href={`/t/${encodeURIComponent(booking.ticketToken)}`} data-testid="booking-ticket">
                {bt(lang, 'bp.ticket')}
              </a>
            </p>
          )}
        </>
      )}
    </main>
  );
}
