import type { LocalizedText } from '@madoguchi/shared';

/**
 * What the staff pages' message catalogues have in common: two languages with the same keys and
 * `{placeholders}`, refusals told by their error code (never the server's English), configured
 * names and pause reasons in the chosen language. Each page keeps its own wording.
 */
export type Lang = 'ja' | 'en';
export const LOCALE: Record<Lang, string> = { ja: 'ja-JP', en: 'en-US' };

export type Params = Readonly<Record<string, string | number>>;

/** The keys the staff kit's own components and `errorText` read: every staff page's catalogue has them. */
export type StaffKey =
  | 'app.title'
  | 'language.other'
  | 'language.switch'
  | 'connecting'
  | 'offline'
  | 'signin.heading'
  | 'signin.username'
  | 'signin.password'
  | 'signin.submit'
  | 'signin.busy'
  | 'signout'
  | 'site.choose'
  | 'error.LOCKED_OUT'
  | 'error.generic';

export interface Catalogue<K extends string> {
  t(lang: Lang, key: K, params?: Params): string;
  hasKey(key: string): key is K;
  /** A refusal as text: the error code through the catalogue, never the server's English message. */
  errorText(lang: Lang, code: string, reason?: string | null): string;
  /** Pause reasons are sent as codes and shown through the catalogue (`pause.<code>`); other text as it is. */
  reasonText(lang: Lang, reason: string | null): string;
}

/** A page's catalogue from its two languages (`K`: the page's keys, which include the kit's). */
export function catalogue<K extends string>(texts: Record<Lang, Record<K | StaffKey, string>>): Catalogue<K | StaffKey> {
  type Key = K | StaffKey;
  const t = (lang: Lang, key: Key, params?: Params): string => {
    const text = texts[lang][key];
    return params ? text.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole)) : text;
  };
  const hasKey = (k: string): k is Key => Object.hasOwn(texts.ja, k);
  return {
    t,
    hasKey,
    errorText(lang, code, reason = null) {
      if (code === 'LOCKED_OUT') {
        const seconds = Number(reason);
        return t(lang, 'error.LOCKED_OUT', { minutes: Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : 15 });
      }
      const key = `error.${code}`;
      return hasKey(key) ? t(lang, key) : t(lang, 'error.generic', { code });
    },
    reasonText(lang, reason) {
      if (!reason) return '';
      const key = `pause.${reason}`;
      return hasKey(key) ? t(lang, key) : reason;
    },
  };
}

/** A configured name (queue, procedure, counter, site) in the page's language. */
export const named = (text: LocalizedText | undefined | null, lang: Lang, fallback = ''): string => (text ? (text[lang] ?? text.ja) : fallback);

/** The pause reasons sent as codes (休憩, 電話対応, 書類確認). */
export const PAUSE_REASONS = ['break', 'phone', 'paperwork'] as const;

/** 3:07, or 1:02:09 past an hour. */
export function duration(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
