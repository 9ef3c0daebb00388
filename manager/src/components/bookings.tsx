import { QueueSelect } from './queue-select';
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { SiteSnapshot } from '@madoguchi/shared';
import { asApiError, bookings, type BookingRow, type BookingsList } from '../api';
import { useAction } from '../hooks';
import { clockTime, errorText, named, useT } from '../i18n';
import { Modal } from './modal';
import { NoticeLine } from './notice';
import { num, RowAction, Table } from './table';

/** Today's list follows the check-ins and no-shows without a reload. */
const REFRESH_MS = 30_000;

interface SlotFigures {
  queue: string;
  start: string;
  end: string;
  booked: number;
  checkedIn: number;
  noShow: number;
  cancelled: number;
}

/** The figures of a slot's row, in the table's column order. */
const SLOT_FIGURES = ['booked', 'checkedIn', 'noShow', 'cancelled'] as const;

/** One row per queue and slot: bookings held (not cancelled), checked in, no-shows, cancelled. */
export function slotFigures(rows: readonly BookingRow[]): SlotFigures[] {
  const by = new Map<string, SlotFigures>();
  for (const b of rows) {
    const key = `${b.start}|${b.queue}`;
    const f = by.get(key) ?? { queue: b.queue, start: b.start, end: b.end, booked: 0, checkedIn: 0, noShow: 0, cancelled: 0 };
    if (b.state === 'cancelled') f.cancelled += 1;
    else f.booked += 1;
    if (b.state === 'checked_in') f.checkedIn += 1;
    if (b.state === 'no_show') f.noShow += 1;
    by.set(key, f);
  }
  return [...by.values()].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.queue.localeCompare(b.queue)));
}

/**
 * 来庁予約 for the manager: a day's bookings per slot (booked, checked in, no-show), the list with
 * code, queue, time, state and ticket; cancel one with a reason; stop booking for the day (a
 * queue or all, with a reason: the day's open bookings are cancelled) and reopen it.
 */
export function Bookings({ siteId, snapshot, onSessionEnded }: { siteId: string; snapshot: SiteSnapshot; onSessionEnded: () => void }) {
  const { lang, tr } = useT();
  const tz = snapshot.site.timeZone;
  const [date, setDate] = useState(snapshot.businessDate);
  const [shown, setShown] = useState(snapshot.businessDate);
  const [list, setList] = useState<BookingsList | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState<BookingRow | null>(null);
  const [reason, setReason] = useState('');
  const [closeQueue, setCloseQueue] = useState('');
  const [closeReason, setCloseReason] = useState('');
  const action = useAction(onSessionEnded);
  const queueName = (id: string | null) => (id ? named(snapshot.queues.find((q) => q.id === id)?.name, lang, id) : tr('bookings.close.all'));

  const load = useCallback(
    async (day: string) => {
      try {
        setList(await bookings.ofDay(siteId, day));
        setLoadError(null);
      } catch (e) {
        const err = asApiError(e);
        if (err.status === 401) onSessionEnded();
        setLoadError(err.code);
      }
    },
    [siteId, onSessionEnded],
  );

  useEffect(() => {
    void load(shown);
    if (shown !== snapshot.businessDate) return;
    const timer = setInterval(() => void load(shown), REFRESH_MS);
    return () => clearInterval(timer);
  }, [load, shown, snapshot.businessDate]);

  const show = (e: FormEvent) => {
    e.preventDefault();
    setShown(date);
    void load(date);
  };

  const cancel = async (e: FormEvent) => {
    e.preventDefault();
    if (!cancelling || !reason.trim()) return;
    const code = cancelling.code;
    const ok = await action.run(`cancel:${code}`, () => bookings.cancel(siteId, code, reason.trim()), { done: { kind: 'info', key: 'bookings.cancelled', params: { code } } });
    if (ok) {
      setCancelling(null);
      setReason('');
    }
    await load(shown);
  };

  const closeDay = async (e: FormEvent) => {
    e.preventDefault();
    if (!closeReason.trim()) return;
    let cancelled = 0;
    const ok = await action.run('close', async () => {
      cancelled = (await bookings.closeDay(siteId, shown, closeQueue || null, closeReason.trim())).cancelled;
    });
    if (ok) {
      action.setNotice({ kind: 'info', key: 'bookings.close.done', params: { date: shown, n: cancelled } });
      setCloseReason('');
    }
    await load(shown);
  };

  const reopen = async (queue: string | null) => {
    await action.run(`reopen:${queue ?? ''}`, () => bookings.reopenDay(siteId, shown, queue), { done: { kind: 'info', key: 'bookings.reopened', params: { date: shown } } });
    await load(shown);
  };

  const rows = list ? [...list.bookings].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.code.localeCompare(b.code))) : [];
  const slots = slotFigures(rows);
  const slotText = (start: string, end: string) => `${clockTime(lang, start, tz)}–${clockTime(lang, end, tz)}`;

  return (
    <div className="bookings" data-testid="bookings" data-date={shown}>
      <form className="report-controls panel" onSubmit={show} aria-labelledby="bookings-heading">
        <h2 id="bookings-heading">{tr('bookings.heading')}</h2>
        <label className="field">
          <span>{tr('bookings.date')}</span>
          <input type="date" value={date} required onChange={(e) => setDate(e.target.value)} data-testid="bookings-date" />
        </label>
        <button type="submit" className="button primary" data-testid="bookings-show">
          {tr('bookings.show')}
        </button>
      </form>
      <p className="small-text">{tr('bookings.intro')}</p>
      <NoticeLine notice={action.notice} testId="bookings-notice" />
      {loadError && (
        <p className="notice notice-error" role="alert">
          {errorText(lang, loadError)}
        </p>
      )}
      {!list && !loadError && <p role="status">{tr('loading')}</p>}
      {list && (
        <>
          {(list.closed ?? []).map((c) => (
            <p key={c.queue ?? '*'} className="notice notice-error bookings-closed" data-testid="bookings-closed">
              {tr('bookings.closed', { queue: queueName(c.queue), reason: c.reason })}{' '}
              <RowAction text={tr('bookings.reopen')} label={tr('bookings.reopen.label', { queue: queueName(c.queue) })} disabled={action.busy !== null} onClick={() => void reopen(c.queue)} />
            </p>
          ))}
          <section className="panel" aria-labelledby="bookings-slots-heading">
            <h3 id="bookings-slots-heading">{tr('bookings.slots')}</h3>
            {slots.length === 0 ? (
              <p className="empty" data-testid="bookings-empty">
                {tr('bookings.none')}
              </p>
            ) : (
              <Table
                testId="bookings-slots"
                columns={[tr('bookings.col.slot'), tr('bookings.col.queue'), num(tr('bookings.col.booked')), num(tr('bookings.col.checkedIn')), num(tr('bookings.col.noShow')), num(tr('bookings.col.cancelled'))]}
              >
                {slots.map((s) => (
                  <tr key={`${s.start}|${s.queue}`} data-slot={s.start} data-queue={s.queue}>
                    <th scope="row">
                      {slotText(s.start, s.end)}
                    </th>
                    <td>{queueName(s.queue)}</td>
                    {SLOT_FIGURES.map((f) => (
                      <td key={f} className="num" data-figure={f}>
                        {s[f]}
                      </td>
                    ))}
                  </tr>
                ))}
              </Table>
            )}
          </section>
          {rows.length > 0 && (
            <section className="panel" aria-labelledby="bookings-list-heading">
              <h3 id="bookings-list-heading">{tr('bookings.list')}</h3>
              <Table
                testId="bookings-list"
                columns={[tr('bookings.col.code'), tr('bookings.col.queue'), tr('bookings.col.time'), tr('bookings.col.state'), tr('bookings.col.ticket'), tr('bookings.col.reason'), tr('bookings.col.actions')]}
              >
                {rows.map((b) => (
                  <tr key={b.code + b.start} data-booking={b.code} data-state={b.state}>
                    <th scope="row" className="num num-big">
                      {b.code}
                    </th>
                    <td>{queueName(b.queue)}</td>
                    <td>{slotText(b.start, b.end)}</td>
                    <td className={`booking-state state-${b.state}`}>{tr(`bookings.state.${b.state}`)}</td>
                    <td className="num">{b.ticket ?? ''}</td>
                    <td>{b.reason ?? ''}</td>
                    <td className="row-actions">
                      {b.state === 'booked' && (
                        <RowAction
                          text={tr('bookings.cancel')}
                          label={tr('bookings.cancel.label', { code: b.code })}
                          danger
                          disabled={action.busy !== null}
                          onClick={() => {
                            setReason('');
                            setCancelling(b);
                          }}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </Table>
            </section>
          )}
          <form className="panel bookings-close" onSubmit={(e) => void closeDay(e)} aria-labelledby="bookings-close-heading">
            <h3 id="bookings-close-heading">{tr('bookings.close.heading')}</h3>
            <p className="small-text">{tr('bookings.close.note')}</p>
            <div className="filters">
              <QueueSelect id="bookings-close-queue" label={tr('bookings.close.queue')} allLabel={tr('bookings.close.all')} value={closeQueue} onChange={setCloseQueue} snapshot={snapshot} />
              <label className="field">
                <span>{tr('bookings.close.reason')}</span>
                <input type="text" value={closeReason} required maxLength={200} onChange={(e) => setCloseReason(e.target.value)} data-testid="bookings-close-reason" />
              </label>
              <button type="submit" className="button danger" disabled={action.busy !== null || !closeReason.trim()} data-testid="bookings-close">
                {tr('bookings.close.submit')}
              </button>
            </div>
          </form>
        </>
      )}
      {cancelling && (
        <Modal label={tr('bookings.cancel.heading', { code: cancelling.code })} onClose={() => setCancelling(null)} testId="confirm-booking-cancel">
          <form onSubmit={(e) => void cancel(e)}>
            <p className="dialog-text">{tr('bookings.cancel.text')}</p>
            <label className="field">
              <span>{tr('bookings.reason')}</span>
              <input type="text" value={reason} required maxLength={200} onChange={(e) => setReason(e.target.value)} data-autofocus="" data-testid="booking-cancel-reason" />
            </label>
            <div className="dialog-buttons">
              <button type="submit" className="button danger" disabled={action.busy !== null || !reason.trim()} data-testid="confirm-booking-cancel-confirm">
                {tr('bookings.cancel')}
              </button>
              <button type="button" className="button" onClick={() => setCancelling(null)}>
                {tr('cancel')}
              </button>
            </div>
          </form>
        </Modal>
      )}
    </div>
  );
}
