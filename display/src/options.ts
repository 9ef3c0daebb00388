import { LANGUAGES, type Language } from '@madoguchi/shared';
import { BACKLOG_ENGLISH, type BacklogEnglish } from './speech-turns';

/**
 * How this display is set up, beside its sound (settings.ts): the language of its second line
 * under the Japanese, and how its voice keeps up when calls pile up. Set once in the address as
 * a signage player is configured — `/display/?second=vi&backlogEnglish=off&maxDelay=15` — and
 * kept in localStorage, so a restart keeps them; a value the page does not know is ignored.
 */
export interface DisplayOptions {
  /** the language beneath the Japanese: English unless set (any of the seven but Japanese) */
  second: Language;
  /** English while calls wait behind the one being said: whole, short ("1023, counter 3."), or none */
  backlogEnglish: BacklogEnglish;
  /** the most seconds the voice may run behind the screen: a call waiting longer is shown, not said */
  maxDelaySeconds: number;
}

const KEY = 'madoguchi.display.options';
export const DEFAULT_OPTIONS: DisplayOptions = { second: 'en', backlogEnglish: 'short', maxDelaySeconds: 20 };
/** a limit shorter than one announcement would silence every backlog; longer ones defeat the limit */
const DELAY_RANGE = { min: 10, max: 120 } as const;

const parseSecond = (v: unknown): Language | null => (typeof v === 'string' && v !== 'ja' && (LANGUAGES as readonly string[]).includes(v) ? (v as Language) : null);
const parseBacklog = (v: unknown): BacklogEnglish | null => (typeof v === 'string' && (BACKLOG_ENGLISH as readonly string[]).includes(v) ? (v as BacklogEnglish) : null);
const parseDelay = (v: unknown): number | null => {
  const n = typeof v === 'string' && /^[0-9]{1,3}$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isInteger(n) && n >= DELAY_RANGE.min && n <= DELAY_RANGE.max ? n : null;
};

/** Options from stored or given values, each unknown one replaced by the default. */
function optionsFrom(v: { second?: unknown; backlogEnglish?: unknown; maxDelaySeconds?: unknown } | null, base: DisplayOptions): DisplayOptions {
  return {
    second: parseSecond(v?.second) ?? base.second,
    backlogEnglish: parseBacklog(v?.backlogEnglish) ?? base.backlogEnglish,
    maxDelaySeconds: parseDelay(v?.maxDelaySeconds) ?? base.maxDelaySeconds,
  };
}

function load(storage: Storage): DisplayOptions {
  try {
    return optionsFrom(JSON.parse(storage.getItem(KEY) ?? 'null') as Record<string, unknown> | null, DEFAULT_OPTIONS);
  } catch {
    return DEFAULT_OPTIONS; // a damaged value: start again from the defaults
  }
}

/** The stored options, changed by `?second=` / `?backlogEnglish=` / `?maxDelay=` if present (then taken out of the address). */
export function takeOptions(loc: Location, history: History, storage: Storage): DisplayOptions {
  const url = new URL(loc.href);
  const params = { second: 'second', backlogEnglish: 'backlogEnglish', maxDelaySeconds: 'maxDelay' } as const;
  if (!Object.values(params).some((p) => url.searchParams.has(p))) return load(storage);
  const options = optionsFrom(
    { second: url.searchParams.get(params.second), backlogEnglish: url.searchParams.get(params.backlogEnglish), maxDelaySeconds: url.searchParams.get(params.maxDelaySeconds) },
    load(storage),
  );
  for (const p of Object.values(params)) url.searchParams.delete(p);
  try {
    storage.setItem(KEY, JSON.stringify(options));
  } catch {
    // storage refused: the options last for this page only
  }
  history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
  return options;
}
