import { useCallback, useEffect, useState, type FormEvent } from 'react';
import { asApiError, csv, planning, type SitesComparison as Comparison } from '../api';
import { decimal, errorText, percent, useT } from '../i18n';
import { Table } from './table';

/**
 * 庁舎比較: a month's figures of every site the user may see side by side (for the ward heads'
 * council), a bar chart of the waits drawn from the same figures, and the CSV.
 */
export function SitesComparison({ month: initialMonth }: { month: string }) {
  const { lang, tr } = useT();
  const [month, setMonth] = useState(initialMonth);
  const [data, setData] = useState<Comparison | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async (m: string) => {
    setBusy(true);
    setError(null);
    try {
      setData(await planning.sites(m));
    } catch (e) {
      setData(null);
      setError(asApiError(e).code);
    } finally {
      setBusy(false);
    }
  }, []);

  useEffect(() => {
    void load(initialMonth);
  }, [load, initialMonth]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void load(month);
  };

  return (
    <div className="sites-comparison">
      <form className="report-controls panel" onSubmit={submit} aria-labelledby="sites-heading">
        <h2 id="sites-heading">{tr('sites.heading')}</h2>
        <label className="field">
          <span>{tr('sites.month')}</span>
          <input type="month" value={month} required onChange={(e) => setMonth(e.target.value)} data-testid="sites-month" />
        </label>
        <button type="submit" className="button primary" disabled={busy} data-testid="sites-show">
          {tr('sites.show')}
        </button>
        {data && (
          <span className="csv-links">
            <a className="button link-button" href={csv.sitesComparison(data.month)} download data-testid="sites-csv">
              {tr('sites.csv')}
            </a>
          </span>
        )}
      </form>
      {error && (
        <p className="notice notice-error" role="alert" data-testid="sites-error">
          {errorText(lang, error)}
        </p>
      )}
      {busy && !data && <p role="status">{tr('loading')}</p>}
      {data && (
        <div className="report" data-testid="sites" data-month={data.month}>
          {data.sites.every((s) => s.tickets === 0) && <p className="empty">{tr('sites.empty')}</p>}
          <WaitsChart data={data} />
          <Table
            className="report-table"
            testId="sites-table"
            columns={[
              tr('sites.col.site'),
              tr('sites.col.tickets'),
              tr('sites.col.mean'),
              tr('sites.col.p90'),
              tr('sites.col.noShow'),
              tr('sites.col.satisfaction'),
              tr('sites.col.busiest'),
            ]}
          >
            {data.sites.map((s) => (
              <tr key={s.id} data-site={s.id}>
                <th scope="row">{s.name}</th>
                <td className="num" data-testid="tickets">
                  {s.tickets}
                </td>
                <td className="num" data-testid="mean-wait">
                  {decimal(s.meanWaitMinutes)}
                </td>
                <td className="num" data-testid="p90-wait">
                  {decimal(s.p90WaitMinutes)}
                </td>
                <td className="num" data-testid="no-show-rate">
                  {percent(s.noShowRate)}
                </td>
                <td className="num" data-testid="satisfaction">
                  {decimal(s.satisfaction, 2)}
                </td>
                <td className="num" data-testid="busiest-hour">
                  {s.busiestHour === null ? decimal(null) : tr('staffing.hour', { h: s.busiestHour })}
                </td>
              </tr>
            ))}
          </Table>
        </div>
      )}
    </div>
  );
}

/** the reports' first two colours (Okabe–Ito, charts.tsx), without loading chart.js for them */
const COLOURS = ['#0072B2', '#D55E00'] as const;
const BAR_HEIGHT = 18;
const LABEL_WIDTH = 160;
const CHART_WIDTH = 640;

/**
 * Mean and 90th-percentile waits per site as horizontal bars (SVG: no chart library for two
 * series). The drawing is one image whose name and description say every figure; the table
 * below has the same figures.
 */
function WaitsChart({ data }: { data: Comparison }) {
  const { tr } = useT();
  const series = [
    { key: 'meanWaitMinutes', label: tr('sites.mean'), colour: COLOURS[0] },
    { key: 'p90WaitMinutes', label: tr('sites.p90'), colour: COLOURS[1] },
  ] as const;
  const max = Math.max(1, ...data.sites.flatMap((s) => [s.meanWaitMinutes ?? 0, s.p90WaitMinutes ?? 0]));
  const rowHeight = BAR_HEIGHT * 2 + 14;
  const height = data.sites.length * rowHeight + 36;
  const scale = (v: number) => ((CHART_WIDTH - LABEL_WIDTH - 60) * v) / max;
  const description = data.sites.map((s) => `${s.name}: ${tr('sites.mean')} ${decimal(s.meanWaitMinutes)}, ${tr('sites.p90')} ${decimal(s.p90WaitMinutes)}`).join('; ');
  return (
    <figure className="chart sites-chart" data-testid="sites-chart">
      <figcaption id="sites-chart-title">{tr('sites.chart')}</figcaption>
      <svg viewBox={`0 0 ${CHART_WIDTH} ${height}`} width="100%" role="img" aria-labelledby="sites-chart-title sites-chart-desc" preserveAspectRatio="xMinYMin meet">
        <desc id="sites-chart-desc">{description}</desc>
        {data.sites.map((s, i) => {
          const y = i * rowHeight + 4;
          return (
            <g key={s.id}>
              <text x={LABEL_WIDTH - 8} y={y + BAR_HEIGHT + 5} textAnchor="end" className="chart-label">
                {s.name}
              </text>
              {series.map((se, j) => {
                const v = s[se.key];
                return (
                  <g key={se.key}>
                    <rect x={LABEL_WIDTH} y={y + j * BAR_HEIGHT} width={v === null ? 0 : scale(v)} height={BAR_HEIGHT - 2} fill={se.colour} />
                    <text x={LABEL_WIDTH + (v === null ? 0 : scale(v)) + 6} y={y + j * BAR_HEIGHT + BAR_HEIGHT - 4} className="chart-value">
                      {decimal(v)}
                    </text>
                  </g>
                );
              })}
            </g>
          );
        })}
        {series.map((se, j) => (
          <g key={se.key} transform={`translate(${LABEL_WIDTH + j * 170}, ${height - 18})`}>
            <rect width={14} height={14} fill={se.colour} />
            <text x={20} y={12} className="chart-label">
              {se.label}
            </text>
          </g>
        ))}
      </svg>
      <p className="small-text">{tr('sites.chartNote')}</p>
    </figure>
  );
}
