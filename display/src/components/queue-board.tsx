import { issuingText, type QueueStatusView } from '@madoguchi/shared';
import { bilingual, bilingualName, bilingualOf, roundMinutes, type Bilingual } from '../text';
import { Both } from './bilingual';

function waitOf(q: QueueStatusView): Bilingual {
  if (q.waiting === 0) return bilingual('noWait');
  if (q.estimatedWaitMinutes === null) return bilingual('unknownWait');
  return bilingual('wait', { minutes: roundMinutes(q.estimatedWaitMinutes) });
}

function closedOf(q: QueueStatusView): Bilingual {
  const reason = q.issuing === 'closed' ? q.closedReason : q.issuing;
  return bilingualOf((lang) => issuingText(lang, reason));
}

/** People waiting, then the estimated wait or why the queue takes no tickets: one line in each language. */
function stateOf(q: QueueStatusView): Bilingual {
  const waiting = bilingual('waiting', { count: q.waiting });
  const then = q.issuing === 'open' ? waitOf(q) : closedOf(q);
  return { ja: `${waiting.ja}・${then.ja}`, second: `${waiting.second} · ${then.second}` };
}

/** Per window type: people waiting and the estimated wait, or why it takes no tickets now. */
export function QueueBoard({ queues }: { queues: readonly QueueStatusView[] }) {
  return (
    <section className="queues" aria-labelledby="queues-heading">
      <h2 id="queues-heading" className="panel-heading visually-hidden">
        <Both text={bilingual('queues')} />
      </h2>
      <ul className="queue-list">
        {queues.map((q) => (
          <li key={q.id} className={`queue queue-${q.issuing}`} data-testid="queue" data-queue={q.id} data-waiting={q.waiting}>
            <Both className="queue-name" text={bilingualName(q.name)} />
            <Both className={`queue-state${q.issuing === 'open' ? '' : ' queue-closed-state'}`} text={stateOf(q)} />
          </li>
        ))}
      </ul>
    </section>
  );
}
