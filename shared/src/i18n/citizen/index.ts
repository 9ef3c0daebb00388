import { defineCatalogue } from '../catalogue.js';
import { LANGUAGES, type Language } from '../languages.js';
import { en } from './en.js';
import { jaEasy } from './ja-easy.js';
import { ja, type CitizenKey } from './ja.js';
import { ko } from './ko.js';
import { pt } from './pt.js';
import { vi } from './vi.js';
import { zh } from './zh.js';

export type { CitizenKey };

/** What citizens read: the kiosk's texts, window states and refusals, in all seven languages. */
export const CITIZEN = /* @__PURE__ */ defineCatalogue<CitizenKey>({
  name: 'citizen',
  texts: { ja, 'ja-easy': jaEasy, en, zh, ko, pt, vi },
  complete: LANGUAGES,
});

/** The citizen-facing text for an error code (shared/errors.ts, or `NETWORK`); never the server's English. */
export function errorText(lang: Language, code: string): string {
  const key = `error.${code}`;
  return CITIZEN.t(lang, CITIZEN.has(key) ? key : 'error.generic');
}

/** Why issuing is closed ('closed_day', 'outside_hours', 'cutoff', 'paused', 'emergency') as text. */
export function issuingText(lang: Language, reason: string | null | undefined): string {
  // a queue whose numbers are used up says what its refused ticket would say
  if (reason === 'numbers_exhausted') return CITIZEN.t(lang, 'error.NUMBERS_EXHAUSTED');
  const key = `issuing.${reason ?? 'closed'}`;
  return CITIZEN.t(lang, CITIZEN.has(key) ? key : 'issuing.closed');
}
