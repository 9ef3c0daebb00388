import { LANGUAGE_NAMES, LOCALE_TAGS, STATUS } from '@madoguchi/shared';
import { tr, type Language } from './i18n';

/**
 * Every language the pages offer, each written in itself, as the kiosk shows them: a reader finds
 * their own without reading the current one. The chosen one is pressed.
 */
export function LangSwitch({ lang, onChange }: { lang: Language; onChange: (l: Language) => void }) {
  return (
    <nav className="langs" aria-label={tr(lang, 'lang.switch')}>
      {STATUS.complete.map((l) => (
        <button key={l} type="button" className="lang" lang={LOCALE_TAGS[l]} aria-pressed={l === lang} onClick={() => onChange(l)}>
          {LANGUAGE_NAMES[l]}
        </button>
      ))}
    </nav>
  );
}
