import { findVoice, playAudio, playVoiceClip, speakWithVoice, synthesis } from '@madoguchi/shared/web';
import type { DisplayDebug } from './debug';
import { record } from './debug';

export type VoiceLang = 'ja' | 'en';

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
    synthesis()?.getVoices();
  }

  chime(): Promise<boolean> {
    record(this.debug.sounds, { kind: 'chime' });
    return playAudio(this.chimeEl, 4_000, this.refused);
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
    const s = synthesis();
    const voice = findVoice(lang);
    if (s && voice) {
      record(this.debug.sounds, { kind: 'speech', lang, text });
      if (await speakWithVoice(s, voice, lang === 'ja' ? 'ja-JP' : 'en-US', text, this.refused)) return;
      // the voice failed (an online voice without internet): the clip instead
    }
    await this.clip(lang, text);
  }

  private async clip(lang: VoiceLang, text: string): Promise<void> {
    const site = this.site();
    if (!site) return;
    record(this.debug.sounds, { kind: 'clip', lang, text });
    // no espeak-ng on the server (503), or offline: the chime and the screen still tell
    await playVoiceClip(this.clipEl, { site, token: this.token, lang, text }, this.refused);
  }
}
