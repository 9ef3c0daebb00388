#!/usr/bin/env node
// Screenshots of the phone page's 知らせる / Notify me (issue 16): the section open on a Japanese
// phone with the three channels offered and an e-mail alert set (docs/screenshots/phone-notify.png),
// and the LINE code with its link on the phone page of a ticket taken in Vietnamese
// (docs/screenshots/phone-notify-line-vi.png). Like phone-screenshots.mjs it runs the built server
// in this process (server/dist, a ManualClock on a weekday morning, a throw-away data directory) and
// Debian's Chromium via playwright-core. The channels are built from process settings as in
// production; their relay and LINE API point at a closed port, since nothing is near enough to be
// sent. Usage: node scripts/phone-notify-screenshots.mjs
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launchShooter, out, prepare, root } from './lib/screenshot-kit.mjs';

const { createMadoguchi, ManualClock, parseConfig, SAMPLE_CONFIG_TEXT } = await prepare('status');

const SITE = 'naka';
const MANAGER = { kind: 'manager', id: 'suzuki' };
const CLERK = { kind: 'clerk', id: 'tanaka' };
const KIOSK = { kind: 'device', id: 'kiosk-0' };
/** Monday 2026-04-06 10:30 JST */
const MONDAY = '2026-04-06T01:30:00Z';
const PHONE = { width: 360, height: 740 };
/** nothing listens here: no message is due while the screenshots are taken */
const NOWHERE = 'http://127.0.0.1:9';

const cleanups = [];
try {
  mkdirSync(out, { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'madoguchi-notify-shots-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  const parsed = parseConfig(SAMPLE_CONFIG_TEXT, 'screenshots.yaml');
  const config = { ...parsed, sites: parsed.sites.map((s) => (s.id === SITE ? { ...s, printers: [], defaultPrinter: null } : s)) };
  const env = {
    smtpUrl: 'smtp://127.0.0.1:9',
    mailFrom: 'madoguchi@city.example.jp',
    lineChannelSecret: 'screenshots',
    lineChannelAccessToken: 'screenshots',
    lineApiBase: NOWHERE,
    lineAddUrl: 'https://line.me/R/oaMessage/@madoguchi/?',
    pushAllowedHosts: [],
    vapidSubject: 'mailto:madoguchi@city.example.jp',
    vapidPublicKey: undefined,
    vapidPrivateKey: undefined,
  };
  const m = await createMadoguchi({ dataDir: dir, config, clock: new ManualClock(MONDAY), logger: false, pagesRoot: root, turnAlerts: { env } });
  cleanups.unshift(() => m.close());
  const url = await m.app.listen({ port: 0, host: '127.0.0.1' });

  // a busy morning: two certificate counters open, a long line ahead
  for (const id of ['1', '2']) m.engine.setCounterState(SITE, id, 'open', MANAGER, { clerk: `clerk-${id}` });
  const take = (service, language) => m.engine.takeTicket(SITE, { queue: 'certificates', service, ...(language ? { language } : {}) }, KIOSK);
  for (let i = 0; i < 14; i += 1) take('juminhyo');
  for (const id of ['1', '2']) m.engine.callNext(SITE, id, CLERK);
  const mine = take('koseki');
  const theirs = take('koseki', 'vi');

  const { browser, shoot, written } = await launchShooter(cleanups);
  const phone = async () => {
    const context = await browser.newContext({ viewport: PHONE, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', deviceScaleFactor: 1, hasTouch: true });
    return context.newPage();
  };
  const openNotify = async (page, token) => {
    await page.goto(`${url}/t/${token}`);
    await page.locator('.updated .dot.on').waitFor();
    const notify = page.getByTestId('notify');
    await notify.waitFor();
    if ((await notify.getAttribute('open')) === null) await notify.locator('summary').click();
  };

  // Japanese: an e-mail alert set, the choices and channels below it
  let page = await phone();
  await openNotify(page, mine.token);
  await page.getByLabel('メールアドレス').fill('hanako@example.jp');
  await page.getByTestId('notify-email').click();
  await page.getByTestId('notify-set').waitFor();
  await shoot(page, 'phone-notify', { fullPage: true });
  await page.close();

  // Vietnamese: the LINE code and its link
  page = await phone();
  await openNotify(page, theirs.token);
  await page.getByTestId('notify-line').click();
  await page.getByTestId('line-code').waitFor();
  await page.getByTestId('notify').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await shoot(page, 'phone-notify-line-vi');

  for (const f of written) process.stdout.write(`${f}\n`);
} finally {
  for (const c of cleanups) await c();
}
