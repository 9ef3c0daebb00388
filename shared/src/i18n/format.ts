import { LOCALE_TAGS, type Language } from './languages.js';

/** Minutes for display: at least 1 when there is a wait at all. */
export const roundMinutes = (m: number): number => Math.max(1, Math.round(m));

/**
 * A date and time such as 「5月18日(月) 8:45」 or "Mon, May 18, 8:45 AM", in the site's time zone
 * (the terminal's own only while the site's is not known yet).
 */
export function formatDateTime(lang: Language, iso: string, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[lang], {
    timeZone,
    month: 'short',
    day: 'numeric',
    weekday: 'short',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(iso));
}
