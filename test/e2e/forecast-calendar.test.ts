/**
 * The 混雑予測カレンダー on the public status page (/status/) and alone (?view=calendar), in Debian's
 * Chromium against the real server (createMadoguchi on a throw-away data directory, ManualClock on
 * Monday 2026-04-06), whose stored forecast answers GET …/forecast. Every check compares the page
 * with the API's answer, so it holds whatever levels the fitted model gives. No sleeps.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { STATUS, type Forecast, type Language } from '../../shared/src/index.js';
import { expectAccessible } from './axe.js';
import { sampleOffice, SITE, useBrowserTests, WAIT, type Running } from './harness.js';

const CONFIG = sampleOffice();
const e2e = useBrowserTests('forecast-calendar', { template: { config: CONFIG } });
const start = (): Promise<Running> => e2e.start({ config: CONFIG });

/** The symbols of levels 1–5: each day shows one beside its word. */
const SYMBOLS = ['◎', '○', '△', '▲', '✕'];
const word = (lang: Language, level: number) => STATUS.t(lang, `forecast.level.${level}` as 'forecast.level.1');

async function newPage(width = 1280, locale = 'ja-JP'): Promise<Page> {
  const context = await e2e.newContext({ viewport: { width, height: 900 }, locale, timezoneId: 'Asia/Tokyo' });
  context.setDefaultTimeout(WAIT.timeout);
  return context.newPage();
}

async function forecastOf(r: Running): Promise<Forecast> {
  const res = await fetch(`${r.url}/api/v1/sites/${SITE}/forecast?days=28`);
  expect(res.status).toBe(200);
  return (await res.json()) as Forecast;
}

interface Cell {
  date: string;
  level: string;
  text: string;
}

/** Every day of the calendar as shown: its date, its level attribute and its visible text. */
const cellsOf = (page: Page): Promise<Cell[]> =>
  page.getByTestId('forecast-day').evaluateAll((els) => els.map((el) => ({ date: el.getAttribute('data-date') ?? '', level: el.getAttribute('data-level') ?? '', text: (el as unknown as { innerText: string }).innerText })));

const isWeekend = (date: string) => [0, 6].includes(new Date(`${date}T00:00:00Z`).getUTCDay());

/**
 * The days of the forecast in order, open ones with the word and symbol of the API's level, closed
 * ones closed; every weekday and open day is there (the month grid leaves out Saturday and Sunday
 * when neither opens).
 */
async function expectDaysAsForecast(page: Page, f: Forecast, queue: string, lang: Language): Promise<void> {
  const cells = await cellsOf(page);
  const shown = cells.map((c) => c.date);
  expect(shown).toEqual(f.days.map((d) => d.date).filter((d) => shown.includes(d)));
  for (const d of f.days) {
    const cell = cells.find((c) => c.date === d.date);
    const q = d.open ? d.queues.find((x) => x.id === queue) : undefined;
    if (!cell && !q && isWeekend(d.date)) continue;
    if (q) {
      expect(cell?.level, d.date).toBe(String(q.level));
      expect(cell?.text, d.date).toContain(word(lang, q.level));
      expect(cell?.text, d.date).toContain(SYMBOLS[q.level - 1]);
    } else {
      expect(cell?.level, d.date).toBe('closed');
      expect(cell?.text, d.date).toContain(STATUS.t(lang, 'forecast.closed'));
    }
  }
}

/** "約32分" as the page words an expected wait. */
const waitText = (lang: Language, w: number | null) =>
  w === null ? STATUS.t(lang, 'status.unknownWait') : w < 0.5 ? STATUS.t(lang, 'status.noWait') : STATUS.t(lang, 'status.minutes', { n: Math.max(1, Math.round(w)) });

describe('/status/ — 混雑予測カレンダー', () => {
  it('shows four weeks per window type, each day readable without colour, closed days closed, in a captioned table; a day opens its hours; the words follow the language', async () => {
    const r = await start();
    const f = await forecastOf(r);
    expect(f.days).toHaveLength(28);
    const page = await newPage();
    await page.goto(`${r.url}/status/`);
    const calendar = page.getByRole('table', { name: /証明発行の混雑予測/ });
    await calendar.waitFor(WAIT);
    await expectDaysAsForecast(page, f, 'certificates', 'ja');
    // the sample office closes on 昭和の日 (2026-04-29) and at weekends, which the grid leaves out and says so
    const cells = await cellsOf(page);
    expect(cells.find((c) => c.date === '2026-04-29')?.text).toContain('閉庁');
    expect(cells.some((c) => c.date === '2026-04-11')).toBe(false);
    expect(await page.getByTestId('forecast').innerText()).toContain('土曜日・日曜日は閉庁です。');
    expect(cells.filter((c) => c.level !== 'closed').length).toBeGreaterThan(15);
    // a real grid for screen readers: column heads by weekday, each day's full date in its cell
    expect(await calendar.getByRole('columnheader').allInnerTexts()).toEqual(['月', '火', '水', '木', '金']);
    expect(await calendar.locator('td[data-date="2026-04-07"] button').innerText()).toMatch(/4月7日\(火\)|4月7日（火）/);
    // the legend: every level's symbol and word, without colour
    const legend = await page.getByTestId('forecast-legend').locator('li').allInnerTexts();
    expect(legend.map((t) => t.replace(/\s+/g, ''))).toEqual(['◎空いている', '○やや空き', '△普通', '▲混雑', '✕大変混雑', '－閉庁']);
    // where it comes from: the history (none yet: the defaults), the licence and the open data
    expect(await page.getByTestId('forecast-basis').innerText()).toContain(f.historyDays === 0 ? '標準的な値による推計' : `過去${f.historyDays}日分`);
    expect(await page.getByTestId('open-data').innerText()).toContain(f.licence);
    const csvHref = await page.getByTestId('forecast-csv').getAttribute('href');
    const csv = await fetch(`${r.url}${csvHref}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');

    // a day's hours: "12時ごろ 約32分", as the API says
    await calendar.locator('td[data-date="2026-04-07"] button').click();
    const detail = page.getByTestId('forecast-detail');
    await detail.getByRole('heading', { name: /4月7日/ }).waitFor(WAIT);
    await detail.getByRole('table', { name: '証明発行' }).waitFor(WAIT);
    expect(await calendar.locator('td[data-date="2026-04-07"] button').getAttribute('aria-pressed')).toBe('true');
    const day = f.days.find((d) => d.date === '2026-04-07')?.queues.find((q) => q.id === 'certificates');
    expect(day?.hours.length).toBeGreaterThan(0);
    const rows = await detail.locator('tbody tr').allInnerTexts();
    expect(rows.map((t) => t.replace(/\s+/g, ' ').trim())).toEqual(day?.hours.map((h) => `${h.hour}時ごろ ${waitText('ja', h.expectedWaitMinutes)}`));

    // another window type: its own caption and its own levels
    await page.getByRole('radio', { name: '保険年金' }).check();
    await page.getByRole('table', { name: /保険年金の混雑予測/ }).waitFor(WAIT);
    await expectDaysAsForecast(page, f, 'insurance', 'ja');
    await expectAccessible(page, 'the status page with the forecast calendar (ja)');

    // English, then Vietnamese: the same days in other words
    await page.getByRole('button', { name: /English/ }).click();
    await page.getByRole('heading', { name: 'Congestion forecast' }).waitFor(WAIT);
    await expectDaysAsForecast(page, f, 'insurance', 'en');
    expect(await page.getByTestId('forecast-legend').innerText()).toMatch(/✕\s*Very busy/);
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByRole('heading', { name: 'Lịch dự báo mức đông' }).waitFor(WAIT);
    await expectDaysAsForecast(page, f, 'insurance', 'vi');
    await expectAccessible(page, 'the status page with the forecast calendar (vi)');
  });

  it('on a 360 px phone is a list of days, one a row, each with its level in words and its longest wait, nothing wider than the phone', async () => {
    const r = await start();
    const f = await forecastOf(r);
    const page = await newPage(360);
    await page.goto(`${r.url}/status/`);
    const list = page.getByRole('table', { name: /証明発行の混雑予測/ });
    await list.waitFor(WAIT);
    expect(await list.getByRole('columnheader').allInnerTexts()).toEqual(['日付', '混雑の予測', '最も待つ時間帯']);
    expect(await list.getByRole('rowheader').count()).toBe(28);
    await expectDaysAsForecast(page, f, 'certificates', 'ja');
    const monday = f.days[0]?.queues.find((q) => q.id === 'certificates');
    const peak = monday?.hours.reduce((a, b) => ((b.expectedWaitMinutes ?? -1) > (a.expectedWaitMinutes ?? -1) ? b : a));
    expect(await list.locator('tr[data-date="2026-04-06"] td').last().innerText()).toBe(`${peak?.hour}時ごろ ${waitText('ja', peak?.expectedWaitMinutes ?? null)}`);
    expect(await page.locator('html').evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
    // a day chosen in the list brings its hours, below the whole list, into view
    await list.locator('tr[data-date="2026-04-08"] button').click();
    const detail = page.getByTestId('forecast-detail');
    await detail.getByRole('heading', { name: /4月8日/ }).waitFor(WAIT);
    const inView = async () => {
      const y = (await detail.boundingBox())?.y ?? -1;
      return y >= 0 && y < 900;
    };
    await expect.poll(inView, WAIT).toBe(true);
    await expectAccessible(page, 'the forecast list at 360 px');

    // in every language the list fits the phone
    for (const lang of STATUS.complete) {
      await page.goto(`${r.url}/status/?lang=${lang}`);
      await page.locator('table.calendar-list tr[data-date="2026-04-06"]').waitFor(WAIT);
      await expectDaysAsForecast(page, f, 'certificates', lang);
      expect(await page.locator('html').evaluate((el) => el.scrollWidth - el.clientWidth), lang).toBeLessThanOrEqual(0);
    }
  });

  it('?view=calendar shows the calendar alone, for a homepage to embed', async () => {
    const r = await start();
    const f = await forecastOf(r);
    const page = await newPage(900, 'en-US');
    await page.goto(`${r.url}/status/?site=${SITE}&view=calendar`);
    await page.getByRole('heading', { level: 1, name: 'Congestion forecast' }).waitFor(WAIT);
    await page.getByRole('table', { name: /Certificates: forecast/ }).waitFor(WAIT);
    await expectDaysAsForecast(page, f, 'certificates', 'en');
    // none of the live figures
    expect(await page.locator('[data-testid^="waiting-"]').count()).toBe(0);
    expect(await page.locator('.queues').count()).toBe(0);
    expect(await page.title()).toBe('Congestion forecast');
    await expectAccessible(page, 'the calendar alone');
  });
});
