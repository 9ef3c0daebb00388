import type { DisplayDebug } from './debug';
import { record } from './debug';

export type VoiceLang = 'ja' | 'en';

/** Plays an audio element to its end; false if it could not play or did not end in time. */
function play(el: HTMLAudioElement, maxMs: number, onRefused: () => void): Promise<boolean> {
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
      // refused without a user gesture unless the browser allows autoplay (see display/README.md)
      if (e instanceof DOMException && e.name === 'NotAllowedError') onRefused();
      finish(false);
    });
  });
}

const synth = (): SpeechSynthesis | null => (typeof window.speechSynthesis === 'object' && window.speechSynthesis !== null ? window.speechSynthesis : null);

/** The browser's voice for a language, a local one first (an office LAN may not reach online voices). */
function findVoice(lang: VoiceLang): SpeechSynthesisVoice | null {
  const voices = synth()?.getVoices() ?? [];
  const of = voices.filter((v) => {
    const l = v.lang.replace('_', '-').toLowerCase();
    return l === lang || l.startsWith(`${lang}-`);
  });
  return of.find((v) => v.localService) ?? of[0] ?? null;
}

/** Generous time for a sentence to be spoken, after which the display moves on regardless. */
const speakingLimit = (text: string): number => 6_000 + text.length * 200;

/**
 * The display's sounds: the chime shipped with the page, and speech — the browser's voice for
 * the language where it has one (Web Speech API), else a clip the server renders with espeak-ng
 * (`GET /api/v1/sites/{site}/voice.wav`), as on a Linux signage player or a headless browser.
 */
export class Sound {
  private readonly chimeEl: HTMLAudioElement;
  private readonly clipEl: HTMLAudioElement;
  /** the browser refused to play sound before a user gesture (autoplay policy) */
  private blocked = false;
  private readonly listeners = new Set<() => void>();
  private readonly refused = () => this.setBlocked(true);

  constructor(
    private readonly token: string,
    private readonly site: () => string | null,
    private readonly debug: DisplayDebug,
  ) {
    this.chimeEl = new Audio(`${import.meta.env.BASE_URL}chime.wav`);
    this.chimeEl.preload = 'auto';
    this.clipEl = new Audio();
    // Chrome loads its voice list asynchronously: ask early so that it is there for the first call
    synth()?.getVoices();
  }

  chime(): Promise<boolean> {
    record(this.debug.sounds, { kind: 'chime' });
    return play(this.chimeEl, 4_000, this.refused);
  }

  private setBlocked(blocked: boolean): void {
    if (this.blocked === blocked) return;
    this.blocked = blocked;
    if (blocked) {
      // one touch or key press on the screen is the gesture the browser waits for
      const unblock = () => {
        window.removeEventListener('pointerdown', unblock, true);
        window.removeEventListener('keydown', unblock, true);
        this.setBlocked(false);
      };
      window.addEventListener('pointerdown', unblock, true);
      window.addEventListener('keydown', unblock, true);
    }
    for (const l of this.listeners) l();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  isBlocked = (): boolean => this.blocked;

  /** Says `text` (kana for Japanese) with the browser's voice, or the server's clip. */
  async say(lang: VoiceLang, text: string): Promise<void> {
    const s = synth();
    const voice = findVoice(lang);
    if (s && voice) {
      record(this.debug.sounds, { kind: 'speech', lang, text });
      if (await this.speak(s, voice, lang, text)) return;
      // the voice failed (an online voice without internet): the clip instead
    }
    await this.clip(lang, text);
  }

  private speak(s: SpeechSynthesis, voice: SpeechSynthesisVoice, lang: VoiceLang, text: string): Promise<boolean> {
    return new Promise((resolve) => {
      const u = new SpeechSynthesisUtterance(text);
      u.lang = voice.lang || (lang === 'ja' ? 'ja-JP' : 'en-US');
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
        if (e.error === 'not-allowed') this.refused();
        finish(e.error === 'interrupted' || e.error === 'canceled');
      };
      s.speak(u);
    });
  }

  private async clip(lang: VoiceLang, text: string): Promise<void> {
    const site = this.site();
    if (!site) return;
    record(this.debug.sounds, { kind: 'clip', lang, text });
    const url = `/api/v1/sites/${encodeURIComponent(site)}/voice.wav?text=${encodeURIComponent(text)}&lang=${lang}`;
    let blob: Blob;
    try {
      const res = await fetch(url, { headers: { authorization: `Bearer ${this.token}` } });
      if (!res.ok) return; // no espeak-ng on the server (503), or offline: the chime and the screen still tell
      blob = await res.blob();
    } catch {
      return;
    }
    const src = URL.createObjectURL(blob);
    try {
      this.clipEl.src = src;
      await play(this.clipEl, speakingLimit(text), this.refused);
    } finally {
      this.clipEl.removeAttribute('src');
      URL.revokeObjectURL(src);
    }
  }
}
