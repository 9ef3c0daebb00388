import { localSettings } from '@madoguchi/shared/web';
import type { Language } from './i18n';

/**
 * What this PC remembers in localStorage: the console's language, the site, and the counter it
 * sits at (one per site), so that the next sign-in goes straight to the same counter.
 */
const { get, put } = localSettings('madoguchi.counter.');

export const remembered = {
  lang: (): string | null => get('lang'),
  setLang: (lang: Language) => put('lang', lang),
  site: (): string | null => get('site'),
  setSite: (site: string | null) => put('site', site),
  counter: (site: string): string | null => get(`counter.${site}`),
  setCounter: (site: string, counter: string | null) => put(`counter.${site}`, counter),
};
