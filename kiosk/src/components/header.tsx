import { LANGUAGE_NAMES, LANGUAGES, LOCALE_TAGS, localized, type Language, type LocalizedText } from '@madoguchi/shared';
import { useT } from '../i18n';

interface HeaderProps {
  siteName: LocalizedText | null;
  demo: boolean;
  online: boolean;
  onLanguage: (lang: Language) => void;
}

/** Site name, title, the discreet connection indicator and the always-visible language switch. */
export function Header({ siteName, demo, online, onLanguage }: HeaderProps) {
  const { lang, tr } = useT();
  return (
    <header className="header">
      <div className="title-row">
        <div className="titles">
          {siteName && <div className="site-name">{localized(siteName, lang)}</div>}
          <h1 className="title">{tr('kiosk.title')}</h1>
        </div>
        <div className="indicators">
          {demo && <span className="badge badge-demo">{tr('kiosk.demo')}</span>}
          {!online && (
            <span className="badge badge-offline" role="status" data-testid="offline">
              {tr('kiosk.offline')}
            </span>
          )}
        </div>
      </div>
      <nav className="languages" aria-label={tr('language.switch')}>
        {LANGUAGES.map((l) => (
          <button
            key={l}
            type="button"
            className="language"
            lang={LOCALE_TAGS[l]}
            aria-pressed={l === lang}
            onClick={() => onLanguage(l)}
          >
            {LANGUAGE_NAMES[l]}
          </button>
        ))}
      </nav>
    </header>
  );
}
