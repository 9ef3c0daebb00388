/** How a chime sounds: its two tones' spacing and length (seconds) and their peak gain. */
export interface ChimeShape {
  spacing: number;
  length: number;
  volume: number;
}

/**
 * A short two-tone chime (880 Hz, then 660 Hz) made with Web Audio, so that no sound file is
 * served; the alerts of the manager's page and of the phone page. The context and when it may
 * sound (browsers allow sound only after a tap or a key) are each page's.
 */
export function playChime(ctx: AudioContext, { spacing, length, volume }: ChimeShape): void {
  const t0 = ctx.currentTime + 0.01;
  for (const [i, freq] of [880, 660].entries()) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    const start = t0 + i * spacing;
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(volume, start + length / 8);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + length);
    osc.connect(gain);
    gain.connect(ctx.destination);
    osc.start(start);
    osc.stop(start + length + 0.01);
  }
}
