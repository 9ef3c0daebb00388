import { LANGUAGE_NAMES, LANGUAGES, LOCALE_TAGS, pickLanguage, PLAIN, STATUS, type Language, type PlainKey, type StatusKey, type Vars } from '@madoguchi/shared';
import { escapeHtml } from './html.js';

/** A language tag as `?lang=` may give it (`vi`, `pt-BR`, `ja-easy`): `plainLanguage` picks its language. */
export const LANG_TAG_PATTERN = '^[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*$';

/**
 * The languages of an `Accept-Language` header, most wanted first (by `q`, then by their order);
 * `*` and those refused with `q=0` are left out.
 */
export function acceptLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part, i) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q\s*=\s*([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q), i };
    })
    .filter((x) => x.tag !== '' && x.tag !== '*' && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i)
    .map((x) => x.tag);
}

/**
 * The plain pages' language: `?lang=` first, then (a ticket's page) the language the ticket was
 * taken in, then the browser's languages, else Japanese — the
 * same order as the scripted pages, which have the visitor's stored choice in between (a plain
 * page keeps the choice in its links instead). All seven languages are offered.
 */
export function plainLanguage(asked: string | undefined, acceptLanguage: string | undefined, ticketLanguage: Language | null = null): Language {
  return pickLanguage(LANGUAGES, [asked, ticketLanguage, ...acceptLanguages(acceptLanguage)]);
}

/** The seven languages as plain links, each named in itself; the page's own is marked, not linked. */
export function languageNav(lang: Language, hrefOf: (l: Language) => string): string {
  const items = LANGUAGES.map((l) => {
    const name = escapeHtml(LANGUAGE_NAMES[l]);
    const tag = LOCALE_TAGS[l];
    return l === lang
      ? `<li><strong lang="${tag}" aria-current="true">${name}</strong></li>`
      : `<li><a href="${escapeHtml(hrefOf(l))}" lang="${tag}" hreflang="${tag}">${name}</a></li>`;
  });
  return `<nav aria-labelledby="languages"><h2 id="languages">${textsIn(lang).t('lang.switch')}</h2><ul>${items.join('')}</ul></nav>`;
}

/** A time of day such as 「8:45」 or "8:45 AM" in the site's time zone (as the status pages show it). */
export function formatClock(lang: Language, iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[lang], { timeZone, hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

/** The status pages' texts (status.ts) and the plain pages' own (plain.ts) in `lang`, escaped for HTML. */
export function textsIn(lang: Language): { t: (key: StatusKey, vars?: Vars) => string; p: (key: PlainKey, vars?: Vars) => string } {
  return { t: (key, vars) => escapeHtml(STATUS.t(lang, key, vars)), p: (key, vars) => escapeHtml(PLAIN.t(lang, key, vars)) };
}
