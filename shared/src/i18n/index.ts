import type { Language, LocalizedText } from '../model.js';
import { en } from './en.js';
import { jaEasy } from './ja-easy.js';
import { ja, type Catalogue, type MessageKey } from './ja.js';
import { ko } from './ko.js';
import { pt } from './pt.js';
import { vi } from './vi.js';
import { zh } from './zh.js';

/**
 * Message catalogues of the pages, one per UI language, with the same keys and placeholders
 * (checked by i18n.test.ts). Pages never hold their own text: they call `t()`.
 */
export type { Catalogue, MessageKey };

export const CATALOGUES: Readonly<Record<Language, Catalogue>> = { ja, 'ja-easy': jaEasy, en, zh, ko, pt, vi };

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

export type MessageParams = Readonly<Record<string, string | number>>;

/** The text of `key` in `lang`, with `{name}` placeholders filled from `params`. */
export function t(lang: Language, key: MessageKey, params?: MessageParams): string {
  const text = CATALOGUES[lang][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : String(v);
  });
}

const isMessageKey = (key: string): key is MessageKey => Object.hasOwn(ja, key);

/** The citizen-facing text for an error code (shared/errors.ts, or `NETWORK`); never the server's English. */
export function errorText(lang: Language, code: string): string {
  const key = `error.${code}`;
  return t(lang, isMessageKey(key) ? key : 'error.generic');
}

/** Why issuing is closed ('closed_day', 'outside_hours', 'cutoff', 'paused', 'emergency') as text. */
export function issuingText(lang: Language, reason: string | null | undefined): string {
  // a queue whose numbers are used up says what its refused ticket would say
  if (reason === 'numbers_exhausted') return t(lang, 'error.NUMBERS_EXHAUSTED');
  const key = `issuing.${reason ?? 'closed'}`;
  return t(lang, isMessageKey(key) ? key : 'issuing.closed');
}

/**
 * A configured name in `lang`: its own translation, else (やさしい日本語) the Japanese one,
 * else English, else Japanese.
 */
export function localized(text: LocalizedText, lang: Language): string {
  const own = text[lang];
  if (own) return own;
  return lang === 'ja-easy' ? text.ja : (text.en ?? text.ja);
}

/** A date and time such as 「5月18日(月) 8:45」 or "Mon, May 18, 8:45 AM", in the site's time zone. */
export function formatDateTime(lang: Language, iso: string, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[lang], {
    timeZone,
    month: 'short',
    day: 'numeric',
    weekday: 'short',
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(iso));
}
