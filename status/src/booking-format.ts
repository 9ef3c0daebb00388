import { BOOKING, LOCALE_TAGS, type Language } from '@madoguchi/shared';

/** 来庁予約's words (shared/src/i18n/booking.ts), in the language given to each component. */
export const bt = BOOKING.t;

/** The calendar day (YYYY-MM-DD) of an instant in the site's time zone. */
export function dayOf(iso: string, timeZone: string): string {
  // en-CA writes dates as YYYY-MM-DD
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

/** `count` calendar days from `first` (YYYY-MM-DD) on, `first` included. */
export function daysFrom(first: string, count: number): string[] {
  const [y = 0, m = 1, d = 1] = first.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => new Date(Date.UTC(y, m - 1, d + i)).toISOString().slice(0, 10));
}

/** A day such as 「4月7日(火)」 or "Tue, April 7". */
export function formatDay(lang: Language, day: string): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[lang], { timeZone: 'UTC', month: 'long', day: 'numeric', weekday: 'short' }).format(new Date(`${day}T00:00:00Z`));
}

/** A time of day in the site's time zone, such as 「10:00」. */
export function formatClock(lang: Language, iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[lang], { timeZone, hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

/** A slot as 「4月7日(火) 10:00–10:30」. */
export function formatSlot(lang: Language, start: string, end: string, timeZone: string): string {
  return `${formatDay(lang, dayOf(start, timeZone))} ${formatClock(lang, start, timeZone)}–${formatClock(lang, end, timeZone)}`;
}

/** A refused booking's text by its code; codes without their own text get the generic one. */
export function bookingErrorText(lang: Language, code: string): string {
  const key = `book.error.${code}`;
  return bt(lang, BOOKING.has(key) ? key : 'book.error.generic');
}
