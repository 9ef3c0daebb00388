import { tr, type Lang } from './i18n';

/** One button: the other language, written in that language. */
export function LangSwitch({ lang, onChange }: { lang: Lang; onChange: (l: Lang) => void }) {
  const other: Lang = lang === 'ja' ? 'en' : 'ja';
  return (
    <button type="button" className="lang" lang={other} aria-label={`${tr(lang, 'lang.switch')}: ${tr(lang, 'lang.other')}`} onClick={() => onChange(other)}>
      {tr(lang, 'lang.other')}
    </button>
  );
}
