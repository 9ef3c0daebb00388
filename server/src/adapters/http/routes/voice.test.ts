/**
 * The voice clip route against the real app (createMadoguchi) and the real espeak-ng
 * (Debian package, installed by scripts/setup-system.sh).
 */
import Fastify from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { callSpeech } from '@madoguchi/shared';
import { errorOf, request, SITE, startServer, type TestServer } from '../../../../../test/support/server.js';
import { registerAuthentication } from '../auth-hooks.js';
import { registerErrorHandling } from '../errors.js';
import { GatedRenderer } from '../../../test-support/gated-renderer.js';
import { until } from '../../../../../test/support/until.js';
import { EspeakVoice } from '../../voice/espeak-voice.js';
import { voiceRoutes } from './voice.js';

let s: TestServer;

beforeEach(async () => {
  s = await startServer();
});

afterEach(async () => {
  await s?.close();
});

/** the voice route alone, on the test server's engine and store, with the given voice */
function appWith(voice: EspeakVoice) {
  const app = Fastify({ logger: false }).withTypeProvider<TypeBoxTypeProvider>();
  registerErrorHandling(app);
  registerAuthentication(app, s.m.auth, () => []);
  voiceRoutes(app, { engine: s.m.engine, auth: s.m.auth, database: s.m.database, config: s.m.engine.deps.config, hardware: { buttons: () => null, buttonStatuses: () => [], manualClock: null, tick: () => undefined } }, voice);
  return app;
}

const JA = callSpeech('1023', { id: '3', name: { ja: '3番窓口', en: 'Counter 3' } }).ja;
const url = (text: string, lang = 'ja', site = SITE) => `/api/v1/sites/${site}/voice.wav?text=${encodeURIComponent(text)}&lang=${lang}`;

describe('GET /api/v1/sites/{site}/voice.wav', () => {
  it('renders kana Japanese and English to WAV for a display, and serves a repeat from the cache without rendering again', async () => {
    // the route on a voice the test can count (a stopwatch on a shared machine is not a proof)
    const voice = new EspeakVoice();
    const app = appWith(voice);
    onTestFinished(() => app.close());
    const first = await request(app, 'GET', url(JA), { token: s.display.token });
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('audio/wav');
    expect(first.rawPayload.subarray(0, 4).toString('latin1')).toBe('RIFF');
    expect(first.rawPayload.subarray(8, 12).toString('latin1')).toBe('WAVE');
    // a second or so of speech at least: espeak-ng said something
    expect(first.rawPayload.length).toBeGreaterThan(20_000);

    const again = await request(app, 'GET', url(JA), { token: s.clerk.bearer });
    expect(again.statusCode).toBe(200);
    expect(Buffer.compare(again.rawPayload, first.rawPayload)).toBe(0);
    expect(voice.stats).toEqual({ renders: 1, hits: 1, refused: 0 });

    const en = await request(app, 'GET', url('Number 1023, please come to counter 3.', 'en'), { token: s.display.token });
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

  it('answers 401 without a token and 403 to another site’s device; a kiosk (audio guidance) gets its clip', async () => {
    const anonymous = await request(s.app, 'GET', url(JA));
    expect(anonymous.statusCode).toBe(401);
    expect(errorOf(anonymous).code).toBe('UNAUTHORIZED');
    expect((await request(s.app, 'GET', url(JA), { token: s.kiosk.token })).statusCode).toBe(200);
    expect((await request(s.app, 'GET', url(JA, 'ja', 'kita'), { token: s.display.token })).statusCode).toBe(403);
    expect((await request(s.app, 'GET', url(JA, 'ja', 'nowhere'), { token: s.clerk.bearer })).statusCode).toBe(404);
  });

  it('answers 503 with a clear error when espeak-ng is missing', async () => {
    const app = appWith(new EspeakVoice({ command: '/nonexistent/espeak-ng' }));
    try {
      const res = await request(app, 'GET', url(JA), { token: s.display.token });
      expect(res.statusCode).toBe(503);
      expect(errorOf(res)).toMatchObject({ code: 'VOICE_UNAVAILABLE', message: expect.stringContaining('espeak-ng') });
    } finally {
      await app.close();
    }
  });

  it('renders a call’s words next, ahead of a flood of other texts, and refuses the flood beyond its bound with 503 in the error shape', async () => {
    const r = new GatedRenderer();
    const voice = new EspeakVoice({ concurrency: 1, maxWaiting: 3, render: r.render });
    const app = appWith(voice);
    try {
      const flood = ['a', 'b', 'c', 'd'].map((t) => request(app, 'GET', url(t, 'en'), { token: s.display.token }));
      await until(() => r.started.length === 1 && voice.waiting.other === 3, 'one render running, three waiting');
      const refused = await request(app, 'GET', url('e', 'en'), { token: s.display.token });
      expect(refused.statusCode).toBe(503);
      expect(refused.headers['retry-after']).toBe('2');
      expect(errorOf(refused).code).toBe('UNAVAILABLE');

      // a clerk calls the next ticket: the display asks for its words behind the flood
      s.m.engine.setCounterState(SITE, '1', 'open', { kind: 'clerk', id: 'tanaka' }, { clerk: 'tanaka' });
      const issued = s.m.engine.takeTicket(SITE, { queue: 'certificates' }, { kind: 'device', id: 'kiosk-1' });
      s.m.engine.callNext(SITE, '1', { kind: 'clerk', id: 'tanaka' });
      const words = callSpeech(issued.ticket.label, { id: '1', name: s.m.engine.deps.config.sites[0]!.counters.find((c) => c.id === '1')!.name }).en;
      const call = request(app, 'GET', url(words, 'en'), { token: s.display.token });
      await until(() => voice.waiting.live === 1, 'the call’s words waiting');
      await r.finish('a');
      expect(r.started).toEqual(['a', words]);
      await r.finish(words);
      expect((await call).statusCode).toBe(200);
      for (const t of ['b', 'c', 'd']) await r.finish(t);
      expect((await Promise.all(flood)).map((x) => x.statusCode)).toEqual([200, 200, 200, 200]);
    } finally {
      await app.close();
    }
  });

  it('limits each device and staff member to 120 clips a minute with 429 RATE_LIMITED; the others keep theirs', async () => {
    const first = await request(s.app, 'GET', url(JA), { token: s.display.token });
    expect(first.statusCode).toBe(200);
    for (let i = 1; i < 120; i++) expect((await request(s.app, 'GET', url(JA), { token: s.display.token })).statusCode).toBe(200);
    const limited = await request(s.app, 'GET', url(JA), { token: s.display.token });
    expect(limited.statusCode).toBe(429);
    expect(errorOf(limited).code).toBe('RATE_LIMITED');
    expect((await request(s.app, 'GET', url(JA), { token: s.clerk.bearer })).statusCode).toBe(200);
  });
});
