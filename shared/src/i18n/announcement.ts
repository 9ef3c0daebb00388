import type { Language } from '../model.js';
import type { AnnouncementTexts } from '../schemas.js';

/** The languages an announcement may have a text in besides Japanese (the keys of its `texts`), in the order the pages list languages. */
export const ANNOUNCEMENT_LANGUAGES = ['ja-easy', 'en', 'zh', 'ko', 'pt', 'vi'] as const satisfies readonly Language[];
export type AnnouncementLanguage = (typeof ANNOUNCEMENT_LANGUAGES)[number];

/** One text of an announcement as a page shows it, with its language for the element's `lang`. */
export interface AnnouncementPart {
  lang: Language;
  text: string;
}

/**
 * What a page shows of a manager's announcement in `lang` (product.md §8, "Languages
 * everywhere"): the text written in that language if there is one; else the Japanese message,
 * followed by its やさしい日本語 text when the manager wrote one — a reader of a language the
 * manager did not write in is more likely helped by simple Japanese than by a guess at another
 * foreign language. Japanese readers get the Japanese message only.
 */
export function announcementText(a: { message: string; texts: AnnouncementTexts }, lang: Language): AnnouncementPart[] {
  const japanese: AnnouncementPart = { lang: 'ja', text: a.message };
  if (lang === 'ja') return [japanese];
  const own = a.texts[lang];
  if (own) return [{ lang, text: own }];
  const easy = a.texts['ja-easy'];
  return easy ? [japanese, { lang: 'ja-easy', text: easy }] : [japanese];
}

/** The languages an announcement was written in: Japanese, then the others in the pages' order. */
export function announcementLanguages(texts: AnnouncementTexts): Language[] {
  return ['ja', ...ANNOUNCEMENT_LANGUAGES.filter((l) => texts[l])];
}
