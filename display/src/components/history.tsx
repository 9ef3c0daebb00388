import type { CounterRef, RecentCall } from '@madoguchi/shared';
import { bilingual, bilingualCounter } from '../text';
import { Both, Second } from './bilingual';

interface Props {
  calls: readonly RecentCall[];
  counter: (id: string) => CounterRef;
}

/** The calls whose citizens came (or were given up), newest first. */
export function History({ calls, counter }: Props) {
  return (
    <section className="history" aria-labelledby="history-heading">
      <h2 id="history-heading" className="panel-heading">
        <Both text={bilingual('history')} />
      </h2>
      <ol className="history-list" data-testid="history">
        {calls.map((c) => {
          const name = bilingualCounter(counter(c.counter));
          return (
            <li key={c.seq} className="history-row" data-testid="history-call" data-label={c.label} data-counter={c.counter}>
              <span className="history-label">{c.label}</span>
              <span className="history-arrow" aria-hidden="true">
                →
              </span>
              <span className="history-counter">
                <span lang="ja">{name.ja}</span>
                {name.second !== name.ja && <Second text={name.second} />}
              </span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
