/**
 * The clip cache and render queue, with a renderer the test finishes in the order it chooses:
 * concurrency promises no order of completion, so no expectation may rest on one.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GatedRenderer } from '../../test-support/gated-renderer.js';
import { VoiceBusyError } from '../../ports/voice.js';
import { EspeakVoice } from './espeak-voice.js';

/** lets the queued promises of clip() settle (no time passes) */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('EspeakVoice', () => {
  for (const order of [['いち', 'に', 'さん'], ['さん', 'に', 'いち'], ['に', 'さん', 'いち']]) {
    it(`renders each text once however many ask at once, and keeps at most its bound (renders finishing ${order.join(', ')})`, async () => {
      const r = new GatedRenderer();
      const voice = new EspeakVoice({ maxEntries: 2, concurrency: 3, render: r.render });
      const texts = ['いち', 'に', 'さん'];
      const clips = Promise.all([...texts, ...texts].map((t) => voice.clip('ja', t)));
      await settle();
      for (const t of order) await r.finish(t);
      expect((await clips).map((c) => c.toString('latin1'))).toEqual([...texts, ...texts].map((t) => Buffer.from(`RIFF${t}`).toString('latin1')));
      expect(voice.stats.renders).toBe(3);
      expect(voice.size.entries).toBe(2);
      // the first to finish is the least recently used: it left, the other two are still there
      const [first = '', second = '', third = ''] = order;
      await voice.clip('ja', second);
      await voice.clip('ja', third);
      expect(voice.stats).toEqual({ renders: 3, hits: 2, refused: 0 });
      const again = voice.clip('ja', first);
      await settle();
      await r.finish(first);
      await again;
      expect(voice.stats.renders).toBe(4);
    });
  }

  it('refuses a render beyond its waiting bound, and renders a live call’s words before the others that waited longer', async () => {
    const r = new GatedRenderer();
    const voice = new EspeakVoice({ concurrency: 1, maxWaiting: 2, render: r.render });
    const flood = ['a', 'b', 'c'].map((t) => voice.clip('en', t));
    await expect(voice.clip('en', 'd')).rejects.toBeInstanceOf(VoiceBusyError);
    expect(voice.stats.refused).toBe(1);
    expect(voice.waiting).toEqual({ live: 0, other: 2 });
    // the other lane is full, the live one is not
    const live = voice.clip('en', 'Number 1, please come to counter 1.', 'live');
    await settle();
    await r.finish('a');
    expect(r.started).toEqual(['a', 'Number 1, please come to counter 1.']);
    await r.finish('Number 1, please come to counter 1.');
    await live;
    await r.finish('b');
    await r.finish('c');
    await Promise.all(flood);
    expect(r.started).toEqual(['a', 'Number 1, please come to counter 1.', 'b', 'c']);
  });

  it('moves words already waiting among the others up when a live call asks for them', async () => {
    const r = new GatedRenderer();
    const voice = new EspeakVoice({ concurrency: 1, render: r.render });
    const waiting = ['a', 'b', 'c'].map((t) => voice.clip('en', t));
    const live = voice.clip('en', 'c', 'live');
    await settle();
    await r.finish('a');
    expect(r.started).toEqual(['a', 'c']);
    await r.finish('c');
    await r.finish('b');
    expect(await live).toBe(await waiting[2]);
    expect(voice.stats.renders).toBe(3);
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
