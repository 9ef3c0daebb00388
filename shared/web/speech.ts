/**
 * Speaking to citizens, for the lobby display's calls and the kiosk's audio guidance: the
 * browser's voice for the language where it has one (Web Speech API), else a clip the server
 * renders with espeak-ng (`GET /api/v1/sites/{site}/voice.wav`), as on a Linux signage player or a
 * headless browser, which have no voices. What to say, and what to record of it, is each page's.
 */

/** The browser's speech synthesis, if it has one. */
export const synthesis = (): SpeechSynthesis | null => (typeof window.speechSynthesis === 'object' && window.speechSynthesis !== null ? window.speechSynthesis : null);

/** The browser's voice for a language ('ja', 'en', 'zh'…), a local one first (an office LAN may not reach online voices). */
export function findVoice(lang: string): SpeechSynthesisVoice | null {
  const voices = synthesis()?.getVoices() ?? [];
  const of = voices.filter((v) => {
    const l = v.lang.replace('_', '-').toLowerCase();
    return l === lang || l.startsWith(`${lang}-`);
  });
  return of.find((v) => v.localService) ?? of[0] ?? null;
}

/** Generous time for a sentence to be spoken, after which the page moves on regardless. */
export const speakingLimit = (text: string): number => 6_000 + text.length * 200;

/**
 * Plays an audio element to its end; false if it could not play or did not end in time.
 * `onRefused`: the browser refused to play before a user gesture (autoplay policy).
 */
export function playAudio(el: HTMLAudioElement, maxMs: number, onRefused: () => void): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      el.pause();
      finish(false);
    }, maxMs);
    const finish = (ok: boolean) => {
      clearTimeout(timer);
      el.onended = null;
      el.onerror = null;
      resolve(ok);
    };
    el.onended = () => finish(true);
    el.onerror = () => finish(false);
    el.currentTime = 0;
    el.play().catch((e: unknown) => {
      if (e instanceof DOMException && e.name === 'NotAllowedError') onRefused();
      finish(false);
    });
  });
}

/**
 * Says `text` with `voice`; false when the voice failed (an online voice without internet), so
 * that the caller can play the clip instead. `tag` (BCP 47) is used when the voice names no language.
 */
export function speakWithVoice(s: SpeechSynthesis, voice: SpeechSynthesisVoice, tag: string, text: string, onRefused: () => void): Promise<boolean> {
  return new Promise((resolve) => {
    const u = new SpeechSynthesisUtterance(text);
    u.lang = voice.lang || tag;
    // a real voice object only: a stand-in (tests) would be refused by the setter
    if (typeof SpeechSynthesisVoice === 'function' && voice instanceof SpeechSynthesisVoice) u.voice = voice;
    u.rate = 0.95;
    const timer = setTimeout(() => {
      s.cancel();
      finish(true);
    }, speakingLimit(text));
    const finish = (ok: boolean) => {
      clearTimeout(timer);
      u.onend = null;
      u.onerror = null;
      resolve(ok);
    };
    u.onend = () => finish(true);
    u.onerror = (e) => {
      if (e.error === 'not-allowed') onRefused();
      finish(e.error === 'interrupted' || e.error === 'canceled');
    };
    s.speak(u);
  });
}

export interface VoiceClip {
  site: string;
  /** the device's token (display or kiosk) */
  token: string;
  /** the languages the server's espeak-ng route speaks */
  lang: 'ja' | 'en';
  /** kana, ASCII letters and digits, light punctuation (shared/src/voice.ts, `isSpeakable`) */
  text: string;
}

/** Fetches the server's clip of `text` and plays it on `el`; without the clip (no espeak-ng: 503, offline) it stays silent. */
export async function playVoiceClip(el: HTMLAudioElement, { site, token, lang, text }: VoiceClip, onRefused: () => void): Promise<void> {
  const url = `/api/v1/sites/${encodeURIComponent(site)}/voice.wav?text=${encodeURIComponent(text)}&lang=${lang}`;
  let blob: Blob;
  try {
    const res = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    if (!res.ok) return;
    blob = await res.blob();
  } catch {
    return;
  }
  const src = URL.createObjectURL(blob);
  try {
    el.src = src;
    await playAudio(el, speakingLimit(text), onRefused);
  } finally {
    el.removeAttribute('src');
    URL.revokeObjectURL(src);
  }
}
