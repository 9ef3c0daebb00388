import { useCallback, useEffect, useMemo, useState, type FormEvent } from 'react';
import { DEFAULT_TARGET_WAIT_MINUTES, hourlyWaits, type SiteSnapshot } from '@madoguchi/shared';
import { asApiError, planning, type ForecastAccuracy, type Staffing as StaffingPlan, type StaffingHour } from '../api';
import { decimal, errorText, named, useT } from '../i18n';
import { HistorySpan } from './history-span';
import { Table } from './table';

/**
 * 職員配置計画: for a chosen day, per queue and hour, the counters needed to keep the expected wait
 * under the target beside the counters the roster plans, a what-if on the counters, and the
 * forecast's measured accuracy (product.md §8).
 */
export function Staffing({ siteId, snapshot }: { siteId: string; snapshot: SiteSnapshot }) {
  const { lang, tr } = useT();
  const [date, setDate] = useState(snapshot.businessDate);
  const [target, setTarget] = useState(String(DEFAULT_TARGET_WAIT_MINUTES));
  const [plan, setPlan] = useState<StaffingPlan | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (day: string, minutes: number) => {
      setBusy(true);
      setError(null);
      try {
        setPlan(await planning.staffing(siteId, day, minutes));
      } catch (e) {
        setPlan(null);
        setError(asApiError(e).code);
      } finally {
        setBusy(false);
      }
    },
    [siteId],
  );

  useEffect(() => {
    void load(snapshot.businessDate, DEFAULT_TARGET_WAIT_MINUTES);
  }, [load, snapshot.businessDate]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void load(date, Number(target));
  };
  const queueName = (id: string) => named(snapshot.queues.find((q) => q.id === id)?.name, lang, id);

  return (
    <div className="staffing">
      <form className="report-controls panel" onSubmit={submit} aria-labelledby="staffing-heading">
        <h2 id="staffing-heading">{tr('staffing.heading')}</h2>
        <label className="field">
          <span>{tr('staffing.date')}</span>
          <input type="date" value={date} required onChange={(e) => setDate(e.target.value)} data-testid="staffing-date" />
        </label>
        <label className="field">
          <span>{tr('staffing.target')}</span>
          <input type="number" value={target} required min={1} max={240} step={1} onChange={(e) => setTarget(e.target.value)} data-testid="staffing-target" />
        </label>
        <button type="submit" className="button primary" disabled={busy} data-testid="staffing-show">
          {tr('staffing.show')}
        </button>
      </form>
      <p className="small-text">{tr('staffing.intro')}</p>
      {error && (
        <p className="notice notice-error" role="alert" data-testid="staffing-error">
          {errorText(lang, error)}
        </p>
      )}
      {busy && !plan && <p role="status">{tr('loading')}</p>}
      {plan && (
        <div data-testid="staffing-plan" data-date={plan.date} data-target={plan.targetWaitMinutes}>
          {!plan.open ? (
            <p className="empty" data-testid="staffing-closed">
              {tr('staffing.closed')}
            </p>
          ) : (
            plan.queues.map((q) => <QueuePlan key={`${plan.date}:${plan.targetWaitMinutes}:${q.id}`} id={q.id} name={queueName(q.id)} hours={q.hours} />)
          )}
          <Accuracy accuracy={plan.accuracy} queueName={queueName} />
        </div>
      )}
      <HistorySpan siteId={siteId} timeZone={snapshot.site.timeZone} />
    </div>
  );
}

/** Minutes of wait with one decimal; "no counter" when none serves an hour with arrivals. */
function useWaitText() {
  const { tr } = useT();
  return (w: number | null): string => (w === null || !Number.isFinite(w) ? tr('staffing.noCounter') : decimal(w));
}

/** One queue's hours: the plan from the server, and the manager's what-if computed here by the same `hourlyWaits`. */
function QueuePlan({ id, name, hours }: { id: string; name: string; hours: StaffingHour[] }) {
  const { tr } = useT();
  const waitText = useWaitText();
  const planned = useMemo(() => hours.map((h) => h.countersPlanned), [hours]);
  const [counters, setCounters] = useState<number[]>(planned);
  const whatIf = useMemo(() => hourlyWaits(hours.map((h, i) => ({ arrivals: h.arrivals, serviceMinutes: h.serviceMinutes, counters: counters[i] ?? 0, minutes: h.openMinutes }))), [hours, counters]);
  const changed = counters.some((c, i) => c !== planned[i]);
  const short = hours.filter((h) => h.countersPlanned < h.countersNeeded).length;
  const longest = (ws: Array<number | null>) => (ws.some((w) => w === null) ? null : Math.max(0, ...ws.map((w) => w ?? 0)));
  const headingId = `staffing-${id}`;

  return (
    <section className="panel staffing-queue" aria-labelledby={headingId} data-queue={id}>
      <h3 id={headingId}>{name}</h3>
      <p data-testid="staffing-summary">
        {tr('staffing.summary', {
          planned: waitText(longest(hours.map((h) => h.expectedWaitMinutes))),
          whatIf: waitText(longest(whatIf)),
          short,
        })}
      </p>
      <p className="small-text">{tr('staffing.whatIfNote')}</p>
      <Table
        className="report-table staffing-table"
        columns={[
          tr('staffing.col.hour'),
          tr('staffing.col.arrivals'),
          tr('staffing.col.service'),
          tr('staffing.col.needed'),
          tr('staffing.col.planned'),
          tr('staffing.col.wait'),
          tr('staffing.col.whatIf'),
          tr('staffing.col.whatIfWait'),
        ]}
      >
        {hours.map((h, i) => {
          const lacking = h.countersNeeded - h.countersPlanned;
          const own = counters[i] ?? 0;
          return (
            <tr key={h.hour} data-hour={h.hour} className={lacking > 0 ? 'short' : undefined}>
              <th scope="row">{tr('staffing.hour', { h: h.hour })}</th>
              <td className="num">{decimal(h.arrivals)}</td>
              <td className="num">{decimal(h.serviceMinutes)}</td>
              <td className="num" data-testid="needed">
                {h.countersNeeded}
              </td>
              <td className="num" data-testid="planned">
                {trim(h.countersPlanned)}
                {lacking > 0 ? (
                  <span className="short-mark">
                    <span aria-hidden="true">⚠ </span>
                    {tr('staffing.short', { n: trim(lacking) })}
                  </span>
                ) : (
                  <span className="sr-only"> {tr('staffing.enough')}</span>
                )}
              </td>
              <td className="num" data-testid="plan-wait">
                {waitText(h.expectedWaitMinutes)}
              </td>
              <td className="num">
                <input
                  type="number"
                  className={`what-if${own !== planned[i] ? ' changed' : ''}`}
                  min={0}
                  max={99}
                  step="any"
                  value={own}
                  aria-label={tr('staffing.whatIfLabel', { queue: name, h: h.hour })}
                  data-testid="what-if"
                  onChange={(e) => {
                    const v = e.target.valueAsNumber;
                    setCounters((cs) => cs.map((c, j) => (j === i ? (Number.isFinite(v) && v >= 0 ? v : 0) : c)));
                  }}
                />
              </td>
              <td className={`num${own !== planned[i] ? ' changed' : ''}`} data-testid="what-if-wait">
                {waitText(whatIf[i] ?? null)}
              </td>
            </tr>
          );
        })}
      </Table>
      <button type="button" className="button" disabled={!changed} onClick={() => setCounters(planned)} data-testid="what-if-reset">
        {tr('staffing.reset')}
      </button>
    </section>
  );
}

/** The forecast's backtest over the last 8 weeks: its error beside the naive forecast's, per queue. */
function Accuracy({ accuracy, queueName }: { accuracy: ForecastAccuracy; queueName: (id: string) => string }) {
  const { tr } = useT();
  const pct = (v: number | null) => (v === null ? decimal(null) : `${decimal(v)}%`);
  return (
    <section className="panel" aria-labelledby="accuracy-heading" data-testid="accuracy">
      <h3 id="accuracy-heading">{tr('staffing.accuracy.heading')}</h3>
      {accuracy.days === 0 ? (
        <p className="empty">{tr('staffing.accuracy.none')}</p>
      ) : (
        <p data-testid="accuracy-note">{tr('staffing.accuracy.note', { days: accuracy.days, horizon: accuracy.horizonDays })}</p>
      )}
      <Table className="report-table" testId="accuracy-table" columns={[tr('staffing.col.queue'), tr('staffing.col.mape'), tr('staffing.col.naive'), tr('staffing.col.profile')]}>
        {accuracy.queues.map((q) => (
          <tr key={q.id} data-queue={q.id}>
            <th scope="row">{queueName(q.id)}</th>
            <td className="num" data-testid="mape">
              {pct(q.mape)}
            </td>
            <td className="num" data-testid="naive-mape">
              {pct(q.naiveMape)}
            </td>
            <td className="num" data-testid="profile-error">
              {decimal(q.hourlyProfileError)}
            </td>
          </tr>
        ))}
      </Table>
    </section>
  );
}

/** A counter count as written: whole counts bare, shared ones with up to two decimals. */
const trim = (n: number): string => String(Math.round(n * 100) / 100);
