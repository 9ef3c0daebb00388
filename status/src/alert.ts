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
  if (!ctx || ctx.state !== 'running') return;
  const t0 = ctx.currentTime;
  [880, 660].forEach((freq, i) => {
    if (!ctx) return;
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    const start = t0 + i * 0.35;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.4, start + 0.03);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.32);
    osc.connect(gain).connect(ctx.destination);
    osc.start(start);
    osc.stop(start + 0.34);
  });
}

export function alertCalled(): void {
  try {
    navigator.vibrate?.([400, 150, 400, 150, 400]);
  } catch {
    // not allowed before a tap, or no vibration motor
  }
  chime();
}
