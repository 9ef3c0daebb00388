import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { SiteSnapshot } from '@madoguchi/shared';
import { api, asApiError, csv, type DailyReport, type MonthlyReport, type QueueCatalogue } from '../api';
import { errorText, useT } from '../i18n';
import { ReportView } from './report-view';

type Kind = 'day' | 'month';
type Loaded = { kind: 'day'; period: string; report: DailyReport } | { kind: 'month'; period: string; report: MonthlyReport };

/** 日報・月報: a day or a month of figures, charts and CSV downloads (PDCA). */
export function Reports({ siteId, snapshot, catalogue }: { siteId: string; snapshot: SiteSnapshot; catalogue: QueueCatalogue[] }) {
  const { lang, tr } = useT();
  const [kind, setKind] = useState<Kind>('day');
  const [date, setDate] = useState(snapshot.businessDate);
  const [month, setMonth] = useState(snapshot.businessDate.slice(0, 7));
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(
    async (k: Kind, period: string) => {
      setBusy(true);
      setError(null);
      try {
        if (k === 'day') setLoaded({ kind: 'day', period, report: await api.dailyReport(siteId, period) });
        else setLoaded({ kind: 'month', period, report: await api.monthlyReport(siteId, period) });
      } catch (e) {
        setLoaded(null);
        setError(asApiError(e).code);
      } finally {
        setBusy(false);
      }
    },
    [siteId],
  );

  // today's report on opening the tab
  useEffect(() => {
    void load('day', snapshot.businessDate);
  }, [load, snapshot.businessDate]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void load(kind, kind === 'day' ? date : month);
  };

  const links =
    loaded?.kind === 'day'
      ? [
          { href: csv.dailyTickets(siteId, loaded.period), text: tr('reports.csv.tickets'), id: 'csv-tickets' },
          { href: csv.dailySummary(siteId, loaded.period), text: tr('reports.csv.summary'), id: 'csv-summary' },
        ]
      : loaded?.kind === 'month'
        ? [
            { href: csv.monthlyTickets(siteId, loaded.period), text: tr('reports.csv.tickets'), id: 'csv-tickets' },
            { href: csv.monthlySummary(siteId, loaded.period), text: tr('reports.csv.summary'), id: 'csv-summary' },
          ]
        : [];

  return (
    <div className="reports">
      <form className="report-controls panel" onSubmit={submit} aria-labelledby="reports-heading">
        <h2 id="reports-heading">{tr('reports.heading')}</h2>
        <fieldset className="fieldset fieldset-inline">
          <legend>{tr('reports.kind')}</legend>
          {(['day', 'month'] as const).map((k) => (
            <label key={k} className="check">
              <input type="radio" name="report-kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
              <span>{tr(k === 'day' ? 'reports.day' : 'reports.month')}</span>
            </label>
          ))}
        </fieldset>
        {kind === 'day' ? (
          <label className="field">
            <span>{tr('reports.date')}</span>
            <input type="date" value={date} required max={snapshot.businessDate} onChange={(e) => setDate(e.target.value)} data-testid="report-date" />
          </label>
        ) : (
          <label className="field">
            <span>{tr('reports.monthInput')}</span>
            <input type="month" value={month} required max={snapshot.businessDate.slice(0, 7)} onChange={(e) => setMonth(e.target.value)} data-testid="report-month" />
          </label>
        )}
        <button type="submit" className="button primary" disabled={busy} data-testid="report-show">
          {tr('reports.show')}
        </button>
        {links.length > 0 && (
          <span className="csv-links">
            {links.map((l) => (
              <a key={l.id} className="button link-button" href={l.href} download data-testid={l.id}>
                {l.text}
              </a>
            ))}
          </span>
        )}
      </form>
      {error && (
        <p className="notice notice-error" role="alert" data-testid="report-error">
          {errorText(lang, error)}
        </p>
      )}
      {busy && !loaded && <p role="status">{tr('loading')}</p>}
      {loaded && <ReportView key={`${loaded.kind}:${loaded.period}`} report={loaded.report} monthly={loaded.kind === 'month' ? loaded.report : null} snapshot={snapshot} catalogue={catalogue} />}
    </div>
  );
}
