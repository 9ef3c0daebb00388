import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { LOCALE_TAGS, otherLanguage, pickLanguage, type Language, type StaffKey, type Vars } from '@madoguchi/shared';
import { LanguageContext, useText } from '../language';
import type { StaffCatalogue } from './catalogue';

/** The part of a page's catalogue the kit's components read. */
export type KitCatalogue = Pick<StaffCatalogue<StaffKey>, 't' | 'errorText' | 'complete'>;

interface Kit {
  catalogue: KitCatalogue;
  languageShortcut: string | null;
}
const KitContext = /* @__PURE__ */ createContext<Kit | null>(null);

interface StaffKitProps {
  lang: Language;
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
    <LanguageContext.Provider value={lang}>
      <KitContext.Provider value={kit}>{children}</KitContext.Provider>
    </LanguageContext.Provider>
  );
}

function useKit(): Kit {
  const kit = useContext(KitContext);
  if (!kit) throw new Error('the staff kit needs <StaffKit> around the page');
  return kit;
}

/** The language switch's shortcut given to `StaffKit`, or null. */
export const useLanguageShortcut = (): string | null => useKit().languageShortcut;

/** The kit's own `useT`, through the catalogue the page gave to `StaffKit`. */
export function useStaffText(): { lang: Language; tr: (key: StaffKey, vars?: Vars) => string; errorText: (code: string, reason?: string | null) => string } {
  const c = useKit().catalogue;
  const { lang, tr } = useText(c);
  return { lang, tr, errorText: (code, reason) => c.errorText(lang, code, reason) };
}

/**
 * The page's language: the one remembered on this PC if the page offers it, else Japanese (a
 * staff PC's browser language does not decide); the document's `lang` and title follow it.
 * `toggle` switches between Japanese and English.
 */
export function useLanguage(remembered: { lang(): string | null; setLang(lang: Language): void }, catalogue: KitCatalogue): { lang: Language; toggle: () => void } {
  const [lang, setLang] = useState<Language>(() => pickLanguage(catalogue.complete, [remembered.lang()]));
  const toggle = useCallback(() => {
    const next = otherLanguage(lang);
    remembered.setLang(next);
    setLang(next);
  }, [lang, remembered]);

  useEffect(() => {
    document.documentElement.lang = LOCALE_TAGS[lang];
    document.title = `${catalogue.t(lang, 'app.title')} — madoguchi`;
  }, [lang, catalogue]);

  return { lang, toggle };
}
