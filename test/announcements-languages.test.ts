/**
 * An announcement's texts per language (issue 15 item 3; product.md §8, "Languages everywhere"):
 * `POST …/announcements` takes the Japanese `message` and optional `texts` keyed by the other
 * languages; they are kept (a database column of their own, the event log), pushed with the
 * event to every page, in the snapshot, and still there after a restart. Bad texts are refused
 * with 400 naming the field; the body without `texts` works as before.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SiteEvent } from '@madoguchi/shared';
import { ManualClock } from '../server/src/adapters/clock/manual-clock.js';
import { createMadoguchi, DB_FILE } from '../server/src/server.js';
import { expectError, request, SITE, startServer, type TestServer } from './support/server.js';
import { next, Sockets } from './support/sockets.js';

let s: TestServer;
let sockets: Sockets;

beforeEach(async () => {
  s = await startServer();
  sockets = new Sockets(() => s.app.listeningOrigin ?? '');
});

afterEach(async () => {
  sockets.closeAll();
  await s?.close();
});

const URL = `/api/v1/sites/${SITE}/announcements`;
const post = (body: unknown) => request(s.app, 'POST', URL, { token: s.manager.bearer, body });

const MESSAGE = '地震が発生しました。職員の指示に従ってください。';
const TEXTS = {
  en: 'An earthquake has occurred. Please follow the staff’s instructions.',
  'ja-easy': 'じしんが ありました。 しょくいんの いうことを きいて ください。',
  vi: 'Đã xảy ra động đất. Vui lòng làm theo hướng dẫn của nhân viên.',
};

describe('an announcement’s texts per language', () => {
  it('are kept, pushed with the event to a public page, in the snapshot, in the event log, and after a restart', async () => {
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    const display = sockets.open({ token: s.display.token });
    await next(display, 'site:snapshot');
    const pushed = next<Extract<SiteEvent, { type: 'announcement:posted' }>>(display, 'announcement:posted');

    const res = await post({ message: MESSAGE, severity: 'emergency', texts: TEXTS });
    expect(res.statusCode, res.body).toBe(201);
    const { id } = res.json<{ id: number }>();

    expect(await pushed).toMatchObject({ id, message: MESSAGE, severity: 'emergency', texts: TEXTS });
    expect(s.m.engine.snapshot(SITE).announcements).toEqual([{ id, message: MESSAGE, texts: TEXTS, severity: 'emergency', postedAt: expect.any(String) }]);
    // a page that connects now gets them in its snapshot
    const late = sockets.open({ token: s.display.token });
    expect((await next<{ announcements: unknown[] }>(late, 'site:snapshot')).announcements).toEqual([expect.objectContaining({ id, texts: TEXTS })]);

    await s.stop();
    const db = new Database(join(s.dir, DB_FILE), { readonly: true });
    try {
      const row = db.prepare(`SELECT data FROM events WHERE type = 'announcement:posted'`).get() as { data: string };
      expect(JSON.parse(row.data)).toEqual({ id, severity: 'emergency', message: MESSAGE, texts: TEXTS });
    } finally {
      db.close();
    }
    const again = await createMadoguchi({ dataDir: s.dir, config: s.m.engine.deps.config, clock: new ManualClock(s.clock.now()), logger: false });
    try {
      expect(again.engine.snapshot(SITE).announcements).toEqual([expect.objectContaining({ id, message: MESSAGE, texts: TEXTS })]);
    } finally {
      await again.close();
    }
  });

  it('are trimmed as the message is', async () => {
    expect((await post({ message: ` ${MESSAGE} `, severity: 'info', texts: { en: '  Please wait.\n' } })).statusCode).toBe(201);
    expect(s.m.engine.snapshot(SITE).announcements).toMatchObject([{ message: MESSAGE, texts: { en: 'Please wait.' } }]);
  });

  it('the body without texts still works: an announcement in Japanese only, with no texts', async () => {
    const res = await post({ message: '本日は混雑しています', severity: 'info' });
    expect(res.statusCode, res.body).toBe(201);
    expect(s.m.engine.snapshot(SITE).announcements).toEqual([expect.objectContaining({ message: '本日は混雑しています', texts: {} })]);
  });

  it.each([
    [{ message: MESSAGE, severity: 'info', texts: { fr: 'Un séisme.' } }, 'texts.fr'],
    [{ message: MESSAGE, severity: 'info', texts: { ja: MESSAGE } }, 'texts.ja'],
    [{ message: MESSAGE, severity: 'info', texts: { en: 'x'.repeat(501) } }, 'texts.en'],
    [{ message: MESSAGE, severity: 'info', texts: { 'ja-easy': '' } }, 'texts.ja-easy'],
    [{ message: MESSAGE, severity: 'info', texts: { ko: '   ' } }, 'texts.ko'],
    [{ message: MESSAGE, severity: 'info', texts: { pt: 42 } }, 'texts.pt'],
    [{ message: MESSAGE, severity: 'info', texts: ['en'] }, 'texts'],
    [{ message: MESSAGE, severity: 'info', texts: null }, 'texts'],
  ])('refuses %j with 400 naming the field', async (body, field) => {
    expectError(await post(body), 400, 'VALIDATION', field);
    expect(s.m.engine.snapshot(SITE).announcements).toEqual([]);
  });

  it('takes a text of the longest length, in every language but Japanese', async () => {
    const longest = Object.fromEntries(['ja-easy', 'en', 'zh', 'ko', 'pt', 'vi'].map((l) => [l, 'あ'.repeat(500)]));
    const res = await post({ message: 'あ'.repeat(500), severity: 'info', texts: longest });
    expect(res.statusCode, res.body).toBe(201);
    expect(s.m.engine.snapshot(SITE).announcements[0]?.texts).toEqual(longest);
  });
});
