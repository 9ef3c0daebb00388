import { announcementText, LOCALE_TAGS, type AnnouncementView } from '@madoguchi/shared';
import { useT } from '../i18n';

/**
 * An emergency announcement covers the kiosk (issuing is stopped server-side too), in the
 * citizen's language when the manager wrote it in that language, else in Japanese with its
 * やさしい日本語 text (announcementText).
 */
export function Emergency({ announcements }: { announcements: readonly AnnouncementView[] }) {
  const { lang, tr } = useT();
  return (
    <div className="emergency" role="alertdialog" aria-modal="true" aria-labelledby="emergency-heading" data-testid="emergency">
      <h2 id="emergency-heading" className="emergency-heading">
        {tr('kiosk.emergency.heading')}
      </h2>
      {announcements.map((a) =>
        // staff write the messages; they are shown as written
        announcementText(a, lang).map((part) => (
          <p key={`${a.id}-${part.lang}`} className="emergency-message" lang={LOCALE_TAGS[part.lang]} data-lang={part.lang}>
            {part.text}
          </p>
        )),
      )}
      <p className="emergency-stopped">{tr('kiosk.emergency.stopped')}</p>
    </div>
  );
}

/** Information announcements along the kiosk's top, in the citizen's language as the emergency's are. */
export function InfoBanner({ announcements }: { announcements: readonly AnnouncementView[] }) {
  const { lang, tr } = useT();
  return (
    <div className="info-banner" role="status">
      <span className="info-label">{tr('kiosk.announcement')}</span>
      {announcements.map((a) =>
        announcementText(a, lang).map((part) => (
          <span key={`${a.id}-${part.lang}`} className="info-message" lang={LOCALE_TAGS[part.lang]} data-lang={part.lang}>
            {part.text}
          </span>
        )),
      )}
    </div>
  );
}

/** A refusal or failure explained in the citizen's language, until closed (or the idle return). */
export function Message({ lines, onClose }: { lines: string[]; onClose: () => void }) {
  const { tr } = useT();
  return (
    <div className="modal-backdrop">
      <div className="message" role="alertdialog" aria-modal="true" aria-describedby="message-text" data-testid="message">
        <div id="message-text">
          {lines.map((l, i) => (
            <p key={i}>{l}</p>
          ))}
        </div>
        <button type="button" className="message-close" onClick={onClose} autoFocus>
          {tr('kiosk.message.close')}
        </button>
      </div>
    </div>
  );
}

export function Busy() {
  const { tr } = useT();
  return (
    <div className="modal-backdrop">
      <div className="busy" role="status" data-testid="busy">
        {tr('kiosk.issuing')}
      </div>
    </div>
  );
}

/** The whole page when it cannot work: no device token, or a refused one. */
export function DeviceProblem({ text }: { text: string }) {
  return (
    <main className="device-problem" role="alert">
      <p>{text}</p>
    </main>
  );
}
