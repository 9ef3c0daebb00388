import { LOCALE_TAGS, pickLanguage, STATUS, type Language } from '@madoguchi/shared';

/**
 * The status and phone pages' text (shared/src/i18n/status.ts) in the language given to each
 * component; window states through the citizens' `issuingText`, configured names through `localized`.
 */
export { formatDateTime, issuingText, localized, LOCALE_TAGS, roundMinutes, type Language } from '@madoguchi/shared';
export const tr = STATUS.t;

const STORE_KEY = 'madoguchi.status.lang';

/**
 * What the visitor asked for, strongest first: `?lang=`, then the language they last chose with a
 * page's switch on this browser. (Only a tap on the switch is remembered: a language the page
 * picked by itself must not hide the next ticket's language.)
 */
export function askedLangs(search: string): Array<string | null> {
  let stored: string | null = null;
  try {
    stored = window.localStorage.getItem(STORE_KEY);
  } catch {
    // storage may be refused inside a third-party frame: the browser's language decides
  }
  return [new URLSearchParams(search).get('lang'), stored];
}

/** The first of `wishes` the pages offer (all seven languages), else Japanese. */
export const pageLang = (wishes: Iterable<string | null | undefined>): Language => pickLanguage(STATUS.complete, wishes);

export function rememberLang(lang: Language): void {
  try {
    window.localStorage.setItem(STORE_KEY, lang);
  } catch {
    // inside a frame whose storage is blocked the choice lasts for this visit only
  }
}

/** Marks やさしい日本語 for the stylesheet, which then breaks its lines only at the spaces between words. */
export const easyMark = (lang: Language): { 'data-easy'?: '' } => (lang === 'ja-easy' ? { 'data-easy': '' } : {});

/** A time of day such as 「8:45」 or "8:45 AM", in the site's time zone. */
export function formatTime(lang: Language, iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[lang], { timeZone, hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}
