import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../model.js';
import { SLIP } from './index.js';

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

/** The slip's catalogue follows the rules of every catalogue (i18n.test.ts), in all seven languages. */
describe('the slip catalogue', () => {
  const ja: Readonly<Record<string, string>> = SLIP.texts.ja;

  it.each(LANGUAGES)('%s has every key, with the Japanese placeholders, none empty', (lang) => {
    expect(SLIP.complete).toContain(lang);
    const own: Readonly<Record<string, string | undefined>> = SLIP.texts[lang] ?? {};
    expect(Object.keys(own).sort()).toEqual(Object.keys(ja).sort());
    for (const [key, text] of Object.entries(own)) {
      expect(text?.trim(), `${lang} ${key}`).not.toBe('');
      expect(placeholders(text ?? ''), `${lang} ${key}`).toEqual(placeholders(ja[key] ?? ''));
    }
  });

  it('is a translation: no language but Japanese repeats a Japanese line', () => {
    for (const lang of LANGUAGES.filter((l) => l !== 'ja')) for (const key of Object.keys(ja).filter((k) => SLIP.has(k))) expect(SLIP.t(lang, key), `${lang} ${key}`).not.toBe(ja[key]);
  });

  it('やさしい日本語 is kana with spaces between words, no kanji', () => {
    for (const text of Object.values(SLIP.texts['ja-easy'] ?? {})) {
      expect(text).not.toMatch(/\p{Script=Han}/u);
      expect(text).toMatch(/\S \S/);
    }
  });

  it('the phone line names the language the phone page opens in', () => {
    expect(SLIP.t('vi', 'phone')).toContain('tiếng Việt');
    expect(SLIP.t('ko', 'phone')).toContain('한국어');
    expect(SLIP.t('pt', 'phone')).toContain('português');
    expect(SLIP.t('zh', 'phone')).toContain('中文');
    expect(SLIP.t('en', 'phone')).toContain('English');
    expect(SLIP.t('ja-easy', 'phone')).toContain('やさしい にほんご');
  });
});
