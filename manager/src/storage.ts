import type { Lang } from './i18n';

/**
 * What this PC remembers in localStorage: the page's language, the site, and whether the alert
 * sound is muted.
 */
const PREFIX = 'madoguchi.manager.';

function get(key: string): string | null {
  try {
    return window.localStorage.getItem(PREFIX + key);
  } catch {
    return null; // storage disabled by policy: nothing is remembered
  }
}

function put(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(PREFIX + key);
    else window.localStorage.setItem(PREFIX + key, value);
  } catch {
    // storage disabled by policy or full: the choice lasts for this page only
  }
}

export const remembered = {
  lang: (): Lang => (get('lang') === 'en' ? 'en' : 'ja'),
  setLang: (lang: Lang) => put('lang', lang),
  site: (): string | null => get('site'),
  setSite: (site: string | null) => put('site', site),
  muted: (): boolean => get('muted') === '1',
  setMuted: (muted: boolean) => put('muted', muted ? '1' : null),
};
