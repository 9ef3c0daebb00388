import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import webpush from 'web-push';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { TurnAlertMessage } from '@madoguchi/shared';
import { pushEndpointAllowed } from '../server/src/domain/turn-alerts.js';
import { loadVapidKeys, VAPID_FILE, type VapidKeys } from '../server/src/adapters/turn-alerts/vapid-keys.js';
import { WebPushSender } from '../server/src/adapters/turn-alerts/web-push-sender.js';
import { checkVapid, decryptAes128gcm, FakePushService } from './support/fake-push-service.js';

const SUBJECT = 'mailto:madoguchi@city.example.jp';
const called: TurnAlertMessage = {
  kind: 'called',
  label: 'A-012',
  title: 'A-012 番の方、3番窓口へどうぞ',
  body: '住民票の窓口 3番でお呼びしています。',
  url: 'https://madoguchi.city.example.jp/t/Zx8kq2',
};

describe('the decryptor of the fake push service', () => {
  it('decrypts RFC 8291 Appendix A’s worked example', () => {
    const body = Buffer.from(
      'DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN',
      'base64url',
    );
    const plaintext = decryptAes128gcm(body, Buffer.from('q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94', 'base64url'), Buffer.from('BTBZMqHH6r4Tts7J_aSIgg', 'base64url'));
    expect(plaintext.toString('utf8')).toBe('When I grow up, I want to be a watermelon');
  });

  it('refuses the example with a wrong auth secret', () => {
    const body = Buffer.from(
      'DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN',
      'base64url',
    );
    expect(() => decryptAes128gcm(body, Buffer.from('q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94', 'base64url'), Buffer.alloc(16))).toThrow();
  });
});

describe('the VAPID check of the fake push service', () => {
  const keys = webpush.generateVAPIDKeys();
  const origin = 'https://127.0.0.1:4443';
  const header = (aud: string, exp?: number, k = keys) => webpush.getVapidHeaders(aud, SUBJECT, k.publicKey, k.privateKey, 'aes128gcm', exp).Authorization;

  it('accepts a header web-push makes for the origin', () => {
    expect(checkVapid(header(origin), origin).key).toBe(keys.publicKey);
  });

  it('refuses another audience, an expiry past 24 hours, and a signature for another key', () => {
    expect(() => checkVapid(header('https://push.example'), origin)).toThrow(/aud/);
    expect(() => checkVapid(header(origin, Math.floor(Date.now() / 1000) + 25 * 3600), origin)).toThrow(/exp/);
    const other = webpush.generateVAPIDKeys();
    const forged = header(origin).replace(/k=.*$/, `k=${other.publicKey}`);
    expect(() => checkVapid(forged, origin)).toThrow(/signature/);
    expect(() => checkVapid(undefined, origin)).toThrow(/no VAPID/);
  });
});

describe('the Web Push sender against a local push service', () => {
  let push: FakePushService;
  const keys = webpush.generateVAPIDKeys();
  let sender: WebPushSender;

  beforeAll(async () => {
    push = await FakePushService.start();
    sender = new WebPushSender({ keys, subject: SUBJECT, agent: push.agent(), timeoutMs: 300 });
  });
  afterAll(async () => push.close());

  it('delivers the message as the JSON payload, encrypted to the subscription, signed with the VAPID key', async () => {
    const subscription = push.subscribe();
    expect(await sender.send({ channel: 'webpush', subscription }, called)).toEqual({ kind: 'sent' });
    expect(push.refused).toEqual([]);
    const got = push.received.find((r) => r.endpoint === subscription.endpoint);
    expect(got?.payload).toEqual(called);
    expect(got?.vapidKey).toBe(keys.publicKey);
    expect(got?.claims.aud).toBe(push.origin);
    expect(got?.claims.sub).toBe(SUBJECT);
    expect(got?.urgency).toBe('high');
    expect(got?.ttl).toBe(900);
  });

  it('sends the end of a ticket with normal urgency', async () => {
    const subscription = push.subscribe();
    await sender.send({ channel: 'webpush', subscription }, { ...called, kind: 'ended' });
    expect(push.received.find((r) => r.endpoint === subscription.endpoint)?.urgency).toBe('normal');
  });

  it.each([
    [404, { kind: 'gone' }],
    [410, { kind: 'gone' }],
    [429, { kind: 'failed', retry: true }],
    [500, { kind: 'failed', retry: true }],
    [503, { kind: 'failed', retry: true }],
    [400, { kind: 'failed', retry: false }],
    [403, { kind: 'failed', retry: false }],
    [413, { kind: 'failed', retry: false }],
  ])('maps an answer %i to %o, naming the host but never the endpoint’s secret path', async (status, expected) => {
    const subscription = push.subscribe();
    push.fail(subscription.endpoint, status);
    const outcome = await sender.send({ channel: 'webpush', subscription }, called);
    expect(outcome).toMatchObject(expected);
    const reason = 'reason' in outcome ? outcome.reason : '';
    expect(reason).toContain(push.host);
    expect(reason).not.toContain(new URL(subscription.endpoint).pathname.split('/').pop());
  });

  it('counts a push service that never answers, or cuts the connection, as worth another try', async () => {
    const hanging = push.subscribe();
    push.fail(hanging.endpoint, 'hang');
    expect(await sender.send({ channel: 'webpush', subscription: hanging }, called)).toMatchObject({ kind: 'failed', retry: true, reason: expect.stringMatching(/in time/) });
    const dropping = push.subscribe();
    push.fail(dropping.endpoint, 'drop');
    expect(await sender.send({ channel: 'webpush', subscription: dropping }, called)).toMatchObject({ kind: 'failed', retry: true });
  });

  it('fails (to retry) against a push service whose certificate it does not trust', async () => {
    const untrusting = new WebPushSender({ keys, subject: SUBJECT });
    const outcome = await untrusting.send({ channel: 'webpush', subscription: push.subscribe() }, called);
    expect(outcome).toMatchObject({ kind: 'failed', retry: true });
  });

  it('does not retry a subscription whose keys cannot be encrypted to', async () => {
    const subscription = { ...push.subscribe(), keys: { p256dh: 'AAAAAAAAAAAAAAAAAAAAAA', auth: 'AAAAAAAAAAAAAAAAAAAAAA' } };
    expect(await sender.send({ channel: 'webpush', subscription }, called)).toMatchObject({ kind: 'failed', retry: false });
  });
});

describe('the push endpoint allow-list', () => {
  it.each([
    ['https://fcm.googleapis.com/fcm/send/abc', true],
    ['https://updates.push.services.mozilla.com/wpush/v2/abc', true],
    ['https://web.push.apple.com/QGx', true],
    ['https://wns2-par02p.notify.windows.com/w/?token=abc', true],
    ['https://127.0.0.1:4443/push/abc', true],
    ['http://fcm.googleapis.com/fcm/send/abc', false],
    ['https://fcm.googleapis.com:8443/fcm/send/abc', false],
    ['https://user:pw@fcm.googleapis.com/fcm/send/abc', false],
    ['https://evil.example/fcm.googleapis.com', false],
    ['https://fcm.googleapis.com.evil.example/x', false],
    ['https://push.apple.com/x', false],
    ['https://127.0.0.1:4444/push/abc', false],
    ['https://169.254.169.254/latest/meta-data', false],
    ['not a url', false],
  ])('%s → %s', (endpoint, allowed) => {
    expect(pushEndpointAllowed(endpoint, ['127.0.0.1:4443'])).toBe(allowed);
  });

  it('takes a host without a port as port 443', () => {
    expect(pushEndpointAllowed('https://push.city.example/x', ['PUSH.city.example'])).toBe(true);
    expect(pushEndpointAllowed('https://push.city.example:8443/x', ['push.city.example'])).toBe(false);
  });
});

describe('the VAPID key file', () => {
  let dir: string;
  const fresh = () => (dir = mkdtempSync(join(tmpdir(), 'vapid-')));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('is made at first start with mode 0600 and used again at the next', () => {
    fresh();
    const first = loadVapidKeys(dir);
    const file = join(dir, VAPID_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(first);
    expect(loadVapidKeys(dir)).toEqual(first);
    expect(readdirSync(dir)).toEqual([VAPID_FILE]);
  });

  it('makes keys that sign a push the push service accepts', async () => {
    fresh();
    const keys: VapidKeys = loadVapidKeys(dir);
    const push = await FakePushService.start();
    try {
      const outcome = await new WebPushSender({ keys, subject: SUBJECT, agent: push.agent() }).send({ channel: 'webpush', subscription: push.subscribe() }, called);
      expect(outcome).toEqual({ kind: 'sent' });
      expect(push.received[0]?.vapidKey).toBe(keys.publicKey);
    } finally {
      await push.close();
    }
  });

  it('gives way to keys given in the settings, which it does not write anywhere', () => {
    fresh();
    const given = webpush.generateVAPIDKeys();
    loadVapidKeys(dir);
    expect(loadVapidKeys(dir, given)).toEqual({ publicKey: given.publicKey, privateKey: given.privateKey });
    rmSync(join(dir, VAPID_FILE));
    loadVapidKeys(dir, given);
    expect(existsSync(join(dir, VAPID_FILE))).toBe(false);
  });

  it('refuses given keys that are not P-256 keys, or only one of the two', () => {
    fresh();
    expect(() => loadVapidKeys(dir, { publicKey: 'abc', privateKey: 'def' })).toThrow(/VAPID public key/);
    expect(() => loadVapidKeys(dir, { publicKey: webpush.generateVAPIDKeys().publicKey })).toThrow(/VAPID private key/);
  });

  it('stops with a clear error on a corrupt file rather than making new keys over it', () => {
    fresh();
    const file = join(dir, VAPID_FILE);
    writeFileSync(file, '{"publicKey": "BNc', { mode: 0o600 });
    expect(() => loadVapidKeys(dir)).toThrow(/vapid\.json is not valid JSON/);
    writeFileSync(file, '{"publicKey": "x", "privateKey": "y"}', { mode: 0o600 });
    expect(() => loadVapidKeys(dir)).toThrow(/vapid\.json: the VAPID public key/);
    expect(readFileSync(file, 'utf8')).toContain('"x"');
  });
});
