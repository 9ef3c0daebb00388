/**
 * The status page and the phone page in a browser that runs no JavaScript (a feature phone, a
 * call center's plain browser; issue 15 item 8): Chromium with scripts disabled opens /status/
 * and /t/{token} as citizens do, follows the pages' <noscript> to their plain HTML and finds the
 * same figures there, in the language asked, readable at 240 px, with no serious or critical
 * axe-core violation. The plain pages reload themselves every 30 s (the `Refresh` header); here
 * a reload stands in for it.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { STATUS } from '@madoguchi/shared';
import { parseConfig } from '../../server/src/config-file.js';
import { TWO_SITE_CONFIG_TEXT } from '../../server/src/sample-office.js';
import { expectAccessible } from './axe.js';
import { SITE, useBrowserTests, WAIT, type Running } from './harness.js';

const MANAGER = { kind: 'manager', id: 'suzuki' } as const;
const CLERK = { kind: 'clerk', id: 'tanaka' } as const;
const KIOSK = { kind: 'kiosk', id: 'kiosk-1' } as const;
/** the ward office and its branch: `?site=` must survive the way to the plain page */
const CONFIG = parseConfig(TWO_SITE_CONFIG_TEXT, 'two-sites.yaml');
const BRANCH = 'naka-branch';
/** a feature phone's screen */
const FEATURE_PHONE = { width: 240, height: 320 };

const e2e = useBrowserTests('noscript', { template: { config: CONFIG } });

const start = (): Promise<Running> => e2e.start({ config: CONFIG });

/** A feature phone's browser: 240 px, no JavaScript. */
async function noScriptPage(locale: string): Promise<Page> {
  const context = await e2e.newContext({ javaScriptEnabled: false, viewport: FEATURE_PHONE, locale, timezoneId: 'Asia/Tokyo' });
  context.setDefaultTimeout(WAIT.timeout);
  return context.newPage();
}

/** What a reader at 240 px would miss: a page wider than the screen, or text under 16 px. */
async function expectReadableOnSmallScreen(page: Page, where: string): Promise<void> {
  const width = await page.evaluate<number>('document.documentElement.scrollWidth');
  expect(width, `${where}: no sideways scrolling`).toBeLessThanOrEqual(FEATURE_PHONE.width);
  const smallest = await page.evaluate<number>(`Math.min(...[...document.body.querySelectorAll('*')]
    .filter((e) => [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim() !== ''))
    .map((e) => parseFloat(getComputedStyle(e).fontSize)))`);
  expect(smallest, `${where}: the smallest text`).toBeGreaterThanOrEqual(16);
}

/**
 * axe-core over the plain page the no-script browser shows. axe needs timers, which a page without
 * JavaScript never fires, so it runs over the same address in a scripted browser of the same
 * size and language: the plain pages carry no script, so that browser shows the same document.
 */
async function expectPlainPageAccessible(page: Page, where: string): Promise<void> {
  const context = await e2e.newContext({ viewport: page.viewportSize() ?? FEATURE_PHONE, locale: await page.evaluate<string>('navigator.language'), timezoneId: 'Asia/Tokyo' });
  const twin = await context.newPage();
  await twin.goto(page.url(), WAIT);
  expect(await twin.content(), `${where}: the same document with scripts on`).toBe(await page.content());
  await expectAccessible(twin, where);
  await context.close();
}

/** Opens `url` and waits for the plain page it leads to; answers that page's `Refresh` header (its own reload). */
async function openLeadingTo(page: Page, url: string, plain: string): Promise<string | undefined> {
  const answer = page.waitForResponse(plain, WAIT);
  await page.goto(url);
  await page.waitForURL(plain, WAIT);
  return (await answer).headers().refresh;
}

describe('/status/ without JavaScript', () => {
  it('leads to the plain page with each window type’s figures, in the browser’s language, readable at 240 px', async () => {
    const r = await start();
    for (let i = 0; i < 3; i += 1) r.m.engine.takeTicket(SITE, { queue: 'certificates', service: null }, KIOSK);
    r.m.engine.setCounterState(SITE, '1', 'open', MANAGER);
    const called = r.m.engine.callNext(SITE, '1', CLERK);
    const page = await noScriptPage('ja-JP');
    expect(await openLeadingTo(page, `${r.url}/status/`, `${r.url}/status/plain`)).toBe('30');
    await page.getByRole('heading', { level: 1, name: '窓口の混雑状況' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ja-JP');
    const certificates = page.locator('#queue-certificates');
    expect(await certificates.locator('th').innerText()).toBe('証明発行 — 受付中');
    const [waiting, , last] = await certificates.locator('td').allInnerTexts();
    expect(waiting).toBe('2人');
    expect(last).toBe(called?.label);
    expect(await page.locator('#queue-filings td').first().innerText()).toBe('0人');
    await expectReadableOnSmallScreen(page, 'the plain status page');
    await expectPlainPageAccessible(page, 'the plain status page, ja, 240 px');

    // the site and the language asked of /status/ are kept
    await openLeadingTo(page, `${r.url}/status/?site=${BRANCH}&lang=vi&compact=1`, `${r.url}/status/plain?site=${BRANCH}&lang=vi`);
    expect(await page.locator('html').getAttribute('lang')).toBe('vi-VN');
    await page.getByText('Naka Ward North Branch', { exact: true }).waitFor();
    await page.getByText('Trang này tự động cập nhật mỗi 30 giây.').waitFor();
    expect(await page.locator('#queue-certificates td').first().innerText()).toBe(STATUS.t('vi', 'status.people', { n: 0 }));
    await expectReadableOnSmallScreen(page, 'the plain status page in Vietnamese');
    await expectPlainPageAccessible(page, 'the plain status page, vi, 240 px');

    // a plain link switches the language; another links the other office
    await page.getByRole('link', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Waiting at the counters' }).waitFor();
    await page.getByRole('link', { name: 'Naka Ward Office' }).click();
    await page.waitForURL(`${r.url}/status/plain?site=${SITE}&lang=en`, WAIT);
    expect(await page.locator('#queue-certificates th').innerText()).toBe('Certificates — Open');

    // the reader can stop the reloading (WCAG 2.2.1), and start it again
    const stopped = page.waitForResponse(`${r.url}/status/plain?site=${SITE}&lang=en&refresh=off`, WAIT);
    await page.getByRole('link', { name: 'Stop updating automatically' }).click();
    expect((await stopped).headers().refresh).toBeUndefined();
    await page.getByText('This page does not update by itself.').waitFor();
    await expectPlainPageAccessible(page, 'the plain status page, not reloading');
    await page.getByRole('link', { name: 'Update automatically every 30 seconds' }).click();
    await page.waitForURL(`${r.url}/status/plain?site=${SITE}&lang=en`, WAIT);
  });
});

describe('/t/{token} without JavaScript', () => {
  it('leads to the ticket’s plain page: the people ahead and the estimate, then the counter it is called to', async () => {
    const r = await start();
    const { engine } = r.m;
    engine.setCounterState(SITE, '3', 'open', MANAGER);
    engine.takeTicket(SITE, { queue: 'certificates', service: null }, KIOSK);
    const mine = engine.takeTicket(SITE, { queue: 'certificates', service: null }, KIOSK);
    const page = await noScriptPage('en-US');
    expect(await openLeadingTo(page, `${r.url}/t/${mine.token}`, `${r.url}/t/${mine.token}/plain`)).toBe('30');
    await page.getByRole('heading', { level: 1, name: 'Your ticket' }).waitFor();
    expect(await page.locator('#number').innerText()).toBe(mine.ticket.label);
    expect(await page.locator('#ahead').innerText()).toBe('1 ahead of you');
    expect(await page.locator('#estimate').innerText()).toMatch(/^Estimated wait about \d+ min$/);
    await expectReadableOnSmallScreen(page, 'the plain phone page, waiting');
    await expectPlainPageAccessible(page, 'the plain phone page, waiting');

    engine.callNext(SITE, '3', CLERK);
    engine.complete(SITE, '3', CLERK);
    engine.callNext(SITE, '3', CLERK);
    await page.reload(); // what the page's own refresh does every 30 s
    const notice = page.locator('#called');
    await notice.getByRole('heading', { name: 'Your number is called' }).waitFor();
    expect(await notice.innerText()).toContain('Please go to Counter 3');
    await expectReadableOnSmallScreen(page, 'the plain phone page, called');
    await expectPlainPageAccessible(page, 'the plain phone page, called');

    // in the language asked of /t/{token}
    await openLeadingTo(page, `${r.url}/t/${mine.token}?lang=vi`, `${r.url}/t/${mine.token}/plain?lang=vi`);
    expect(await page.locator('html').getAttribute('lang')).toBe('vi-VN');
    expect(await page.locator('#number').innerText()).toBe(mine.ticket.label);
    await expectPlainPageAccessible(page, 'the plain phone page, called, vi');
  });

  it('says an unknown ticket is not found, in the browser’s language', async () => {
    const r = await start();
    const page = await noScriptPage('ja-JP');
    expect(await openLeadingTo(page, `${r.url}/t/no-such-ticket`, `${r.url}/t/no-such-ticket/plain`)).toBeUndefined();
    await page.getByText('この番号札は見つかりません。番号札のQRコードをもう一度読み取ってください。').waitFor();
    await expectPlainPageAccessible(page, 'the plain phone page, unknown ticket');
  });
});
