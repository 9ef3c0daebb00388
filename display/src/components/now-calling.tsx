import type { CounterRef, RecentCall } from '@madoguchi/shared';
import { bilingual, bilingualCounter } from '../text';
import { Both, Second } from './bilingual';

interface Props {
  /** the calls waiting for their citizens, newest first (scope.ts `waitingCalls`) */
  calls: readonly RecentCall[];
  counter: (id: string) => CounterRef;
  blinking: ReadonlySet<number>;
  speaking: ReadonlySet<number>;
}

/**
 * How large the rows are: one call as large as the lobby can read from 10 m, and smaller as more
 * wait, so that every counter's call stays on the screen (12 fit; a site with more counters
 * limits each display to a floor's, display/README.md).
 */
const sizeOf = (n: number): string => (n <= 1 ? 'one' : n <= 3 ? 'few' : n <= 6 ? 'many' : 'crowd');

/**
 * Every call waiting for its citizen, a row per counter, newest first: 「1023 → 3番窓口」. The
 * row being said by the voice now is marked, on the screen and for screen readers.
 */
export function NowCalling({ calls, counter, blinking, speaking }: Props) {
  return (
    <section className="now" aria-labelledby="now-heading" aria-live="polite">
      <h2 id="now-heading" className="panel-heading">
        <Both text={bilingual('nowCalling')} />
      </h2>
      {calls.length > 0 ? (
        <ol className="calls" data-testid="calling" data-size={sizeOf(calls.length)}>
          {calls.map((call, i) => (
            <CallRow key={`${call.counter}:${call.label}`} call={call} counter={counter(call.counter)} latest={i === 0} blinking={blinking.has(call.seq)} speaking={speaking.has(call.seq)} />
          ))}
        </ol>
      ) : (
        <p className="now-empty" data-testid="no-calls">
          <Both text={bilingual('noCalls')} />
        </p>
      )}
    </section>
  );
}

function CallRow({ call, counter, latest, blinking, speaking }: { call: RecentCall; counter: CounterRef; latest: boolean; blinking: boolean; speaking: boolean }) {
  const name = bilingualCounter(counter);
  const marker = bilingual('speaking');
  return (
    <li
      className={`call${blinking ? ' blink' : ''}${speaking ? ' speaking' : ''}`}
      data-testid={latest ? 'latest-call' : 'call'}
      data-label={call.label}
      data-counter={call.counter}
      data-blinking={blinking}
      data-speaking={speaking}
      aria-current={speaking ? 'true' : undefined}
    >
      <span className="call-label" data-testid={latest ? 'latest-label' : undefined}>
        {call.label}
      </span>
      <span className="call-arrow" aria-hidden="true">
        →
      </span>
      <span className="call-counter">
        <span className="call-counter-ja" lang="ja">
          {name.ja}
        </span>
        {name.second !== name.ja && <Second className="call-counter-second" text={name.second} />}
      </span>
      {call.recall && <Both className="tag-recall" text={bilingual('recall')} />}
      {speaking && (
        <span className="speaking-mark" data-testid="speaking">
          <SpeakingIcon />
          <span className="visually-hidden">{`${marker.ja} ${marker.second}`}</span>
        </span>
      )}
    </li>
  );
}

/** A loudspeaker with sound waves (an SVG: signage players rarely have an emoji font). */
function SpeakingIcon() {
  return (
    <svg className="speaking-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path d="M3 9h4l5-4v14l-5-4H3z" fill="currentColor" />
      <path d="M16 8.5a5 5 0 0 1 0 7M18.5 6a8.5 8.5 0 0 1 0 12" stroke="currentColor" strokeWidth="2" fill="none" strokeLinecap="round" />
    </svg>
  );
}
