/**
 * What the display did, for tests and for a technician's console: `window.__madoguchi`.
 * `announced` gets one entry when each announcement starts; `sounds` one per chime, utterance
 * (Web Speech) or server clip as it starts. Both keep the latest entries only.
 */
export interface AnnouncedEntry {
  label: string;
  counter: string;
  recall: boolean;
}

export type SoundEntry = { kind: 'chime' } | { kind: 'speech' | 'clip'; lang: 'ja' | 'en'; text: string };

export interface DisplayDebug {
  announced: AnnouncedEntry[];
  sounds: SoundEntry[];
}

declare global {
  interface Window {
    __madoguchi?: DisplayDebug;
  }
}

const KEEP = 500;

export function installDebug(): DisplayDebug {
  const d: DisplayDebug = { announced: [], sounds: [] };
  window.__madoguchi = d;
  return d;
}

export function record<T>(list: T[], entry: T): void {
  list.push(entry);
  if (list.length > KEEP) list.splice(0, list.length - KEEP);
}
