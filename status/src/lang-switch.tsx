import { LANGUAGE_NAMES, LOCALE_TAGS, otherLanguage } from '@madoguchi/shared';
import { tr, type Language } from './i18n';

/** One button: the other language, written in that language. */
export function LangSwitch({ lang, onChange }: { lang: Language; onChange: (l: Language) => void }) {
  const other = otherLanguage(lang);
  return (
    <button type="button" className="lang" lang={LOCALE_TAGS[other]} aria-label={`${tr(lang, 'lang.switch')}: ${LANGUAGE_NAMES[other]}`} onClick={() => onChange(other)}>
      {LANGUAGE_NAMES[other]}
    </button>
  );
}
