import { useEffect, type RefObject } from 'react';

const NEXT = new Set(['ArrowDown', 'ArrowRight']);
const PREVIOUS = new Set(['ArrowUp', 'ArrowLeft']);

/**
 * The arrow keys move the focus between the buttons a citizen can press now (JIS X 8341-3: a
 * keypad at the kiosk), in the order of the page, round from the last to the first. Buttons
 * under a cover (`inert`) and disabled ones are skipped. `onMove` hears where the focus went
 * (the audio guidance says it).
 */
export function useArrowKeys(root: RefObject<HTMLElement | null>, onMove: (el: HTMLElement) => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const el = root.current;
      if (!el) return;
      const step = NEXT.has(e.key) ? 1 : PREVIOUS.has(e.key) ? -1 : 0;
      if (step === 0 || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const buttons = [...el.querySelectorAll<HTMLButtonElement>('button:not(:disabled)')].filter((b) => !b.closest('[inert]'));
      if (buttons.length === 0) return;
      e.preventDefault();
      const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
      const next = buttons[at < 0 ? (step > 0 ? 0 : buttons.length - 1) : (at + step + buttons.length) % buttons.length];
      if (!next) return;
      next.focus();
      onMove(next);
    };
    // on the window: with nothing focused yet, the keys go to the body
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [root, onMove]);
}
