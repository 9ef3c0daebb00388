import { useEffect, useState, useSyncExternalStore } from 'react';
import type { QueueStatusView } from '@madoguchi/shared';
import { fetchStatus, type SiteStatus } from './api';
import { easyMark, formatDateTime, formatTime, issuingText, localized, LOCALE_TAGS, rememberLang, roundMinutes, tr, type Language } from './i18n';
import { ForecastCalendar } from './forecast-calendar';
import { LangSwitch } from './lang-switch';
import type { Live } from './live';

/** While the socket is down, the cacheable status API keeps the page current (ETag → mostly 304). */
const FALLBACK_POLL_MS = 30_000;
const DEFAULT_TIME_ZONE = 'Asia/Tokyo';

interface Props {
  site: string;
  live: Live;
  initialLang: Language;
  compact: boolean;
}

/** 混雑状況: per window type, people waiting, estimated wait, last called number, open or closed. */
export function StatusApp({ site, live, initialLang, compact }: Props) {
  const [lang, setLang] = useState<Language>(initialLang);
  const { site: snapshot, online } = useSyncExternalStore(live.subscribe, live.getState);
  const [polled, setPolled] = useState<SiteStatus | null>(null);
  const [missing, setMissing] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    document.documentElement.lang = LOCALE_TAGS[lang];
    document.title = tr(lang, 'status.title');
  }, [lang]);
  const choose = (l: Language): void => {
    setLang(l);
    rememberLang(l);
  };

  useEffect(() => {
    if (online && snapshot) return;
    let stop = false;
    const poll = (): void => {
      fetchStatus(site).then(
        (s) => {
          if (stop) return;
          setPolled(s);
          setFailed(false);
        },
        (e: unknown) => {
          if (stop) return;
          if ((e as { status?: number }).status === 404) setMissing(true);
          else setFailed(true);
        },
      );
    };
    poll();
    const timer = setInterval(poll, FALLBACK_POLL_MS);
    return () => {
      stop = true;
      clearInterval(timer);
    };
  }, [site, online, snapshot]);

  // the socket's snapshot is newer than a poll while connected; the poll wins once it is fresher
  const useSnapshot = snapshot && (online || !polled || snapshot.at >= polled.at);
  const view = useSnapshot ? { name: snapshot.site.name, at: snapshot.at, queues: snapshot.queues, timeZone: snapshot.site.timeZone } : polled ? { name: polled.site.name, at: polled.at, queues: polled.queues, timeZone: DEFAULT_TIME_ZONE } : null;

  return (
    <main className={`status${compact ? ' compact' : ''}`} lang={LOCALE_TAGS[lang]} {...easyMark(lang)}>
      <LangSwitch lang={lang} onChange={choose} />
      <header className="status-head">
        <div>
          <h1>{tr(lang, 'status.title')}</h1>
          {view && <p className="site-name">{localized(view.name, lang)}</p>}
        </div>
        <div className="head-side">
          {view && (
            <p className="as-of" data-testid="as-of">
              <span className={`dot${online ? ' on' : ''}`} aria-hidden="true" />
              {tr(lang, 'status.asOf', { time: formatTime(lang, view.at, view.timeZone) })}
            </p>
          )}
        </div>
      </header>
      {missing ? (
        <p className="message">{tr(lang, 'status.unknownSite')}</p>
      ) : !view ? (
        <p className="message">{failed ? tr(lang, 'error.network') : tr(lang, 'loading')}</p>
      ) : (
        <>
          {!online && snapshot && <p className="offline">{tr(lang, 'offline')}</p>}
          <ul className="queues">
            {view.queues.map((q) => (
              <QueueRow key={q.id} q={q} lang={lang} timeZone={view.timeZone} />
            ))}
          </ul>
          <p className="note">{tr(lang, 'status.note')}</p>
          <ForecastCalendar site={site} lang={lang} queues={view.queues} compact={compact} />
        </>
      )}
    </main>
  );
}

function QueueRow({ q, lang, timeZone }: { q: QueueStatusView; lang: Language; timeZone: string }) {
  const open = q.issuing === 'open';
  const wait =
    q.estimatedWaitMinutes === null ? tr(lang, 'status.unknownWait') : q.waiting === 0 || q.estimatedWaitMinutes < 0.5 ? tr(lang, 'status.noWait') : tr(lang, 'status.minutes', { n: roundMinutes(q.estimatedWaitMinutes) });
  return (
    <li className={`queue ${open ? 'is-open' : 'is-closed'}`} data-testid={`queue-${q.id}`}>
      <div className="queue-title">
        <h2>{localized(q.name, lang)}</h2>
        <span className={`badge ${open ? 'open' : 'closed'}`} data-testid={`issuing-${q.id}`}>
          {open ? tr(lang, 'status.open') : issuingText(lang, q.issuing === 'closed' ? q.closedReason : q.issuing)}
        </span>
      </div>
      {!open && q.nextOpening && <p className="next-opening">{tr(lang, 'status.nextOpening', { when: formatDateTime(lang, q.nextOpening, timeZone) })}</p>}
      <dl className="figures">
        <div>
          <dt>{tr(lang, 'status.waiting')}</dt>
          <dd data-testid={`waiting-${q.id}`}>{tr(lang, 'status.people', { n: q.waiting })}</dd>
        </div>
        <div>
          <dt>{tr(lang, 'status.wait')}</dt>
          <dd data-testid={`wait-${q.id}`}>{wait}</dd>
        </div>
        <div>
          <dt>{tr(lang, 'status.lastCalled')}</dt>
          <dd data-testid={`last-${q.id}`} className="number">
            {q.lastCalled ?? tr(lang, 'status.noneCalled')}
          </dd>
        </div>
      </dl>
    </li>
  );
}
