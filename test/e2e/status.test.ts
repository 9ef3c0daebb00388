/**
 * The public congestion page (/status/) and the ticket's phone page (/t/{token}) in Debian's
 * Chromium against the real server (createMadoguchi on a throw-away data directory, ManualClock),
 * serving status/dist. No sleeps: Playwright waits for elements.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { sampleOffice, SITE, useBrowserTests, WAIT, type Running as Started } from './harness.js';

/** "within a second or two" */
const LIVE = { timeout: 2_500 };
const MANAGER = { kind: 'manager', id: 'suzuki' } as const;
const CLERK = { kind: 'clerk', id: 'tanaka' } as const;
/**
 * The homepage that embeds the status page (FRAME_ANCESTORS): another origin than the server's
 * (localhost, not 127.0.0.1), served from loopback by a tiny HTTP server (Chromium's local network
 * access checks block a page that is not on loopback from framing a loopback one).
 */
const WARD_HOMEPAGE = 'http://localhost:*';
const homepages: Server[] = [];

async function wardHomepage(html: string): Promise<string> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html);
  });
  homepages.push(server);
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  return `http://localhost:${(server.address() as AddressInfo).port}/kurashi/`;
}

interface Running extends Started {
  kioskToken: string;
}

const CONFIG = sampleOffice();
/** every procedure's name in every language: none may appear on a public page (docs/product.md §3.8) */
const PROCEDURE_NAMES = CONFIG.sites.flatMap((s) => s.queues.flatMap((q) => q.services.flatMap((sv) => Object.values(sv.name) as string[])));

const e2e = useBrowserTests('status', { template: { config: CONFIG } });

afterEach(async () => {
  for (const h of homepages.splice(0)) await new Promise((ok) => h.close(ok));
});

async function start(): Promise<Running> {
  const r = await e2e.start({ config: CONFIG, frameAncestors: [WARD_HOMEPAGE] });
  const { token } = r.m.auth.createDevice(SITE, 'kiosk', 'kiosk-1');
  return { ...r, kioskToken: token };
}

async function newPage(opts: { width?: number; height?: number; locale?: string } = {}): Promise<Page> {
  const context = await e2e.newContext({
    viewport: { width: opts.width ?? 1280, height: opts.height ?? 900 },
    locale: opts.locale ?? 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  });
  return context.newPage();
}

/** A ticket taken the way the kiosk takes it: over HTTP with the device token. */
async function issueOverApi(r: Running, queue: string, service?: string): Promise<{ label: string; token: string }> {
  const res = await fetch(`${r.url}/api/v1/sites/${SITE}/tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${r.kioskToken}`, 'content-type': 'application/json' },
    body: JSON.stringify(service ? { queue, service } : { queue }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { label: string; token: string };
}

const issue = (r: Running, queue: string, service: string | null = null) => r.m.engine.takeTicket(SITE, { queue, service }, { kind: 'kiosk', id: 'kiosk-1' });

async function expectNoProcedureName(page: Page): Promise<void> {
  const text = (await page.locator('body').innerText()) + (await page.title());
  for (const n of PROCEDURE_NAMES) expect(text, `"${n}" shown`).not.toContain(n);
}

describe('/status/ — 混雑状況', () => {
  it('shows each window type with its waiting count and updates live when a ticket is issued, without a reload', async () => {
    const r = await start();
    issue(r, 'certificates', 'koseki');
    issue(r, 'certificates', 'juminhyo');
    const page = await newPage();
    await page.goto(`${r.url}/status/`);
    const waiting = page.getByTestId('waiting-certificates');
    await expect.poll(() => waiting.textContent(), WAIT).toBe('2人');
    await expect(page.getByRole('heading', { name: '証明発行' }).textContent()).resolves.toBe('証明発行');
    await expect(page.getByTestId('issuing-certificates').textContent()).resolves.toBe('受付中');
    await expect(page.getByTestId('waiting-filings').textContent()).resolves.toBe('0人');
    await expect(page.getByTestId('last-certificates').textContent()).resolves.toBe('なし');
    // the socket is up (the green dot) before the ticket is issued, so the change must come live
    await page.locator('.as-of .dot.on').waitFor(WAIT);

    await page.evaluate('window.marker = 42');
    await issueOverApi(r, 'certificates', 'inkan');
    await expect.poll(() => waiting.textContent(), LIVE).toBe('3人');
    r.m.engine.setCounterState(SITE, '3', 'open', MANAGER);
    const t = r.m.engine.callNext(SITE, '3', CLERK);
    await expect.poll(() => page.getByTestId('last-certificates').textContent(), LIVE).toBe(t?.label);
    await expect.poll(() => waiting.textContent(), LIVE).toBe('2人');
    // no reload happened
    expect(await page.evaluate('window.marker')).toBe(42);
    await expectNoProcedureName(page);

    // JA/EN
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('heading', { name: 'Waiting at the counters' }).waitFor(WAIT);
    await page.getByRole('heading', { name: 'Certificates' }).waitFor(WAIT);
    expect(await waiting.textContent()).toBe('2');
    expect(await page.getByTestId('issuing-certificates').textContent()).toBe('Open');
    await expectNoProcedureName(page);
  });

  it('shows a closed window type with its reason; ?site= picks the site; an unknown site says so', async () => {
    const r = await start();
    r.m.engine.setIssuing(SITE, { mode: 'paused', queue: 'insurance', reason: '職員研修のため' }, MANAGER);
    const page = await newPage({ locale: 'en-US' });
    await page.goto(`${r.url}/status/?site=${SITE}`);
    await expect.poll(() => page.getByTestId('issuing-insurance').textContent(), WAIT).toBe('Ticket issuing is paused for now');
    expect(await page.getByTestId('issuing-certificates').textContent()).toBe('Open');
    await page.goto(`${r.url}/status/?site=nowhere&lang=ja`);
    await page.getByText('この庁舎は見つかりません。').waitFor(WAIT);
  });

  it('is embeddable in the ward homepage (frame-ancestors) and compact at 360 px', async () => {
    const r = await start();
    issue(r, 'filings', 'marriage');
    const page = await newPage({ width: 360, height: 740 });
    const homepage = await wardHomepage(`<!doctype html><meta charset="utf-8"><h1>中区ホームページ</h1><iframe title="窓口の混雑状況" src="${r.url}/status/?compact=1" style="width:100%;height:600px;border:0"></iframe>`);
    await page.goto(homepage);
    const frame = page.frameLocator('iframe');
    await expect.poll(() => frame.getByTestId('waiting-filings').textContent(), WAIT).toBe('1人');
    // nothing wider than the frame: no horizontal scrolling inside the homepage
    const overflow = await frame.locator('html').evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await frame.locator('main.status.compact').count()).toBe(1);
  });
});

describe('/t/{token} — the phone page', () => {
  it('shows the position, then "called, counter N" when the clerk calls that ticket; after service, one-tap feedback', async () => {
    const r = await start();
    issue(r, 'certificates', 'tax');
    const mine = await issueOverApi(r, 'certificates', 'koseki');
    const page = await newPage({ width: 390, height: 844 });
    await page.goto(`${r.url}/t/${mine.token}`);
    await page.getByTestId('ticket-waiting').waitFor(WAIT);
    expect(await page.getByTestId('ticket-number').textContent()).toBe(mine.label);
    expect(await page.getByTestId('ahead').textContent()).toBe('あなたの前に 1人');
    await expectNoProcedureName(page);
    await page.locator('.updated .dot.on').waitFor(WAIT);

    const engine = r.m.engine;
    engine.setCounterState(SITE, '3', 'open', MANAGER);
    engine.callNext(SITE, '3', CLERK); // the ticket before mine
    await expect.poll(() => page.getByTestId('ahead').textContent(), LIVE).toBe('まもなくお呼びします');
    engine.complete(SITE, '3', CLERK);
    const called = engine.callNext(SITE, '3', CLERK);
    expect(called?.label).toBe(mine.label);
    await page.getByTestId('ticket-called').waitFor(LIVE);
    expect(await page.getByTestId('called-counter').textContent()).toBe('3番窓口へお越しください');
    await expectNoProcedureName(page);

    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByTestId('called-counter').textContent(), WAIT).toBe('Please go to Counter 3');

    engine.start(SITE, '3', CLERK);
    engine.complete(SITE, '3', CLERK);
    await page.getByTestId('ticket-done').waitFor(LIVE);
    await page.getByRole('button', { name: /^4 Good/ }).click();
    await page.getByTestId('feedback-thanks').waitFor(WAIT);
    expect(r.m.store.feedbackBetween(SITE, '2026-04-06', '2026-04-06').map((f) => f.rating)).toEqual([4]);
  });

  it('says clearly that an unknown token is not found, and the page is never cached nor framed', async () => {
    const r = await start();
    const page = await newPage({ width: 390, height: 844 });
    const res = await page.goto(`${r.url}/t/not-a-real-token`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['cache-control']).toBe('no-store');
    expect(res?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
    const msg = page.getByTestId('not-found');
    await msg.waitFor(WAIT);
    expect(await msg.textContent()).toBe('この番号札は見つかりません。番号札のQRコードをもう一度読み取ってください。');
  });
});
