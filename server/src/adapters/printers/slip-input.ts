import type { TicketLayoutInput, TicketTranslation, TranslatedLine } from '@madoguchi/printer';
import { LANGUAGES, LOCALE_TAGS, localized, SLIP, type Language, type LocalizedText, type SlipKey, type Vars } from '@madoguchi/shared';
import type { PrintPayload } from '../../app/queries.js';

const isLanguage = (code: string | null): code is Language => code !== null && (LANGUAGES as readonly string[]).includes(code);

function issuedAtText(p: PrintPayload, lang: Language): string {
  return new Intl.DateTimeFormat(LOCALE_TAGS[lang], {
    timeZone: p.timeZone,
    year: 'numeric',
    month: lang === 'ja' ? 'long' : 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(p.issuedAt);
}

/**
 * The slip's lines in the ticket's language, each with its English line for a printer that
 * cannot draw it. None for Japanese; やさしい日本語 readers read the Japanese slip and get only the
 * note and the phone page's language in easy words. A configured name that has no text of its own
 * in the language (so falls back to Japanese) is not repeated.
 */
/** A booked ticket's slot start as the slip prints it ("10:45"). */
const slotTime = (p: PrintPayload): string | null =>
  p.slotStart === null ? null : new Intl.DateTimeFormat('en-GB', { timeZone: p.timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(p.slotStart);

function translation(p: PrintPayload, lang: Language): TicketTranslation | null {
  if (lang === 'ja') return null;
  const text = (key: SlipKey, vars?: Vars): TranslatedLine => ({ text: SLIP.t(lang, key, vars), fallback: SLIP.t('en', key, vars) });
  const phoneAndNote = { language: LOCALE_TAGS[lang], phone: text('phone'), note: text('note') };
  const slot = slotTime(p);
  const booking = slot === null ? null : text('booked', { time: slot });
  if (lang === 'ja-easy') return { ...phoneAndNote, booking };
  const name = (n: LocalizedText | null): TranslatedLine | null => {
    const own = n && localized(n, lang);
    return n && own && own !== n.ja ? { text: own, fallback: localized(n, 'en') } : null;
  };
  const details = [text('ahead', { count: Math.max(0, Math.trunc(p.ahead)) })];
  if (p.estimatedWaitMinutes !== null) details.push(text('wait', { minutes: Math.max(0, Math.round(p.estimatedWaitMinutes)) }));
  details.push({ text: SLIP.t(lang, 'issued', { time: issuedAtText(p, lang) }), fallback: SLIP.t('en', 'issued', { time: issuedAtText(p, 'en') }) });
  return { ...phoneAndNote, window: name(p.windowName), procedure: name(p.procedure), booking, details };
}

/**
 * What the slip of a print job says: Japanese for everyone, plus the lines in the language the
 * ticket was taken in (the printer decides per line whether it prints them as text or as an
 * image). The QR code's address names that language, so the phone page opens in it.
 */
export function slipLayoutInput(p: PrintPayload, publicUrl: string): TicketLayoutInput {
  const lang = isLanguage(p.language) ? p.language : 'ja';
  return {
    officeName: p.officeName,
    windowName: p.windowName.ja,
    label: p.label,
    procedure: p.procedure?.ja ?? null,
    booking: slotTime(p) === null ? null : SLIP.t('ja', 'booked', { time: slotTime(p) ?? '' }),
    issuedAt: issuedAtText(p, 'ja'),
    ahead: p.ahead,
    estimatedWaitMinutes: p.estimatedWaitMinutes,
    trackUrl: `${publicUrl}/t/${p.token}${lang === 'ja' ? '' : `?lang=${lang}`}`,
    note: SLIP.t('ja', 'note'),
    translation: translation(p, lang),
  };
}
