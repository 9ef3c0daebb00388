#!/usr/bin/env node
// Screenshots of the 混雑予測カレンダー (/status/?view=calendar: desktop with a day's hours, and a
// 360 px phone), the manager's staffing plan with a what-if and the comparison across sites into
// docs/screenshots/forecast-calendar-desktop.png, forecast-calendar-phone.png, staffing-plan.png
// and sites-comparison.png. It runs the built server in this process (server/dist, a ManualClock,
// a throw-away data directory) with the ward office and its branch, four weeks of simulated
// history whose weekdays differ (busy Mondays, quiet Fridays) so the forecast has something to
// learn, and Debian's Chromium via playwright-core.
import { mkdirSync } from 'node:fs';
import { tsImport } from 'tsx/esm/api';
import { CLERK, KIOSK, launchShooter, out, prepare, signIn, SITE, startServer } from './lib/screenshot-kit.mjs';

const kit = await prepare('status');
await prepare('manager');
const { seededRandom } = await tsImport('../server/src/test-support/random.ts', import.meta.url);

const PASSWORD = 'screenshot-password';
/** the weekdays' share of an ordinary day's arrivals, Monday first (the history the forecast learns) */
const WEEKDAY_FACTOR = [1.4, 1.0, 0.9, 0.85, 0.72];
/** arrivals by local hour from 8 to 16, relative (a morning peak, a dip at lunch) */
const HOUR_SHAPE = [0.6, 1.5, 1.4, 1.1, 0.8, 1.0, 1.0, 0.8, 0.5];
const BRANCH = 'naka-branch';

/** 2026-03-09 … 2026-04-03, the weekdays without 春分の日 (03-20). */
function historyDates() {
  const dates = [];
  for (let t = Date.UTC(2026, 2, 9); t <= Date.UTC(2026, 3, 3); t += 86_400_000) {
    const d = new Date(t);
    const date = d.toISOString().slice(0, 10);
    if (d.getUTCDay() >= 1 && d.getUTCDay() <= 5 && date !== '2026-03-20') dates.push(date);
  }
  return dates;
}

/**
 * One office day at `site`, minute by minute from 08:45 to 17:15 JST: arrivals per queue at
 * `typical × the weekday's factor` shaped by HOUR_SHAPE, every counter open calling, serving
 * (its queue's default minutes ± 40 %), a few no-shows and satisfaction answers; the counters close
 * at the end, and tickets still waiting expire at the day's close.
 */
function simulateDay(m, config, clock, site, date, typical, rnd) {
  const def = config.sites.find((s) => s.id === site);
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay() - 1;
  const at = (minutes) => new Date(`${date}T00:00:00+09:00`).getTime() + minutes * 60_000;
  const shapeSum = HOUR_SHAPE.reduce((a, b) => a + b, 0);
  const busy = new Map();
  const tokens = [];
  clock.set(at(8 * 60 + 45));
  m.tick();
  for (const c of def.counters) m.engine.setCounterState(site, c.id, 'open', CLERK, { clerk: `clerk-${c.id}` });
  for (let minute = 8 * 60 + 45; minute <= 17 * 60 + 15; minute += 1) {
    clock.set(at(minute));
    const hour = Math.floor(minute / 60);
    if (minute < 17 * 60) {
      for (const q of def.queues) {
        const perDay = (typical.get(`${site}:${q.id}`) ?? 0) * (WEEKDAY_FACTOR[weekday] ?? 1);
        const rate = (perDay * (HOUR_SHAPE[hour - 8] ?? 0)) / shapeSum / 60;
        // at most two a minute (a Poisson draw's first terms are enough here)
        const n = rnd() < rate ? (rnd() < rate / 2 ? 2 : 1) : 0;
        for (let i = 0; i < n; i += 1) tokens.push(m.engine.takeTicket(site, { queue: q.id, service: null }, KIOSK).token);
      }
    }
    for (const c of def.counters) {
      const b = busy.get(c.id);
      if (b && at(minute) >= b.until) {
        if (b.noShow) m.engine.noShow(site, c.id, CLERK);
        else m.engine.complete(site, c.id, CLERK);
        busy.delete(c.id);
      }
      if (busy.has(c.id)) continue;
      const ticket = m.engine.callNext(site, c.id, CLERK);
      if (!ticket) continue;
      if (rnd() < 0.04) busy.set(c.id, { until: at(minute + 3), noShow: true });
      else {
        m.engine.start(site, c.id, CLERK);
        const q = def.queues.find((x) => x.id === ticket.queue);
        busy.set(c.id, { until: at(minute + Math.max(1, Math.round((q?.defaultServiceMinutes ?? 5) * (0.6 + rnd() * 0.8)))), noShow: false });
      }
    }
  }
  for (const [id, b] of busy) {
    if (b.noShow) m.engine.noShow(site, id, CLERK);
    else m.engine.complete(site, id, CLERK);
  }
  for (const c of def.counters) m.engine.setCounterState(site, c.id, 'closed', CLERK);
  for (const token of tokens) {
    if (rnd() < 0.25) {
      try {
        m.engine.giveFeedback(token, rnd() < 0.55 ? 5 : rnd() < 0.7 ? 4 : 3);
      } catch {
        // not served (a no-show, or still waiting at the close): nothing to rate
      }
    }
  }
}

const cleanups = [];
try {
  mkdirSync(out, { recursive: true });
  const config = kit.parseConfig(kit.TWO_SITE_CONFIG_TEXT, 'screenshots.yaml');
  // the clock starts on the history's first morning and moves forward from there
  const clock = new kit.ManualClock('2026-03-08T23:00:00Z');
  const { m, url } = await startServer(kit, cleanups, { name: 'forecast', config, clock, buttons: false, printing: false });
  await m.auth.createUser('suzuki', PASSWORD, 'manager');

  // the "typical" day the history varies around: a new office's default for an ordinary
  // Wednesday out of season (10 June), at 85 % — an office staffed a little above its load
  const typical = new Map();
  for (const site of [SITE, BRANCH]) {
    const res = await fetch(`${url}/api/v1/sites/${site}/forecast?from=2026-06-10&days=1`);
    const f = await res.json();
    for (const q of f.days[0]?.queues ?? []) typical.set(`${site}:${q.id}`, q.arrivals * 0.85);
  }
  const rnd = seededRandom(20260309);
  for (const date of historyDates()) {
    for (const site of [SITE, BRANCH]) simulateDay(m, config, clock, site, date, typical, rnd);
  }
  // Monday 2026-04-06, 10:00: the days before have closed and the forecast is refitted
  clock.set(new Date('2026-04-06T10:00:00+09:00').getTime());
  m.tick();
  await m.demand.idle();

  const { browser, shoot, written } = await launchShooter(cleanups);
  const context = async (viewport, locale = 'ja-JP') => browser.newContext({ viewport, locale, timezoneId: 'Asia/Tokyo', deviceScaleFactor: 1 });

  // the calendar alone, as a homepage embeds it; a busy Monday's hours opened
  const desk = await context({ width: 1280, height: 900 });
  let page = await desk.newPage();
  await page.goto(`${url}/status/?site=${SITE}&view=calendar`);
  await page.getByTestId('forecast-calendar').waitFor();
  await page.locator('td[data-date="2026-04-13"] button').click();
  await page.getByTestId('forecast-detail').getByRole('table').waitFor();
  await shoot(page, 'forecast-calendar-desktop', { fullPage: true });
  await desk.close();

  const phone = await context({ width: 360, height: 800 });
  page = await phone.newPage();
  await page.goto(`${url}/status/?site=${SITE}&view=calendar`);
  await page.getByTestId('forecast-calendar').waitFor();
  await shoot(page, 'forecast-calendar-phone');
  await phone.close();

  // the manager: the staffing plan of the coming Monday, more counters at noon in the what-if
  // the manager's page scrolls inside its content area: the shots are of the window
  const office = await context({ width: 1600, height: 1250 });
  page = await office.newPage();
  await signIn(page, url, 'manager', 'suzuki', PASSWORD);
  await page.locator(`button[data-site="${SITE}"]`).click();
  await page.locator('[data-tab="staffing"]').click();
  await page.getByTestId('staffing-date').fill('2026-04-13');
  await page.getByTestId('staffing-show').click();
  await page.locator('[data-testid="staffing-plan"][data-date="2026-04-13"]').waitFor();
  await page.getByLabel('証明発行 12時台の試算の窓口数').fill('6');
  await shoot(page, 'staffing-plan');

  // the comparison across sites: March, the last whole month
  await page.locator('[data-tab="sites"]').click();
  await page.getByTestId('sites-month').fill('2026-03');
  await page.getByTestId('sites-show').click();
  await page.locator('[data-testid="sites"][data-month="2026-03"]').waitFor();
  await shoot(page, 'sites-comparison');
  await office.close();

  for (const f of written) process.stdout.write(`${f}\n`);
} finally {
  for (const c of cleanups) await c();
}
