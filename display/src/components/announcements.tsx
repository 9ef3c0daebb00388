import type { AnnouncementView } from '@madoguchi/shared';
import { bilingual } from '../text';
import { Both } from './bilingual';

/** Information announcements, scrolling along the bottom of the screen. */
export function Banner({ notices }: { notices: readonly AnnouncementView[] }) {
  const text = notices.map((a) => a.message).join('　／　');
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
          {text}
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
      {announcements.map((a) => (
        <p key={a.id} className="emergency-message">
          {a.message}
        </p>
      ))}
      <p className="emergency-follow">
        <Both text={bilingual('emergencyFollow')} />
      </p>
    </div>
  );
}
