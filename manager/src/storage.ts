import { localSettings } from '@madoguchi/shared/web';
import type { Language } from './i18n';

/**
 * What this PC remembers in localStorage: the page's language, the site, and whether the alert
 * sound is muted.
 */
const { get, put } = localSettings('madoguchi.manager.');

export const remembered = {
  lang: (): string | null => get('lang'),
  setLang: (lang: Language) => put('lang', lang),
  site: (): string | null => get('site'),
  setSite: (site: string | null) => put('site', site),
  muted: (): boolean => get('muted') === '1',
  setMuted: (muted: boolean) => put('muted', muted ? '1' : null),
};
