import { localized, type Catalogue, type Language, type LocalizedText, type StaffKey } from '@madoguchi/shared';

/**
 * A staff page's catalogue (shared/src/i18n: counter, manager) with what the staff pages read the
 * same way: refusals told by their error code (never the server's English), pause reasons by
 * their code; configured names in the chosen language.
 */
export interface StaffCatalogue<K extends string> extends Catalogue<K> {
  /** A refusal as text: the error code through the catalogue, never the server's English message. */
  errorText(lang: Language, code: string, reason?: string | null): string;
  /** Pause reasons are sent as codes and shown through the catalogue (`pause.<code>`); other text as it is. */
  reasonText(lang: Language, reason: string | null): string;
}

/** A page's catalogue for the staff kit (`K`: the page's keys, which include the kit's `StaffKey`). */
export function staffCatalogue<K extends string>(c: Catalogue<K | StaffKey>): StaffCatalogue<K | StaffKey> {
  return {
    ...c,
    errorText(lang, code, reason = null) {
      if (code === 'LOCKED_OUT') {
        const seconds = Number(reason);
        return c.t(lang, 'error.LOCKED_OUT', { minutes: Number.isFinite(seconds) && seconds > 0 ? Math.ceil(seconds / 60) : 15 });
      }
      const key = `error.${code}`;
      return c.has(key) ? c.t(lang, key) : c.t(lang, 'error.generic', { code });
    },
    reasonText(lang, reason) {
      if (!reason) return '';
      const key = `pause.${reason}`;
      return c.has(key) ? c.t(lang, key) : reason;
    },
  };
}

/** A configured name (queue, procedure, counter, site) in the page's language, or `fallback` without one. */
export const named = (text: LocalizedText | undefined | null, lang: Language, fallback = ''): string => (text ? localized(text, lang) : fallback);

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
