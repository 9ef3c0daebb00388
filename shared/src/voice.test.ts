import { describe, expect, it } from 'vitest';
import { callSpeech, callsSpeech, counterNumber, englishLabel, isSpeakable, japaneseLabel, japaneseNumber } from './voice.js';

const counter = (id: string, ja = `${id}番窓口`, en = `Counter ${id}`) => ({ id, name: { ja, en } });

describe('japaneseNumber', () => {
  it.each([
    [0, 'ぜろ'],
    [1, 'いち'],
    [4, 'よん'],
    [7, 'なな'],
    [9, 'きゅう'],
    [10, 'じゅう'],
    [11, 'じゅういち'],
    [20, 'にじゅう'],
    [23, 'にじゅうさん'],
    [40, 'よんじゅう'],
    [99, 'きゅうじゅうきゅう'],
    [100, 'ひゃく'],
    [101, 'ひゃくいち'],
    [110, 'ひゃくじゅう'],
    [200, 'にひゃく'],
    [300, 'さんびゃく'],
    [400, 'よんひゃく'],
    [600, 'ろっぴゃく'],
    [800, 'はっぴゃく'],
    [900, 'きゅうひゃく'],
    [1000, 'せん'],
    [1001, 'せんいち'],
    [1023, 'せんにじゅうさん'],
    [2000, 'にせん'],
    [3000, 'さんぜん'],
    [3333, 'さんぜんさんびゃくさんじゅうさん'],
    [4000, 'よんせん'],
    [6000, 'ろくせん'],
    [8000, 'はっせん'],
    [8888, 'はっせんはっぴゃくはちじゅうはち'],
    [6600, 'ろくせんろっぴゃく'],
    [9999, 'きゅうせんきゅうひゃくきゅうじゅうきゅう'],
  ])('reads %i as %s', (n, reading) => {
    expect(japaneseNumber(n)).toBe(reading);
  });

  it('reads every number 0–9999 in hiragana only, and numbers past 9999 digit by digit', () => {
    for (let n = 0; n <= 9999; n++) expect(japaneseNumber(n)).toMatch(/^[ぁ-ゖ]+$/);
    expect(japaneseNumber(10203)).toBe('いちぜろにぜろさん');
  });

  it('refuses what is not a whole number ≥ 0', () => {
    expect(() => japaneseNumber(-1)).toThrow(RangeError);
    expect(() => japaneseNumber(1.5)).toThrow(RangeError);
  });
});

describe('ticket labels read aloud', () => {
  it('reads a plain number as a number', () => {
    expect(japaneseLabel('1023')).toBe('せんにじゅうさん');
    expect(englishLabel('1023')).toBe('1023');
  });

  it('reads a prefix letter by letter in katakana, then the number without its leading zeros', () => {
    expect(japaneseLabel('A-023')).toBe('エー にじゅうさん');
    expect(japaneseLabel('AB-300')).toBe('エービー さんびゃく');
    expect(japaneseLabel('ｗ８')).toBe('ダブリュー はち');
    expect(englishLabel('A-023')).toBe('A 23');
    expect(englishLabel('AB-300')).toBe('A B 300');
  });
});

describe('counterNumber', () => {
  it('takes the number from the id, else from the Japanese or English name', () => {
    expect(counterNumber(counter('3'))).toBe(3);
    expect(counterNumber(counter('low-a', '１２番窓口', 'Counter 12'))).toBe(12);
    expect(counterNumber(counter('west', '西窓口', 'West 7'))).toBe(7);
    expect(counterNumber(counter('info', '総合案内', 'Information'))).toBeNull();
  });
});

describe('callSpeech', () => {
  it('says the call in kana Japanese and in English', () => {
    expect(callSpeech('1023', counter('3'))).toEqual({
      ja: 'うけつけばんごう せんにじゅうさんばんのかた、さんばんまどぐちへ おこしください',
      en: 'Number 1023, please come to counter 3.',
    });
    expect(callSpeech('A-023', counter('10')).ja).toBe('うけつけばんごう エー にじゅうさんばんのかた、じゅうばんまどぐちへ おこしください');
    expect(callSpeech('A-023', counter('10')).en).toBe('Number A 23, please come to counter 10.');
  });

  it('uses a counter’s kana name, or just まどぐち, when it has no number; English keeps speakable characters', () => {
    expect(callSpeech('1001', counter('info', 'そうだんまどぐち', 'Consultation & advice')).ja).toContain('そうだんまどぐちへ');
    expect(callSpeech('1001', counter('info', 'そうだんまどぐち', 'Consultation & advice')).en).toBe('Number 1001, please come to Consultation advice.');
    expect(callSpeech('1001', counter('info', '総合案内', 'Information')).ja).toBe('うけつけばんごう せんいちばんのかた、まどぐちへ おこしください');
  });

  it('produces text the server’s voice route accepts', () => {
    for (const [label, c] of [['1023', counter('3')], ['A-023', counter('12')], ['9999', counter('x', '総合案内', 'Info & desk')]] as const) {
      const s = callSpeech(label, c);
      expect(isSpeakable(s.ja)).toBe(true);
      expect(isSpeakable(s.en)).toBe(true);
    }
  });
});

describe('callsSpeech', () => {
  it('says one call as callSpeech does, or its English short', () => {
    expect(callsSpeech([{ label: '1023', counter: counter('3') }])).toEqual(callSpeech('1023', counter('3')));
    expect(callsSpeech([{ label: '1023', counter: counter('3') }], 'short')).toEqual({
      ja: callSpeech('1023', counter('3')).ja,
      en: '1023, counter 3.',
    });
  });

  it('says several calls in one announcement, each number with its counter, in kana Japanese', () => {
    const calls = [
      { label: '1005', counter: counter('2') },
      { label: '1006', counter: counter('3') },
    ];
    expect(callsSpeech(calls)).toEqual({
      ja: 'うけつけばんごう せんごばんのかたは にばんまどぐちへ、せんろくばんのかたは さんばんまどぐちへ おこしください',
      en: 'Number 1005, please come to counter 2. Number 1006, please come to counter 3.',
    });
    expect(callsSpeech(calls, 'short')?.en).toBe('1005, counter 2. 1006, counter 3.');
    expect(callsSpeech([...calls, { label: 'A-023', counter: counter('info', 'そうだんまどぐち', 'Advice') }])?.ja).toBe(
      'うけつけばんごう せんごばんのかたは にばんまどぐちへ、せんろくばんのかたは さんばんまどぐちへ、エー にじゅうさんばんのかたは そうだんまどぐちへ おこしください',
    );
  });

  it('produces text the server’s voice route accepts, and refuses calls that do not fit in one announcement', () => {
    const four = ['1001', '1002', '1003', '1004'].map((label, i) => ({ label, counter: counter(String(i + 1)) }));
    for (const form of ['full', 'short'] as const) {
      const s = callsSpeech(four, form);
      expect(isSpeakable(s!.ja), s!.ja).toBe(true);
      expect(isSpeakable(s!.en), s!.en).toBe(true);
    }
    const many = Array.from({ length: 8 }, (_, i) => ({ label: `${9990 + i}`, counter: counter(String(i + 1)) }));
    expect(callsSpeech(many)).toBeNull();
    expect(() => callsSpeech([])).toThrow(RangeError);
  });
});

describe('isSpeakable', () => {
  it('accepts kana, ASCII letters, digits and light punctuation up to 200 characters', () => {
    expect(isSpeakable('うけつけばんごう せんばんのかた、エー')).toBe(true);
    expect(isSpeakable("Number 12, please come to counter 3. Don't run!")).toBe(true);
    expect(isSpeakable('あ'.repeat(200))).toBe(true);
  });

  it('refuses kanji, markup, control characters, shell syntax, blanks and overlong text', () => {
    for (const bad of ['受付番号', '<speak>', 'a\nb', 'a;rm -rf', '$(id)', '`id`', 'a"b', '   ', '', 'あ'.repeat(201), 'x\u0000']) {
      expect(isSpeakable(bad), bad).toBe(false);
    }
  });
});
