import { playChime } from '@madoguchi/shared/web';
import { workerRegistration } from './service-worker';

/**
 * The phone page's call alert (docs/product.md §8): once the ticket is called it rings — chime and
 * vibration — again and again, and the tab's title flashes, until the citizen taps OK (a single
 * short chime is missed in a pocket or a noisy lobby); where the citizen allowed notifications, the
 * system shows one too, through the page's service worker where it is active. Browsers let a page
 * sound and vibrate only after a tap on it: the page's "alert me" button unlocks both (and asks for
 * notifications); without it a call still shows, and any earlier tap on the page lets the chime
 * sound. The repetition runs on the window's timers, so a browser test drives it with a fake clock.
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
  /** the ticket's label: the notification replaces a pushed one of the same ticket (status/public/sw.js tags them so) */
  tag: string;
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

/** What can close the shown notification. */
interface Shown {
  close(): void;
}

/**
 * A system notification where granted, else null: through the page's service worker when it is
 * active (the only way Chrome on Android allows), else the page's own.
 */
function notify(t: AlertTexts): Shown | null {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return null;
  const options: NotificationOptions = { body: t.notice, lang: t.locale, tag: t.tag, requireInteraction: true };
  const registration = workerRegistration();
  if (registration) {
    const shown = registration.showNotification(t.callTitle, options).then(
      () => true,
      () => false,
    );
    return {
      close: () =>
        void shown.then(async (ok) => {
          if (ok) for (const n of await registration.getNotifications({ tag: t.tag })) n.close();
        }),
    };
  }
  try {
    return new Notification(t.callTitle, options);
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
