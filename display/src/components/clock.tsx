import { useEffect, useMemo, useState } from 'react';
import { LOCALE_TAGS } from '@madoguchi/shared';
import { secondLanguage } from '../text';
import { Second } from './bilingual';

/** The site's local time and date (in Japanese and the display's second language), updated on the minute. */
export function Clock({ timeZone }: { timeZone: string }) {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    // wake just after each minute begins
    const next = () => 60_000 - (Date.now() % 60_000) + 50;
    const tick = () => {
      setNow(new Date());
      timer = setTimeout(tick, next());
    };
    timer = setTimeout(tick, next());
    return () => clearTimeout(timer);
  }, []);
  const f = useMemo(
    () => ({
      time: new Intl.DateTimeFormat('ja-JP', { timeZone, hour: '2-digit', minute: '2-digit', hour12: false }),
      ja: new Intl.DateTimeFormat('ja-JP', { timeZone, month: 'long', day: 'numeric', weekday: 'short' }),
      second: new Intl.DateTimeFormat(LOCALE_TAGS[secondLanguage()], { timeZone, month: 'short', day: 'numeric', weekday: 'short' }),
    }),
    [timeZone],
  );
  return (
    <div className="clock" data-testid="clock">
      <time className="clock-time" dateTime={now.toISOString()}>
        {f.time.format(now)}
      </time>
      <span className="clock-date">
        <span lang="ja">{f.ja.format(now)}</span>
        {/* やさしい日本語 reads the Japanese date */}
        {secondLanguage() !== 'ja-easy' && <Second text={f.second.format(now)} />}
      </span>
    </div>
  );
}
