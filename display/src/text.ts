import { counterNumber, DISPLAY, LANGUAGES, localized, type CounterRef, type DisplayKey, type Language, type LocalizedText, type Vars } from '@madoguchi/shared';

/**
 * The display's words: Japanese, with a second line beneath in the display's second language
 * (English unless the display is set otherwise, options.ts). The screen shows both at once, so
 * it has no language switch; the second language is chosen once, before the page renders.
 */
export interface Bilingual {
  ja: string;
  second: string;
}

let second: Language = 'en';

/** The display's second language, from its options; set in main.tsx before anything renders. */
export function setSecondLanguage(lang: Language): void {
  second = lang;
}

export const secondLanguage = (): Language => second;

/** A text of the display's catalogue in Japanese and the second language. */
export const bilingual = (key: DisplayKey, vars?: Vars): Bilingual => ({ ja: DISPLAY.t('ja', key, vars), second: DISPLAY.t(second, key, vars) });

/** A configured name (site, queue) in Japanese and the second language. */
export const bilingualName = (name: LocalizedText): Bilingual => ({ ja: name.ja, second: localized(name, second) });

/** Any text given per language (the citizens' catalogue's window states) in Japanese and the second language. */
export const bilingualOf = (text: (lang: Language) => string): Bilingual => ({ ja: text('ja'), second: text(second) });

/** A text of the display's catalogue in every language, as a configured name is (for counters missing from the snapshot). */
export function catalogueName(key: DisplayKey, vars?: Vars): LocalizedText {
  const name: Partial<Record<Language, string>> = {};
  for (const lang of LANGUAGES) name[lang] = DISPLAY.t(lang, key, vars);
  return { ...name, ja: DISPLAY.t('ja', key, vars), en: DISPLAY.t('en', key, vars) };
}

/**
 * A counter's name in Japanese and the second language: the configured one, else — for a
 * numbered counter — the catalogue's 「{id}番窓口」 in that language (a counter configured in
 * Japanese and English only still reads "Quầy 3" under a Vietnamese display).
 */
export function bilingualCounter(counter: CounterRef): Bilingual {
  const own = counter.name[second];
  const n = counterNumber(counter);
  return { ja: counter.name.ja, second: own || (n === null ? localized(counter.name, second) : DISPLAY.t(second, 'counter', { id: n })) };
}

export { roundMinutes } from '@madoguchi/shared';
