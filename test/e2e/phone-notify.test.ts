/**
 * The phone page's 知らせる / Notify me (issue 16, "Phone page" and the browser test of "Done
 * means") in Debian's Chromium against the real server, its channels built from the process
 * settings (turnAlerts.env) as in production:
 * - the page registers its service worker, and a push delivered through the DevTools protocol
 *   (ServiceWorker.deliverPushMessage) is shown by it as a notification; the page's own call alert
 *   goes through the same worker and replaces that ticket's notification;
 * - Web Push sign-up: headless Chromium reaches no push service, so PushManager.subscribe is
 *   stubbed in the page to answer a subscription on a host the test allows; the test checks what
 *   the page subscribes with (the VAPID key's bytes) and POSTs, and what the server stored (the
 *   real push delivery is the channel tests' part, test/turn-alert-channels-push.test.ts);
 * - e-mail sign-up from the page, then a call at another counter brings the near mail to a local
 *   SMTP relay (test/support/fake-smtp.ts);
 * - LINE sign-up shows the code and the link; a signed webhook call with the code binds it (a
 *   local Messaging API, test/support/fake-line-api.ts), which the page shows after a reload;
 * - refusals in the page's language, never a code; stopping removes an alert; axe on each state.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Language, TicketAlerts } from '@madoguchi/shared';
import type { TurnAlertEnv } from '../../server/src/config.js';
import { LINE_WEBHOOK_PATH } from '../../server/src/adapters/turn-alerts/line-webhook.js';
import { FakeLineApi, signedWebhook, textEvent } from '../support/fake-line-api.js';
import { FakeSmtp } from '../support/fake-smtp.js';
import { expectAccessible } from './axe.js';
import { sampleOffice, SITE, useBrowserTests, WAIT, type Running } from './harness.js';

const CONFIG = sampleOffice();
const MANAGER = { kind: 'manager', id: 'suzuki' } as const;
const CLERK = { kind: 'clerk', id: 'tanaka' } as const;
const KIOSK = { kind: 'kiosk', id: 'kiosk-1' } as const;
const LIVE = { timeout: 5_000 };
const LINE_TOKEN = 'line-channel-access-token-e2e';
const LINE_SECRET = 'line-channel-secret-e2e';
const LINE_ADD_URL = 'https://line.me/R/oaMessage/@madoguchi/?';
/** the push service the stubbed subscription names: allowed by PUSH_ALLOWED_HOSTS, never reached (no alert is near) */
const PUSH_HOST = 'push.madoguchi.test';
const SUBSCRIPTION = {
  endpoint: `https://${PUSH_HOST}/send/e2e-1`,
  keys: { p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM', auth: 'tBHItJI5svbpez7KI4CCXg' },
};

// the local relay and LINE API, registered before the harness's hooks so that they close after the
// server (after-hooks run in reverse): the relay waits for the server's pooled connection to end
let smtp: FakeSmtp;
let line: FakeLineApi;
beforeEach(async () => {
  smtp = await FakeSmtp.start();
  line = await FakeLineApi.start(LINE_TOKEN);
});
afterEach(async () => {
  await smtp.close();
  await line.close();
});

const e2e = useBrowserTests('phone-notify', { template: { config: CONFIG } });

/** The process settings of an installation offering all three channels, against the local fakes. */
function env(): TurnAlertEnv {
  return {
    smtpUrl: smtp.url,
    mailFrom: 'madoguchi@city.example.jp',
    lineChannelSecret: LINE_SECRET,
    lineChannelAccessToken: LINE_TOKEN,
    lineApiBase: line.base,
    lineAddUrl: LINE_ADD_URL,
    pushAllowedHosts: [PUSH_HOST],
    vapidSubject: 'mailto:madoguchi@city.example.jp',
    vapidPublicKey: undefined,
    vapidPrivateKey: undefined,
  };
}

const start = (): Promise<Running> => e2e.start({ config: CONFIG, turnAlerts: { env: env(), signupRate: { burst: 100, perMinute: 100 } } });

/** `ahead` tickets in the certificates queue, then the citizen's own. */
function issue(r: Running, ahead: number, language?: Language): { label: string; token: string } {
  for (let i = 0; i < ahead; i += 1) r.m.engine.takeTicket(SITE, { queue: 'certificates', service: 'juminhyo' }, KIOSK);
  const t = r.m.engine.takeTicket(SITE, { queue: 'certificates', service: 'koseki', ...(language ? { language } : {}) }, KIOSK);
  return { label: t.ticket.label, token: t.token };
}

/** PushManager.subscribe stubbed (no push service headless): records what it was given and answers SUBSCRIPTION. */
const STUB_SUBSCRIBE = `(() => {
  window.__subscribed = [];
  PushManager.prototype.subscribe = async function (options) {
    const key = options.applicationServerKey;
    window.__subscribed.push({
      userVisibleOnly: options.userVisibleOnly,
      keyType: Object.prototype.toString.call(key),
      key: btoa(String.fromCharCode(...key)).replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, ''),
    });
    const json = ${JSON.stringify({ ...SUBSCRIPTION, expirationTime: null })};
    return { endpoint: json.endpoint, toJSON: () => json };
  };
})()`;

async function phone(r: Running, opts: { notifications?: boolean; stub?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await e2e.newContext({ viewport: { width: 360, height: 740 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', hasTouch: true });
  context.setDefaultTimeout(WAIT.timeout);
  if (opts.notifications) await context.grantPermissions(['notifications'], { origin: r.url });
  if (opts.stub) await context.addInitScript(STUB_SUBSCRIBE);
  return { context, page: await context.newPage() };
}

/** Opens the ticket's phone page with its Notify me section open. */
async function openNotify(page: Page, r: Running, token: string, query = ''): Promise<void> {
  await page.goto(`${r.url}/t/${token}${query}`);
  await page.getByTestId('ticket-waiting').waitFor();
  const notify = page.getByTestId('notify');
  await notify.waitFor();
  if ((await notify.getAttribute('open')) === null) await notify.locator('summary').click();
}

async function alertsOf(r: Running, token: string): Promise<TicketAlerts> {
  const res = await r.m.app.inject({ method: 'GET', url: `/api/v1/tickets/${token}/alerts` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<TicketAlerts>();
}

interface ShownNotification {
  title: string;
  body: string;
  tag: string;
  url: string | null;
  requireInteraction: boolean;
  lang: string;
}

/** The notifications the page's service worker shows now. */
const shown = (page: Page): Promise<ShownNotification[]> =>
  page.evaluate<ShownNotification[]>(`navigator.serviceWorker.ready
    .then((reg) => reg.getNotifications())
    .then((ns) => ns.map((n) => ({ title: n.title, body: n.body, tag: n.tag, url: n.data ? n.data.url : null, requireInteraction: n.requireInteraction, lang: n.lang })))`);

describe('the phone page’s Notify me', () => {
  it('registers its service worker, which shows a pushed alert; the page’s call alert replaces it through the worker', async () => {
    const r = await start();
    const worker = await r.m.app.inject({ method: 'GET', url: '/t/sw.js' });
    expect(worker.statusCode).toBe(200);
    expect(worker.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(worker.headers['cache-control']).toBe('no-cache');
    const t = issue(r, 8);
    const { context, page } = await phone(r, { notifications: true });
    const cdp = await context.newCDPSession(page);
    const registrations: Array<{ registrationId: string; scopeURL: string; isDeleted: boolean }> = [];
    cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: typeof registrations }) => registrations.push(...e.registrations));
    await cdp.send('ServiceWorker.enable');
    await page.goto(`${r.url}/t/${t.token}`);
    await page.getByTestId('ticket-waiting').waitFor();
    expect(await page.evaluate('navigator.serviceWorker.ready.then((reg) => reg.scope)')).toBe(`${r.url}/t/`);
    await expect.poll(() => registrations.find((x) => x.scopeURL === `${r.url}/t/` && !x.isDeleted), LIVE).toBeTruthy();
    const registrationId = registrations.find((x) => x.scopeURL === `${r.url}/t/` && !x.isDeleted)?.registrationId ?? '';
    // `ready` may resolve while the worker is still activating: a push delivered then can be lost
    await page.evaluate(`navigator.serviceWorker.ready.then((reg) => reg.active.state === 'activated' || new Promise((resolve) => {
      reg.active.addEventListener('statechange', () => reg.active.state === 'activated' && resolve(true));
    }))`);

    const message = { kind: 'near', label: t.label, title: `まもなく ${t.label}番の順番です`, body: 'あなたの前に 2人、約8分です。', url: `${r.url}/t/${t.token}`, lang: 'ja-JP' };
    await cdp.send('ServiceWorker.deliverPushMessage', { origin: r.url, registrationId, data: JSON.stringify(message) });
    await expect.poll(() => shown(page), LIVE).toEqual([{ title: message.title, body: message.body, tag: t.label, url: message.url, requireInteraction: false, lang: 'ja-JP' }]);

    // the call while the page is open: its alert's notification goes through the worker, in place of the near one
    r.m.engine.setCounterState(SITE, '1', 'open', MANAGER);
    for (let i = 0; i < 9; i += 1) {
      r.m.engine.callNext(SITE, '1', CLERK);
      if (i < 8) r.m.engine.complete(SITE, '1', CLERK);
    }
    await page.getByTestId('alert-ok').waitFor(LIVE);
    await expect
      .poll(() => shown(page), LIVE)
      .toEqual([{ title: `【呼出】${t.label}番`, body: `${t.label}番：1番窓口へお越しください`, tag: t.label, url: null, requireInteraction: true, lang: 'ja-JP' }]);
    // OK closes it
    await page.getByTestId('alert-ok').click();
    await expect.poll(() => shown(page), LIVE).toEqual([]);
    // the section stays on paper on the red of a call
    await page.getByTestId('notify').locator('summary').click();
    await page.getByTestId('notify').getByText('窓口の前を離れても、順番が近づいたらお知らせします。').waitFor();
    await page.evaluate('document.getAnimations().forEach((a) => a.finish())');
    await expectAccessible(page, 'the called phone page with Notify me open');
  });

  it('signs up for Web Push from the tap: subscribes with the server’s VAPID key, POSTs the subscription and the threshold, lists it and stops it', async () => {
    const r = await start();
    const t = issue(r, 8);
    const { page } = await phone(r, { notifications: true, stub: true });
    await openNotify(page, r, t.token);
    await expectAccessible(page, 'the phone page’s Notify me, open');
    expect(await page.evaluate('window.__subscribed.length')).toBe(0);
    // the closer preset: 3 ahead or about 5 minutes
    await page.getByLabel('あなたの前が3人、または待ち時間が約5分になったら').check();
    const posted = page.waitForRequest((req) => req.method() === 'POST' && req.url().endsWith(`/api/v1/tickets/${t.token}/alerts`));
    await page.getByTestId('notify-webpush').click();
    expect((await posted).postDataJSON()).toEqual({ channel: 'webpush', subscription: SUBSCRIPTION, ahead: 3, minutes: 5 });
    const key = (await r.m.app.inject({ method: 'GET', url: '/api/v1/push/key' })).json<{ publicKey: string }>().publicKey;
    expect(await page.evaluate('window.__subscribed')).toEqual([{ userVisibleOnly: true, keyType: '[object Uint8Array]', key }]);
    await page.getByTestId('notify-done').getByText('お知らせを設定しました。').waitFor();
    const item = page.getByTestId('notify-set').locator('li[data-channel="webpush"]');
    await item.getByText('この端末への通知', { exact: true }).waitFor();
    await item.getByText('前が3人または約5分で').waitFor();
    const stored = await alertsOf(r, t.token);
    expect(stored.alerts).toEqual([{ id: expect.any(Number), channel: 'webpush', ahead: 3, minutes: 5, bound: true, nearSent: false }]);
    expect(await page.content()).not.toContain(PUSH_HOST);
    await expectAccessible(page, 'the phone page with a Web Push alert set');

    // stopped from the page: gone from the page and from the server
    await item.getByRole('button', { name: 'この端末への通知を止める' }).click();
    await page.getByTestId('notify-done').getByText('お知らせを止めました。').waitFor();
    await page.getByTestId('notify-set').waitFor({ state: 'detached' });
    expect((await alertsOf(r, t.token)).alerts).toEqual([]);
  });

  it('says so in the page’s language when the push service is refused, and asks permission only from the tap', async () => {
    const r = await start();
    const t = issue(r, 8);
    const { context, page } = await phone(r, { stub: true });
    // a push service outside the allow-list, and a count of permission requests
    await context.addInitScript(`(() => {
      window.__asked = 0;
      const ask = Notification.requestPermission.bind(Notification);
      Notification.requestPermission = () => { window.__asked += 1; return ask(); };
    })()`);
    await openNotify(page, r, t.token, '?lang=en');
    expect(await page.evaluate('window.__asked')).toBe(0);
    await page.getByTestId('notify-webpush').click();
    await expect.poll(() => page.evaluate('window.__asked'), LIVE).toBe(1);
    // headless Chromium answers the prompt itself (no one to ask): denied, and said in English
    await page.getByTestId('notify-refused').getByText('Notifications are not allowed. Please allow them in your browser’s settings.').waitFor();

    await context.grantPermissions(['notifications'], { origin: r.url });
    await page.evaluate(`(() => {
      const original = PushManager.prototype.subscribe;
      PushManager.prototype.subscribe = async function (o) {
        const s = await original.call(this, o);
        const json = { ...s.toJSON(), endpoint: 'https://push.attacker.example/hook' };
        return { endpoint: json.endpoint, toJSON: () => json };
      };
    })()`);
    await page.getByTestId('notify-webpush').click();
    const refused = page.getByTestId('notify-refused');
    await refused.getByText('Notifications to this phone cannot be used here. Please use e-mail or LINE.').waitFor();
    expect(await refused.textContent()).not.toMatch(/PUSH_ENDPOINT_NOT_ALLOWED|400/);
    await expectAccessible(page, 'the phone page refusing a push service, in English');
    expect((await alertsOf(r, t.token)).alerts).toEqual([]);
  });

  it('signs up by e-mail from the page; a call at another counter brings the near mail to the relay', async () => {
    const r = await start();
    // two counters serve the queue: the estimate is known, and far from 5 minutes
    r.m.engine.setCounterState(SITE, '1', 'open', MANAGER);
    r.m.engine.setCounterState(SITE, '2', 'open', MANAGER);
    const t = issue(r, 5);
    const { page } = await phone(r);
    await openNotify(page, r, t.token);
    const address = page.getByLabel('メールアドレス');
    expect(await address.getAttribute('type')).toBe('email');
    expect(await address.getAttribute('autocomplete')).toBe('email');

    // an address the browser takes but the server refuses: the page's words, on the field
    await address.fill('hanako@example');
    await page.getByTestId('notify-email').click();
    await page.getByTestId('notify-refused').getByText('メールアドレスの形式が正しくありません。').waitFor();
    expect(await address.getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'the phone page refusing an e-mail address');

    await page.getByLabel('あなたの前が3人、または待ち時間が約5分になったら').check();
    await address.fill('hanako@example.jp');
    await page.getByTestId('notify-email').click();
    const item = page.getByTestId('notify-set').locator('li[data-channel="email"]');
    await item.getByText('前が3人または約5分で').waitFor();
    // the address is kept by the server, never shown back
    expect(await page.content()).not.toContain('hanako@example.jp');
    expect(await address.inputValue()).toBe('');
    expect((await alertsOf(r, t.token)).alerts).toMatchObject([{ channel: 'email', ahead: 3, minutes: 5, nearSent: false }]);
    await expectAccessible(page, 'the phone page with an e-mail alert set');

    // the call at counter 1 leaves 4 ahead: nothing yet; the one at counter 2 leaves 3: the near mail
    r.m.engine.callNext(SITE, '1', CLERK);
    await page.getByTestId('ahead').getByText('あなたの前に 4人').waitFor(LIVE);
    await r.m.turnAlerts.delivery.settled();
    expect(smtp.received).toEqual([]);
    r.m.engine.callNext(SITE, '2', CLERK);
    await expect.poll(() => smtp.received.length, LIVE).toBe(1);
    const mail = smtp.received[0];
    expect(mail?.to).toEqual(['hanako@example.jp']);
    expect(mail?.subject).toContain(t.label);
    expect(mail?.text).toContain(`/t/${t.token}`);
    await item.getByText('お知らせ済み').waitFor(LIVE);
  });

  it('signs up on LINE: the code and the link; the code sent in the chat binds it, shown after a reload; more than 3 alerts are refused', async () => {
    const r = await start();
    const t = issue(r, 8);
    const { page } = await phone(r);
    await openNotify(page, r, t.token);
    await page.getByTestId('notify-line').click();
    const box = page.getByTestId('line-code');
    await box.waitFor();
    const code = (await box.locator('.line-code-value').textContent()) ?? '';
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
    expect(await box.getByRole('link', { name: 'LINEを開く' }).getAttribute('href')).toBe(`${LINE_ADD_URL}${code}`);
    await box.getByText('このコードを市のLINE公式アカウントに送ってください。').waitFor();
    await page.getByTestId('notify-set').locator('li[data-channel="line"]').getByText('コードの送信待ち').waitFor();
    await expectAccessible(page, 'the phone page showing a LINE code');

    // a reload before the code is sent still shows it
    await openNotify(page, r, t.token);
    expect(await page.getByTestId('line-code').locator('.line-code-value').textContent()).toBe(code);

    // the citizen sends the code to the account: LINE calls the webhook, signed
    const hook = signedWebhook(LINE_SECRET, [textEvent('U-e2e-hanako', code)]);
    const res = await r.m.app.inject({ method: 'POST', url: LINE_WEBHOOK_PATH, payload: hook.payload, headers: hook.headers });
    expect(res.statusCode, res.body).toBe(200);
    await expect.poll(() => line.replies.length, LIVE).toBe(1);
    expect((await alertsOf(r, t.token)).alerts).toMatchObject([{ channel: 'line', bound: true }]);
    await openNotify(page, r, t.token);
    const item = page.getByTestId('notify-set').locator('li[data-channel="line"]');
    await item.getByText('前が5人または約10分で').waitFor();
    expect(await item.getByText('コードの送信待ち').count()).toBe(0);
    expect(await page.getByTestId('line-code').count()).toBe(0);

    // two more, then a fourth: refused in the citizen's words
    await page.getByTestId('notify-line').click();
    await page.getByTestId('line-code').waitFor();
    await page.getByTestId('notify-line').click();
    await expect.poll(() => page.getByTestId('line-code').count(), LIVE).toBe(2);
    await page.getByTestId('notify-line').click();
    await page.getByTestId('notify-refused').getByText('お知らせは1枚の番号札につき3件までです。').waitFor();
    expect((await alertsOf(r, t.token)).alerts).toHaveLength(3);
    await expectAccessible(page, 'the phone page with three alerts and a refusal');
  });

  it('says in the page’s language that a ticket no longer waiting cannot be signed up, and hides the section once the page sees it', async () => {
    const r = await start();
    const t = issue(r, 2);
    const { page } = await phone(r);
    // the page keeps seeing the ticket waiting (as with a socket asleep), while the counter cancels it
    const waiting = (await r.m.app.inject({ method: 'GET', url: `/api/v1/tickets/${t.token}` })).json<object>();
    await page.route(`**/api/v1/tickets/${t.token}`, (route) => route.fulfill({ json: waiting }));
    await openNotify(page, r, t.token, '?lang=vi');
    const id = r.m.engine.deps.store.ticketByToken(t.token)?.id ?? 0;
    r.m.engine.cancel(SITE, id, MANAGER);
    await page.getByTestId('notify-line').click();
    await page.getByTestId('notify-refused').getByText('Số thứ tự này không còn chờ nữa nên không thể đặt thông báo.').waitFor();
    await expectAccessible(page, 'the phone page refusing a sign-up, in Vietnamese');
    await page.unroute(`**/api/v1/tickets/${t.token}`);
    await page.reload();
    await page.getByTestId('ticket-cancelled').waitFor();
    expect(await page.getByTestId('notify').count()).toBe(0);
  });
});
