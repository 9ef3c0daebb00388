import type { LocalizedText } from './model.js';

/**
 * What the lobby display says when it calls a ticket (docs/product.md §4 "Lobby display"), in Japanese
 * and English. Japanese is written in kana with the numbers spelled out as they are read:
 * speech engines without a Japanese dictionary (espeak-ng, which Chromium uses on Linux) read
 * kanji as "Chinese letter" and digits in the wrong language, but read kana correctly.
 * Pure functions: the display and the server's voice clip route share them.
 */

const ONES = ['', 'いち', 'に', 'さん', 'よん', 'ご', 'ろく', 'なな', 'はち', 'きゅう'] as const;
const TENS = ['', 'じゅう', 'にじゅう', 'さんじゅう', 'よんじゅう', 'ごじゅう', 'ろくじゅう', 'ななじゅう', 'はちじゅう', 'きゅうじゅう'] as const;
// 300 さんびゃく, 600 ろっぴゃく, 800 はっぴゃく: rendaku and sokuon
const HUNDREDS = ['', 'ひゃく', 'にひゃく', 'さんびゃく', 'よんひゃく', 'ごひゃく', 'ろっぴゃく', 'ななひゃく', 'はっぴゃく', 'きゅうひゃく'] as const;
// 3000 さんぜん, 8000 はっせん; 1000 is plain せん
const THOUSANDS = ['', 'せん', 'にせん', 'さんぜん', 'よんせん', 'ごせん', 'ろくせん', 'ななせん', 'はっせん', 'きゅうせん'] as const;
/** digits read one by one (numbers past 9999) */
const DIGITS = ['ぜろ', 'いち', 'に', 'さん', 'よん', 'ご', 'ろく', 'なな', 'はち', 'きゅう'] as const;

/** Latin letters as Japanese announcers read them in ticket numbers (「エー 23番」). */
const LETTERS: Readonly<Record<string, string>> = {
  A: 'エー', B: 'ビー', C: 'シー', D: 'ディー', E: 'イー', F: 'エフ', G: 'ジー', H: 'エイチ', I: 'アイ',
  J: 'ジェー', K: 'ケー', L: 'エル', M: 'エム', N: 'エヌ', O: 'オー', P: 'ピー', Q: 'キュー', R: 'アール',
  S: 'エス', T: 'ティー', U: 'ユー', V: 'ブイ', W: 'ダブリュー', X: 'エックス', Y: 'ワイ', Z: 'ゼット',
};

/** 1023 → 「せんにじゅうさん」: the Japanese reading of 0–9999 in hiragana; longer numbers digit by digit. */
export function japaneseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`not a whole number ≥ 0: ${n}`);
  if (n === 0) return 'ぜろ';
  if (n > 9999) return [...String(n)].map((d) => DIGITS[Number(d)]).join('');
  const digit = (place: number) => Math.floor(n / place) % 10;
  return THOUSANDS[digit(1000)]! + HUNDREDS[digit(100)]! + TENS[digit(10)]! + ONES[digit(1)]!;
}

/** A label split into runs of letters and of digits; separators ("-", spaces) are dropped. */
function labelParts(label: string): Array<{ kind: 'letters' | 'digits'; text: string }> {
  const parts: Array<{ kind: 'letters' | 'digits'; text: string }> = [];
  for (const m of label.normalize('NFKC').toUpperCase().matchAll(/[A-Z]+|[0-9]+/g)) {
    parts.push({ kind: /[0-9]/.test(m[0]) ? 'digits' : 'letters', text: m[0] });
  }
  return parts;
}

/** "A-023" → 「エー にじゅうさん」, "1023" → 「せんにじゅうさん」: a ticket label as it is read aloud. */
export function japaneseLabel(label: string): string {
  return labelParts(label)
    .map((p) => (p.kind === 'digits' ? japaneseNumber(Number(p.text)) : [...p.text].map((c) => LETTERS[c] ?? '').join('')))
    .join(' ');
}

/** "A-023" → "A 23": letters one by one, numbers whole (an English voice reads "A twenty-three"). */
export function englishLabel(label: string): string {
  return labelParts(label)
    .map((p) => (p.kind === 'digits' ? String(Number(p.text)) : [...p.text].join(' ')))
    .join(' ');
}

export interface CounterRef {
  id: string;
  name: LocalizedText;
}

/** A counter's number, from its id ("3") or else its name (「3番窓口」, "Counter 3"); null if it has none. */
export function counterNumber(counter: CounterRef): number | null {
  if (/^[0-9]{1,4}$/.test(counter.id)) return Number(counter.id);
  const ja = counter.name.ja.normalize('NFKC');
  const m = /([0-9]{1,4})\s*番/.exec(ja) ?? /([0-9]{1,4})/.exec(ja) ?? /([0-9]{1,4})/.exec(counter.name.en.normalize('NFKC'));
  return m ? Number(m[1]) : null;
}

export const MAX_SPEAKABLE_LENGTH = 200;

/**
 * Text the server may hand to espeak-ng: kana, ASCII letters and digits, spaces and a little
 * punctuation, at most 200 characters. Nothing that a shell, an SSML parser or an option parser
 * could take for anything but words.
 */
const SPEAKABLE = /^[\u3041-\u3096\u30A1-\u30FA\u30FB\u30FC\u3000-\u3002A-Za-z0-9 ,.!?'-]+$/;

export function isSpeakable(text: string): boolean {
  return text.length > 0 && text.length <= MAX_SPEAKABLE_LENGTH && SPEAKABLE.test(text) && text.trim().length > 0;
}

/** A configured English name cut down to what may be spoken (see `isSpeakable`). */
const speakableEnglish = (text: string): string => text.normalize('NFKC').replace(/[^A-Za-z0-9 ,.!?'-]+/g, ' ').replace(/\s+/g, ' ').trim();

/** A kana name, or null when it holds anything else (kanji cannot be spoken reliably). */
const kanaName = (text: string): string | null => {
  const t = text.normalize('NFKC').trim();
  return /^[\u3041-\u3096\u30A1-\u30FA\u30FB\u30FC ]+$/.test(t) ? t : null;
};

export interface CallSpeech {
  /** 「うけつけばんごう せんにじゅうさんばんのかた、さんばんまどぐちへ おこしください」 */
  ja: string;
  /** "Number 1023, please come to counter 3." */
  en: string;
}

/** A counter as it is said: 「さんばんまどぐち」 and "counter 3", or its kana and English names when it has no number. */
function counterWords(counter: CounterRef): CallSpeech {
  const n = counterNumber(counter);
  return {
    ja: n !== null ? `${japaneseNumber(n)}ばんまどぐち` : (kanaName(counter.name.ja) ?? 'まどぐち'),
    en: n !== null ? `counter ${n}` : speakableEnglish(counter.name.en) || 'the counter',
  };
}

/**
 * What the display says for a call (or a recall: the same words again):
 * 「受付番号 1023番の方、3番窓口へお越しください」, spoken from kana, and its English.
 */
export function callSpeech(label: string, counter: CounterRef): CallSpeech {
  const c = counterWords(counter);
  const ja = `うけつけばんごう ${japaneseLabel(label)}ばんのかた、${c.ja}へ おこしください`;
  const en = `Number ${englishLabel(label)}, please come to ${c.en}.`;
  return { ja: ja.slice(0, MAX_SPEAKABLE_LENGTH), en: en.slice(0, MAX_SPEAKABLE_LENGTH) };
}

/** One call of an announcement: its ticket's label and its counter. */
export interface SpokenCall {
  label: string;
  counter: CounterRef;
}

/**
 * How much English an announcement carries: the whole sentence, or only the number and the
 * counter ("1023, counter 3."), which a display says while calls wait behind it.
 */
export type EnglishForm = 'full' | 'short';

/**
 * The words of one announcement for one or more calls, as a lobby announcer reads a backlog in
 * one breath: 「うけつけばんごう せんごばんのかたは にばんまどぐちへ、せんろくばんのかたは
 * さんばんまどぐちへ おこしください」 and "Number 1005, please come to counter 2. Number 1006,
 * please come to counter 3." (short: "1005, counter 2. 1006, counter 3."). One call in full
 * is `callSpeech`'s words. Null when the words of several calls would be longer than the server's
 * voice route speaks (`MAX_SPEAKABLE_LENGTH`): the caller says fewer at once.
 */
export function callsSpeech(calls: readonly SpokenCall[], english: EnglishForm = 'full'): CallSpeech | null {
  const first = calls[0];
  if (!first) throw new RangeError('an announcement needs at least one call');
  const words = calls.map((c) => ({ label: c.label, counter: counterWords(c.counter) }));
  const short = words.map((w) => `${englishLabel(w.label)}, ${w.counter.en}.`).join(' ');
  if (calls.length === 1) {
    const one = callSpeech(first.label, first.counter);
    return english === 'full' ? one : { ja: one.ja, en: short.slice(0, MAX_SPEAKABLE_LENGTH) };
  }
  const ja = `うけつけばんごう ${words.map((w) => `${japaneseLabel(w.label)}ばんのかたは ${w.counter.ja}へ`).join('、')} おこしください`;
  const full = words.map((w) => `Number ${englishLabel(w.label)}, please come to ${w.counter.en}.`).join(' ');
  // the full English decides whether the calls fit together: a display may switch forms mid-backlog
  if (ja.length > MAX_SPEAKABLE_LENGTH || full.length > MAX_SPEAKABLE_LENGTH) return null;
  return { ja, en: english === 'full' ? full : short };
}
