import type { Alert, DashboardQueue, SiteSnapshot } from '@madoguchi/shared';
import { useNow } from '../hooks';
import { clockTime, hasKey, minutesText, named, t, useT, type Language } from '../i18n';
import type { Live, LiveState } from '../live';
import { Announcements } from './announcements';
import { IssuingControl } from './controls';
import { CountersPanel } from './counters';
import { DevicesPanel, FailedPrints } from './devices';
import { num, Table } from './table';

interface DashboardProps {
  live: Live;
  state: LiveState;
  siteId: string;
  onSessionEnded: () => void;
}

/**
 * The live floor: alerts first, then every queue's figures and every counter, with the actions
 * beside them. Counts, states and estimates come from the socket's snapshot (instant); the
 * figures (waits, issued, served…) from the dashboard route, refreshed after every event.
 */
export function Dashboard({ live, state, siteId, onSessionEnded }: DashboardProps) {
  const snapshot = state.site;
  useNow(1_000); // re-render every second: the timers count on
  const now = Date.now() + state.offsetMs;
  if (!snapshot) return null;
  return (
    <div className="dashboard">
      <AlertsPanel alerts={state.alerts} snapshot={snapshot} state={state} now={now} />
      <div className="dashboard-main">
        <div className="dashboard-left">
          <QueuesPanel snapshot={snapshot} state={state} />
          <CountersPanel snapshot={snapshot} state={state} siteId={siteId} now={now} onSessionEnded={onSessionEnded} />
        </div>
        <div className="dashboard-right">
          <DevicesPanel snapshot={snapshot} state={state} />
          <FailedPrints live={live} state={state} siteId={siteId} onSessionEnded={onSessionEnded} />
          <TurnAlertHealth state={state} />
          <IssuingControl snapshot={snapshot} siteId={siteId} onSessionEnded={onSessionEnded} />
          <Announcements snapshot={snapshot} siteId={siteId} onSessionEnded={onSessionEnded} />
        </div>
      </div>
    </div>
  );
}

/**
 * How far past its threshold an alert is now: the server says so when the set of alerts changes,
 * and the page counts on from `since` (a wait's `since` is when it passed the threshold).
 */
function liveValue(a: Alert, now: number): number | null {
  if (a.value === null || a.since === null || a.threshold === null) return a.value;
  const minutes = (now - Date.parse(a.since)) / 60_000;
  if (a.kind === 'wait') return Math.max(a.value, Math.floor(a.threshold + minutes));
  if (a.kind === 'counter_paused') return Math.max(a.value, Math.floor(minutes));
  return a.value;
}

/** One alert as a sentence, with the site's names; `now` is the server's time (ms). */
export function alertText(lang: Language, a: Alert, snapshot: SiteSnapshot, state: LiveState, now: number): string {
  const queue = named(snapshot.queues.find((q) => q.id === a.queue)?.name, lang, a.queue ?? '');
  const counterId = a.counter ?? state.dashboard?.buttons.find((b) => b.id === a.button)?.counter;
  const counter = named(snapshot.counters.find((c) => c.id === counterId)?.name, lang, counterId ?? '');
  const printer = snapshot.printers.find((p) => p.id === a.printer)?.name ?? a.printer ?? '';
  const detailKey = a.kind === 'button' ? `button.${a.detail ?? 'disconnected'}` : `printer.${a.detail ?? 'unreachable'}`;
  const detail = hasKey(detailKey) ? t(lang, detailKey) : (a.detail ?? '');
  const value = liveValue(a, now);
  return t(lang, `alert.${a.kind}`, { queue, counter, printer, detail, value: value === null ? '' : Math.round(value), threshold: a.threshold ?? '' });
}

function AlertsPanel({ alerts, snapshot, state, now }: { alerts: Alert[]; snapshot: SiteSnapshot; state: LiveState; now: number }) {
  const { lang, tr } = useT();
  return (
    <section className={`alerts${alerts.length > 0 ? ' alerts-active' : ''}`} aria-labelledby="alerts-heading" data-testid="alerts">
      <h2 id="alerts-heading">
        {tr('alerts.heading')}
        {alerts.length > 0 && <span className="count count-alert">{alerts.length}</span>}
      </h2>
      {alerts.length === 0 ? (
        <p className="alerts-none">{tr('alerts.none')}</p>
      ) : (
        <ul className="alert-list" role="list">
          {alerts.map((a) => (
            <li key={a.key} className={`alert alert-${a.kind}`} data-alert={a.key}>
              <span className="alert-mark" aria-hidden="true">
                !
              </span>
              <span className="alert-text">{alertText(lang, a, snapshot, state, now)}</span>
              {a.since && <span className="alert-since">{tr('alerts.since', { time: clockTime(lang, a.since, snapshot.site.timeZone) })}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Figure({ value, testId, big }: { value: string; testId: string; big?: boolean }) {
  return (
    <td className={big ? 'num num-big' : 'num'} data-testid={testId}>
      {value}
    </td>
  );
}

function QueuesPanel({ snapshot, state }: { snapshot: SiteSnapshot; state: LiveState }) {
  const { lang, tr } = useT();
  const figures = new Map<string, DashboardQueue>((state.dashboard?.queues ?? []).map((q) => [q.id, q]));
  const count = (n: number | undefined) => (n === undefined ? tr('none') : String(n));
  const alerting = new Set(state.alerts.filter((a) => a.kind === 'wait' || a.kind === 'waiting').map((a) => `${a.kind}:${a.queue ?? ''}`));
  return (
    <section className="panel" aria-labelledby="queues-heading">
      <h2 id="queues-heading">{tr('queues.heading')}</h2>
      <Table
        className="queues-table"
        columns={[
          tr('queue.name'),
          num(tr('queue.waiting')),
          num(tr('queue.longest')),
          num(tr('queue.avgToday')),
          num(tr('queue.avg30')),
          num(tr('queue.estimate')),
          num(tr('queue.issued')),
          num(tr('queue.served')),
          num(tr('queue.noShows')),
          num(tr('queue.counters')),
          num(tr('queue.turnAlerts')),
          tr('queue.issuing'),
        ]}
      >
        {snapshot.queues.map((q) => {
          const f = figures.get(q.id);
          return (
            <tr key={q.id} data-queue={q.id}>
              <th scope="row" className="row-name">
                {named(q.name, lang, q.id)}
                {f && <span className="threshold">{tr('queue.threshold', { minutes: f.alerts.waitMinutes, people: f.alerts.waiting })}</span>}
              </th>
              <td className={`num num-big${alerting.has(`waiting:${q.id}`) ? ' hot' : ''}`} data-testid="queue-waiting">
                {q.waiting}
              </td>
              <td className={`num${alerting.has(`wait:${q.id}`) ? ' hot' : ''}`} data-testid="queue-longest">
                {f ? minutesText(lang, f.longestWaitMinutes) : tr('none')}
              </td>
              <Figure testId="queue-avg-today" value={minutesText(lang, f?.averageWaitToday)} />
              <Figure testId="queue-avg-30" value={minutesText(lang, f?.averageWaitLast30)} />
              <Figure testId="queue-estimate" big value={minutesText(lang, q.estimatedWaitMinutes)} />
              <Figure testId="queue-issued" value={count(f?.issued)} />
              <Figure testId="queue-served" value={count(f?.served)} />
              <Figure testId="queue-no-shows" value={count(f?.noShows)} />
              <Figure testId="queue-counters" value={f ? String(Math.round(f.openCounters * 10) / 10) : tr('none')} />
              <Figure testId="queue-turn-alerts" value={count(f?.turnAlerts)} />
              <td>
                <span className={`state-badge issuing-${q.issuing}`} data-testid="queue-issuing">
                  {tr(`issuing.${q.issuing}`)}
                </span>
              </td>
            </tr>
          );
        })}
      </Table>
      {state.dashboardFailed && (
        <p className="small-text" role="status">
          {tr('figures.pending')}
        </p>
      )}
    </section>
  );
}

/** Turn-near alerts' health: today's messages not delivered, per channel (counts only: nothing about who). */
function TurnAlertHealth({ state }: { state: LiveState }) {
  const { tr } = useT();
  const failures = (state.dashboard?.turnAlertFailures ?? []).filter((f) => f.failed > 0);
  return (
    <section className="panel" aria-labelledby="turn-alerts-heading" data-testid="turn-alert-health">
      <h2 id="turn-alerts-heading">{tr('turnAlerts.heading')}</h2>
      <p className="small-text">
        {tr('turnAlerts.failed', {
          list:
            failures.length === 0
              ? tr('turnAlerts.none')
              : failures.map((f) => tr('turnAlerts.channel', { channel: tr(`turnAlerts.${f.channel}`), count: f.failed })).join(' · '),
        })}
      </p>
    </section>
  );
}
