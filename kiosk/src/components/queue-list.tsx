import type { ReactNode } from 'react';
import { localized, type QueueStatusView } from '@madoguchi/shared';
import { useT } from '../i18n';
import { closedHelp, queueLines } from '../texts';

interface QueueListProps {
  queues: readonly QueueStatusView[];
  /** the site's, from the snapshot: next openings are given in it */
  timeZone: string;
  disabled: boolean;
  onChoose: (queue: string) => void;
  /** beside the heading: 予約の方, when a window takes bookings (on the heading's line, so the screen grows no taller) */
  aside?: ReactNode;
}

/**
 * Step 1: one big button per window type with its live waiting count and estimated wait. When
 * no window takes tickets, the screen says what to do: come back at the next opening, or ask staff.
 */
export function QueueList({ queues, timeZone, disabled, onChoose, aside }: QueueListProps) {
  const { lang, tr } = useT();
  const open = queues.some((q) => q.issuing === 'open');
  return (
    <section className={aside ? 'step with-aside' : 'step'} aria-labelledby="queues-heading">
      <div className="step-heading-row">
        <h2 id="queues-heading" className="step-heading">
          {tr(open ? 'kiosk.queues.heading' : 'kiosk.queues.none')}
        </h2>
        {aside}
      </div>
      {!open && (
        <p className="closed-help" data-testid="closed-help">
          {closedHelp(lang, queues, timeZone)}
        </p>
      )}
      <div className="queues">
        {queues.map((q, i) => (
          <QueueButton key={q.id} queue={q} index={i} timeZone={timeZone} disabled={disabled} onChoose={onChoose} />
        ))}
      </div>
    </section>
  );
}

function QueueButton({ queue: q, index, timeZone, disabled, onChoose }: { queue: QueueStatusView; index: number; timeZone: string; disabled: boolean; onChoose: (queue: string) => void }) {
  const { lang } = useT();
  const open = q.issuing === 'open';
  const [first, second] = queueLines(lang, q, timeZone);
  return (
    <button
      type="button"
      className={`queue tone-${index % 4}`}
      data-queue={q.id}
      data-issuing={q.issuing}
      disabled={disabled || !open}
      onClick={() => onChoose(q.id)}
    >
      <span className="queue-name">{localized(q.name, lang)}</span>
      {open ? (
        <span className="queue-stats">
          <span className="queue-waiting">{first}</span>
          <span className="queue-wait">{second}</span>
        </span>
      ) : (
        <span className="queue-closed">
          <span className="queue-reason">{first}</span>
          {second && (
            <span className="queue-next" data-testid={q.nextOpening ? 'next-opening' : 'ask-staff'}>
              {second}
            </span>
          )}
        </span>
      )}
    </button>
  );
}
