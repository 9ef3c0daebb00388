import { useEffect, useId, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import type { LocalizedText } from '@madoguchi/shared';
import { fetchForecast, forecastUrl, type Forecast, type ForecastDay, type ForecastQueueDay } from './api';
import { localized, LOCALE_TAGS, roundMinutes, tr, type Language } from './i18n';

/** The weeks shown: the coming four (product.md §8). */
export const CALENDAR_DAYS = 28;

/**
 * Each level's symbol, after the marks Japanese offices print on their hand-made 混雑予想
 * (◎ ○ △ ▲ ✕): with the word beside it, the level reads without colour (and without the symbol).
 */
const SYMBOL: Record<number, string> = { 1: '◎', 2: '○', 3: '△', 4: '▲', 5: '✕' };
const CLOSED_SYMBOL = '－';
const levelKey = (level: number) => `forecast.level.${Math.min(5, Math.max(1, level))}` as 'forecast.level.1';

/** Narrower than this (a phone, a narrow homepage column), the calendar is a list of days, one a row. */
const NARROW = '(max-width: 560px)';
const subscribeNarrow = (cb: () => void): (() => void) => {
  const m = window.matchMedia(NARROW);
  m.addEventListener('change', cb);
  return () => m.removeEventListener('change', cb);
};
const useNarrow = (): boolean => useSyncExternalStore(subscribeNarrow, () => window.matchMedia(NARROW).matches);

export interface CalendarQueue {
  id: string;
  name: LocalizedText;
}

interface Props {
  site: string;
  lang: Language;
  /** the window types in the site's order, for their names */
  queues: readonly CalendarQueue[];
  /** the page's compact layout: the list of days at any width */
  compact: boolean;
  /** alone on the page (?view=calendar): the page's h1 is the calendar's title */
  standalone?: boolean;
}

/** 混雑予測カレンダー: per window type, the coming four weeks' levels, and a chosen day's hours. */
export function ForecastCalendar({ site, lang, queues, compact, standalone = false }: Props) {
  const [forecast, setForecast] = useState<Forecast | null>(null);
  const [failed, setFailed] = useState(false);
  const [queue, setQueue] = useState<string | null>(null);
  const [date, setDate] = useState<string | null>(null);
  const narrow = useNarrow() || compact;
  const name = useId();
  const detail = useRef<HTMLDivElement>(null);
  // on a phone the day's hours are below the whole list: a day chosen there brings them into view
  const picked = useRef(false);
  useEffect(() => {
    if (!picked.current || !narrow) return;
    picked.current = false;
    detail.current?.scrollIntoView({ block: 'start' });
  }, [date, narrow]);

  useEffect(() => {
    let stop = false;
    fetchForecast(site, CALENDAR_DAYS).then(
      (f) => {
        if (!stop) setForecast(f);
      },
      () => {
        if (!stop) setFailed(true);
      },
    );
    return () => {
      stop = true;
    };
  }, [site]);

  const Heading = standalone ? 'h2' : 'h3';
  const title = !standalone && (
    <h2 id="forecast-heading" className="forecast-title">
      {tr(lang, 'forecast.title')}
    </h2>
  );
  if (!forecast) {
    return (
      <section className="forecast" aria-labelledby={standalone ? undefined : 'forecast-heading'} data-testid="forecast">
        {title}
        <p className="message">{failed ? tr(lang, 'forecast.unavailable') : tr(lang, 'loading')}</p>
      </section>
    );
  }

  // the window types forecast, in the site's order (a forecast's own for one the page does not know)
  const ids = [...new Set([...queues.map((q) => q.id).filter((id) => forecast.days.some((d) => d.queues.some((x) => x.id === id))), ...forecast.days.flatMap((d) => d.queues.map((x) => x.id))])];
  const chosen = queue && ids.includes(queue) ? queue : (ids[0] ?? null);
  const queueName = (id: string): string => {
    const q = queues.find((x) => x.id === id);
    return q ? localized(q.name, lang) : id;
  };
  const dayOf = (d: ForecastDay): ForecastQueueDay | null => (d.open ? (d.queues.find((x) => x.id === chosen) ?? null) : null);
  const firstOpen = forecast.days.find((d) => dayOf(d) !== null)?.date ?? null;
  const shown = date && forecast.days.some((d) => d.date === date) ? date : firstOpen;
  const shownDay = forecast.days.find((d) => d.date === shown) ?? null;
  const first = forecast.days[0]?.date;
  const last = forecast.days[forecast.days.length - 1]?.date;
  const caption = chosen ? (
    <>
      {tr(lang, 'forecast.caption', { queue: queueName(chosen) })}{' '}
      {first && last && <span className="range">{dateRange(lang, first, last)}</span>}
    </>
  ) : null;
  const pick = (d: string) => {
    picked.current = true;
    setDate(d);
  };

  return (
    <section className="forecast" aria-labelledby={standalone ? undefined : 'forecast-heading'} data-testid="forecast">
      {title}
      <p className="forecast-intro">{tr(lang, 'forecast.intro')}</p>
      {ids.length > 1 && (
        <fieldset className="forecast-queues">
          <legend>{tr(lang, 'forecast.queues')}</legend>
          {ids.map((id) => (
            <label key={id} className={`queue-choice${id === chosen ? ' chosen' : ''}`}>
              <input type="radio" name={name} value={id} checked={id === chosen} onChange={() => setQueue(id)} />
              <span>{queueName(id)}</span>
            </label>
          ))}
        </fieldset>
      )}
      <Legend lang={lang} Heading={Heading} />
      <p className="forecast-hint">{tr(lang, 'forecast.dayHint')}</p>
      {narrow ? (
        <DayList days={forecast.days} lang={lang} caption={caption} dayOf={dayOf} shown={shown} onPick={pick} />
      ) : (
        <MonthGrid days={forecast.days} lang={lang} caption={caption} dayOf={dayOf} shown={shown} onPick={pick} />
      )}
      <div ref={detail}>{shownDay && chosen && <DayDetail day={shownDay} queueDay={dayOf(shownDay)} queueName={queueName(chosen)} lang={lang} Heading={Heading} />}</div>
      <p className="forecast-basis" data-testid="forecast-basis">
        {forecast.historyDays > 0 ? tr(lang, 'forecast.history', { n: forecast.historyDays }) : tr(lang, 'forecast.defaults')} {tr(lang, 'forecast.note')}
      </p>
      <p className="open-data" data-testid="open-data">
        <span>{tr(lang, 'forecast.licence', { licence: forecast.licence })}</span>{' '}
        <span className="open-data-links">
          {tr(lang, 'forecast.openData')}:{' '}
          <a href={`${forecastUrl(site, 'csv')}?days=${CALENDAR_DAYS}`} download data-testid="forecast-csv">
            {tr(lang, 'forecast.csv')}
          </a>{' '}
          <a href={`${forecastUrl(site, 'json')}?days=${CALENDAR_DAYS}`} data-testid="forecast-json">
            {tr(lang, 'forecast.json')}
          </a>
        </span>
      </p>
    </section>
  );
}

interface DaysProps {
  days: ForecastDay[];
  lang: Language;
  caption: ReactNode;
  dayOf: (d: ForecastDay) => ForecastQueueDay | null;
  shown: string | null;
  onPick: (date: string) => void;
}

/** The symbol and the word of a level (or of a closed day); the symbol is decoration for a screen reader. */
function LevelMark({ level, lang }: { level: number | null; lang: Language }) {
  return (
    <>
      <span className="level-symbol" aria-hidden="true">
        {level === null ? CLOSED_SYMBOL : SYMBOL[level]}
      </span>
      <span className="level-word">{level === null ? tr(lang, 'forecast.closed') : tr(lang, levelKey(level))}</span>
    </>
  );
}

/** The calendar as a month's grid: a column per weekday, a row per week (a real table, with its caption). */
function MonthGrid({ days, lang, caption, dayOf, shown, onPick }: DaysProps) {
  if (days.length === 0) return null;
  // columns Monday … Sunday; Saturday and Sunday only when one of them opens (休日開庁)
  const weekday = (d: string) => (new Date(`${d}T00:00:00Z`).getUTCDay() + 6) % 7;
  const columns = [0, 1, 2, 3, 4, 5, 6].filter((c) => c < 5 || days.some((d) => weekday(d.date) === c && dayOf(d) !== null));
  const weeks: Array<Array<ForecastDay | null>> = [];
  let week: Array<ForecastDay | null> = Array.from({ length: 7 }, () => null);
  for (const d of days) {
    if (weekday(d.date) === 0 && week.some((x) => x)) {
      weeks.push(week);
      week = Array.from({ length: 7 }, () => null);
    }
    week[weekday(d.date)] = d;
  }
  weeks.push(week);
  const monday = Date.UTC(2024, 0, 1); // a Monday, for the weekdays' names
  return (
    <div className="calendar-wrap">
      <table className="calendar" data-testid="forecast-calendar">
        <caption>{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col" className={c >= 5 ? 'weekend' : undefined}>
                {new Intl.DateTimeFormat(LOCALE_TAGS[lang], { weekday: 'short', timeZone: 'UTC' }).format(new Date(monday + c * 86_400_000))}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((w, i) => (
            <tr key={i}>
              {columns.map((c) => {
                const d = w[c];
                if (!d) return <td key={c} className="cal-empty" />;
                const q = dayOf(d);
                const day = Number(d.date.slice(8));
                const short = day === 1 || d === days[0] ? `${Number(d.date.slice(5, 7))}/${day}` : String(day);
                const inner = (
                  <>
                    <span className="cal-date">
                      <span className="sr-only">{dateText(lang, d.date)}</span>
                      <span aria-hidden="true">{short}</span>
                    </span>
                    <LevelMark level={q ? q.level : null} lang={lang} />
                  </>
                );
                return (
                  <td key={c} className={q ? `cal-day level-${q.level}` : 'cal-day closed'} data-date={d.date} data-level={q ? q.level : 'closed'} data-testid="forecast-day">
                    {q ? (
                      <button type="button" className="cal-button" aria-pressed={d.date === shown} onClick={() => onPick(d.date)}>
                        {inner}
                      </button>
                    ) : (
                      <span className="cal-button">{inner}</span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {columns.length === 5 && <p className="forecast-hint">{tr(lang, 'forecast.weekendsClosed')}</p>}
    </div>
  );
}

/** The calendar on a phone: a row per day, with its longest expected wait. */
function DayList({ days, lang, caption, dayOf, shown, onPick }: DaysProps) {
  return (
    <table className="calendar calendar-list" data-testid="forecast-calendar">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{tr(lang, 'forecast.col.date')}</th>
          <th scope="col">{tr(lang, 'forecast.col.level')}</th>
          <th scope="col">{tr(lang, 'forecast.col.peak')}</th>
        </tr>
      </thead>
      <tbody>
        {days.map((d) => {
          const q = dayOf(d);
          const peak = q ? longestWait(q) : null;
          return (
            <tr key={d.date} className={q ? `cal-day level-${q.level}` : 'cal-day closed'} data-date={d.date} data-level={q ? q.level : 'closed'} data-testid="forecast-day">
              <th scope="row">
                {q ? (
                  <button type="button" className="list-date" aria-pressed={d.date === shown} onClick={() => onPick(d.date)}>
                    {dateText(lang, d.date)}
                  </button>
                ) : (
                  <span className="list-date">{dateText(lang, d.date)}</span>
                )}
              </th>
              <td className="list-level">
                <LevelMark level={q ? q.level : null} lang={lang} />
              </td>
              <td className="list-peak">{peak ? `${tr(lang, 'forecast.hour', { h: peak.hour })} ${waitText(lang, peak.expectedWaitMinutes)}` : ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function Legend({ lang, Heading }: { lang: Language; Heading: 'h2' | 'h3' }) {
  return (
    <div className="forecast-legend" data-testid="forecast-legend">
      <Heading className="legend-title">{tr(lang, 'forecast.legend')}</Heading>
      <ul>
        {[1, 2, 3, 4, 5].map((l) => (
          <li key={l} className={`level-${l}`}>
            <LevelMark level={l} lang={lang} />
          </li>
        ))}
        <li className="closed">
          <LevelMark level={null} lang={lang} />
        </li>
      </ul>
    </div>
  );
}

/** A chosen day: the expected wait hour by hour ("10時ごろ 約40分"). */
function DayDetail({ day, queueDay, queueName, lang, Heading }: { day: ForecastDay; queueDay: ForecastQueueDay | null; queueName: string; lang: Language; Heading: 'h2' | 'h3' }) {
  const title = tr(lang, 'forecast.detail', { date: dateText(lang, day.date) });
  const longest = Math.max(1, ...(queueDay?.hours ?? []).map((h) => h.expectedWaitMinutes ?? 0));
  return (
    <div className="forecast-detail" data-testid="forecast-detail" aria-live="polite">
      <Heading className="detail-title">{title}</Heading>
      {!queueDay ? (
        <p>{tr(lang, 'forecast.closedDay')}</p>
      ) : (
        <>
          <p className={`detail-level level-${queueDay.level}`}>
            <LevelMark level={queueDay.level} lang={lang} />
          </p>
          <table className="hours">
            <caption>{queueName}</caption>
            <thead>
              <tr>
                <th scope="col">{tr(lang, 'forecast.col.hour')}</th>
                <th scope="col">{tr(lang, 'forecast.col.wait')}</th>
              </tr>
            </thead>
            <tbody>
              {queueDay.hours.map((h) => (
                <tr key={h.hour} data-hour={h.hour}>
                  <th scope="row">{tr(lang, 'forecast.hour', { h: h.hour })}</th>
                  <td>
                    <div className="hour-cell">
                      <span className="hour-bar" aria-hidden="true" style={{ width: `${Math.round(((h.expectedWaitMinutes ?? 0) / longest) * 100)}%` }} />
                      <span className="hour-wait">{waitText(lang, h.expectedWaitMinutes)}</span>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </div>
  );
}

/** "約40分", "待ちなし", or "—" when no counter is expected. */
function waitText(lang: Language, minutes: number | null): string {
  if (minutes === null) return tr(lang, 'status.unknownWait');
  if (minutes < 0.5) return tr(lang, 'status.noWait');
  return tr(lang, 'status.minutes', { n: roundMinutes(minutes) });
}

/** The hour with the longest expected wait of a day (null when no hour has one). */
function longestWait(q: ForecastQueueDay): { hour: number; expectedWaitMinutes: number } | null {
  let best: { hour: number; expectedWaitMinutes: number } | null = null;
  for (const h of q.hours) if (h.expectedWaitMinutes !== null && (!best || h.expectedWaitMinutes > best.expectedWaitMinutes)) best = { hour: h.hour, expectedWaitMinutes: h.expectedWaitMinutes };
  return best;
}

const utc = (date: string) => new Date(`${date}T00:00:00Z`);

/** A calendar date (YYYY-MM-DD, no time zone) as 「4月6日(月)」 / "Mon, Apr 6". */
function dateText(lang: Language, date: string): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[lang], { month: 'long', day: 'numeric', weekday: 'short', timeZone: 'UTC' }).format(utc(date));
}

/** Two dates as the language writes a range: 「4/6〜5/3」, "4/6 – 5/3" (Intl's formatRange pads 「04/06」). */
function dateRange(lang: Language, from: string, to: string): string {
  const f = new Intl.DateTimeFormat(LOCALE_TAGS[lang], { month: 'numeric', day: 'numeric', timeZone: 'UTC' });
  const dash = lang === 'ja' || lang === 'ja-easy' || lang === 'zh' ? '〜' : lang === 'ko' ? ' ~ ' : ' – ';
  return `${f.format(utc(from))}${dash}${f.format(utc(to))}`;
}
