/**
 * The phone page's call alert (issue 15, item 4, and item 7's phone-page findings) in Debian's
 * Chromium against the real server: it rings — chime and vibration — again and again until OK,
 * flashes the title, shows a system notification where allowed (asked for only from a tap), and
 * never swallows a call, not even one in the first second after the page opens. The page's
 * timers run on Playwright's fake clock (page.clock), so the repetition is checked without waiting
 * for it; vibration, tones and notifications are counted by wrapping the browser's own functions.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './axe.js';
import { sampleOffice, SITE, useBrowserTests, WAIT, type Running } from './harness.js';

const LIVE = { timeout: 2_500 };
const MANAGER = { kind: 'manager', id: 'suzuki' } as const;
const CLERK = { kind: 'clerk', id: 'tanaka' } as const;
const CONFIG = sampleOffice();
/** the page's ring interval (status/src/call-alert.ts ALERT_TIMING) */
const RING_MS = 4_000;
const e2e = useBrowserTests('phone-alert', { template: { config: CONFIG } });

/** Counts what the page asks of the phone: vibrations (not the stops), chime tones, notifications and permission requests. */
const INSTRUMENT = `(() => {
  const seen = { vibrations: 0, tones: 0, notifications: [], asked: 0 };
  window.__seen = seen;
  navigator.vibrate = (pattern) => {
    if (pattern !== 0) seen.vibrations += 1;
    return true;
  };
  const createOscillator = AudioContext.prototype.createOscillator;
  AudioContext.prototype.createOscillator = function () {
    seen.tones += 1;
    return createOscillator.call(this);
  };
  const Real = window.Notification;
  class Counted extends Real {
    constructor(title, options) {
      super(title, options);
      seen.notifications.push(title + ' / ' + (options && options.body));
    }
  }
  // the page shows its notification through its service worker once that is active (issue 16)
  const showNotification = ServiceWorkerRegistration.prototype.showNotification;
  ServiceWorkerRegistration.prototype.showNotification = function (title, options) {
    seen.notifications.push(title + ' / ' + (options && options.body));
    return showNotification.call(this, title, options);
  };
  Counted.requestPermission = () => {
    seen.asked += 1;
    return Real.requestPermission();
  };
  window.Notification = Counted;
})()`;

interface Seen {
  vibrations: number;
  tones: number;
  notifications: string[];
  asked: number;
}

const seen = (page: Page): Promise<Seen> => page.evaluate<Seen>('window.__seen');

async function phone(r: Running, opts: { notifications?: boolean; paused?: boolean } = {}): Promise<Page> {
  const context = await e2e.newContext({ viewport: { width: 360, height: 740 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', hasTouch: true });
  context.setDefaultTimeout(WAIT.timeout);
  if (opts.notifications) await context.grantPermissions(['notifications'], { origin: r.url });
  await context.addInitScript(INSTRUMENT);
  const page = await context.newPage();
  await page.clock.install();
  if (opts.paused) await page.clock.pauseAt(Date.now() + 1);
  return page;
}

function issue(r: Running): { label: string; token: string } {
  const t = r.m.engine.takeTicket(SITE, { queue: 'certificates', service: 'koseki' }, { kind: 'kiosk', id: 'kiosk-1' });
  return { label: t.ticket.label, token: t.token };
}

function call(r: Running): void {
  r.m.engine.setCounterState(SITE, '3', 'open', MANAGER);
  r.m.engine.callNext(SITE, '3', CLERK);
}

describe('the phone page’s call alert', () => {
  it('rings and flashes the title until OK, shows a notification where allowed, and rings again on a recall', async () => {
    const r = await e2e.start({ config: CONFIG });
    const t = issue(r);
    const page = await phone(r, { notifications: true, paused: true });
    await page.goto(`${r.url}/t/${t.token}`);
    await page.getByTestId('ticket-waiting').waitFor();
    await page.locator('.updated .dot.on').waitFor();
    await page.getByTestId('alert-enable').click();
    await page.getByText('呼出時に音・バイブ・通知でお知らせします').waitFor();
    const before = await seen(page);

    call(r);
    await page.getByTestId('alert-ok').waitFor(LIVE);
    await expect.poll(async () => (await seen(page)).vibrations, LIVE).toBe(before.vibrations + 1);
    const first = await seen(page);
    expect(first.tones, 'the chime: two tones').toBe(before.tones + 2);
    expect(first.notifications).toEqual([`【呼出】${t.label}番 / ${t.label}番：3番窓口へお越しください`]);
    expect(await page.title()).toBe(`【呼出】${t.label}番`);

    // the title flashes, and the chime and vibration come again every few seconds
    await page.clock.runFor(1_000);
    expect(await page.title()).toBe('受付番号のご案内');
    await page.clock.runFor(1_000);
    expect(await page.title()).toBe(`【呼出】${t.label}番`);
    await page.clock.runFor(3 * RING_MS - 2_000);
    const later = await seen(page);
    expect(later.vibrations).toBe(first.vibrations + 3);
    expect(later.tones).toBe(first.tones + 6);

    // OK stops it all: no more rings, the page's own title
    await page.getByTestId('alert-ok').click();
    await page.getByTestId('alert-ok').waitFor({ state: 'detached' });
    await page.clock.runFor(5 * RING_MS);
    const stopped = await seen(page);
    expect(stopped.vibrations).toBe(later.vibrations);
    expect(stopped.tones).toBe(later.tones);
    expect(await page.title()).toBe('受付番号のご案内');
    expect(await page.getByTestId('ticket-called').count()).toBe(1);

    // a recall rings again
    r.m.engine.recall(SITE, '3', CLERK);
    await page.getByTestId('alert-ok').waitFor(LIVE);
    await expect.poll(async () => (await seen(page)).vibrations, LIVE).toBe(stopped.vibrations + 1);
    // axe-core runs on the page's timers: they run on their own again
    await page.clock.resume();
    await page.getByTestId('ticket-called').waitFor();
    await expectAccessible(page, 'the phone page ringing');
  });

  it('never swallows a call: one in the first second after the page opens rings, and so does one made before it opened', async () => {
    const r = await e2e.start({ config: CONFIG });
    const t = issue(r);
    // the page's clock stands still from the start: the call comes within its first second
    const page = await phone(r, { paused: true });
    await page.goto(`${r.url}/t/${t.token}`);
    await page.getByTestId('ticket-waiting').waitFor();
    await page.locator('.updated .dot.on').waitFor();
    expect(await page.evaluate('performance.now()')).toBeLessThan(1_000);
    call(r);
    await page.getByTestId('alert-ok').waitFor(LIVE);
    await expect.poll(async () => (await seen(page)).vibrations, LIVE).toBe(1);
    // notifications were neither shown (not allowed) nor asked for (no tap on the alert button)
    expect((await seen(page)).asked).toBe(0);
    expect((await seen(page)).notifications).toEqual([]);

    // opened after the call: it rings at once
    const late = await phone(r);
    await late.goto(`${r.url}/t/${t.token}`);
    await late.getByTestId('ticket-called').waitFor();
    await late.getByTestId('alert-ok').waitFor();
    expect((await seen(late)).vibrations).toBe(1);
    expect(await late.title()).toBe(`【呼出】${t.label}番`);
  });

  it('asks for notifications only from the tap on the alert button', async () => {
    const r = await e2e.start({ config: CONFIG });
    const t = issue(r);
    const page = await phone(r);
    await page.goto(`${r.url}/t/${t.token}`);
    await page.getByTestId('ticket-waiting').waitFor();
    expect((await seen(page)).asked).toBe(0);
    await page.getByTestId('alert-enable').click();
    expect((await seen(page)).asked).toBe(1);
  });

  it('keeps the called text’s contrast through the pulse, and names the rating buttons by their visible text', async () => {
    const r = await e2e.start({ config: CONFIG });
    const t = issue(r);
    const page = await phone(r);
    await page.goto(`${r.url}/t/${t.token}?lang=en`);
    await page.getByTestId('ticket-waiting').waitFor();
    await page.locator('.updated .dot.on').waitFor();
    call(r);
    await page.getByTestId('ticket-called').waitFor(LIVE);
    // every animation held at each tenth of its run: axe's contrast check at each
    for (let tenth = 0; tenth <= 10; tenth += 1) {
      await page.evaluate(`document.getAnimations().forEach((a) => {
        a.pause();
        a.currentTime = (a.effect.getComputedTiming().duration * ${tenth}) / 10;
      })`);
      await expectAccessible(page, `the called phone page at ${tenth * 10} % of its pulse`);
    }
    await page.getByTestId('alert-ok').click();
    r.m.engine.start(SITE, '3', CLERK);
    r.m.engine.complete(SITE, '3', CLERK);
    await page.getByTestId('ticket-done').waitFor(LIVE);
    await expectAccessible(page, 'the phone page asking for feedback');
    expect(await page.getByRole('button', { name: '4 Good', exact: true }).count()).toBe(1);
  });
});
