import { LOCALE_TAGS, MANAGER, type Language } from '@madoguchi/shared';
import { staffCatalogue, useText } from '@madoguchi/shared/web';

/**
 * The floor manager's catalogue (shared/src/i18n/manager) with the staff kit's refusals and pause
 * reasons; also the page's formatting of durations, minutes, times and dates.
 */
export type { Language, ManagerKey as MessageKey } from '@madoguchi/shared';
export { duration, named, PAUSE_REASONS } from '@madoguchi/shared/web';

export const messages = staffCatalogue(MANAGER);
export const { t, has: hasKey, errorText, reasonText } = messages;
export const useT = () => useText(messages);

/** Minutes as "12分" / "12 min" (rounded), or "—" when unknown. */
export function minutesText(lang: Language, minutes: number | null | undefined): string {
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
export function clockTime(lang: Language, iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[lang], { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
}

/** A date, e.g. 2026/04/06 or Apr 6, 2026, in the site's time zone. */
export function dateText(lang: Language, iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[lang], { timeZone, year: 'numeric', month: 'short', day: 'numeric' }).format(new Date(iso));
}
