import { useEffect } from 'react';

/**
 * Calls `onIdle` after `ms` without a touch or a key press, while `active`: every touch or key
 * starts the wait again. The kiosk's return to the start screen (after a citizen walked away) and
 * the held screen of an unprinted number both use it.
 */
export function useIdle(active: boolean, ms: number, onIdle: () => void): void {
  useEffect(() => {
    if (!active) return;
    let timer = setTimeout(onIdle, ms);
    const bump = () => {
      clearTimeout(timer);
      timer = setTimeout(onIdle, ms);
    };
    window.addEventListener('pointerdown', bump, true);
    window.addEventListener('keydown', bump, true);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('pointerdown', bump, true);
      window.removeEventListener('keydown', bump, true);
    };
  }, [active, ms, onIdle]);
}
