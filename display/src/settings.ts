/**
 * Sound settings of this display: the chime and the voice, each on or off. Set once in the
 * address (`/display/?voice=off&chime=off`, as a signage player is configured) or with the
 * small settings control on the screen; kept in localStorage, so a restart keeps them.
 */
export interface SoundSettings {
  chime: boolean;
  voice: boolean;
}

const KEY = 'madoguchi.display.sound';
const DEFAULTS: SoundSettings = { chime: true, voice: true };

function parse(value: string | null): boolean | null {
  if (value === 'on' || value === 'true' || value === '1') return true;
  if (value === 'off' || value === 'false' || value === '0') return false;
  return null;
}

export function loadSettings(storage: Storage): SoundSettings {
  const raw = storage.getItem(KEY);
  if (!raw) return DEFAULTS;
  let v: Partial<SoundSettings> | null;
  try {
    v = JSON.parse(raw) as Partial<SoundSettings> | null;
  } catch {
    return DEFAULTS; // a damaged value: start again from the defaults
  }
  return { chime: typeof v?.chime === 'boolean' ? v.chime : DEFAULTS.chime, voice: typeof v?.voice === 'boolean' ? v.voice : DEFAULTS.voice };
}

export function saveSettings(storage: Storage, s: SoundSettings): void {
  storage.setItem(KEY, JSON.stringify(s));
}

/** The stored settings, changed by `?voice=` / `?chime=` if present (then taken out of the address). */
export function takeSettings(loc: Location, history: History, storage: Storage): SoundSettings {
  const url = new URL(loc.href);
  let s = loadSettings(storage);
  let changed = false;
  for (const name of ['voice', 'chime'] as const) {
    if (!url.searchParams.has(name)) continue;
    const v = parse(url.searchParams.get(name));
    if (v !== null) s = { ...s, [name]: v };
    url.searchParams.delete(name);
    changed = true;
  }
  if (changed) {
    saveSettings(storage, s);
    history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
  }
  return s;
}

/** The settings as a tiny store for React, saved on every change. */
export class SettingsStore {
  private listeners = new Set<() => void>();
  constructor(
    private value: SoundSettings,
    private readonly storage: Storage,
  ) {}

  get = (): SoundSettings => this.value;

  set(patch: Partial<SoundSettings>): void {
    this.value = { ...this.value, ...patch };
    saveSettings(this.storage, this.value);
    for (const l of this.listeners) l();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}
