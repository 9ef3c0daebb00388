import { announcementText, LOCALE_TAGS, type AnnouncementPart, type AnnouncementView, type Language } from '@madoguchi/shared';
import { bilingual, secondLanguage } from '../text';
import { Both } from './bilingual';


/**
 * An announcement as the display shows it: the Japanese message, then what a reader of the
 * display's second language reads — the manager's text in that language, else the やさしい日本語
 * one (announcementText) — unless that would be the Japanese again.
 */
function displayed(a: AnnouncementView, second: Language): AnnouncementPart[] {
  return [{ lang: 'ja', text: a.message }, ...announcementText(a, second).filter((p) => p.lang !== 'ja')];
}

/** Information announcements, scrolling along the bottom of the screen. */
export function Banner({ notices }: { notices: readonly AnnouncementView[] }) {
  const parts = notices.flatMap((a) => displayed(a, secondLanguage()));
  const text = parts.map((p) => p.text).join('　／　');
  // a longer text scrolls for longer, at the same reading speed
  const seconds = Math.max(14, Math.round(text.length * 0.45));
  return (
    <div className="banner" role="status" data-testid="banner">
      <span className="banner-label">
        <Both text={bilingual('notice')} />
      </span>
      <div className="banner-track">
        {/* staff write the messages; they are shown as written (React escapes them) */}
        <span key={text} className="banner-text" style={{ animationDuration: `${seconds}s` }}>
          {parts.map((p, i) => (
            <span key={i} lang={LOCALE_TAGS[p.lang]} data-lang={p.lang}>
              {i > 0 && '　／　'}
              {p.text}
            </span>
          ))}
        </span>
      </div>
    </div>
  );
}

/** An emergency announcement covers the whole screen until a manager clears it. */
export function Emergency({ announcements }: { announcements: readonly AnnouncementView[] }) {
  return (
    <div className="emergency" role="alertdialog" aria-modal="true" aria-labelledby="emergency-heading" data-testid="emergency">
      <h2 id="emergency-heading" className="emergency-heading">
        <Both text={bilingual('emergency')} />
      </h2>
      {announcements.map((a) =>
        displayed(a, secondLanguage()).map((p) => (
          <p key={`${a.id}-${p.lang}`} className="emergency-message" lang={LOCALE_TAGS[p.lang]} data-lang={p.lang}>
            {p.text}
          </p>
        )),
      )}
      <p className="emergency-follow">
        <Both text={bilingual('emergencyFollow')} />
      </p>
    </div>
  );
}
