import type { EnglishForm, RecentCall } from '@madoguchi/shared';

/**
 * Which calls the display says next, and how: the scheduling rules of the announcer
 * (announcer.ts), pure so that they are tested without time passing. Speech takes about 12 s a
 * call (chime, Japanese, English); calls arrive faster than that when counters call together,
 * and the voice must not fall behind the screen. So:
 * - the calls waiting when a turn begins are said together, in one announcement (at most
 *   `maxCalls`, and as many as fit in one clip's words);
 * - a call whose ticket ended (served, no-show, transferred) or was called elsewhere before its
 *   turn is not said at all;
 * - a call that has waited longer than `maxDelayMs` is not said either (the screen shows it);
 * - while a backlog exists, English is said short or not at all (`englishForm`).
 */

/** A call waiting for its turn, with the moment (the announcer's clock, ms) it arrived. */
export interface Waiting {
  call: RecentCall;
  since: number;
}

export interface TurnRules {
  /** the most calls said in one announcement */
  maxCalls: number;
  /** a call that has waited longer than this when its turn comes is shown but not said */
  maxDelayMs: number;
  /** whether these calls fit in one announcement's words (`callsSpeech` is not null) */
  fits: (calls: readonly RecentCall[]) => boolean;
  /** whether a call still waits for its citizen: its ticket is called at its counter, not started or ended */
  live: (call: RecentCall) => boolean;
}

/** One announcement: what it says, and what it leaves unsaid. */
export interface Turn {
  /** said together, in the order they were called */
  spoken: RecentCall[];
  /** waited past the limit: shown on the screen, not said */
  overdue: RecentCall[];
  /** ended before its turn: not said */
  ended: RecentCall[];
  /** how long the longest-waiting spoken call waited (ms) */
  delayMs: number;
}

/**
 * The next turn from the calls waiting, at `now`, and the calls left for later turns (those that
 * did not fit); null when nothing waits. A ticket called again at its counter while it waited (a
 * recall) is taken once, as its latest call; the same label at another counter is another call
 * (a transfer, or the next day's numbering).
 */
export function takeTurn(queue: readonly Waiting[], now: number, rules: TurnRules): { turn: Turn; rest: Waiting[] } | null {
  if (queue.length === 0) return null;
  const latest = new Map<string, Waiting>();
  for (const w of queue) {
    const key = `${w.call.counter}:${w.call.label}`;
    latest.delete(key);
    latest.set(key, w);
  }
  const turn: Turn = { spoken: [], overdue: [], ended: [], delayMs: 0 };
  const rest: Waiting[] = [];
  for (const w of latest.values()) {
    if (!rules.live(w.call)) turn.ended.push(w.call);
    else if (now - w.since > rules.maxDelayMs) turn.overdue.push(w.call);
    // once one call is left for later, the calls after it wait too: they are said in order
    else if (rest.length === 0 && turn.spoken.length < rules.maxCalls && rules.fits([...turn.spoken, w.call])) {
      turn.spoken.push(w.call);
      turn.delayMs = Math.max(turn.delayMs, now - w.since);
    } else rest.push(w);
  }
  return { turn, rest };
}

/** What a display does with English while calls wait behind the one being said (a setting per display). */
export type BacklogEnglish = 'full' | 'short' | 'off';

export const BACKLOG_ENGLISH: readonly BacklogEnglish[] = ['full', 'short', 'off'];

/** The English of an announcement: whole without a backlog, else as the display is set; null for none. */
export function englishForm(setting: BacklogEnglish, backlog: boolean): EnglishForm | null {
  if (!backlog) return 'full';
  return setting === 'off' ? null : setting;
}
