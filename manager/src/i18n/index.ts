import { catalogue, LOCALE, useCatalogue, type Lang } from '@madoguchi/shared/web';
import { en } from './en';
import { ja, type MessageKey } from './ja';

/**
 * The floor manager's catalogue (staff wording, Japanese and English, in ja.ts and en.ts). Every
 * text of the page is there; the components only call `tr(key)`. Also the page's formatting of
 * durations, minutes, times and dates.
 */
export type { MessageKey };
export { duration, named, PAUSE_REASONS, type Lang } from '@madoguchi/shared/web';

/** The page's catalogue; its formatting and contexts are the staff kit's (shared/web/staff). */
export const messages = catalogue<MessageKey>({ ja, en });
export const { t, hasKey, errorText, reasonText } = messages;
export const useT = () => useCatalogue(messages);

/** Minutes as "12分" / "12 min" (rounded), or "—" when unknown. */
export function minutesText(lang: Lang, minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return t(lang, 'none');
  return t(lang, 'minutes.value', { n: Math.round(minutes) });
}

/** Minutes with one decimal for reports ("4.5"), or "—". */
export function decimal(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits);
}

export function percent(ratio: number | null | undefined): string {
  return ratio === null || ratio === undefined || !Number.isFinite(ratio) ? '—' : `${Math.round(ratio * 100)}%`;
}

/** A time of day in the site's time zone, e.g. 10:05. */
export function clockTime(lang: Lang, iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** A date, e.g. 2026/04/06 or Apr 6, 2026, in the site's time zone. */
export function dateText(lang: Lang, iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { timeZone, year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(iso));
}
