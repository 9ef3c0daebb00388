import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '../model.js';
import { CATALOGUES, errorText, formatDateTime, issuingText, localized, t } from './index.js';
import { ja } from './ja.js';

const placeholders = (s: string): string[] => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('message catalogues', () => {
  it.each(LANGUAGES.filter((l) => l !== 'ja'))('%s has exactly the Japanese keys, each with the same placeholders', (lang) => {
    const cat = CATALOGUES[lang];
    expect(Object.keys(cat).sort()).toEqual(Object.keys(ja).sort());
    for (const [key, text] of Object.entries(ja)) {
      expect(placeholders(cat[key as keyof typeof ja]), `${lang} ${key}`).toEqual(placeholders(text));
      expect(cat[key as keyof typeof ja].trim(), `${lang} ${key}`).not.toBe('');
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(t('ja', 'kiosk.queue.waiting', { count: 3 })).toBe('待ち 3人');
    expect(t('en', 'kiosk.result.wait', { minutes: 12 })).toBe('Estimated wait: about 12 min');
    expect(t('en', 'kiosk.result.wait')).toBe('Estimated wait: about {minutes} min');
  });

  it('shows error codes through the catalogue, with a generic text for codes it does not know', () => {
    expect(errorText('ja', 'ISSUING_CLOSED')).toBe(ja['error.ISSUING_CLOSED']);
    expect(errorText('en', 'COUNTER_BUSY')).toBe(CATALOGUES.en['error.generic']);
    expect(errorText('ja', 'toString')).toBe(ja['error.generic']);
    expect(issuingText('ja', 'cutoff')).toBe('本日の受付は終了しました');
    expect(issuingText('ko', null)).toBe(CATALOGUES.ko['issuing.closed']);
  });

  it('picks a configured name in the language, やさしい日本語 falling back to Japanese and others to English', () => {
    const name = { ja: '証明発行', en: 'Certificates', 'ja-easy': 'しょうめいしょ' };
    expect(localized(name, 'ja-easy')).toBe('しょうめいしょ');
    expect(localized({ ja: '住民票の写し', en: 'Certificate of residence' }, 'ja-easy')).toBe('住民票の写し');
    expect(localized(name, 'vi')).toBe('Certificates');
    expect(localized(name, 'ja')).toBe('証明発行');
  });

  it('formats the next opening in the site’s time zone', () => {
    expect(formatDateTime('ja', '2026-05-17T23:45:00.000Z', 'Asia/Tokyo')).toBe('5月18日(月) 8:45');
    expect(formatDateTime('en', '2026-05-17T23:45:00.000Z', 'Asia/Tokyo')).toBe('Mon, May 18, 8:45 AM');
  });
});
