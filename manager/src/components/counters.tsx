import { useState } from 'react';
import type { CounterView, DashboardCounter, SiteSnapshot } from '@madoguchi/shared';
import { api } from '../api';
import { useAction } from '../hooks';
import { duration, named, PAUSE_REASONS, reasonText, useT } from '../i18n';
import type { LiveState } from '../live';
import { ConfirmDialog, Modal } from './modal';
import { MoveDialog } from './move-dialog';
import { NoticeLine } from './notice';
import { num, RowAction, Table } from './table';

type Dialog = { kind: 'pause' | 'close' | 'move'; counter: CounterView } | null;

interface Props {
  snapshot: SiteSnapshot;
  state: LiveState;
  siteId: string;
  /** the server's time now (ms) */
  now: number;
  onSessionEnded: () => void;
}

/** Every counter: state, clerk, current ticket and for how long; open, pause, close, move. */
export function CountersPanel({ snapshot, state, siteId, now, onSessionEnded }: Props) {
  const { lang, tr } = useT();
  const action = useAction(onSessionEnded);
  const [dialog, setDialog] = useState<Dialog>(null);
  const extra = new Map<string, DashboardCounter>((state.dashboard?.counters ?? []).map((c) => [c.id, c]));
  const queueName = (id: string) => named(snapshot.queues.find((q) => q.id === id)?.name, lang, id);
  const pausedAlerts = new Set(state.alerts.filter((a) => a.kind === 'counter_paused').map((a) => a.counter));

  const setState = (c: CounterView, s: 'open' | 'paused' | 'closed', reason?: string) =>
    action.run(`${c.id}:${s}`, () => api.setCounterState(siteId, c.id, s, reason)).then((ok) => {
      if (ok) setDialog(null);
    });

  const since = (c: CounterView): string | null => {
    const ticket = c.currentTicket;
    if (ticket && (c.state === 'calling' || c.state === 'serving')) {
      const from = c.state === 'serving' ? (ticket.startedAt ?? ticket.calledAt) : ticket.calledAt;
      if (!from) return null;
      return tr(c.state === 'serving' ? 'counter.servingFor' : 'counter.calledFor', { time: duration(now - Date.parse(from)) });
    }
    // the event seen here is newer than the figures; the figures' time only while they agree on the state
    const seen = state.availabilitySince.get(c.id);
    const fig = extra.get(c.id);
    const stateSince = seen?.availability === c.availability ? seen.at : fig?.availability === c.availability ? fig.stateSince : null;
    if (c.state === 'paused') return tr('counter.pausedFor', { reason: reasonText(lang, c.reason), time: stateSince ? duration(now - Date.parse(stateSince)) : '' });
    return null;
  };

  return (
    <section className="panel" aria-labelledby="counters-heading">
      <h2 id="counters-heading">{tr('counters.heading')}</h2>
      <NoticeLine notice={action.notice} testId="counters-notice" />
      <Table className="counters-table" columns={[tr('counter.name'), tr('counter.state'), num(tr('counter.current')), tr('counter.clerk'), tr('counter.queues'), tr('counter.actions')]}>
        {snapshot.counters.map((c) => {
          const name = named(c.name, lang, c.id);
          const timer = since(c);
          return (
            <tr key={c.id} data-counter={c.id} className={pausedAlerts.has(c.id) ? 'row-hot' : undefined}>
              <th scope="row" className="row-name">
                {name}
                {c.lowCounter && <span className="flag">{tr('counter.low')}</span>}
              </th>
              <td>
                <span className={`state-badge badge-${c.state}`} data-testid="counter-state">
                  {tr(`counter.state.${c.state}`)}
                </span>
                {timer && (
                  <span className="timer" data-testid="counter-timer">
                    {timer}
                  </span>
                )}
              </td>
              <td className="num num-big" data-testid="counter-ticket">
                {c.currentTicket?.label ?? ''}
              </td>
              <td data-testid="counter-clerk">{c.clerk ?? ''}</td>
              <td data-testid="counter-queues">
                {c.queues.map((q) => (
                  <span key={q} className={`queue-chip${c.primaryQueue === q ? ' queue-chip-primary' : ''}`} data-queue={q}>
                    {queueName(q)}
                    {c.primaryQueue === q && ` (${tr('counter.primary')})`}
                  </span>
                ))}
              </td>
              <td className="row-actions">
                {c.availability !== 'open' && (
                  <RowAction text={tr('counter.open')} label={tr('counter.open.label', { counter: name })} data-action="open" disabled={action.busy !== null} onClick={() => void setState(c, 'open')} />
                )}
                {c.availability === 'open' && (
                  <RowAction text={tr('counter.pause')} label={tr('counter.pause.label', { counter: name })} data-action="pause" onClick={() => setDialog({ kind: 'pause', counter: c })} />
                )}
                {c.availability !== 'closed' && (
                  <RowAction text={tr('counter.close')} label={tr('counter.close.label', { counter: name })} data-action="close" onClick={() => setDialog({ kind: 'close', counter: c })} />
                )}
                <RowAction text={tr('counter.move')} label={tr('counter.move.label', { counter: name })} data-action="move" onClick={() => setDialog({ kind: 'move', counter: c })} />
              </td>
            </tr>
          );
        })}
      </Table>
      {dialog?.kind === 'pause' && (
        <PauseDialog counter={named(dialog.counter.name, lang, dialog.counter.id)} busy={action.busy !== null} onPause={(reason) => void setState(dialog.counter, 'paused', reason)} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'close' && (
        <ConfirmDialog
          testId="close-counter"
          label={tr('closeCounter.heading', { counter: named(dialog.counter.name, lang, dialog.counter.id) })}
          text={tr('closeCounter.text')}
          confirm={tr('closeCounter.confirm')}
          danger
          busy={action.busy !== null}
          onConfirm={() => void setState(dialog.counter, 'closed')}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'move' && <MoveDialog counter={dialog.counter} snapshot={snapshot} siteId={siteId} onDone={() => setDialog(null)} onSessionEnded={onSessionEnded} />}
    </section>
  );
}

function PauseDialog({ counter, busy, onPause, onClose }: { counter: string; busy: boolean; onPause: (reason: string) => void; onClose: () => void }) {
  const { tr } = useT();
  const [custom, setCustom] = useState('');
  return (
    <Modal label={tr('pause.heading', { counter })} onClose={onClose} testId="pause-counter">
      <div className="dialog-choices">
        {PAUSE_REASONS.map((r, i) => (
          <button key={r} type="button" className="choice-button" data-reason={r} data-autofocus={i === 0 ? '' : undefined} disabled={busy} onClick={() => onPause(r)}>
            {tr(`pause.${r}`)}
          </button>
        ))}
      </div>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (custom.trim()) onPause(custom.trim());
        }}
      >
        <label>
          <span>{tr('pause.other')}</span>
          <input value={custom} maxLength={200} onChange={(e) => setCustom(e.target.value)} />
        </label>
        <button type="submit" className="button" disabled={busy || !custom.trim()}>
          {tr('pause.confirm')}
        </button>
      </form>
      <div className="dialog-buttons">
        <button type="button" className="button" onClick={onClose}>
          {tr('cancel')}
        </button>
      </div>
    </Modal>
  );
}
