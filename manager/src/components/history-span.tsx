import { useEffect, useState } from 'react';
import { asApiError, planning, type HistorySpan as Span } from '../api';
import { clockTime, dateText, errorText, useT } from '../i18n';

/**
 * The history the forecast stands on (issue 19): the span of the site's days with tickets, how
 * many were imported from an old system's log, and the last import (GET …/history).
 */
export function HistorySpan({ siteId, timeZone }: { siteId: string; timeZone: string }) {
  const { lang, tr } = useT();
  const [span, setSpan] = useState<Span | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    planning
      .history(siteId)
      .then((s) => live && setSpan(s))
      .catch((e: unknown) => live && setError(asApiError(e).code));
    return () => {
      live = false;
    };
  }, [siteId]);

  // a business date is a calendar date: shown as the date of its noon in the site's zone
  const day = (d: string) => dateText(lang, `${d}T12:00:00Z`, 'UTC');
  return (
    <section className="panel" aria-labelledby="history-heading" data-testid="history-span">
      <h3 id="history-heading">{tr('history.heading')}</h3>
      {error && (
        <p className="notice notice-error" role="alert">
          {errorText(lang, error)}
        </p>
      )}
      {span &&
        (span.firstDate === null || span.lastDate === null ? (
          <p className="empty">{tr('history.none')}</p>
        ) : (
          <p data-testid="history-span-text">
            {tr('history.span', { first: day(span.firstDate), last: day(span.lastDate), days: span.days, imported: span.importedDays, live: span.days - span.importedDays })}
          </p>
        ))}
      {span &&
        (span.lastImport ? (
          <p className="small-text" data-testid="history-last-import">
            {tr('history.lastImport', { at: `${dateText(lang, span.lastImport.at, timeZone)} ${clockTime(lang, span.lastImport.at, timeZone)}`, source: span.lastImport.source ?? '—' })}
          </p>
        ) : (
          <p className="small-text">{tr('history.noImport', { site: siteId })}</p>
        ))}
    </section>
  );
}
