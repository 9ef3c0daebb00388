import { LOCALE_TAGS, pickLanguage, STATUS, type Language } from '@madoguchi/shared';

/**
 * The status and phone pages' text (shared/src/i18n/status.ts) in the language given to each
 * component; window states through the citizens' `issuingText`, configured names through `localized`.
 */
export { formatDateTime, issuingText, localized, LOCALE_TAGS, roundMinutes, type Language } from '@madoguchi/shared';
export const tr = STATUS.t;

const STORE_KEY = 'madoguchi.status.lang';

/** `?lang=` first, then the visitor's last choice, then the browser's languages, among those the pages offer. */
export function initialLang(search: string, navigatorLanguages: readonly string[]): Language {
  let stored: string | null = null;
  try {
    stored = window.localStorage.getItem(STORE_KEY);
  } catch {
    // storage may be refused inside a third-party frame: the browser's language decides
  }
  return pickLanguage(STATUS.complete, [new URLSearchParams(search).get('lang'), stored, ...navigatorLanguages]);
}

export function rememberLang(lang: Language): void {
  try {
    window.localStorage.setItem(STORE_KEY, lang);
  } catch {
    // inside a frame whose storage is blocked the choice lasts for this visit only
  }
}

/** A time of day such as 「8:45」 or "8:45 AM", in the site's time zone. */
export function formatTime(lang: Language, iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[lang], { timeZone, hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}
