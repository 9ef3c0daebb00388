import { playChime } from '@madoguchi/shared/web';

/**
 * The alert sound: a short two-tone beep made with WebAudio (no audio file to serve). Browsers
 * start an AudioContext suspended until the user has interacted with the page; `unlock` is
 * called on every click and key (the sign-in's included), so that a later alert can sound.
 */
let context: AudioContext | null = null;

function audio(): AudioContext | null {
  if (context) return context;
  const Ctor = window.AudioContext as typeof AudioContext | undefined;
  if (!Ctor) return null;
  try {
    context = new Ctor();
  } catch {
    context = null; // no audio device: the alert is still shown
  }
  return context;
}

export function unlockAudio(): void {
  const ctx = audio();
  if (ctx && ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
}

export function beep(): void {
  const ctx = audio();
  if (!ctx) return;
  if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
  playChime(ctx, { spacing: 0.18, length: 0.16, volume: 0.3 });
}
