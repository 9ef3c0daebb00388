import { playChime } from '@madoguchi/shared/web';

/**
 * The phone page's call alert (docs/product.md §8): once the ticket is called it rings — chime and
 * vibration — again and again, and the tab's title flashes, until the citizen taps OK (a single
 * short chime is missed in a pocket or a noisy lobby); where the citizen allowed notifications, the
 * system shows one too. Browsers let a page sound and vibrate only after a tap on it: the page's
 * "alert me" button unlocks both (and asks for notifications); without it a call still shows, and
 * any earlier tap on the page lets the chime sound. The repetition runs on the window's timers, so a
 * browser test drives it with a fake clock.
 */

/** How often the alert rings and the title changes, in ms. */
export interface AlertTiming {
  ringEveryMs: number;
  flashEveryMs: number;
}

export const ALERT_TIMING: AlertTiming = { ringEveryMs: 4_000, flashEveryMs: 1_000 };

/** What the alert says, read at each step so that a language switch or a counter's name applies at once. */
export interface AlertTexts {
  /** the page's own title, which the flashing title alternates with and which it is left at */
  pageTitle: string;
  /** 「【呼出】1005番」 */
  callTitle: string;
  /** 「1005番：3番窓口へお越しください」, the notification's body */
  notice: string;
  /** the BCP 47 tag of the texts' language */
  locale: string;
}

const VIBRATION = [400, 150, 400, 150, 400];
let ctx: AudioContext | null = null;

/** Creates or wakes the audio context: sound starts only in a tap's wake, or after one. */
export function unlockAudio(): boolean {
  try {
    ctx ??= new AudioContext();
    void ctx.resume();
    return true;
  } catch {
    return false;
  }
}

/** Asks to show system notifications: from the citizen's tap only (browsers ignore or penalise asking on load). */
export function askNotifications(): void {
  if (typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission().catch(() => undefined);
}

function ring(): void {
  try {
    navigator.vibrate?.(VIBRATION);
  } catch {
    // no vibration motor, or not allowed before a tap
  }
  if (unlockAudio() && ctx?.state === 'running') playChime(ctx, { spacing: 0.35, length: 0.32, volume: 0.5 });
}

/** A system notification where granted; null where not, or where the browser has no page notifications (Android's wants a service worker). */
function notify(t: AlertTexts): Notification | null {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return null;
  try {
    return new Notification(t.callTitle, { body: t.notice, lang: t.locale, tag: 'madoguchi-call', requireInteraction: true });
  } catch {
    return null;
  }
}

/** Starts ringing now and every `ringEveryMs`, flashing the title; returns the stop (OK tapped, or the call is over). */
export function startCallAlert(texts: () => AlertTexts, timing: AlertTiming = ALERT_TIMING): () => void {
  let flashed = true;
  ring();
  document.title = texts().callTitle;
  const notification = notify(texts());
  const ringing = window.setInterval(ring, timing.ringEveryMs);
  const flashing = window.setInterval(() => {
    flashed = !flashed;
    const t = texts();
    document.title = flashed ? t.callTitle : t.pageTitle;
  }, timing.flashEveryMs);
  return () => {
    window.clearInterval(ringing);
    window.clearInterval(flashing);
    document.title = texts().pageTitle;
    notification?.close();
    try {
      navigator.vibrate?.(0);
    } catch {
      // nothing was vibrating
    }
  };
}
