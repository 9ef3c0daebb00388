import { LANGUAGE_NAMES, LANGUAGES, LOCALE_TAGS, localized, type Language, type LocalizedText } from '@madoguchi/shared';
import { useT } from '../i18n';

interface HeaderProps {
  siteName: LocalizedText | null;
  demo: boolean;
  online: boolean;
  onLanguage: (lang: Language) => void;
  largeText: boolean;
  onLargeText: (on: boolean) => void;
  audio: boolean;
  /** the audio guidance's button: on, it reads the screen aloud (app.tsx) */
  onAudio: (on: boolean) => void;
}

/**
 * Site name, title, the discreet connection indicator, the always-visible language switch, and
 * the two aids: audio guidance (first in the keyboard's order, for a citizen who cannot see the
 * screen) and larger text.
 */
export function Header({ siteName, demo, online, onLanguage, largeText, onLargeText, audio, onAudio }: HeaderProps) {
  const { lang, tr } = useT();
  return (
    <header className="header">
      <div className="title-row">
        <div className="titles">
          <div className="site-line">
            {siteName && <div className="site-name">{localized(siteName, lang)}</div>}
            <div className="indicators">
              {demo && <span className="badge badge-demo">{tr('kiosk.demo')}</span>}
              {!online && (
                <span className="badge badge-offline" role="status" data-testid="offline">
                  {tr('kiosk.offline')}
                </span>
              )}
            </div>
          </div>
          <h1 className="title">{tr('kiosk.title')}</h1>
        </div>
        <div className="aids">
          <button type="button" className="aid aid-audio" aria-pressed={audio} onClick={() => onAudio(!audio)} data-testid="audio-guidance">
            <svg className="aid-icon" viewBox="0 0 24 24" aria-hidden="true">
              <path d="M3 9v6h4l5 4V5L7 9H3z" fill="currentColor" />
              <path d="M15.5 8.5a5 5 0 0 1 0 7M18.5 5.5a9 9 0 0 1 0 13" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
            </svg>
            {tr('kiosk.audio')}
          </button>
          <button type="button" className="aid aid-large" aria-pressed={largeText} onClick={() => onLargeText(!largeText)} data-testid="large-text">
            <span className="aid-icon" aria-hidden="true">
              A+
            </span>
            {tr('kiosk.largeText')}
          </button>
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
