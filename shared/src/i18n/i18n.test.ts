import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../model.js';
import type { Catalogue } from './catalogue.js';
import {
  BOOKING,
  CITIZEN,
  COUNTER,
  defineCatalogue,
  DISPLAY,
  errorText,
  fill,
  formatDateTime,
  issuingText,
  LANGUAGE_NAMES,
  localized,
  MANAGER,
  pickLanguage,
  PLAIN,
  STATUS,
  TURN_ALERTS,
} from './index.js';

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

const CATALOGUES: readonly Catalogue<string>[] = [BOOKING, CITIZEN, COUNTER, MANAGER, STATUS, DISPLAY, PLAIN, TURN_ALERTS];

describe.each(CATALOGUES.map((c) => [c.name, c] as const))('the %s catalogue', (_, catalogue) => {
  const ja: Readonly<Record<string, string>> = catalogue.texts.ja;

  it('has every Japanese text', () => {
    for (const [key, text] of Object.entries(ja)) expect(text.trim(), key).not.toBe('');
    expect(catalogue.complete).toContain('ja');
  });

  it.each(LANGUAGES.filter((l) => l !== 'ja'))('%s: only Japanese keys, each with the same placeholders, every key if the page offers it', (lang) => {
    const own: Readonly<Record<string, string | undefined>> = catalogue.texts[lang] ?? {};
    for (const [key, text] of Object.entries(own)) {
      expect(Object.hasOwn(ja, key), `${lang} ${key} is not a Japanese key`).toBe(true);
      expect(placeholders(text ?? ''), `${lang} ${key}`).toEqual(placeholders(ja[key] ?? ''));
      expect(text?.trim(), `${lang} ${key}`).not.toBe('');
    }
    if (catalogue.complete.includes(lang)) expect(Object.keys(own).sort()).toEqual(Object.keys(ja).sort());
  });
});

describe('message catalogues', () => {
  it('offers the citizens all seven languages, and every page at least Japanese and English', () => {
    expect(CITIZEN.complete).toEqual(LANGUAGES);
    for (const c of CATALOGUES) expect(c.complete, c.name).toEqual(expect.arrayContaining(['ja', 'en']));
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(CITIZEN.t('ja', 'kiosk.queue.waiting', { count: 3 })).toBe('待ち 3人');
    expect(CITIZEN.t('en', 'kiosk.result.wait', { minutes: 12 })).toBe('Estimated wait: about 12 min');
    expect(CITIZEN.t('en', 'kiosk.result.wait')).toBe('Estimated wait: about {minutes} min');
    expect(fill('{a} and {b}', { a: 0 })).toBe('0 and {b}');
  });

  it('falls back from a missing text: やさしい日本語 to Japanese, other languages to English, then Japanese', () => {
    const c = defineCatalogue<'a' | 'b'>({ name: 'test', texts: { ja: { a: 'あ', b: 'い' }, en: { a: 'A' }, vi: { b: 'Bv' } }, complete: ['ja'] });
    expect(c.t('vi', 'a')).toBe('A');
    expect(c.t('vi', 'b')).toBe('Bv');
    expect(c.t('zh', 'a')).toBe('A');
    expect(c.t('en', 'b')).toBe('い');
    expect(c.t('ja-easy', 'a')).toBe('あ');
    expect(COUNTER.t('zh', 'app.title')).toBe(COUNTER.t('en', 'app.title'));
    expect(c.has('a')).toBe(true);
    expect(c.has('toString')).toBe(false);
  });

  it('shows error codes through the catalogue, with a generic text for codes it does not know', () => {
    expect(errorText('ja', 'ISSUING_CLOSED')).toBe(CITIZEN.texts.ja['error.ISSUING_CLOSED']);
    expect(errorText('en', 'COUNTER_BUSY')).toBe(CITIZEN.t('en', 'error.generic'));
    expect(errorText('ja', 'toString')).toBe(CITIZEN.texts.ja['error.generic']);
    expect(issuingText('ja', 'cutoff')).toBe('本日の受付は終了しました');
    expect(issuingText('ko', null)).toBe(CITIZEN.t('ko', 'issuing.closed'));
  });

  it('names every language in itself', () => {
    expect(LANGUAGES.map((l) => LANGUAGE_NAMES[l])).toEqual(['日本語', 'やさしい にほんご', 'English', '中文', '한국어', 'Português', 'Tiếng Việt']);
  });

  it('picks a configured name in the language, やさしい日本語 falling back to Japanese and others to English', () => {
    const name = { ja: '証明発行', en: 'Certificates', 'ja-easy': 'しょうめいしょ' };
    expect(localized(name, 'ja-easy')).toBe('しょうめいしょ');
    expect(localized({ ja: '住民票の写し', en: 'Certificate of residence' }, 'ja-easy')).toBe('住民票の写し');
    expect(localized(name, 'vi')).toBe('Certificates');
    expect(localized(name, 'ja')).toBe('証明発行');
  });

  it('picks the page language: the first wish the page offers (explicit, stored, browser), else Japanese', () => {
    const offered = ['ja', 'en'] as const;
    expect(pickLanguage(offered, ['en', 'ja', 'ja-JP'])).toBe('en');
    expect(pickLanguage(offered, [null, undefined, 'en-GB'])).toBe('en');
    expect(pickLanguage(offered, ['fr', 'vi-VN'])).toBe('ja');
    expect(pickLanguage(offered, ['xx', 'ja'])).toBe('ja');
    expect(pickLanguage(LANGUAGES, ['zh-TW'])).toBe('zh');
    expect(pickLanguage(LANGUAGES, ['ja-easy'])).toBe('ja-easy');
    expect(pickLanguage(LANGUAGES, [])).toBe('ja');
  });

  it('formats the next opening in the site’s time zone', () => {
    expect(formatDateTime('ja', '2026-05-17T23:45:00.000Z', 'Asia/Tokyo')).toBe('5月18日(月) 8:45');
    expect(formatDateTime('en', '2026-05-17T23:45:00.000Z', 'Asia/Tokyo')).toBe('Mon, May 18, 8:45 AM');
  });
});
