import { isSpeakable, japaneseNumber, LOCALE_TAGS, MAX_SPEAKABLE_LENGTH, type Language } from '@madoguchi/shared';
import { findVoice, playVoiceClip, speakWithVoice, synthesis } from '@madoguchi/shared/web';
import type { Speech } from './speech';

/** Counters read after a number in a clip (a kanji would be dropped): 3人 → さんにん, 5分 → ごふん. */
const COUNTERS: Readonly<Record<string, string>> = { 人: 'にん', 分: 'ふん' };

/**
 * A line as the server's espeak-ng route takes it (shared/src/voice.ts, `isSpeakable`): Japanese in
 * kana with numbers read out (the Japanese clip speaks the やさしい日本語 texts, which are kana
 * already), English in ASCII; anything else becomes a pause.
 */
function clipText(lang: 'ja' | 'en', line: string): string {
  let text = line.normalize('NFKC').replace(/’/g, "'").replace(/…/g, '.');
  if (lang === 'ja') text = text.replace(/[0-9]+/g, (d) => japaneseNumber(Number(d))).replace(/[人分]/g, (c) => COUNTERS[c] ?? c);
  const kept = lang === 'ja' ? /[^\u3041-\u3096\u30A1-\u30FA\u30FB\u30FC\u3000-\u3002A-Za-z0-9 ,.!?'-]+/g : /[^A-Za-z0-9 ,.!?'-]+/g;
  return text.replace(kept, ' ').replace(/\s+/g, ' ').trim();
}

/** A clip's text cut at spaces into pieces the route accepts (at most 200 characters). */
function pieces(text: string): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > MAX_SPEAKABLE_LENGTH) {
    const cut = rest.lastIndexOf(' ', MAX_SPEAKABLE_LENGTH);
    const at = cut > 0 ? cut : MAX_SPEAKABLE_LENGTH;
    out.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  return [...out, rest].filter(isSpeakable);
}

/**
 * The kiosk's audio guidance: says a screen in the citizen's language with the browser's voice
 * for it; without one, plays the clips the server renders with espeak-ng (the display's route,
 * shared/web/speech.ts), which speak Japanese (the やさしい日本語 texts) and English only, so the
 * other languages fall back to English there. A new text cuts off the one being said.
 */
export class AudioGuide {
  /** the clip playing now: each text has its own element, so a text cut off cannot pause the next one's */
  private clipEl: HTMLAudioElement | null = null;
  /** bumped by every new text and by stop(): an older text's loop ends at its next line */
  private generation = 0;

  constructor(
    private readonly token: string,
    private readonly site: () => string | null,
  ) {
    // Chrome loads its voice list asynchronously: ask early so that it is there for the first press
    synthesis()?.getVoices();
  }

  say(lang: Language, speech: Speech): void {
    this.stop();
    void this.run(++this.generation, lang, speech);
  }

  stop(): void {
    this.generation += 1;
    synthesis()?.cancel();
    this.clipEl?.pause();
  }

  private async run(generation: number, lang: Language, speech: Speech): Promise<void> {
    const s = synthesis();
    const voice = findVoice(lang === 'ja-easy' ? 'ja' : lang);
    const lines = speech(lang);
    let said = 0;
    if (s && voice) {
      for (const line of lines) {
        if (generation !== this.generation) return;
        // the voice failed (an online voice without internet): the clips say the rest
        if (!(await speakWithVoice(s, voice, LOCALE_TAGS[lang], line, () => undefined))) break;
        said += 1;
      }
      if (said === lines.length) return;
    }
    const site = this.site();
    if (!site) return;
    const clipLang = lang === 'ja' || lang === 'ja-easy' ? 'ja' : 'en';
    const clipLines = speech(clipLang === 'ja' ? 'ja-easy' : 'en').slice(said);
    const el = new Audio();
    this.clipEl = el;
    for (const text of clipLines.flatMap((l) => pieces(clipText(clipLang, l)))) {
      if (generation !== this.generation) return;
      await playVoiceClip(el, { site, token: this.token, lang: clipLang, text }, () => undefined);
    }
  }
}
