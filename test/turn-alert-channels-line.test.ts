import { createHmac } from 'node:crypto';
import Fastify from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { TurnAlertMessage } from '@madoguchi/shared';
import { registerErrorHandling } from '../server/src/adapters/http/errors.js';
import type { App } from '../server/src/adapters/http/context.js';
import { lineClient, LineSender } from '../server/src/adapters/turn-alerts/line-sender.js';
import { LINE_WEBHOOK_PATH, lineWebhookRoute, readLineText } from '../server/src/adapters/turn-alerts/line-webhook.js';
import type { LineInbox } from '../server/src/ports/turn-alert-channel.js';
import { FakeLineApi, signedWebhook, textEvent } from './support/fake-line-api.js';
import { until } from './support/until.js';

const TOKEN = 'channel-access-token-for-tests';
const SECRET = 'channel-secret-for-tests';
const called: TurnAlertMessage = {
  kind: 'called',
  label: 'A-012',
  title: 'A-012 番の方、3番窓口へどうぞ',
  body: '住民票の窓口 3番でお呼びしています。',
  url: 'https://madoguchi.city.example.jp/t/Zx8kq2',
};

function recordingLog() {
  const lines: string[] = [];
  return { lines, log: { warn: (_o: object, m: string) => lines.push(m), error: (_o: object, m: string) => lines.push(m) } };
}

describe('the LINE sender against a local Messaging API', () => {
  let line: FakeLineApi;
  beforeAll(async () => {
    line = await FakeLineApi.start(TOKEN);
  });
  afterAll(async () => line.close());

  it('pushes one text: title, body and the phone page’s link', async () => {
    const sender = new LineSender({ client: lineClient(TOKEN, line.base), log: recordingLog().log });
    expect(await sender.send({ channel: 'line', userId: 'U-hanako' }, called)).toEqual({ kind: 'sent' });
    expect(line.pushes.at(-1)).toEqual({ to: 'U-hanako', messages: [{ type: 'text', text: `${called.title}\n${called.body}\n${called.url}` }] });
  });

  it('does not retry with a token LINE refuses, and logs the misconfiguration', async () => {
    const { lines, log } = recordingLog();
    const sender = new LineSender({ client: lineClient('a-wrong-token', line.base), log });
    expect(await sender.send({ channel: 'line', userId: 'U-hanako' }, called)).toMatchObject({ kind: 'failed', retry: false });
    expect(line.unauthorized).toBeGreaterThan(0);
    expect(lines.some((l) => /LINE_CHANNEL_ACCESS_TOKEN/.test(l))).toBe(true);
  });

  it.each([
    ['unfollowed', { kind: 'gone' }],
    ['unknown-user', { kind: 'gone' }],
    ['limit', { kind: 'failed', retry: true }],
    ['server-error', { kind: 'failed', retry: true }],
  ] as const)('maps LINE’s %s answer to %o, without the user id in the reason', async (fault, expected) => {
    const userId = `U-${fault}`;
    line.fail(userId, fault);
    const outcome = await new LineSender({ client: lineClient(TOKEN, line.base), log: recordingLog().log }).send({ channel: 'line', userId }, called);
    expect(outcome).toMatchObject(expected);
    expect(JSON.stringify(outcome)).not.toContain(userId);
  });

  it('retries when LINE cannot be reached', async () => {
    const gone = await FakeLineApi.start(TOKEN);
    await gone.close();
    const outcome = await new LineSender({ client: lineClient(TOKEN, gone.base), log: recordingLog().log }).send({ channel: 'line', userId: 'U-hanako' }, called);
    expect(outcome).toMatchObject({ kind: 'failed', retry: true });
  });
});

describe('reading a citizen’s text', () => {
  it.each([
    ['K3M9QX', { code: 'K3M9QX' }],
    ['  k3m9qx\n', { code: 'K3M9QX' }],
    ['Ｋ３Ｍ９ＱＸ', { code: 'K3M9QX' }],
    ['停止', { stop: true }],
    [' STOP ', { stop: true }],
    ['stop', { stop: true }],
    ['こんにちは', null],
    ['K3M9QX7', null],
  ])('%j → %j', (text, expected) => {
    expect(readLineText(text)).toEqual(expected);
  });
});

describe('the LINE webhook', () => {
  let line: FakeLineApi;
  let app: App;
  const calls: string[] = [];
  const inbox: LineInbox = {
    bind(code, userId) {
      calls.push(`bind ${code} ${userId}`);
      return code === 'K3M9QX' ? { reply: 'A-012 番のお知らせを LINE でお送りします。' } : null;
    },
    stop(userId) {
      calls.push(`stop ${userId}`);
      return { reply: 'お知らせを止めました。' };
    },
  };

  beforeAll(async () => {
    line = await FakeLineApi.start(TOKEN);
    app = Fastify({ logger: false }).withTypeProvider<TypeBoxTypeProvider>();
    registerErrorHandling(app);
    lineWebhookRoute(app, { channelSecret: SECRET, inbox, client: lineClient(TOKEN, line.base), log: recordingLog().log });
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
    await line.close();
  });
  beforeEach(() => {
    calls.length = 0;
  });

  const post = (payload: string, headers: Record<string, string>) => app.inject({ method: 'POST', url: LINE_WEBHOOK_PATH, payload, headers });

  it('binds the sender of a valid code and answers in the chat', async () => {
    const { payload, headers } = signedWebhook(SECRET, [textEvent('U-hanako', ' k3m9qx ', 'reply-token-1')]);
    const res = await post(payload, headers);
    expect(res.statusCode).toBe(200);
    expect(calls).toEqual(['bind K3M9QX U-hanako']);
    await until(() => line.replies.some((r) => r.replyToken === 'reply-token-1'), 'the reply in the chat');
    expect(line.replies.find((r) => r.replyToken === 'reply-token-1')?.messages).toEqual([{ type: 'text', text: 'A-012 番のお知らせを LINE でお送りします。' }]);
  });

  it('stops a user’s alerts on 「停止」 or "STOP", and on unfollow', async () => {
    const { payload, headers } = signedWebhook(SECRET, [
      textEvent('U-taro', '停止', 'reply-token-2'),
      textEvent('U-jiro', 'STOP', 'reply-token-3'),
      { type: 'unfollow', mode: 'active', timestamp: 0, source: { type: 'user', userId: 'U-saburo' } },
    ]);
    expect((await post(payload, headers)).statusCode).toBe(200);
    expect(calls).toEqual(['stop U-taro', 'stop U-jiro', 'stop U-saburo']);
    await until(() => line.replies.filter((r) => r.replyToken === 'reply-token-2' || r.replyToken === 'reply-token-3').length === 2, 'both replies');
  });

  it('leaves other texts, unknown codes, group chats and LINE’s empty verification call alone', async () => {
    const before = line.replies.length;
    const { payload, headers } = signedWebhook(SECRET, [
      textEvent('U-hanako', 'こんにちは'),
      textEvent('U-hanako', 'ZZZZZZ'), // not a code: Z is not in the codes' alphabet
      textEvent('U-hanako', 'AAAAAA'),
      { ...textEvent('U-hanako', 'K3M9QX'), source: { type: 'group', groupId: 'C1', userId: 'U-hanako' } },
    ]);
    expect((await post(payload, headers)).statusCode).toBe(200);
    expect(calls).toEqual(['bind AAAAAA U-hanako']);
    const verify = signedWebhook(SECRET, []);
    expect((await post(verify.payload, verify.headers)).statusCode).toBe(200);
    expect(line.replies.length).toBe(before);
  });

  it('answers 401 to a wrong, a missing, or a tampered signature, and touches nothing', async () => {
    const { payload, headers } = signedWebhook(SECRET, [textEvent('U-mallory', 'K3M9QX')]);
    const wrong = signedWebhook('another-secret', [textEvent('U-mallory', 'K3M9QX')]);
    const { 'x-line-signature': _dropped, ...unsigned } = headers;
    for (const res of [
      await post(wrong.payload, wrong.headers),
      await post(payload, unsigned),
      await post(payload.replace('U-mallory', 'U-malloryy'), headers),
      await post(payload, { ...headers, 'x-line-signature': 'not base64 at all' }),
    ]) {
      expect(res.statusCode).toBe(401);
      expect(res.json()).toMatchObject({ error: { code: 'UNAUTHORIZED', field: 'x-line-signature' } });
    }
    expect(calls).toEqual([]);
  });

  it('checks the signature on the bytes as sent, not on re-serialized JSON', async () => {
    // the same events with other spacing: valid for its own bytes only
    const payload = JSON.stringify({ destination: 'U0', events: [textEvent('U-hanako', 'K3M9QX')] }, null, 2);
    const signature = createHmac('sha256', SECRET).update(payload).digest('base64');
    expect((await post(payload, { 'content-type': 'application/json', 'x-line-signature': signature })).statusCode).toBe(200);
    expect(calls).toEqual(['bind K3M9QX U-hanako']);
  });

  it('exists without LINE settings too, answering 404', async () => {
    const off: App = Fastify({ logger: false }).withTypeProvider<TypeBoxTypeProvider>();
    registerErrorHandling(off);
    lineWebhookRoute(off, null);
    try {
      const { payload, headers } = signedWebhook(SECRET, [textEvent('U-hanako', 'K3M9QX')]);
      const res = await off.inject({ method: 'POST', url: LINE_WEBHOOK_PATH, payload, headers });
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    } finally {
      await off.close();
    }
  });

  it('answers 400 to a correctly signed body that is not LINE’s JSON', async () => {
    for (const payload of ['{"events": [', '{"destination": "U0"}']) {
      const signature = createHmac('sha256', SECRET).update(payload).digest('base64');
      const res = await post(payload, { 'content-type': 'application/json', 'x-line-signature': signature });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ error: { code: 'VALIDATION' } });
    }
    expect(calls).toEqual([]);
  });
});
