import type { CounterRef, RecentCall } from '@madoguchi/shared';
import { bilingual } from '../text';
import { Both } from './bilingual';

interface Props {
  calls: readonly RecentCall[];
  counter: (id: string) => CounterRef;
  blinking: ReadonlySet<number>;
}

/** The calls before the latest one, newest first. */
export function History({ calls, counter, blinking }: Props) {
  return (
    <section className="history" aria-labelledby="history-heading">
      <h2 id="history-heading" className="panel-heading">
        <Both text={bilingual('history')} />
      </h2>
      <ol className="history-list" data-testid="history">
        {calls.map((c) => {
          const name = counter(c.counter).name;
          return (
            <li
              key={c.seq}
              className={`history-row${blinking.has(c.seq) ? ' blink' : ''}`}
              data-testid="history-call"
              data-label={c.label}
              data-counter={c.counter}
            >
              <span className="history-label">{c.label}</span>
              <span className="history-arrow" aria-hidden="true">
                →
              </span>
              <span className="history-counter">
                <span lang="ja">{name.ja}</span>
                <span className="en" lang="en">
                  {name.en}
                </span>
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
