import { LANGUAGES, type Language, type LocalizedText } from '../model.js';

/**
 * The seven languages of the pages (the codes are model.ts's `Language`, which tickets also
 * carry): what each is called in itself, for a language switch, and its BCP 47 tag.
 */
export { LANGUAGES, type Language };

/** Each language's name in that language: a switch shows it so that a reader finds their own. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  ja: '日本語',
  'ja-easy': 'やさしい にほんご',
  en: 'English',
  zh: '中文',
  ko: '한국어',
  pt: 'Português',
  vi: 'Tiếng Việt',
};

/** BCP 47 tags for `lang` attributes and `Intl` (やさしい日本語 is Japanese). */
export const LOCALE_TAGS: Readonly<Record<Language, string>> = {
  ja: 'ja-JP',
  'ja-easy': 'ja-JP',
  en: 'en-US',
  zh: 'zh-CN',
  ko: 'ko-KR',
  pt: 'pt-BR',
  vi: 'vi-VN',
};

/**
 * Where a text missing in a language is looked for next: やさしい日本語 reads Japanese, every other
 * language English, then Japanese (which has every text). The same order for catalogue texts and
 * for configured names.
 */
export function fallbacks(lang: Language): readonly Language[] {
  if (lang === 'ja') return ['ja'];
  if (lang === 'ja-easy') return ['ja-easy', 'ja'];
  if (lang === 'en') return ['en', 'ja'];
  return [lang, 'en', 'ja'];
}

/** The language a two-language switch (Japanese ⇄ English, the staff and status pages') turns to. */
export const otherLanguage = (lang: Language): Language => (lang === 'ja' ? 'en' : 'ja');

const isLanguage = (code: string): code is Language => (LANGUAGES as readonly string[]).includes(code);

/**
 * The one way a page picks its language: the first of `wishes` it offers — in the order the page
 * trusts them: an explicit choice (`?lang=`), the stored choice, the browser's languages — else
 * Japanese. A browser's tag counts by its language (en-GB is English, zh-TW Chinese, pt-PT
 * Portuguese); やさしい日本語 is only ever chosen explicitly.
 */
export function pickLanguage(offered: readonly Language[], wishes: Iterable<string | null | undefined>): Language {
  for (const wish of wishes) {
    if (!wish) continue;
    const code = wish.toLowerCase();
    const lang = isLanguage(code) ? code : code.split('-')[0];
    if (lang && isLanguage(lang) && offered.includes(lang)) return lang;
  }
  return 'ja';
}

/** A configured name (queue, procedure, counter, site) in `lang`, through the same fallbacks as catalogue texts. */
export function localized(text: LocalizedText, lang: Language): string {
  for (const l of fallbacks(lang)) {
    const own = text[l];
    if (own) return own;
  }
  return text.ja;
}
