#!/usr/bin/env node
// Screenshots of the public congestion page (/status/: desktop in Japanese and English, and 360 px
// compact inside a homepage iframe) and of the ticket's phone page (/t/{token}: waiting, called,
// done with the satisfaction question) into docs/screenshots/status-*.png and phone-*.png.
// It runs the built server in this process (server/dist, a ManualClock on a weekday morning, a
// throw-away data directory) and Debian's Chromium via playwright-core.
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { CLERK, launchShooter, morningLobby, out, prepare, SITE, startServer } from './lib/screenshot-kit.mjs';

const kit = await prepare('status');

const cleanups = [];
try {
  mkdirSync(out, { recursive: true });
  const config = kit.parseConfig(kit.TWO_SITE_CONFIG_TEXT, 'screenshots.yaml');
  const { m, url } = await startServer(kit, cleanups, { name: 'status', config, frameAncestors: ['http://localhost:*'] });
  const take = morningLobby(m);
  const mine = take('certificates', 'koseki');

  // the ward homepage that embeds the page in a 360 px column
  const homepage = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<!doctype html><meta charset="utf-8"><meta name="viewport" content="width=device-width"><body style="margin:0;font-family:'IPAPGothic',sans-serif">
<header style="background:#24634a;color:#fff;padding:10px 12px;font-weight:bold">中区 ホームページ</header>
<p style="margin:10px 12px">窓口の混雑状況（自動更新）</p>
<iframe title="窓口の混雑状況" src="${url}/status/?site=${SITE}&compact=1" style="width:100%;height:620px;border:0"></iframe></body>`);
  });
  await new Promise((ok) => homepage.listen(0, '127.0.0.1', ok));
  cleanups.unshift(() => new Promise((ok) => homepage.close(ok)));

  const { browser, shoot, written } = await launchShooter(cleanups);
  const context = async (viewport, locale = 'ja-JP') => browser.newContext({ viewport, locale, timezoneId: 'Asia/Tokyo', deviceScaleFactor: 1 });

  const desk = await context({ width: 1280, height: 640 });
  let page = await desk.newPage();
  await page.goto(`${url}/status/`);
  await page.locator('.as-of .dot.on').waitFor();
  await shoot(page, 'status-desktop-ja', { fullPage: true });
  await page.getByRole('button', { name: /English/ }).click();
  await page.getByRole('heading', { name: 'Waiting at the counters' }).waitFor();
  await shoot(page, 'status-desktop-en', { fullPage: true });
  await desk.close();

  const narrow = await context({ width: 360, height: 740 });
  page = await narrow.newPage();
  await page.goto(`http://localhost:${homepage.address().port}/`);
  await page.frameLocator('iframe').locator('.as-of .dot.on').waitFor();
  await shoot(page, 'status-compact-360');
  await narrow.close();

  const phone = await context({ width: 390, height: 844 });
  page = await phone.newPage();
  await page.goto(`${url}/t/${mine.token}`);
  await page.locator('.updated .dot.on').waitFor();
  await shoot(page, 'phone-waiting');
  // the clerks work through the queue until this ticket is called at counter 3
  for (;;) {
    for (const id of ['1', '2', '3']) {
      const c = m.engine.counters(SITE).find((x) => x.id === id);
      if (c?.currentTicket) m.engine.complete(SITE, id, CLERK);
    }
    const t = m.engine.callNext(SITE, '3', CLERK);
    if (!t || t.label === mine.ticket.label) break;
  }
  await page.getByTestId('ticket-called').waitFor();
  await page.waitForTimeout(3200); // the pulse animation ends
  await shoot(page, 'phone-called');
  m.engine.start(SITE, '3', CLERK);
  m.engine.complete(SITE, '3', CLERK);
  await page.getByTestId('ticket-done').waitFor();
  await shoot(page, 'phone-done-feedback');
  await phone.close();

  for (const f of written) process.stdout.write(`${f}\n`);
} finally {
  for (const c of cleanups) await c();
}
