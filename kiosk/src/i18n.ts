import { createContext, useContext } from 'react';
import { t, type Language, type MessageKey, type MessageParams } from '@madoguchi/shared';

/** The citizen's language for this visit; every text comes from the shared catalogues. */
export const LangContext = createContext<Language>('ja');

export function useT(): { lang: Language; tr: (key: MessageKey, params?: MessageParams) => string } {
  const lang = useContext(LangContext);
  return { lang, tr: (key, params) => t(lang, key, params) };
}

/** Minutes for display: at least 1 when there is a wait at all. */
export const roundMinutes = (m: number): number => Math.max(1, Math.round(m));

/**
 * The site's time zone. The snapshot does not carry it yet (see kiosk/README.md); every
 * configured site so far is in Japan.
 */
export const SITE_TIME_ZONE = 'Asia/Tokyo';
