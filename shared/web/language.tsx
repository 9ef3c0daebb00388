import { createContext, useContext } from 'react';
import type { Catalogue, Language, Vars } from '@madoguchi/shared';

/** The language the page shows now (its App provides it; every component reads it). */
export const LanguageContext = /* @__PURE__ */ createContext<Language>('ja');

/** A component's `{ lang, tr }`: `tr(key, vars)` is the catalogue's text in the page's language. */
export function useText<K extends string>(catalogue: Pick<Catalogue<K>, 't'>): { lang: Language; tr: (key: K, vars?: Vars) => string } {
  const lang = useContext(LanguageContext);
  return { lang, tr: (key, vars) => catalogue.t(lang, key, vars) };
}
