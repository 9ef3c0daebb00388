import { localSettings } from '@madoguchi/shared/web';

/** Seconds the result screen stays by default: time to take out a phone and scan the QR code. */
export const DEFAULT_RESULT_SECONDS = 30;
/** the settable range: shorter cannot be read, longer keeps the next citizen waiting */
const RESULT_SECONDS_RANGE = { min: 10, max: 300 } as const;

export interface KioskSettings {
  /** the result screen returns to the start by itself after this many seconds */
  resultSeconds: number;
}

const stored = localSettings('madoguchi.kiosk.');

const parseSeconds = (value: string | null): number | null => {
  if (value === null || !/^[0-9]{1,3}$/.test(value)) return null;
  const n = Number(value);
  return n >= RESULT_SECONDS_RANGE.min && n <= RESULT_SECONDS_RANGE.max ? n : null;
};

/**
 * This kiosk's settings, set once in its address as the kiosk PC is set up
 * (`/kiosk/?token=…&resultSeconds=45`, 10–300) and kept on the PC (localStorage), as the display's
 * sound settings are; the parameter is then taken out of the address. A value out of range is ignored.
 */
export function takeSettings(loc: Location, history: History): KioskSettings {
  const url = new URL(loc.href);
  if (url.searchParams.has('resultSeconds')) {
    const given = parseSeconds(url.searchParams.get('resultSeconds'));
    if (given !== null) stored.put('resultSeconds', String(given));
    url.searchParams.delete('resultSeconds');
    history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
  }
  return { resultSeconds: parseSeconds(stored.get('resultSeconds')) ?? DEFAULT_RESULT_SECONDS };
}
