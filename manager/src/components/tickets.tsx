import { QueueSelect } from './queue-select';
import { useState } from 'react';
import { TICKET_STATES, type TicketState, type TicketView } from '@madoguchi/shared';
import { api } from '../api';
import { useAction } from '../hooks';
import { clockTime, named, useT } from '../i18n';
import type { LiveState } from '../live';
import { ConfirmDialog } from './modal';
import { NoticeLine } from './notice';
import { RowAction, Table } from './table';

const SHOWN = 300;

/** Today's tickets (kept live from the events): find one, reinstate a no-show, cancel, reprint. */
export function Tickets({ state, siteId, onSessionEnded }: { state: LiveState; siteId: string; onSessionEnded: () => void }) {
  const { lang, tr } = useT();
  const action = useAction(onSessionEnded);
  const [search, setSearch] = useState('');
  const [queue, setQueue] = useState('');
  const [stateFilter, setStateFilter] = useState<TicketState | ''>('');
  const [cancelling, setCancelling] = useState<TicketView | null>(null);
  const snapshot = state.site;
  if (!snapshot) return null;
  const tz = snapshot.site.timeZone;
  const queueName = (id: string) => named(snapshot.queues.find((q) => q.id === id)?.name, lang, id);
  const counterName = (id: string | null) => (id ? named(snapshot.counters.find((c) => c.id === id)?.name, lang, id) : '');

  const needle = search.trim();
  const list = [...state.tickets.values()]
    .filter((t) => (!queue || t.queue === queue) && (!stateFilter || t.state === stateFilter) && (!needle || t.label.includes(needle)))
    .sort((a, b) => Date.parse(b.issuedAt) - Date.parse(a.issuedAt) || b.id - a.id);

  const reinstate = (t: TicketView) =>
    void action.run(`reinstate:${t.id}`, () => api.reinstate(siteId, t.id), { done: { kind: 'info', key: 'ticket.reinstated', params: { label: t.label } } });
  const reprint = (t: TicketView) =>
    void action.run(`reprint:${t.id}`, () => api.reprint(siteId, t.id), { done: { kind: 'info', key: 'ticket.reprinted', params: { label: t.label } } });
  const cancel = (t: TicketView) =>
    void action.run(`cancel:${t.id}`, () => api.cancel(siteId, t.id), { done: { kind: 'info', key: 'ticket.cancelled', params: { label: t.label } } }).then(() => setCancelling(null));

  return (
    <section className="panel tickets-panel" aria-labelledby="tickets-heading">
      <h2 id="tickets-heading">
        {tr('tickets.heading')} <span className="small-text">{tr('tickets.count', { n: list.length })}</span>
      </h2>
      <div className="filters">
        <label className="field">
          <span>{tr('tickets.filter.label')}</span>
          <input type="search" inputMode="numeric" value={search} onChange={(e) => setSearch(e.target.value)} data-testid="ticket-search" />
        </label>
        <QueueSelect id="filter-queue" label={tr('tickets.filter.queue')} allLabel={tr('tickets.filter.all')} value={queue} onChange={setQueue} snapshot={snapshot} />
        <div className="field">
          <label htmlFor="filter-state">{tr('tickets.filter.state')}</label>
          <select id="filter-state" value={stateFilter} onChange={(e) => setStateFilter(e.target.value as TicketState | '')}>
            <option value="">{tr('tickets.filter.all')}</option>
            {TICKET_STATES.map((s) => (
              <option key={s} value={s}>
                {tr(`ticket.state.${s}`)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <NoticeLine notice={action.notice} testId="tickets-notice" />
      {list.length === 0 ? (
        <p className="empty">{tr('tickets.empty')}</p>
      ) : (
        <Table
          className="tickets-table"
          columns={[tr('tickets.col.label'), tr('tickets.col.queue'), tr('tickets.col.state'), tr('tickets.col.issued'), tr('tickets.col.counter'), tr('tickets.col.actions')]}
        >
          {list.slice(0, SHOWN).map((t) => (
            <tr key={t.id} data-ticket={t.label}>
              <th scope="row" className="num num-big">
                {t.label}
                {t.booked && <span className="flag flag-booked">{tr('ticket.booked')}</span>}
                {t.priority && <span className="flag">{tr('ticket.priority')}</span>}
                {t.lowCounter && <span className="flag">{tr('ticket.lowCounter')}</span>}
              </th>
              <td>{queueName(t.queue)}</td>
              <td className={`ticket-state state-${t.state}`}>{tr(`ticket.state.${t.state}`)}</td>
              <td className="num">{clockTime(lang, t.issuedAt, tz)}</td>
              <td>{counterName(t.counter)}</td>
              <td className="row-actions">
                {t.state === 'no_show' && (
                  <RowAction text={tr('ticket.reinstate')} label={tr('ticket.reinstate.label', { label: t.label })} disabled={action.busy !== null} onClick={() => reinstate(t)} />
                )}
                {(t.state === 'waiting' || t.state === 'called') && (
                  <>
                    <RowAction text={tr('ticket.reprint')} label={tr('ticket.reprint.label', { label: t.label })} disabled={action.busy !== null} onClick={() => reprint(t)} />
                    <RowAction text={tr('ticket.cancel')} label={tr('ticket.cancel.label', { label: t.label })} danger disabled={action.busy !== null} onClick={() => setCancelling(t)} />
                  </>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
      {cancelling && (
        <ConfirmDialog
          testId="confirm-cancel"
          label={tr('ticket.cancel.heading', { label: cancelling.label })}
          text={tr('ticket.cancel.text')}
          confirm={tr('ticket.cancel')}
          danger
          busy={action.busy !== null}
          onConfirm={() => cancel(cancelling)}
          onClose={() => setCancelling(null)}
        />
      )}
    </section>
  );
}
