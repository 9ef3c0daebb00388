import { lazy, Suspense, useEffect, useId, useRef, useState } from 'react';
import { localized, type Language } from '@madoguchi/shared';
import { asApiError } from '@madoguchi/shared/web';
import { absoluteUrl, createBooking, fetchBooking, fetchQueues, fetchSlots, type BookableQueue, type BookingCreated, type BookingSlot } from './booking-api';
import { bookingErrorText, bt, dayOf, daysFrom, formatClock, formatDay, formatSlot } from './booking-format';

// the QR library is fetched with a booking's result only: the embedded status page stays light
const QrCode = lazy(() => import('@madoguchi/shared/web/qr-code').then((m) => ({ default: m.QrCode })));

/** How many days ahead the date list offers when the catalogue does not say (the server refuses days beyond its own limit). */
const DEFAULT_DAYS_AHEAD = 14;

interface Props {
  site: string;
  lang: Language;
  /** the site's clock (the snapshot's `at`): "today" is the office's, not the phone's */
  now: string;
  timeZone: string;
}

type Slots = { kind: 'loading' } | { kind: 'ok'; slots: BookingSlot[] } | { kind: 'failed'; code: string };

interface Done {
  created: BookingCreated;
  checkInFrom: string | null;
}

/**
 * 来庁予約 on the status page: a button opens the form — window type, procedure (when it has
 * any), date, a free slot (places left; full ones disabled) — and a booking shows its 6-digit
 * code very large, a QR code of its own page, when check-in opens and a link to that page.
 * Which queues take bookings: the catalogue's `booking` when it gives it, else a queue whose
 * slots route answers (404: no booking).
 */
export function BookingPanel({ site, lang, now, timeZone }: Props) {
  const [open, setOpen] = useState(false);
  const [queues, setQueues] = useState<BookableQueue[] | null>(null);
  const [queue, setQueue] = useState<string | null>(null);
  const [service, setService] = useState<string>('');
  const today = dayOf(now, timeZone);
  const [day, setDay] = useState(today);
  const [slots, setSlots] = useState<Slots>({ kind: 'loading' });
  const [slot, setSlot] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<Done | null>(null);
  const [reload, setReload] = useState(0);
  const doneHeading = useRef<HTMLHeadingElement>(null);
  const formHeading = useRef<HTMLHeadingElement>(null);
  const id = useId();

  // the queues that take bookings, from the catalogue (cached by the browser for a minute)
  useEffect(() => {
    let stop = false;
    fetchQueues(site).then(
      (all) => {
        if (stop) return;
        const takes = all.filter((q) => q.booking !== null);
        setQueues(takes);
        setQueue(takes[0]?.id ?? null);
      },
      () => !stop && setQueues([]),
    );
    return () => {
      stop = true;
    };
  }, [site]);

  // the chosen day's slots
  useEffect(() => {
    if (!queue) return;
    let stop = false;
    setSlots({ kind: 'loading' });
    setSlot(null);
    fetchSlots(site, queue, day).then(
      (r) => !stop && setSlots({ kind: 'ok', slots: r.slots }),
      (e: unknown) => !stop && setSlots({ kind: 'failed', code: asApiError(e).code }),
    );
    return () => {
      stop = true;
    };
  }, [site, queue, day, reload]);

  useEffect(() => {
    if (done) doneHeading.current?.focus();
  }, [done]);

  const chosen = queues?.find((q) => q.id === queue) ?? null;
  const days = daysFrom(today, (chosen?.booking?.daysAhead ?? DEFAULT_DAYS_AHEAD) + 1);

  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!queue || !slot || busy) return;
    setBusy(true);
    setError(null);
    try {
      const created = await createBooking(site, { queue, service: service || null, start: slot, language: lang });
      // when check-in opens is the booking's (its page's answer), not the creation's
      const booking = await fetchBooking(created.token).catch(() => null);
      setDone({ created, checkInFrom: booking?.checkInFrom ?? null });
    } catch (err) {
      const code = asApiError(err).code;
      setError(bookingErrorText(lang, code));
      // a slot taken meanwhile: show the day again as it is now
      if (code === 'SLOT_FULL' || code === 'OUTSIDE_HOURS' || code === 'BOOKING_CLOSED') setReload((n) => n + 1);
    } finally {
      setBusy(false);
    }
  };

  const again = () => {
    setDone(null);
    setError(null);
    // the slot just booked has one place fewer now
    setReload((n) => n + 1);
    setTimeout(() => formHeading.current?.focus(), 0);
  };

  // a site where no window takes bookings shows no booking section
  if (queues !== null && queues.length === 0 && !done) return null;

  if (!open) {
    return (
      <section className="booking" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`} className="booking-title">
          {bt(lang, 'book.title')}
        </h2>
        <p>{bt(lang, 'book.intro')}</p>
        <button type="button" className="booking-open" aria-expanded="false" onClick={() => setOpen(true)} data-testid="booking-open">
          {bt(lang, 'book.open')}
        </button>
      </section>
    );
  }

  if (done) {
    const url = absoluteUrl(done.created.manageUrl);
    const qName = queues?.find((q) => q.id === done.created.queue)?.name;
    return (
      <section className="booking booking-done" aria-labelledby={`${id}-done`} data-testid="booking-done">
        <h2 id={`${id}-done`} className="booking-title" tabIndex={-1} ref={doneHeading}>
          {bt(lang, 'book.done')}
        </h2>
        <p className="booking-when">{bt(lang, 'book.chosen', { queue: qName ? localized(qName, lang) : done.created.queue, when: formatSlot(lang, done.created.start, done.created.end, timeZone) })}</p>
        <p className="booking-code-label">{bt(lang, 'book.code')}</p>
        <p className="booking-code" data-testid="booking-code">
          {done.created.code}
        </p>
        <p>{bt(lang, 'book.codeNote')}</p>
        {done.checkInFrom && (
          <p className="booking-checkin" data-testid="booking-checkin">
            {bt(lang, 'book.checkInFrom', { time: formatClock(lang, done.checkInFrom, timeZone) })}
          </p>
        )}
        <div className="booking-qr">
          <Suspense fallback={null}>
            <QrCode text={url} label={bt(lang, 'book.qr')} />
          </Suspense>
        </div>
        <p>
          <a href={url} data-testid="booking-link">
            {bt(lang, 'book.link')}
          </a>
        </p>
        <button type="button" className="booking-secondary" onClick={again}>
          {bt(lang, 'book.again')}
        </button>
      </section>
    );
  }

  const slotList = slots.kind === 'ok' ? slots.slots : [];
  return (
    <section className="booking" aria-labelledby={`${id}-title`} data-testid="booking-form">
      <h2 id={`${id}-title`} className="booking-title" tabIndex={-1} ref={formHeading}>
        {bt(lang, 'book.title')}
      </h2>
      <p>{bt(lang, 'book.intro')}</p>
      {queues === null ? (
        <p role="status">{bt(lang, 'book.loadingSlots')}</p>
      ) : queues.length === 0 ? (
        <p role="status">{bt(lang, 'book.noQueues')}</p>
      ) : (
        <form onSubmit={(e) => void submit(e)}>
          <fieldset className="booking-choices">
            <legend>{bt(lang, 'book.queue')}</legend>
            {queues.map((q) => (
              <label key={q.id} className={`queue-choice${q.id === queue ? ' chosen' : ''}`}>
                <input
                  type="radio"
                  name={`${id}-queue`}
                  value={q.id}
                  checked={q.id === queue}
                  onChange={() => {
                    setQueue(q.id);
                    setService('');
                  }}
                />
                {localized(q.name, lang)}
              </label>
            ))}
          </fieldset>
          {chosen && chosen.services.length > 0 && (
            <p className="booking-field">
              <label htmlFor={`${id}-service`}>{bt(lang, 'book.service')}</label>
              <select id={`${id}-service`} value={service} onChange={(e) => setService(e.target.value)}>
                <option value="">{bt(lang, 'book.serviceAny')}</option>
                {chosen.services.map((s) => (
                  <option key={s.id} value={s.id}>
                    {localized(s.name, lang)}
                  </option>
                ))}
              </select>
            </p>
          )}
          <p className="booking-field">
            <label htmlFor={`${id}-day`}>{bt(lang, 'book.date')}</label>
            <select id={`${id}-day`} value={day} onChange={(e) => setDay(e.target.value)} data-testid="booking-day">
              {days.map((d) => (
                <option key={d} value={d}>
                  {formatDay(lang, d)}
                </option>
              ))}
            </select>
          </p>
          <fieldset className="booking-slots" aria-busy={slots.kind === 'loading'}>
            <legend>{bt(lang, 'book.slots')}</legend>
            <div aria-live="polite">
              {slots.kind === 'loading' ? (
                <p>{bt(lang, 'book.loadingSlots')}</p>
              ) : slotList.length === 0 || slots.kind === 'failed' ? (
                <p data-testid="booking-no-slots">{slots.kind === 'failed' && slots.code !== 'NOT_FOUND' ? bookingErrorText(lang, slots.code) : bt(lang, 'book.noSlots')}</p>
              ) : null}
            </div>
            {slotList.length > 0 && (
              <ul className="slot-list">
                {slotList.map((s) => {
                  const full = s.available === 0;
                  return (
                    <li key={s.start}>
                      <label className={`slot${s.start === slot ? ' chosen' : ''}${full ? ' full' : ''}`}>
                        <input type="radio" name={`${id}-slot`} value={s.start} checked={s.start === slot} disabled={full} onChange={() => setSlot(s.start)} />
                        <span className="slot-time">
                          {formatClock(lang, s.start, timeZone)}–{formatClock(lang, s.end, timeZone)}
                        </span>
                        <span className="slot-left">{full ? bt(lang, 'book.slotFull') : bt(lang, 'book.slotLeft', { n: s.available })}</span>
                      </label>
                    </li>
                  );
                })}
              </ul>
            )}
          </fieldset>
          <div role="alert" className="booking-error" data-testid="booking-error">
            {error}
          </div>
          <div className="booking-actions">
            <button type="submit" className="booking-submit" disabled={!slot || busy} data-testid="booking-submit">
              {bt(lang, 'book.submit')}
            </button>
            <button type="button" className="booking-secondary" aria-expanded="true" onClick={() => setOpen(false)}>
              {bt(lang, 'book.close')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
