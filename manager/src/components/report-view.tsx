import type { SiteSnapshot } from '@madoguchi/shared';
import type { DailyReport, MonthlyReport, QueueCatalogue } from '../api';
import { decimal, named, percent, t, useT } from '../i18n';
import { ChartCanvas } from './charts';
import { Table } from './table';

interface Props {
  report: DailyReport | MonthlyReport;
  /** the same report when it is a month's (its days) */
  monthly: MonthlyReport | null;
  snapshot: SiteSnapshot;
  catalogue: QueueCatalogue[];
}

/** A day's or a month's figures: totals, charts, and the tables the charts are drawn from. */
export function ReportView({ report, monthly, snapshot, catalogue }: Props) {
  const { lang, tr } = useT();
  const queueName = (id: string) => named(snapshot.queues.find((q) => q.id === id)?.name ?? catalogue.find((q) => q.id === id)?.name, lang, id);
  const serviceName = (queue: string, id: string) => named(catalogue.find((q) => q.id === queue)?.services.find((s) => s.id === id)?.name, lang, id);
  const counterName = (id: string) => named(snapshot.counters.find((c) => c.id === id)?.name, lang, id);
  const { transfers, counters } = report;
  const transferTotal = transfers.reduce((n, x) => n + x.count, 0);
  // a month still running has no figures for the days to come
  const days = monthly ? monthly.days.filter((d) => d.date <= snapshot.businessDate) : [];
  // the hours that had tickets, and the office hours around them
  // the queues that take bookings (来庁予約) carry their figures
  const booked = report.queues.flatMap((q) => (q.bookings ? [{ queue: q.queue, bookings: q.bookings }] : []));
  const hours = report.arrivalsByHour.map((n, h) => ({ h, n })).filter(({ h, n }) => n > 0 || (h >= 8 && h <= 18));

  return (
    <div className="report" data-testid="report">
      <dl className="totals">
        <div>
          <dt>{tr('reports.total.issued')}</dt>
          <dd data-testid="report-issued">{report.issued}</dd>
        </div>
        <div>
          <dt>{tr('reports.total.served')}</dt>
          <dd data-testid="report-served">{report.served}</dd>
        </div>
        <div>
          <dt>{tr('reports.total.noShows')}</dt>
          <dd data-testid="report-no-shows">{report.noShows}</dd>
        </div>
          <div>
            <dt>{tr('reports.total.transfers')}</dt>
            <dd>{transferTotal}</dd>
          </div>
      </dl>
      {report.issued === 0 && <p className="empty">{tr('reports.empty')}</p>}
      <p className="small-text">{tr('reports.chartNote')}</p>
      <div className="charts">
        {monthly && (
          <ChartCanvas
            kind="line"
            testId="chart-days"
            title={tr('reports.chart.days')}
            labels={days.map((d) => d.date.slice(5))}
            series={[
              { label: tr('reports.col.issued'), data: days.map((d) => d.issued) },
              { label: tr('reports.col.served'), data: days.map((d) => d.served) },
            ]}
          />
        )}
        <ChartCanvas kind="bar" testId="chart-arrivals" title={tr('reports.chart.arrivals')} labels={hours.map(({ h }) => tr('reports.hour', { h }))} series={[{ label: tr('reports.col.issued'), data: hours.map(({ n }) => n) }]} />
        <ChartCanvas
          kind="bar"
          testId="chart-waits"
          title={tr('reports.chart.waits')}
          labels={report.queues.map((q) => queueName(q.queue))}
          series={(['mean', 'median', 'p90', 'max'] as const).map((k) => ({ label: t(lang, `reports.${k}`), data: report.queues.map((q) => round1(q.waits[k])) }))}
        />
        {counters.length > 0 && (
          <ChartCanvas
            kind="bar"
            testId="chart-utilisation"
            title={tr('reports.chart.utilisation')}
            labels={counters.map((c) => counterName(c.counter))}
            series={[{ label: tr('reports.col.utilisation'), data: counters.map((c) => (c.utilisation === null ? null : Math.round(c.utilisation * 100))) }]}
            max={100}
          />
        )}
      </div>

      <h3>{tr('reports.queues')}</h3>
      <Table
        className="report-table"
        testId="report-queues"
        columns={[
          tr('reports.col.queue'),
          tr('reports.col.issued'),
          tr('reports.col.served'),
          tr('reports.col.noShows'),
          tr('reports.col.noShowRate'),
          tr('reports.col.cancelled'),
          tr('reports.col.expired'),
          tr('reports.col.transfersIn'),
          tr('reports.col.waitMean'),
          tr('reports.col.waitMedian'),
          tr('reports.col.waitP90'),
          tr('reports.col.waitMax'),
          tr('reports.col.serviceMean'),
        ]}
      >
        {report.queues.map((q) => (
          <tr key={q.queue} data-queue={q.queue}>
            <th scope="row">{queueName(q.queue)}</th>
            <td className="num">{q.issued}</td>
            <td className="num">{q.served}</td>
            <td className="num">{q.noShows}</td>
            <td className="num">{percent(q.noShowRate)}</td>
            <td className="num">{q.cancelled}</td>
            <td className="num">{q.expired}</td>
            <td className="num">{q.transfersIn}</td>
            <td className="num">{decimal(q.waits.mean)}</td>
            <td className="num">{decimal(q.waits.median)}</td>
            <td className="num">{decimal(q.waits.p90)}</td>
            <td className="num">{decimal(q.waits.max)}</td>
            <td className="num">{decimal(q.serviceTimes.mean)}</td>
          </tr>
        ))}
      </Table>

      {report.services.length > 0 && (
        <>
          <h3>{tr('reports.services')}</h3>
          <Table
            className="report-table"
            columns={[
              tr('reports.col.queue'),
              { head: tr('reports.col.service'), className: 'text' },
              tr('reports.col.served'),
              tr('reports.col.waitMean'),
              tr('reports.col.waitP90'),
              tr('reports.col.serviceMean'),
            ]}
          >
            {report.services.map((s) => (
              <tr key={`${s.queue}:${s.service}`}>
                <td>{queueName(s.queue)}</td>
                <th scope="row">{serviceName(s.queue, s.service)}</th>
                <td className="num">{s.served}</td>
                <td className="num">{decimal(s.waits.mean)}</td>
                <td className="num">{decimal(s.waits.p90)}</td>
                <td className="num">{decimal(s.serviceTimes.mean)}</td>
              </tr>
            ))}
          </Table>
        </>
      )}

      {counters.length > 0 && (
        <>
          <h3>{tr('reports.counters')}</h3>
          <Table
            className="report-table"
            testId="report-counters"
            columns={[tr('reports.col.counter'), tr('reports.col.served'), tr('reports.col.busy'), tr('reports.col.open'), tr('reports.col.utilisation')]}
          >
            {counters.map((c) => (
              <tr key={c.counter}>
                <th scope="row">{counterName(c.counter)}</th>
                <td className="num">{c.served}</td>
                <td className="num">{tr('minutes.value', { n: Math.round(c.busyMinutes) })}</td>
                <td className="num">{tr('minutes.value', { n: Math.round(c.openMinutes) })}</td>
                <td className="num">{percent(c.utilisation)}</td>
              </tr>
            ))}
          </Table>
        </>
      )}

      {transfers.length > 0 && (
        <>
          <h3>{tr('reports.transfers')}</h3>
          <Table className="report-table" columns={[tr('reports.col.from'), { head: tr('reports.col.to'), className: 'text' }, tr('reports.col.count')]}>
            {transfers.map((x) => (
              <tr key={`${x.from}>${x.to}`}>
                <td>{queueName(x.from)}</td>
                <td>{queueName(x.to)}</td>
                <td className="num">{x.count}</td>
              </tr>
            ))}
          </Table>
        </>
      )}

      {booked.length > 0 && (
        <>
          <h3>{tr('reports.bookings')}</h3>
          <Table
            className="report-table"
            testId="report-bookings"
            columns={[tr('reports.col.queue'), tr('reports.col.booked'), tr('reports.col.checkedIn'), tr('reports.col.noShows'), tr('reports.col.bookingCancelled')]}
          >
            {booked.map(({ queue, bookings: b }) => (
              <tr key={queue}>
                <th scope="row">{queueName(queue)}</th>
                <td className="num">{b.booked}</td>
                <td className="num">{b.checkedIn}</td>
                <td className="num">{b.noShows}</td>
                <td className="num">{b.cancelled}</td>
              </tr>
            ))}
          </Table>
        </>
      )}

      {monthly && (
        <>
          <h3>{tr('reports.days')}</h3>
          <Table
            className="report-table"
            testId="report-days"
            columns={[tr('reports.col.date'), tr('reports.col.issued'), tr('reports.col.served'), tr('reports.col.noShows'), tr('reports.col.waitMean')]}
          >
            {days.map((d) => (
              <tr key={d.date}>
                <th scope="row">{d.date}</th>
                <td className="num">{d.issued}</td>
                <td className="num">{d.served}</td>
                <td className="num">{d.noShows}</td>
                <td className="num">{decimal(d.meanWait)}</td>
              </tr>
            ))}
          </Table>
        </>
      )}

      <h3>{tr('reports.satisfaction')}</h3>
      {report.satisfaction.every((s) => s.answers === 0) ? (
        <p className="empty">{tr('reports.satisfaction.none')}</p>
      ) : (
        <Table className="report-table" testId="report-satisfaction" columns={[tr('reports.col.queue'), tr('reports.col.answers'), tr('reports.col.rating')]}>
          {report.satisfaction.map((s) => (
            <tr key={s.queue}>
              <th scope="row">{queueName(s.queue)}</th>
              <td className="num">{s.answers}</td>
              <td className="num">{s.mean === null ? decimal(null) : `${decimal(s.mean, 2)} / 5`}</td>
            </tr>
          ))}
        </Table>
      )}
    </div>
  );
}

const round1 = (v: number | null): number | null => (v === null ? null : Math.round(v * 10) / 10);
