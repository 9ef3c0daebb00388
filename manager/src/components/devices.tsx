import type { ButtonStatus, SiteSnapshot } from '@madoguchi/shared';
import { api } from '../api';
import { useAction } from '../hooks';
import { clockTime, hasKey, named, t, useT, type Language } from '../i18n';
import type { Live, LiveState } from '../live';
import { NoticeLine } from './notice';
import { RowAction } from './table';

export function printerHealthText(lang: Language, health: string): string {
  const key = `printer.${health}`;
  return hasKey(key) ? t(lang, key) : health;
}

function buttonResult(lang: Language, b: ButtonStatus): string | null {
  const r = b.lastResult;
  if (!r) return null;
  const result = !r.ok ? t(lang, 'button.result.refused', { code: r.code ?? '?' }) : r.label ? t(lang, 'button.result.ok', { label: r.label }) : t(lang, 'button.result.none');
  return result;
}

/** Printers (live from the snapshot) and call buttons (from the dashboard): healthy or not. */
export function DevicesPanel({ snapshot, state }: { snapshot: SiteSnapshot; state: LiveState }) {
  const { lang, tr } = useT();
  const buttons = state.dashboard?.buttons ?? [];
  const counterName = (id: string) => named(snapshot.counters.find((c) => c.id === id)?.name, lang, id);
  const tz = snapshot.site.timeZone;
  return (
    <section className="panel" aria-labelledby="devices-heading" data-testid="devices">
      <h2 id="devices-heading">{tr('devices.heading')}</h2>
      <h3>{tr('devices.printers')}</h3>
      {snapshot.printers.length === 0 ? (
        <p className="empty">{tr('devices.none')}</p>
      ) : (
        <ul className="device-list" role="list">
          {snapshot.printers.map((p) => (
            <li key={p.id} data-printer={p.id} className={p.health === 'ok' ? 'device-ok' : 'device-bad'}>
              <span className="device-name">{p.name}</span>
              <span className={`health health-${p.health === 'ok' ? 'ok' : p.health === 'near_end' ? 'warn' : 'bad'}`}>{printerHealthText(lang, p.health)}</span>
              {p.detail && <span className="small-text">{p.detail}</span>}
            </li>
          ))}
        </ul>
      )}
      <h3>{tr('devices.buttons')}</h3>
      {buttons.length === 0 ? (
        <p className="empty">{tr('devices.none')}</p>
      ) : (
        <ul className="device-list" role="list">
          {buttons.map((b) => {
            const last = buttonResult(lang, b);
            return (
              <li key={`${b.id}:${b.counter}`} data-button={b.id} className={b.connected ? 'device-ok' : 'device-bad'}>
                <span className="device-name">{counterName(b.counter)}</span>
                <span className={`health health-${b.connected ? 'ok' : 'bad'}`}>{tr(b.connected ? 'button.connected' : 'button.disconnected')}</span>
                {last && b.lastPressAt && <span className="small-text">{tr('button.last', { time: clockTime(lang, b.lastPressAt, tz), result: last })}</span>}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** Today’s slips that failed to print (the latest of their ticket): print again, or give up on them. */
export function FailedPrints({ live, state, siteId, onSessionEnded }: { live: Live; state: LiveState; siteId: string; onSessionEnded: () => void }) {
  const { lang, tr } = useT();
  const action = useAction(onSessionEnded);
  const jobs = [...state.failedPrints.values()];
  if (jobs.length === 0 && !action.notice) return null;
  return (
    <section className="panel panel-warn" aria-labelledby="prints-heading" data-testid="failed-prints">
      <h2 id="prints-heading">{tr('printJobs.heading')}</h2>
      <ul className="device-list" role="list">
        {jobs.map((j) => (
          <li key={j.job} data-job={j.job}>
            <span>{tr('printJobs.text', { label: j.label, printer: j.printer, reason: j.reason ? printerHealthText(lang, j.reason) : '' })}</span>
            <span className="button-group">
              <RowAction
                text={tr('printJobs.reprint')}
                label={tr('printJobs.reprint.label', { label: j.label })}
                disabled={action.busy !== null}
                onClick={() =>
                  void action.run(`reprint:${j.job}`, () => api.reprint(siteId, j.ticketId), { done: { kind: 'info', key: 'ticket.reprinted', params: { label: j.label } } }).then((ok) => {
                    if (ok) live.dropFailedPrint(j.job);
                  })
                }
              />
              <RowAction
                text={tr('printJobs.discard')}
                label={tr('printJobs.discard.label', { label: j.label })}
                disabled={action.busy !== null}
                onClick={() =>
                  void action.run(`discard:${j.job}`, () => api.discardPrintJob(siteId, j.job)).then((ok) => {
                    if (ok) live.dropFailedPrint(j.job);
                  })
                }
              />
            </span>
          </li>
        ))}
      </ul>
      <NoticeLine notice={action.notice} />
    </section>
  );
}
