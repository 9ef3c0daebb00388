import { createContext, useContext } from 'react';
import type { LocalizedText } from '@madoguchi/shared';
import { en } from './en';
import { ja, type MessageKey } from './ja';

/**
 * The floor manager's catalogue (staff wording, Japanese and English, in ja.ts and en.ts). Every
 * text of the page is there; the components only call `tr(key)`. Also the page's formatting of
 * durations, minutes, times and dates.
 */
export type { MessageKey };

export type Lang = 'ja' | 'en';
type Params = Readonly<Record<string, string | number>>;

const CATALOGUES: Record<Lang, Record<MessageKey, string>> = { ja, en };
export const LOCALE: Record<Lang, string> = { ja: 'ja-JP', en: 'en-US' };

export function t(lang: Lang, key: MessageKey, params?: Params): string {
  const text = CATALOGUES[lang][key];
  return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole)) : text;
}

export const hasKey = (k: string): k is MessageKey => Object.hasOwn(ja, k);

/** A refusal as text: the error code through the catalogue, never the server's English message. */
export function errorText(lang: Lang, code: string, reason: string | null = null): string {
  if (code === 'LOCKED_OUT') {
    const seconds = Number(reason);
    return t(lang, 'error.LOCKED_OUT', { minutes: Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : 15 });
  }
  const key = `error.${code}`;
  return hasKey(key) ? t(lang, key) : t(lang, 'error.generic', { code });
}

/** A configured name (queue, procedure, counter, site) in the page's language. */
export const named = (text: LocalizedText | undefined | null, lang: Lang, fallback = ''): string => (text ? (text[lang] ?? text.ja) : fallback);

/** Pause reasons are codes shown through the catalogue; any other text is shown as it is. */
export const PAUSE_REASONS = ['break', 'phone', 'paperwork'] as const;
export function reasonText(lang: Lang, reason: string | null): string {
  if (!reason) return '';
  const key = `pause.${reason}`;
  return hasKey(key) ? t(lang, key) : reason;
}

/** 3:07, or 1:02:09 past an hour. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

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

export const LangContext = createContext<Lang>('ja');

export function useT(): { lang: Lang; tr: (key: MessageKey, params?: Params) => string } {
  const lang = useContext(LangContext);
  return { lang, tr: (key, params) => t(lang, key, params) };
}
