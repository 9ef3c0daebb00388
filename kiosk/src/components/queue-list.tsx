import { formatDateTime, issuingText, localized, roundMinutes, type QueueStatusView } from '@madoguchi/shared';
import { useT } from '../i18n';

interface QueueListProps {
  queues: readonly QueueStatusView[];
  /** the site's, from the snapshot: next openings are given in it */
  timeZone: string;
  disabled: boolean;
  onChoose: (queue: string) => void;
}

/** Step 1: one big button per window type with its live waiting count and estimated wait. */
export function QueueList({ queues, timeZone, disabled, onChoose }: QueueListProps) {
  const { tr } = useT();
  const open = queues.filter((q) => q.issuing === 'open');
  return (
    <section className="step" aria-labelledby="queues-heading">
      <h2 id="queues-heading" className="step-heading">
        {tr(open.length > 0 ? 'kiosk.queues.heading' : 'kiosk.queues.none')}
      </h2>
      <div className="queues">
        {queues.map((q, i) => (
          <QueueButton key={q.id} queue={q} index={i} timeZone={timeZone} disabled={disabled} onChoose={onChoose} />
        ))}
      </div>
    </section>
  );
}

function QueueButton({ queue: q, index, timeZone, disabled, onChoose }: { queue: QueueStatusView; index: number; timeZone: string; disabled: boolean; onChoose: (queue: string) => void }) {
  const { lang, tr } = useT();
  const open = q.issuing === 'open';
  const wait =
    q.estimatedWaitMinutes === null
      ? tr('kiosk.queue.wait.unknown')
      : q.waiting === 0 && q.estimatedWaitMinutes < 1
        ? tr('kiosk.queue.wait.none')
        : tr('kiosk.queue.wait', { minutes: roundMinutes(q.estimatedWaitMinutes) });
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
          <span className="queue-waiting">{tr('kiosk.queue.waiting', { count: q.waiting })}</span>
          <span className="queue-wait">{wait}</span>
        </span>
      ) : (
        <span className="queue-closed">
          <span className="queue-reason">{issuingText(lang, q.closedReason ?? q.issuing)}</span>
          {q.nextOpening && (
            <span className="queue-next" data-testid="next-opening">
              {tr('kiosk.queue.nextOpening', { time: formatDateTime(lang, q.nextOpening, timeZone) })}
            </span>
          )}
        </span>
      )}
    </button>
  );
}
