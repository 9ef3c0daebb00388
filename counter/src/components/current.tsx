import { useEffect, useState } from 'react';
import type { CounterView } from '@madoguchi/shared';
import type { QueueCatalogue } from '../api';
import { duration, named, reasonText, useT } from '../i18n';
import { BookedFlag } from './lists';

/** The present time on the server's clock, ticking every second. */
function useServerNow(offsetMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now + offsetMs;
}

interface CurrentProps {
  counter: CounterView;
  catalogue: QueueCatalogue[];
  queueNames: (id: string) => string;
  offsetMs: number;
  /** the site's, for a booked ticket's slot time */
  timeZone: string;
}

/** The ticket at this counter now: its number very large, its state, and how long it has been called or served. */
export function CurrentTicket({ counter, catalogue, queueNames, offsetMs, timeZone }: CurrentProps) {
  const { lang, tr } = useT();
  const now = useServerNow(offsetMs);
  const ticket = counter.currentTicket;

  if (counter.availability === 'closed' || counter.availability === 'paused') {
    return (
      <section className={`current current-${counter.availability}`} aria-labelledby="current-heading" data-testid="current">
        <h2 id="current-heading" className="current-heading">
          {tr('current.heading')}
        </h2>
        <p className="current-banner" data-testid="counter-availability">
          {counter.availability === 'closed' ? tr('counter.closed') : tr('counter.paused', { reason: reasonText(lang, counter.reason) || tr('counter.state.paused') })}
        </p>
      </section>
    );
  }
  if (!ticket) {
    return (
      <section className="current current-none" aria-labelledby="current-heading" data-testid="current">
        <h2 id="current-heading" className="current-heading">
          {tr('current.heading')}
        </h2>
        <p className="current-empty">{tr('current.none')}</p>
      </section>
    );
  }
  const serving = ticket.state === 'serving';
  const since = serving ? ticket.startedAt : ticket.calledAt;
  const service = ticket.service ? catalogue.find((q) => q.id === ticket.queue)?.services.find((s) => s.id === ticket.service) : undefined;
  return (
    <section className={`current current-${ticket.state}`} aria-labelledby="current-heading" data-testid="current" data-state={ticket.state}>
      <h2 id="current-heading" className="current-heading">
        {tr('current.heading')}
      </h2>
      <div className="current-main">
        <div className="current-label" data-testid="current-label">
          {ticket.label}
        </div>
        <div className="current-facts">
          <span className={`state-badge badge-${ticket.state}`} data-testid="current-state">
            {serving ? tr('current.state.serving') : tr('current.state.called')}
          </span>
          <span className="current-timer" data-testid="current-timer" role="timer" aria-live="off">
            {since ? (serving ? tr('current.serving', { time: duration(now - Date.parse(since)) }) : tr('current.sinceCall', { time: duration(now - Date.parse(since)) })) : ''}
          </span>
          {ticket.recalls > 0 && <span className="current-recalls">{tr('current.recalls', { count: ticket.recalls })}</span>}
        </div>
      </div>
      <p className="current-what">
        <span>{queueNames(ticket.queue)}</span>
        {service && <span> · {named(service.name, lang)}</span>}
        {ticket.booked && <BookedFlag at={ticket.booked} timeZone={timeZone} />}
        {ticket.priority && <span className="flag">{tr('ticket.priority')}</span>}
        {ticket.lowCounter && <span className="flag">{tr('ticket.lowCounter')}</span>}
      </p>
    </section>
  );
}
