import { DISPLAY, type DisplayKey, type Vars } from '@madoguchi/shared';

/**
 * The display's words (shared/src/i18n/display.ts), in Japanese with English beneath: the screen
 * shows both at once, so it has no language switch.
 */
export interface Bilingual {
  ja: string;
  en: string;
}

/** A text of the display's catalogue in both its languages. */
export const bilingual = (key: DisplayKey, vars?: Vars): Bilingual => ({ ja: DISPLAY.t('ja', key, vars), en: DISPLAY.t('en', key, vars) });

export { roundMinutes } from '@madoguchi/shared';
