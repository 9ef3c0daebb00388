import type { CounterRef, RecentCall } from '@madoguchi/shared';
import { bilingual } from '../text';
import { Both } from './bilingual';

interface Props {
  call: RecentCall | null;
  counter: CounterRef | null;
  blinking: boolean;
}

/** The latest call, large enough to read across the lobby: 「1023 → 3番窓口」. */
export function NowCalling({ call, counter, blinking }: Props) {
  return (
    <section className="now" aria-labelledby="now-heading" aria-live="polite">
      <h2 id="now-heading" className="panel-heading">
        <Both text={bilingual('nowCalling')} />
      </h2>
      {call && counter ? (
        <div
          key={call.seq}
          className={`now-call${blinking ? ' blink' : ''}`}
          data-testid="latest-call"
          data-label={call.label}
          data-counter={call.counter}
          data-blinking={blinking}
        >
          <span className="now-label" data-testid="latest-label">
            {call.label}
          </span>
          <span className="now-arrow" aria-hidden="true">
            →
          </span>
          <span className="now-counter">
            <span className="now-counter-ja" lang="ja">
              {counter.name.ja}
            </span>
            <span className="now-counter-en en" lang="en">
              {counter.name.en}
            </span>
          </span>
          {call.recall && <Both className="tag-recall" text={bilingual('recall')} />}
        </div>
      ) : (
        <p className="now-empty" data-testid="no-calls">
          <Both text={bilingual('noCalls')} />
        </p>
      )}
    </section>
  );
}
