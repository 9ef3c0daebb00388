import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { LOCALE, type Catalogue, type Lang, type Params, type StaffKey } from './catalogue';

/** The language chosen on this page (every component reads it; the page's App provides it). */
export const LangContext = /* @__PURE__ */ createContext<Lang>('ja');

/** The part of a page's catalogue the kit's components read. */
export type KitCatalogue = Pick<Catalogue<StaffKey>, 't' | 'errorText'>;

interface Kit {
  catalogue: KitCatalogue;
  languageShortcut: string | null;
}
const KitContext = /* @__PURE__ */ createContext<Kit | null>(null);

interface StaffKitProps {
  lang: Lang;
  /** the page's wording (the kit's components speak through it) */
  catalogue: KitCatalogue;
  /**
   * The keyboard shortcut of the language switch in the bar (aria-keyshortcuts; the console's).
   * With one, a click on the switch leaves the focus where it was, and the switch is named by what
   * it shows (the other language) with "switch language" as its title; without, that is its name.
   */
  languageShortcut?: string;
  children: ReactNode;
}

/** Gives the page's components, and the kit's, the chosen language and the page's wording. */
export function StaffKit({ lang, catalogue, languageShortcut, children }: StaffKitProps) {
  const kit = useMemo(() => ({ catalogue, languageShortcut: languageShortcut ?? null }), [catalogue, languageShortcut]);
  return (
    <LangContext.Provider value={lang}>
      <KitContext.Provider value={kit}>{children}</KitContext.Provider>
    </LangContext.Provider>
  );
}

function useKit(): Kit {
  const kit = useContext(KitContext);
  if (!kit) throw new Error('the staff kit needs <StaffKit> around the page');
  return kit;
}

/** The language switch's shortcut given to `StaffKit`, or null. */
export const useLanguageShortcut = (): string | null => useKit().languageShortcut;

/** A page's `useT`: the chosen language and `tr(key)` through the page's catalogue. */
export function useCatalogue<K extends string>(c: Pick<Catalogue<K>, 't'>): { lang: Lang; tr: (key: K, params?: Params) => string } {
  const lang = useContext(LangContext);
  return { lang, tr: (key, params) => c.t(lang, key, params) };
}

/** The kit's own `useT`, through the catalogue the page gave to `StaffKit`. */
export function useStaffText(): { lang: Lang; tr: (key: StaffKey, params?: Params) => string; errorText: (code: string, reason?: string | null) => string } {
  const lang = useContext(LangContext);
  const c = useKit().catalogue;
  return { lang, tr: (key, params) => c.t(lang, key, params), errorText: (code, reason) => c.errorText(lang, code, reason) };
}

/**
 * The page's language, remembered on this PC; the document's `lang` and title follow it.
 * `toggle` switches between Japanese and English.
 */
export function useLanguage(remembered: { lang(): Lang; setLang(lang: Lang): void }, catalogue: KitCatalogue): { lang: Lang; toggle: () => void } {
  const [lang, setLang] = useState<Lang>(() => remembered.lang());
  const toggle = useCallback(() => {
    const next = lang === 'ja' ? 'en' : 'ja';
    remembered.setLang(next);
    setLang(next);
  }, [lang, remembered]);

  useEffect(() => {
    document.documentElement.lang = LOCALE[lang];
    document.title = `${catalogue.t(lang, 'app.title')} — madoguchi`;
  }, [lang, catalogue]);

  return { lang, toggle };
}
