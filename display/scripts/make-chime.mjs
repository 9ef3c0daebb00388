#!/usr/bin/env node
// Writes public/chime.wav: the two-tone "ピンポーン" played before each call is spoken.
// Deterministic (no randomness), so the committed file is exactly what this script makes:
// `node display/scripts/make-chime.mjs` after changing a parameter, then commit the .wav.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const RATE = 22_050;
const SECONDS = 1.9;
/** [start s, frequency Hz]: E5 then C5, a major third down, like a ward office's 呼出 chime */
const TONES = [
  [0, 659.25],
  [0.5, 523.25],
];
/** a bell-like tone: the fundamental with a little of its octave and twelfth */
const PARTIALS = [
  [1, 1],
  [2, 0.28],
  [3, 0.08],
];
const DECAY_S = 0.45;
const ATTACK_S = 0.006;

const n = Math.round(RATE * SECONDS);
const samples = new Float64Array(n);
for (const [start, freq] of TONES) {
  const from = Math.round(start * RATE);
  for (let i = from; i < n; i++) {
    const t = (i - from) / RATE;
    const envelope = Math.min(1, t / ATTACK_S) * Math.exp(-t / DECAY_S);
    let v = 0;
    for (const [k, a] of PARTIALS) v += a * Math.sin(2 * Math.PI * freq * k * t);
    samples[i] += envelope * v;
  }
}
// fade the last 50 ms out, and scale to 80 % of full range
const fade = Math.round(0.05 * RATE);
for (let i = n - fade; i < n; i++) samples[i] *= (n - i) / fade;
const peak = samples.reduce((m, v) => Math.max(m, Math.abs(v)), 0);

const data = Buffer.alloc(n * 2);
for (let i = 0; i < n; i++) data.writeInt16LE(Math.round((samples[i] / peak) * 0.8 * 32767), i * 2);

const header = Buffer.alloc(44);
header.write('RIFF', 0, 'latin1');
header.writeUInt32LE(36 + data.length, 4);
header.write('WAVE', 8, 'latin1');
header.write('fmt ', 12, 'latin1');
header.writeUInt32LE(16, 16); // PCM header size
header.writeUInt16LE(1, 20); // PCM
header.writeUInt16LE(1, 22); // mono
header.writeUInt32LE(RATE, 24);
header.writeUInt32LE(RATE * 2, 28); // bytes per second
header.writeUInt16LE(2, 32); // bytes per frame
header.writeUInt16LE(16, 34); // bits per sample
header.write('data', 36, 'latin1');
header.writeUInt32LE(data.length, 40);

const out = fileURLToPath(new URL('../public/chime.wav', import.meta.url));
writeFileSync(out, Buffer.concat([header, data]));
process.stdout.write(`wrote ${out} (${SECONDS} s, ${RATE} Hz, ${44 + data.length} bytes)\n`);
