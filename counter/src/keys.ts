/**
 * Keyboard shortcuts: a letter key for each action, and F13–F24 for keyboard-emulating call
 * buttons (a USB button that types a key nobody types by hand). F-keys are matched by their
 * physical code too, since some layouts map F13+ to other key names (XF86Tools…).
 */
export type Action =
  | 'next'
  | 'recall'
  | 'noShow'
  | 'complete'
  | 'start'
  | 'transfer'
  | 'pause'
  | 'close'
  | 'waiting'
  | 'reinstateLast'
  | 'language'
  | 'help';

export interface Shortcut {
  action: Action;
  /** `KeyboardEvent.key` values (letters lower-case) */
  keys: readonly string[];
  /** what the help and the buttons show */
  label: string;
  fkey: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { action: 'next', keys: [' ', 'Enter'], label: 'Space', fkey: 'F13' },
  { action: 'recall', keys: ['r'], label: 'R', fkey: 'F14' },
  { action: 'noShow', keys: ['n'], label: 'N', fkey: 'F15' },
  { action: 'complete', keys: ['c'], label: 'C', fkey: 'F16' },
  { action: 'start', keys: ['s'], label: 'S', fkey: 'F17' },
  { action: 'transfer', keys: ['t'], label: 'T', fkey: 'F18' },
  { action: 'pause', keys: ['p'], label: 'P', fkey: 'F19' },
  { action: 'close', keys: ['q'], label: 'Q', fkey: 'F20' },
  { action: 'waiting', keys: ['w'], label: 'W', fkey: 'F21' },
  { action: 'reinstateLast', keys: ['u'], label: 'U', fkey: 'F22' },
  { action: 'language', keys: ['l'], label: 'L', fkey: 'F23' },
  { action: 'help', keys: ['?', 'h'], label: 'H', fkey: 'F24' },
];

export const shortcutOf = (action: Action): Shortcut => SHORTCUTS.find((s) => s.action === action) as Shortcut;

/** Elements whose own keys (typing, Space/Enter to press) must not be taken over. */
const isTyping = (el: Element | null): boolean => !!el && (el.matches('input, textarea, select, [contenteditable="true"]') || el.closest('[contenteditable="true"]') !== null);
const isControl = (el: Element | null): boolean => !!el && el.closest('button, a[href], summary, [role="button"], [role="link"]') !== null;

/**
 * The action of a key press, or null. Held keys (auto-repeat) never act twice; modifiers are
 * left to the browser; F13–F24 act wherever the focus is; letters not while typing; Space and
 * Enter only when the focus is not on a control that they would press anyway.
 */
export function actionOfKey(e: KeyboardEvent): Action | null {
  if (e.repeat || e.ctrlKey || e.altKey || e.metaKey || e.isComposing) return null;
  const fkey = /^F(1[3-9]|2[0-4])$/.test(e.code) ? e.code : /^F(1[3-9]|2[0-4])$/.test(e.key) ? e.key : null;
  if (fkey) return SHORTCUTS.find((s) => s.fkey === fkey)?.action ?? null;
  const target = e.target instanceof Element ? e.target : null;
  if (isTyping(target)) return null;
  // a letter by its character, or by its physical key when an input method hides the character
  const key = e.key.length === 1 ? e.key.toLowerCase() : /^Key[A-Z]$/.test(e.code) && e.key === 'Process' ? e.code.slice(3).toLowerCase() : e.key;
  if ((key === ' ' || key === 'Enter') && isControl(target)) return null;
  return SHORTCUTS.find((s) => s.keys.includes(key))?.action ?? null;
}

/** For mousedown on the console's buttons: a click does not move the focus (keyboard focus still does). */
export { keepFocus } from '@madoguchi/shared/web';
