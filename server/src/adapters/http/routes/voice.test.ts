/**
 * The voice clip route against the real app (createMadoguchi) and the real espeak-ng
 * (Debian package, installed by scripts/setup-system.sh).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callSpeech } from '@madoguchi/shared';
import { errorOf, request, SITE, startServer, type TestServer } from '../../../../../test/support/server.js';
import { registerAuthentication } from '../auth-hooks.js';
import { registerErrorHandling } from '../errors.js';
import { EspeakVoice, voiceRoutes } from './voice.js';

let s: TestServer;

beforeEach(async () => {
  s = await startServer();
});

afterEach(async () => {
  await s?.close();
});

const JA = callSpeech('1023', { id: '3', name: { ja: '3番窓口', en: 'Counter 3' } }).ja;
const url = (text: string, lang = 'ja', site = SITE) => `/api/v1/sites/${site}/voice.wav?text=${encodeURIComponent(text)}&lang=${lang}`;

describe('GET /api/v1/sites/{site}/voice.wav', () => {
  it('renders kana Japanese and English to WAV for a display, and serves a repeat from the cache at once', async () => {
    const first = await request(s.app, 'GET', url(JA), { token: s.display.token });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('audio/wav');
    expect(first.rawPayload.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(first.rawPayload.subarray(8, 12).toString('latin1')).toBe('WAVE');
    // a second or so of speech at least: espeak-ng said something
    expect(first.rawPayload.length).toBeGreaterThan(20_000);

    const t0 = performance.now();
    const again = await request(s.app, 'GET', url(JA), { token: s.clerk.bearer });
    const repeatMs = performance.now() - t0;
    expect(again.statusCode).toBe(200);
    expect(Buffer.compare(again.rawPayload, first.rawPayload)).toBe(0);
    expect(repeatMs).toBeLessThan(50);

    const en = await request(s.app, 'GET', url('Number 1023, please come to counter 3.', 'en'), { token: s.display.token });
    expect(en.statusCode).toBe(200);
    expect(en.rawPayload.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(Buffer.compare(en.rawPayload, first.rawPayload)).not.toBe(0);
  });

  it('refuses text that is not kana, ASCII letters, digits or light punctuation, and overlong text, with 400 naming the field', async () => {
    for (const bad of ['受付番号 1023番', '<speak>x</speak>', '-w /tmp/x', 'あ'.repeat(201), 'a\nb', '']) {
      const res = await request(s.app, 'GET', url(bad), { token: s.display.token });
      expect(res.statusCode, bad).toBe(400);
      expect(errorOf(res).code).toBe('VALIDATION');
    }
    expect((await request(s.app, 'GET', url('せん', 'fr'), { token: s.display.token })).statusCode).toBe(400);
    expect(errorOf(await request(s.app, 'GET', url('受付'), { token: s.display.token })).field).toBe('text');
  });

  it('answers 401 without a token and 403 to a kiosk or another site’s device', async () => {
    const anonymous = await request(s.app, 'GET', url(JA));
    expect(anonymous.statusCode).toBe(401);
    expect(errorOf(anonymous).code).toBe('UNAUTHORIZED');
    expect((await request(s.app, 'GET', url(JA), { token: s.kiosk.token })).statusCode).toBe(403);
    expect((await request(s.app, 'GET', url(JA, 'ja', 'kita'), { token: s.display.token })).statusCode).toBe(403);
    expect((await request(s.app, 'GET', url(JA, 'ja', 'nowhere'), { token: s.clerk.bearer })).statusCode).toBe(404);
  });

  it('answers 503 with a clear error when espeak-ng is missing', async () => {
    const app = Fastify({ logger: false }).withTypeProvider<TypeBoxTypeProvider>();
    registerErrorHandling(app);
    registerAuthentication(app, s.m.auth, () => []);
    voiceRoutes(app, { engine: s.m.engine, auth: s.m.auth, store: s.m.store, config: s.m.engine.deps.config, hardware: { buttons: () => null, buttonStatuses: () => [], manualClock: null, tick: () => undefined } }, new EspeakVoice({ command: '/nonexistent/espeak-ng' }));
    try {
      const res = await request(app, 'GET', url(JA), { token: s.display.token });
      expect(res.statusCode).toBe(503);
      expect(errorOf(res)).toMatchObject({ code: 'VOICE_UNAVAILABLE', message: expect.stringContaining('espeak-ng') });
    } finally {
      await app.close();
    }
  });
});

describe('EspeakVoice', () => {
  it('renders each text once however many ask at the same time, and keeps at most its bound', async () => {
    const voice = new EspeakVoice({ maxEntries: 2 });
    const texts = ['いち', 'に', 'さん'];
    const clips = await Promise.all([...texts, ...texts].map((t) => voice.clip('ja', t)));
    expect(clips.every((c) => c.subarray(0, 4).toString('latin1') === 'RIFF')).toBe(true);
    expect(voice.stats.renders).toBe(3);
    expect(voice.size.entries).toBe(2);
    // the least recently used one left: "いち" is rendered again, "さん" is still there
    await voice.clip('ja', 'さん');
    expect(voice.stats).toEqual({ renders: 3, hits: 1 });
    await voice.clip('ja', 'いち');
    expect(voice.stats.renders).toBe(4);
  });

  it('kills a render that takes longer than its limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'madoguchi-voice-'));
    try {
      const hang = join(dir, 'hanging-espeak');
      writeFileSync(hang, '#!/bin/sh\nexec sleep 30\n', { mode: 0o755 });
      const voice = new EspeakVoice({ command: hang, timeoutMs: 200 });
      await expect(voice.clip('ja', 'いち')).rejects.toThrow(/longer than 200 ms/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
