/**
 * Web Push end to end (issue 16, "Done means"): the real server builds its Web Push sender from
 * the settings (VAPID keys made into DATA_DIR, PUSH_ALLOWED_HOSTS naming the local push
 * service), a subscription is signed up through the HTTP API as the phone page does, and what
 * arrives is what the local push service accepted: a VAPID-signed request whose aes128gcm body
 * it decrypted with the subscription's private key.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { FakePushService, type PushSubscriptionJson } from './support/fake-push-service.js';
import { closeFakes, Rig, RETRY_DELAYS_MS, startFakes, TIMEOUT_MS, type Fakes } from './support/turn-alert-rig.js';
import { expectError, request } from './support/server.js';
import { until } from './support/until.js';

let fakes: Fakes;
let rig: Rig;
beforeAll(async () => {
  fakes = await startFakes();
});
afterAll(async () => closeFakes(fakes));
beforeEach(async () => {
  rig = await Rig.start(fakes);
});
afterEach(async () => rig.close());

/** what the push service accepted for this subscription: the decrypted payloads */
const pushesTo = (sub: PushSubscriptionJson) => fakes.push.received.filter((r) => r.endpoint === sub.endpoint);
const payloadsTo = (sub: PushSubscriptionJson) => pushesTo(sub).map((r) => r.payload as { kind: string; title: string; body: string; url: string; label: string });
const secretsOf = (sub: PushSubscriptionJson) => [new URL(sub.endpoint).pathname.split('/').pop() ?? '', sub.keys.p256dh, sub.keys.auth];

describe('Web Push through the real server', () => {
  it('near arrives once, decrypted, when calls at other counters cross the threshold; called names the counter', async () => {
    const ahead = [];
    for (let i = 0; i < 4; i++) ahead.push(await rig.issue());
    const mine = await rig.issue('en');
    const sub = fakes.push.subscribe();
    await rig.alert(mine.token, { channel: 'webpush', subscription: sub, ahead: 2, minutes: 0 });
    await rig.open('1');
    await rig.open('2');
    expect(await rig.act('1', 'call-next')).toBe(ahead[0]?.id); // 3 ahead
    await rig.settled();
    expect(pushesTo(sub)).toEqual([]);
    expect(await rig.act('2', 'call-next')).toBe(ahead[1]?.id); // 2 ahead: near
    await until(() => pushesTo(sub).length === 1, 'the near push');
    expect(fakes.push.refused).toEqual([]);
    const [near] = pushesTo(sub);
    expect(near?.payload).toEqual({
      kind: 'near',
      label: mine.label,
      title: `No. ${mine.label}: your turn is near`,
      body: expect.stringMatching(/^2 ahead of you, about \d+ min\. Please come back near the counters\.$/),
      url: `http://localhost:3000/t/${mine.token}`,
      lang: 'en-US',
    });
    // signed with the key the phone page subscribes with, for the push service's origin
    const key = (await request(rig.s.app, 'GET', '/api/v1/push/key')).json<{ publicKey: string }>().publicKey;
    expect(near).toMatchObject({ vapidKey: key, claims: { aud: fakes.push.origin }, urgency: 'high', ttl: 900 });
    // more calls elsewhere: 1 ahead, then 0 — told once already
    for (const counter of ['1', '2']) {
      await rig.act(counter, 'complete');
      await rig.act(counter, 'call-next');
    }
    await rig.settled();
    expect(payloadsTo(sub).map((p) => p.kind)).toEqual(['near']);
    await rig.act('1', 'complete');
    expect(await rig.act('1', 'call-next')).toBe(mine.id);
    await until(() => pushesTo(sub).length === 2, 'the called push');
    expect(payloadsTo(sub)[1]).toEqual({ kind: 'called', label: mine.label, title: `No. ${mine.label} is being called`, body: 'Please go to Counter 1.', url: `http://localhost:3000/t/${mine.token}`, lang: 'en-US' });
  });

  it('a cancelled ticket’s alerts stop: the ended push, then nothing while the queue moves', async () => {
    const first = await rig.issue();
    const mine = await rig.issue('ko');
    const sub = fakes.push.subscribe();
    const a = await rig.alert(mine.token, { channel: 'webpush', subscription: sub, ahead: 0, minutes: 0 });
    await rig.cancel(mine.id);
    await until(() => pushesTo(sub).length === 1, 'the ended push');
    expect(payloadsTo(sub)[0]).toMatchObject({ kind: 'ended', label: mine.label, body: '이 번호표는 취소되었습니다.', lang: 'ko-KR' });
    await rig.open('1');
    expect(await rig.act('1', 'call-next')).toBe(first.id);
    await rig.act('1', 'complete');
    await rig.settled();
    expect(pushesTo(sub)).toHaveLength(1);
    expect(rig.row(a.id)).toMatchObject({ contact: null, ended_at: expect.any(String) });
  });

  it('everything about the subscription is gone when the ticket ends and at the day’s rollover (tables and backup)', async () => {
    const served = await rig.issue();
    const waiting = await rig.issue();
    const subServed = fakes.push.subscribe();
    const subWaiting = fakes.push.subscribe();
    const a = await rig.alert(served.token, { channel: 'webpush', subscription: subServed });
    const b = await rig.alert(waiting.token, { channel: 'webpush', subscription: subWaiting });
    await rig.settled();
    await rig.open('1');
    await rig.act('1', 'call-next');
    await rig.act('1', 'start');
    await rig.act('1', 'complete');
    await rig.settled();
    expect(payloadsTo(subServed).map((p) => p.kind)).toEqual(['near', 'called']);
    expect(rig.row(a.id)).toMatchObject({ contact: null, ended_at: expect.any(String) });
    for (const secret of secretsOf(subServed)) expect(rig.tablesText()).not.toContain(secret);
    expect(rig.row(b.id)?.contact).toContain(subWaiting.keys.auth);
    const backup = await rig.backupText();
    for (const secret of [...secretsOf(subServed), ...secretsOf(subWaiting)]) expect(backup).not.toContain(secret);

    await rig.nextDay();
    await until(() => payloadsTo(subWaiting).some((p) => p.kind === 'ended'), 'the end-of-day push');
    expect(payloadsTo(subWaiting).at(-1)).toMatchObject({ kind: 'ended', body: '本日の受付は終了しました。' });
    await until(() => rig.row(b.id)?.contact === null, 'the housekeeping to delete the contact');
    expect(rig.deliveries(b.id)).toEqual([]);
    // nor in the files on disk: the day's end empties the write-ahead log, which kept old pages
    const files = rig.filesText();
    for (const secret of [...secretsOf(subServed), ...secretsOf(subWaiting)]) {
      expect(rig.tablesText()).not.toContain(secret);
      expect(files).not.toContain(secret);
    }
  });

  it('a push service answering 500 is retried after 5 s, 30 s and 2 min, then dropped; issue and calls answer meanwhile', async () => {
    const ahead = [];
    for (let i = 0; i < 3; i++) ahead.push(await rig.issue());
    const mine = await rig.issue();
    const sub = fakes.push.subscribe();
    fakes.push.fail(sub.endpoint, 500);
    const a = await rig.alert(mine.token, { channel: 'webpush', subscription: sub });
    await rig.settled();
    expect(rig.deliveries(a.id)).toEqual([{ kind: 'near', state: 'pending', attempts: 1, last_reason: `push service ${fakes.push.host} answered 500` }]);
    await rig.open('1');
    for (const [i, wait] of RETRY_DELAYS_MS.entries()) {
      await rig.advance(wait - 1);
      expect(rig.deliveries(a.id)[0]?.attempts).toBe(i + 1); // not yet due
      await rig.issue();
      expect(await rig.act('1', 'call-next')).toBe(ahead[i]?.id);
      await rig.act('1', 'complete');
      await rig.advance(1);
      expect(rig.deliveries(a.id)[0]).toMatchObject({ attempts: i + 2, last_reason: `push service ${fakes.push.host} answered 500` });
    }
    expect(rig.deliveries(a.id)).toEqual([{ kind: 'near', state: 'failed', attempts: 4, last_reason: `push service ${fakes.push.host} answered 500` }]);
    fakes.push.fail(sub.endpoint, null);
    await rig.advance(3_600_000);
    expect(pushesTo(sub)).toEqual([]);
    // the alert itself lives on: the next message goes out
    expect(await rig.act('1', 'call-next')).toBe(mine.id);
    await rig.settled();
    expect(payloadsTo(sub).map((p) => p.kind)).toEqual(['called']);
  });

  it('while a push service hangs, issues and calls answer before it does; the send times out, and the retry arrives once', async () => {
    await rig.open('1');
    await rig.open('2');
    const ahead = [];
    for (let i = 0; i < 4; i++) ahead.push(await rig.issue());
    const mine = await rig.issue(); // 4 ahead: near at once
    const sub = fakes.push.subscribe();
    fakes.push.fail(sub.endpoint, 'hang');
    const a = await rig.alert(mine.token, { channel: 'webpush', subscription: sub });
    await until(() => fakes.push.held === 1, 'the push request to reach the hanging push service');
    // issues and calls at both counters, each answered while the push request is still unanswered
    for (let i = 0; i < 5; i++) await rig.issue();
    for (const [i, counter] of ['1', '2', '1', '2'].entries()) {
      expect(await rig.act(counter, 'call-next')).toBe(ahead[i]?.id);
      await rig.act(counter, 'complete');
    }
    expect(fakes.push.held).toBe(1);
    expect(pushesTo(sub)).toEqual([]);
    expect(rig.deliveries(a.id)).toEqual([{ kind: 'near', state: 'pending', attempts: 1, last_reason: null }]);
    // the worker's timeout (a timer of the test) ends the attempt
    expect(rig.timers.fire(TIMEOUT_MS)).toBe(1);
    await until(() => rig.deliveries(a.id)[0]?.last_reason === 'timeout', 'the timeout to be recorded');
    fakes.push.fail(sub.endpoint, null);
    await rig.advance(RETRY_DELAYS_MS[0]);
    expect(payloadsTo(sub).map((p) => p.kind)).toEqual(['near']);
    expect(rig.deliveries(a.id)).toEqual([{ kind: 'near', state: 'sent', attempts: 2, last_reason: null }]);
  });

  it.each([404, 410])('a subscription the push service calls gone (%i) is deleted at once, and nothing more is sent', async (status) => {
    const mine = await rig.issue();
    const sub = fakes.push.subscribe();
    fakes.push.fail(sub.endpoint, status);
    const a = await rig.alert(mine.token, { channel: 'webpush', subscription: sub });
    await rig.settled();
    expect(rig.row(a.id)).toMatchObject({ contact: null, ended_at: expect.any(String) });
    expect(rig.deliveries(a.id)).toEqual([{ kind: 'near', state: 'dropped', attempts: 1, last_reason: expect.stringMatching(new RegExp(`^gone: push service .* answered ${status}`)) }]);
    for (const secret of secretsOf(sub)) expect(rig.tablesText()).not.toContain(secret);
    fakes.push.fail(sub.endpoint, null);
    await rig.open('1');
    await rig.act('1', 'call-next');
    await rig.advance(3_600_000);
    expect(pushesTo(sub)).toEqual([]);
  });

  it('an endpoint outside the allow-list is refused and never sent to', async () => {
    const stranger = await FakePushService.start(); // a real push service, but not in PUSH_ALLOWED_HOSTS
    try {
      const mine = await rig.issue();
      const sub = stranger.subscribe();
      expectError(await rig.signUp(mine.token, { channel: 'webpush', subscription: sub }), 400, 'PUSH_ENDPOINT_NOT_ALLOWED', 'subscription.endpoint');
      expect(rig.m.database.connection.prepare('SELECT count(*) AS n FROM turn_alerts').get()).toEqual({ n: 0 });
      await rig.open('1');
      await rig.act('1', 'call-next');
      await rig.advance(3_600_000);
      expect(stranger.received).toEqual([]);
      expect(stranger.refused).toEqual([]);
      expect(rig.tablesText()).not.toContain(stranger.host);
    } finally {
      await stranger.close();
    }
  });
});
