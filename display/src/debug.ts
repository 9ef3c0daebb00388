/**
 * What the display did, for tests and for a technician's console: `window.__madoguchi`.
 * `announced` gets one entry per call as the announcement saying it starts; `turns` one per
 * announcement (the calls it says, those it leaves unsaid, how late, its English); `sounds` one
 * per chime, utterance (Web Speech) or server clip as it starts. Each keeps the latest entries only.
 */
export interface AnnouncedEntry {
  label: string;
  counter: string;
  recall: boolean;
}

/** One announcement: the labels it says, those that waited too long or ended before it, its delay (ms) and English. */
export interface TurnEntry {
  spoken: string[];
  overdue: string[];
  ended: string[];
  delayMs: number;
  /** full, short or off; null while the Japanese is said, and when the voice is off */
  english: string | null;
}

export type SoundEntry = { kind: 'chime' } | { kind: 'speech' | 'clip'; lang: 'ja' | 'en'; text: string };

export interface DisplayDebug {
  announced: AnnouncedEntry[];
  turns: TurnEntry[];
  sounds: SoundEntry[];
}

declare global {
  interface Window {
    __madoguchi?: DisplayDebug;
  }
}

const KEEP = 500;

export function installDebug(): DisplayDebug {
  const d: DisplayDebug = { announced: [], turns: [], sounds: [] };
  window.__madoguchi = d;
  return d;
}

export function record<T>(list: T[], entry: T): void {
  list.push(entry);
  if (list.length > KEEP) list.splice(0, list.length - KEEP);
}
