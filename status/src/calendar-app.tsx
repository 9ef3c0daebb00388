import { useEffect, useState } from 'react';
import { fetchStatus, type SiteStatus } from './api';
import { ForecastCalendar } from './forecast-calendar';
import { easyMark, localized, LOCALE_TAGS, rememberLang, tr, type Language } from './i18n';
import { LangSwitch } from './lang-switch';

/**
 * `/status/?view=calendar`: the 混雑予測カレンダー alone, for a homepage that frames it apart from the
 * live figures. No socket: the forecast changes once a day; the status API gives only the names.
 */
export function CalendarApp({ site, initialLang, compact }: { site: string; initialLang: Language; compact: boolean }) {
  const [lang, setLang] = useState<Language>(initialLang);
  const [status, setStatus] = useState<SiteStatus | null>(null);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    document.documentElement.lang = LOCALE_TAGS[lang];
    document.title = tr(lang, 'forecast.title');
  }, [lang]);

  useEffect(() => {
    let stop = false;
    fetchStatus(site).then(
      (s) => {
        if (!stop) setStatus(s);
      },
      (e: unknown) => {
        // without the names the calendar still shows, by the window types' ids
        if (!stop && (e as { status?: number }).status === 404) setMissing(true);
      },
    );
    return () => {
      stop = true;
    };
  }, [site]);

  return (
    <main className={`status calendar-only${compact ? ' compact' : ''}`} lang={LOCALE_TAGS[lang]} {...easyMark(lang)}>
      <LangSwitch
        lang={lang}
        onChange={(l) => {
          setLang(l);
          rememberLang(l);
        }}
      />
      <header className="status-head">
        <div>
          <h1>{tr(lang, 'forecast.title')}</h1>
          {status && <p className="site-name">{localized(status.site.name, lang)}</p>}
        </div>
      </header>
      {missing ? <p className="message">{tr(lang, 'status.unknownSite')}</p> : <ForecastCalendar site={site} lang={lang} queues={status?.queues ?? []} compact={compact} standalone />}
    </main>
  );
}
