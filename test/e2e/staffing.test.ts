/**
 * The manager's staffing plan (職員配置計画, with its what-if and the forecast's accuracy) and the
 * comparison across sites (庁舎比較), in Debian's Chromium against the real server (createMadoguchi
 * on a throw-away data directory, ManualClock on Monday 2026-04-06 10:00 JST). The figures shown
 * are compared with the API's answers; the what-if's waits with `hourlyWaits` on those figures.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/src/adapters/clock/manual-clock.js';
import { parseConfig } from '../../server/src/config-file.js';
import { TWO_SITE_CONFIG_TEXT } from '../../server/src/sample-office.js';
import { hourlyWaits, type SitesComparison, type Staffing } from '../../shared/src/index.js';
import { PASSWORD } from '../support/server.js';
import { expectAccessible } from './axe.js';
import { MONDAY_10, signIn, SITE, useBrowserTests, WAIT, type Running } from './harness.js';

const CLERK = { kind: 'clerk', id: 'tanaka' } as const;
const KIOSK = { kind: 'device', id: 'kiosk-1' } as const;
const CONFIG = parseConfig(TWO_SITE_CONFIG_TEXT, 'two-sites.yaml');

const e2e = useBrowserTests('staffing', {
  template: { config: CONFIG, buttons: false, printing: false },
  provision: async (m) => {
    await m.auth.createUser('suzuki', PASSWORD, 'manager');
  },
});

const start = (clock?: ManualClock): Promise<Running> => e2e.start({ config: CONFIG, buttons: false, printing: false }, clock);

async function managerGet<T>(r: Running, path: string): Promise<T> {
  const { token } = await r.m.auth.login('suzuki', PASSWORD, 'bearer');
  const res = await fetch(`${r.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(200);
  return (await res.json()) as T;
}

/** Signs the manager in at the main site and opens a tab. */
async function openTab(r: Running, tab: 'staffing' | 'sites'): Promise<Page> {
  const page = await e2e.deskPage({ width: 1600, height: 1000 });
  await signIn(page, `${r.url}/manager/`, 'suzuki');
  await page.locator(`button[data-site="${SITE}"]`).click();
  await page.locator(`[data-tab="${tab}"]`).click();
  return page;
}

/** Minutes as the plan shows them: one decimal, or 「窓口なし」 when no counter serves. */
const minutes = (w: number | null) => (w === null ? '窓口なし' : w.toFixed(1));

describe('職員配置計画 — the staffing plan', () => {
  it('shows per queue and hour the counters needed beside those planned, marks the hours short in words, and its what-if recomputes the waits at once and resets', async () => {
    const r = await start();
    const plan = await managerGet<Staffing>(r, `/api/v1/sites/${SITE}/staffing?date=2026-04-06&targetWaitMinutes=20`);
    expect(plan.open).toBe(true);
    const page = await openTab(r, 'staffing');
    const planEl = page.getByTestId('staffing-plan');
    await planEl.waitFor(WAIT);
    expect(await planEl.getAttribute('data-date')).toBe('2026-04-06');

    // every queue's every hour: needed, planned and the wait as the API says; short hours say so
    let shortHours = 0;
    for (const q of plan.queues) {
      const section = page.locator(`section[data-queue="${q.id}"]`);
      for (const h of q.hours) {
        const row = section.locator(`tr[data-hour="${h.hour}"]`);
        expect(await row.getByTestId('needed').innerText()).toBe(String(h.countersNeeded));
        expect(await row.getByTestId('plan-wait').innerText()).toBe(minutes(h.expectedWaitMinutes));
        const planned = await row.getByTestId('planned').innerText();
        expect(planned.startsWith(String(Math.round(h.countersPlanned * 100) / 100))).toBe(true);
        if (h.countersPlanned < h.countersNeeded) {
          shortHours += 1;
          expect(planned).toContain('不足');
          expect(await row.getAttribute('class')).toContain('short');
        } else {
          expect(planned).not.toContain('不足');
        }
      }
    }
    expect(shortHours, 'the lunch rotation leaves some hour short').toBeGreaterThan(0);

    // what-if: 3 counters for insurance at 12:00 — the waits of 12:00 and of the hours after follow
    const insurance = plan.queues.find((q) => q.id === 'insurance');
    if (!insurance) throw new Error('the plan has the insurance queue');
    const section = page.locator('section[data-queue="insurance"]');
    const noon = insurance.hours.findIndex((h) => h.hour === 12);
    const input = page.getByLabel('保険年金 12時台の試算の窓口数');
    const shownWaits = () => section.getByTestId('what-if-wait').allInnerTexts();
    const figures = insurance.hours.map((h) => ({ arrivals: h.arrivals, serviceMinutes: h.serviceMinutes, counters: h.countersPlanned, minutes: h.openMinutes }));
    const before = await shownWaits();
    expect(before).toEqual(hourlyWaits(figures).map(minutes));
    // with the counters as planned, the what-if is the server's own plan
    expect(before).toEqual(insurance.hours.map((h) => minutes(h.expectedWaitMinutes)));
    expect(await input.inputValue()).toBe(String(insurance.hours[noon]?.countersPlanned));

    await input.fill('3');
    const changed = hourlyWaits(figures.map((f, i) => (i === noon ? { ...f, counters: 3 } : f))).map(minutes);
    expect(changed).not.toEqual(before);
    await expect.poll(shownWaits, WAIT).toEqual(changed);
    const longest = hourlyWaits(figures.map((f, i) => (i === noon ? { ...f, counters: 3 } : f)));
    expect(await section.getByTestId('staffing-summary').innerText()).toContain(`試算 ${minutes(longest.some((w) => w === null) ? null : Math.max(...(longest as number[])))}`);
    await expectAccessible(page, 'the staffing plan with a what-if');

    await section.getByRole('button', { name: '計画に戻す' }).click();
    await expect.poll(shownWaits, WAIT).toEqual(before);
    expect(await input.inputValue()).toBe(String(insurance.hours[noon]?.countersPlanned));

    // the forecast's accuracy on the same page: days measured, and a row per queue
    const accuracy = page.getByTestId('accuracy');
    await accuracy.getByRole('heading', { name: '予測の精度（直近8週間）' }).waitFor(WAIT);
    expect(await accuracy.locator('tbody tr').count()).toBe(plan.accuracy.queues.length);
    if (plan.accuracy.days === 0) expect(await accuracy.innerText()).toContain('まだ精度を測れるだけの実績がありません');
    else expect(await page.getByTestId('accuracy-note').innerText()).toContain(`${plan.accuracy.days}営業日`);
    for (const q of plan.accuracy.queues) {
      const row = accuracy.locator(`tr[data-queue="${q.id}"]`);
      expect(await row.getByTestId('mape').innerText()).toBe(q.mape === null ? '—' : `${q.mape.toFixed(1)}%`);
      expect(await row.getByTestId('naive-mape').innerText()).toBe(q.naiveMape === null ? '—' : `${q.naiveMape.toFixed(1)}%`);
    }

    // another day and target: the page asks again
    await page.getByTestId('staffing-target').fill('10');
    await page.getByTestId('staffing-date').fill('2026-04-11');
    await page.getByTestId('staffing-show').click();
    await page.getByTestId('staffing-closed').waitFor(WAIT);
    expect(await planEl.getAttribute('data-target')).toBe('10');
    await expectAccessible(page, 'the staffing plan of a closed day');
  });
});

describe('庁舎比較 — the comparison across sites', () => {
  it('shows the month of every site side by side with the API’s figures, a chart with its text, and the CSV', async () => {
    const r = await start(new ManualClock('2026-04-06T00:00:00Z'));
    // a morning at the main site: six tickets, five served with waits, one no-show
    const at = (hhmm: string) => r.clock.set(new Date(`2026-04-06T${hhmm}:00+09:00`).getTime());
    at('09:00');
    r.m.engine.setCounterState(SITE, '1', 'open', CLERK, { clerk: 'clerk-1' });
    for (let i = 0; i < 6; i += 1) r.m.engine.takeTicket(SITE, { queue: 'certificates', service: null }, KIOSK);
    for (let i = 0; i < 6; i += 1) {
      at(`09:${String(5 + i * 7).padStart(2, '0')}`);
      r.m.engine.callNext(SITE, '1', CLERK);
      if (i === 2) r.m.engine.noShow(SITE, '1', CLERK);
      else {
        r.m.engine.start(SITE, '1', CLERK);
        r.m.engine.complete(SITE, '1', CLERK);
      }
    }
    r.clock.set(new Date(MONDAY_10).getTime());
    const data = await managerGet<SitesComparison>(r, '/api/v1/reports/sites?month=2026-04');
    expect(data.sites.length).toBe(2);
    expect(data.sites.find((s) => s.id === SITE)?.tickets).toBe(6);

    const page = await openTab(r, 'sites');
    const table = page.getByTestId('sites-table');
    await table.waitFor(WAIT);
    const dec = (v: number | null, d = 1) => (v === null ? '—' : v.toFixed(d));
    for (const s of data.sites) {
      const row = table.locator(`tr[data-site="${s.id}"]`);
      expect(await row.getByRole('rowheader').innerText()).toBe(s.name);
      expect(await row.getByTestId('tickets').innerText()).toBe(String(s.tickets));
      expect(await row.getByTestId('mean-wait').innerText()).toBe(dec(s.meanWaitMinutes));
      expect(await row.getByTestId('p90-wait').innerText()).toBe(dec(s.p90WaitMinutes));
      expect(await row.getByTestId('no-show-rate').innerText()).toBe(s.noShowRate === null ? '—' : `${Math.round(s.noShowRate * 100)}%`);
      expect(await row.getByTestId('satisfaction').innerText()).toBe(dec(s.satisfaction, 2));
      expect(await row.getByTestId('busiest-hour').innerText()).toBe(s.busiestHour === null ? '—' : `${s.busiestHour}時台`);
    }
    // the chart is one image whose name says every site's figures
    const naka = data.sites.find((s) => s.id === SITE);
    const chart = page.getByRole('img', { name: new RegExp(`${naka?.name}: 平均 ${dec(naka?.meanWaitMinutes ?? null)}, 90%値 ${dec(naka?.p90WaitMinutes ?? null)}`) });
    await chart.waitFor(WAIT);
    const href = await page.getByTestId('sites-csv').getAttribute('href');
    expect(href).toBe('/api/v1/reports/sites.csv?month=2026-04');
    await expectAccessible(page, 'the comparison across sites');
  });
});
