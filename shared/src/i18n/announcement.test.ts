import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../model.js';
import { AnnouncementTextsSchema } from '../schemas.js';
import { ANNOUNCEMENT_LANGUAGES, announcementLanguages, announcementText } from './announcement.js';

const MESSAGE = '地震が発生しました。職員の指示に従ってください。';
const EASY = 'じしんが ありました。 しょくいんの いうことを きいて ください。';
const ENGLISH = 'An earthquake has occurred. Please follow the staff.';

describe('announcementText', () => {
  it('shows the text written in the reader’s language', () => {
    const a = { message: MESSAGE, texts: { en: ENGLISH, 'ja-easy': EASY, vi: 'Đã xảy ra động đất.' } };
    expect(announcementText(a, 'en')).toEqual([{ lang: 'en', text: ENGLISH }]);
    expect(announcementText(a, 'vi')).toEqual([{ lang: 'vi', text: 'Đã xảy ra động đất.' }]);
    expect(announcementText(a, 'ja-easy')).toEqual([{ lang: 'ja-easy', text: EASY }]);
  });

  it('falls back to the Japanese message followed by the やさしい日本語 text, not to English', () => {
    const a = { message: MESSAGE, texts: { en: ENGLISH, 'ja-easy': EASY } };
    for (const lang of ['zh', 'ko', 'pt', 'vi'] as const) {
      expect(announcementText(a, lang), lang).toEqual([
        { lang: 'ja', text: MESSAGE },
        { lang: 'ja-easy', text: EASY },
      ]);
    }
  });

  it('falls back to the Japanese message alone when there is no やさしい日本語 text', () => {
    const a = { message: MESSAGE, texts: {} };
    for (const lang of LANGUAGES) expect(announcementText(a, lang), lang).toEqual([{ lang: 'ja', text: MESSAGE }]);
    expect(announcementText({ message: MESSAGE, texts: { en: ENGLISH } }, 'pt')).toEqual([{ lang: 'ja', text: MESSAGE }]);
  });

  it('gives Japanese readers the Japanese message only, whatever else was written', () => {
    expect(announcementText({ message: MESSAGE, texts: { en: ENGLISH, 'ja-easy': EASY } }, 'ja')).toEqual([{ lang: 'ja', text: MESSAGE }]);
  });
});

describe('announcementLanguages', () => {
  it('lists Japanese, then the languages written, in the pages’ order', () => {
    expect(announcementLanguages({})).toEqual(['ja']);
    expect(announcementLanguages({ vi: 'x', en: 'y', 'ja-easy': 'z' })).toEqual(['ja', 'ja-easy', 'en', 'vi']);
  });

  it('knows every key the wire schema accepts, and only those: every language but Japanese', () => {
    expect(Object.keys(AnnouncementTextsSchema.properties).sort()).toEqual([...ANNOUNCEMENT_LANGUAGES].sort());
    expect([...ANNOUNCEMENT_LANGUAGES].sort()).toEqual(LANGUAGES.filter((l) => l !== 'ja').sort());
  });
});
