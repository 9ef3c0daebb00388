/**
 * The status page and the phone page for every citizen (issue 15, items 3, 5 and 6): all seven
 * languages (the browser's first, the ticket's for its phone page, a switch), no text under
 * 16 px, and やさしい日本語 breaking its lines only between words — in Debian's Chromium against the
 * real server (ManualClock), with axe-core over every state.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectAccessible } from './axe.js';
import { sampleOffice, SITE, useBrowserTests, WAIT, type Running as Started } from './harness.js';

const LIVE = { timeout: 2_500 };
const MANAGER = { kind: 'manager', id: 'suzuki' } as const;
const CLERK = { kind: 'clerk', id: 'tanaka' } as const;
const CONFIG = sampleOffice();
const e2e = useBrowserTests('status-languages', { template: { config: CONFIG } });

interface Running extends Started {
  kioskToken: string;
}

async function start(): Promise<Running> {
  const r = await e2e.start({ config: CONFIG });
  const { token } = r.m.auth.createDevice(SITE, 'kiosk', 'kiosk-1');
  return { ...r, kioskToken: token };
}

async function newPage(opts: { width?: number; height?: number; locale?: string } = {}): Promise<Page> {
  const context = await e2e.newContext({
    viewport: { width: opts.width ?? 390, height: opts.height ?? 844 },
    locale: opts.locale ?? 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  });
  context.setDefaultTimeout(WAIT.timeout);
  return context.newPage();
}

/** A ticket taken as the kiosk takes it, in the language the citizen chose there (or none). */
async function takeTicket(r: Running, language?: string): Promise<{ label: string; token: string }> {
  const res = await fetch(`${r.url}/api/v1/sites/${SITE}/tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${r.kioskToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ queue: 'certificates', service: 'koseki', ...(language ? { language } : {}) }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { label: string; token: string };
}

const heading = (page: Page) => page.locator('h1').textContent();

/** Every rendered text smaller than 16 px, as "13.6px: its text"; and how many texts were measured. */
async function smallTexts(page: Page): Promise<{ small: string[]; measured: number }> {
  return page.evaluate(`(() => {
    const small = [];
    let measured = 0;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent.trim();
      const el = n.parentElement;
      if (!text || !el || el.getClientRects().length === 0) continue;
      measured += 1;
      const size = parseFloat(getComputedStyle(el).fontSize);
      if (size < 16) small.push(size + 'px: ' + text.slice(0, 40));
    }
    return { small, measured };
  })()`);
}

async function expectNoSmallText(page: Page, where: string): Promise<void> {
  const { small, measured } = await smallTexts(page);
  expect(measured, `texts measured on ${where}`).toBeGreaterThan(5);
  expect(small, `text under 16 px on ${where}`).toEqual([]);
}

/**
 * The words of the やさしい日本語 texts (runs between spaces; 。 and 、 end a word) whose characters
 * lie on more than one line, and how many texts wrap at all (so that the check means something).
 */
async function wordsBrokenAcrossLines(page: Page): Promise<{ broken: string[]; wrapped: number }> {
  return page.evaluate(`(() => {
    const lines = (range) => {
      const tops = [...range.getClientRects()].filter((r) => r.width > 0).map((r) => r.top).sort((a, b) => a - b);
      let n = tops.length ? 1 : 0;
      for (let i = 1; i < tops.length; i += 1) if (tops[i] - tops[i - 1] > 8) n += 1;
      return n;
    };
    const broken = [];
    let wrapped = 0;
    const root = document.querySelector('[data-easy]');
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (!n.textContent.trim() || n.parentElement.getClientRects().length === 0) continue;
      const whole = document.createRange();
      whole.selectNodeContents(n);
      if (lines(whole) > 1) wrapped += 1;
      for (const m of n.textContent.matchAll(/[^\\s。、]+[。、]?/g)) {
        const word = document.createRange();
        word.setStart(n, m.index);
        word.setEnd(n, m.index + m[0].length);
        if (lines(word) > 1) broken.push(m[0]);
      }
    }
    return { broken, wrapped };
  })()`);
}

describe('the phone page in the ticket’s language', () => {
  it('opens a ticket taken in Vietnamese in Vietnamese on a Japanese phone; ?lang= and the visitor’s own choice come first', async () => {
    const r = await start();
    const vi = await takeTicket(r, 'vi');
    const page = await newPage({ locale: 'ja-JP' });
    await page.goto(`${r.url}/t/${vi.token}`);
    await page.getByTestId('ticket-waiting').waitFor();
    await expect.poll(() => heading(page), WAIT).toBe('Số thứ tự của bạn');
    expect(await page.getByTestId('ahead').textContent()).toBe('Sắp đến lượt bạn');
    expect(await page.locator('html').getAttribute('lang')).toBe('vi-VN');
    expect(await page.getByRole('button', { name: 'Tiếng Việt' }).getAttribute('aria-pressed')).toBe('true');
    await expectAccessible(page, 'the phone page in Vietnamese');

    // called: the counter in Vietnamese too
    r.m.engine.setCounterState(SITE, '3', 'open', MANAGER);
    r.m.engine.callNext(SITE, '3', CLERK);
    await page.getByTestId('ticket-called').waitFor(LIVE);
    expect(await page.getByTestId('called-counter').textContent()).toMatch(/^Vui lòng đến /);
    await expectAccessible(page, 'the phone page in Vietnamese, called');

    // ?lang= wins over the ticket's language
    await page.goto(`${r.url}/t/${vi.token}?lang=ko`);
    await expect.poll(() => heading(page), WAIT).toBe('번호표 안내');
    // the visitor's switch wins, and is remembered for the next page
    await page.getByRole('button', { name: '中文' }).click();
    await expect.poll(() => heading(page), WAIT).toBe('您的号码');
    await page.goto(`${r.url}/t/${vi.token}`);
    await expect.poll(() => heading(page), WAIT).toBe('您的号码');
  });

  it('follows the browser for a ticket taken without a language', async () => {
    const r = await start();
    const t = await takeTicket(r);
    const page = await newPage({ locale: 'pt-BR' });
    await page.goto(`${r.url}/t/${t.token}`);
    await page.getByTestId('ticket-waiting').waitFor();
    expect(await heading(page)).toBe('Sua senha');
  });
});

describe('the status page in every language', () => {
  it('follows the browser’s language, switches to each of the seven and remembers the choice', async () => {
    const r = await start();
    await takeTicket(r);
    const page = await newPage({ locale: 'ko-KR', width: 1280, height: 900 });
    await page.goto(`${r.url}/status/`);
    await expect.poll(() => page.getByTestId('waiting-certificates').textContent(), WAIT).toBe('1명');
    expect(await heading(page)).toBe('창구 혼잡 상황');
    expect(await page.locator('html').getAttribute('lang')).toBe('ko-KR');
    await expectAccessible(page, 'the status page in Korean');

    const expected: Array<[string, string]> = [
      ['日本語', '窓口の混雑状況'],
      ['やさしい にほんご', 'まどぐちの こみぐあい'],
      ['English', 'Waiting at the counters'],
      ['中文', '窗口等候情况'],
      ['한국어', '창구 혼잡 상황'],
      ['Português', 'Movimento nos guichês'],
      ['Tiếng Việt', 'Tình hình chờ tại các quầy'],
    ];
    expect(await page.locator('nav.langs button').allTextContents()).toEqual(expected.map(([name]) => name));
    for (const [name, title] of expected) {
      await page.getByRole('button', { name, exact: true }).click();
      await expect.poll(() => heading(page), WAIT).toBe(title);
      expect(await page.getByRole('button', { name, exact: true }).getAttribute('aria-pressed')).toBe('true');
      await expectAccessible(page, `the status page in ${name}`);
    }
    // remembered over the browser's language, and ?lang= over both
    await page.reload();
    await expect.poll(() => heading(page), WAIT).toBe('Tình hình chờ tại các quầy');
    await page.goto(`${r.url}/status/?lang=zh`);
    await expect.poll(() => heading(page), WAIT).toBe('窗口等候情况');
  });
});

describe('text size: nothing under 16 px', () => {
  it('on the status page, wide and compact at 360 px', async () => {
    const r = await start();
    await takeTicket(r);
    r.m.engine.setIssuing(SITE, { mode: 'paused', queue: 'insurance', reason: '職員研修のため' }, MANAGER);
    for (const [width, path] of [[1280, '/status/'], [360, '/status/'], [360, '/status/?compact=1']] as const) {
      const page = await newPage({ width, height: 800 });
      await page.goto(`${r.url}${path}`);
      await expect.poll(() => page.getByTestId('waiting-certificates').textContent(), WAIT).toBe('1人');
      await expectNoSmallText(page, `the status page at ${width} px (${path})`);
      // nothing wider than the phone
      expect(await page.locator('html').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    }
  });

  it('on the phone page waiting, called and done with its feedback, in Japanese and Portuguese', async () => {
    const r = await start();
    const t = await takeTicket(r);
    const page = await newPage({ width: 360, height: 740 });
    for (const lang of ['ja', 'pt']) {
      await page.goto(`${r.url}/t/${t.token}?lang=${lang}`);
      await page.getByTestId('ticket-waiting').waitFor();
      await expectNoSmallText(page, `the waiting phone page (${lang})`);
    }
    r.m.engine.setCounterState(SITE, '3', 'open', MANAGER);
    r.m.engine.callNext(SITE, '3', CLERK);
    await page.getByTestId('ticket-called').waitFor(LIVE);
    await expectNoSmallText(page, 'the called phone page');
    r.m.engine.start(SITE, '3', CLERK);
    r.m.engine.complete(SITE, '3', CLERK);
    await page.getByTestId('ticket-done').waitFor(LIVE);
    await expectNoSmallText(page, 'the phone page asking for feedback (pt)');
    expect(await page.locator('html').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    await expectAccessible(page, 'the phone page asking for feedback (pt)');
  });
});

describe('やさしい日本語 breaks lines only between words', () => {
  it('on the status page and the phone page at 320 px', async () => {
    const r = await start();
    const t = await takeTicket(r);
    r.m.engine.setIssuing(SITE, { mode: 'paused', queue: 'insurance', reason: '職員研修のため' }, MANAGER);
    const page = await newPage({ width: 320, height: 700 });
    await page.goto(`${r.url}/status/?lang=ja-easy`);
    await expect.poll(() => page.getByTestId('waiting-certificates').textContent(), WAIT).toBe('1人');
    const status = await wordsBrokenAcrossLines(page);
    expect(status.wrapped, 'texts that wrap on the status page').toBeGreaterThan(0);
    expect(status.broken, 'words broken on the status page').toEqual([]);
    await expectAccessible(page, 'the status page in やさしい日本語');

    await page.goto(`${r.url}/t/${t.token}?lang=ja-easy`);
    await page.getByTestId('ticket-waiting').waitFor();
    let phone = await wordsBrokenAcrossLines(page);
    expect(phone.wrapped, 'texts that wrap on the phone page').toBeGreaterThan(0);
    expect(phone.broken, 'words broken on the waiting phone page').toEqual([]);

    r.m.engine.setCounterState(SITE, '3', 'open', MANAGER);
    r.m.engine.callNext(SITE, '3', CLERK);
    r.m.engine.start(SITE, '3', CLERK);
    r.m.engine.complete(SITE, '3', CLERK);
    await page.getByTestId('ticket-done').waitFor(LIVE);
    phone = await wordsBrokenAcrossLines(page);
    expect(phone.broken, 'words broken on the phone page asking for feedback').toEqual([]);
    await expectAccessible(page, 'the phone page in やさしい日本語, asking for feedback');
  });
});
