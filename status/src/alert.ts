import { playChime } from '@madoguchi/shared/web';

/**
 * The call alert: vibration and a short two-tone chime (Web Audio, no sound file) where the
 * browser allows. Browsers let a page make sound only after a tap on it, so the page offers a
 * button that `unlock()`s the audio; vibration works after any earlier tap on the page.
 */
let ctx: AudioContext | null = null;

export function unlockAudio(): boolean {
  try {
    ctx ??= new AudioContext();
    void ctx.resume();
    return true;
  } catch {
    return false;
  }
}

function chime(): void {
  if (ctx?.state === 'running') playChime(ctx, { spacing: 0.35, length: 0.32, volume: 0.4 });
}

export function alertCalled(): void {
  try {
    navigator.vibrate?.([400, 150, 400, 150, 400]);
  } catch {
    // not allowed before a tap, or no vibration motor
  }
  chime();
}
