#!/usr/bin/env node
// Screenshots of 来庁予約 into docs/screenshots/: booking-phone.png (a booking made on the status
// page of a 360 px phone: the code, when check-in opens and the QR code of its page),
// kiosk-booking-keypad.png (予約の方: the keypad with a code half typed, portrait kiosk) and
// manager-bookings.png (the manager's day of bookings per slot, with check-ins, no-shows and a
// cancellation). It runs the built server in this process (server/dist, a ManualClock, a
// throw-away data directory) with the sample office (filings take bookings), and Debian's
// Chromium via playwright-core.
import { mkdirSync } from 'node:fs';
import { CLERK, launchShooter, MANAGER, morningLobby, out, prepare, signIn, SITE, startServer } from './lib/screenshot-kit.mjs';

const kit = await prepare('status');
await prepare('kiosk');
await prepare('manager');

const PASSWORD = 'screenshot-password';
/** Monday 2026-04-06 (moving season) at a JST time of day */
const at = (hhmm) => new Date(`2026-04-06T${hhmm}:00+09:00`).getTime();
const iso = (hhmm) => new Date(at(hhmm)).toISOString();
const ADDRESS = '192.0.2.10';

const cleanups = [];
try {
  mkdirSync(out, { recursive: true });
  const config = kit.parseConfig(kit.SAMPLE_CONFIG_TEXT, 'screenshots.yaml');
  const clock = new kit.ManualClock(at('08:30'));
  const { m, url } = await startServer(kit, cleanups, { name: 'bookings', config, clock, buttons: false, printing: false });
  await m.auth.createUser('suzuki', PASSWORD, 'manager');
  const kiosk = m.auth.createDevice(SITE, 'kiosk', 'kiosk-1');

  // the morning's bookings, made before the office opened (slots follow the opening at 8:45: 9:15, 9:45, …)
  const book = (hhmm, service) => m.engine.createBooking(SITE, { queue: 'filings', service, start: iso(hhmm), language: 'ja', address: ADDRESS });
  const early = [book('09:15', 'move-in'), book('09:15', 'move-out'), book('09:45', 'move-in'), book('09:45', 'change-of-address'), book('10:15', 'move-in')];
  const later = [book('10:45', 'move-out'), book('10:45', 'move-in'), book('11:15', 'move-in'), book('13:45', 'marriage'), book('14:15', 'move-in')];
  // checked in at the kiosk within their windows (from 30 min before); one of 9:45 never came, the 11:15 one was cancelled by staff
  for (const [hhmm, b] of [['08:50', early[0]], ['08:55', early[1]], ['09:20', early[2]], ['10:00', early[4]]]) {
    clock.set(at(hhmm));
    m.tick();
    m.engine.checkIn(SITE, b.code, { kiosk: 'kiosk-1' }, { kind: 'device', id: String(kiosk.id) });
  }
  m.engine.cancelBookingByStaff(SITE, later[2].code, '転入届の書類不足の連絡あり（電話）', MANAGER);
  clock.set(at('10:20'));
  m.tick();
  morningLobby(m);
  for (const id of ['5', '6']) m.engine.complete(SITE, id, CLERK);

  const { browser, shoot, written } = await launchShooter(cleanups);
  const context = (viewport, extra = {}) => browser.newContext({ viewport, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', deviceScaleFactor: 1, ...extra });

  // a citizen books 14:45 on a phone
  const phone = await context({ width: 360, height: 800 }, { hasTouch: true, isMobile: true });
  let page = await phone.newPage();
  await page.goto(`${url}/status/?site=${SITE}`);
  await page.getByTestId('booking-open').click();
  const form = page.getByTestId('booking-form');
  await form.getByLabel('手続き').selectOption({ label: '転入届' });
  await form.locator('label.slot', { hasText: '14:45–' }).click();
  await page.getByTestId('booking-submit').click();
  const done = page.getByTestId('booking-done');
  await done.getByTestId('qr').waitFor();
  await page.getByTestId('booking-code').evaluate((el) => el.scrollIntoView({ block: 'start' }));
  await page.evaluate('window.scrollBy(0, -120)');
  await shoot(page, 'booking-phone');
  await phone.close();

  // the kiosk: 予約の方, three digits typed
  const screen = await context({ width: 1080, height: 1920 }, { hasTouch: true });
  page = await screen.newPage();
  await page.goto(`${url}/kiosk/?token=${kiosk.token}`);
  await page.getByTestId('booking-entry').click();
  for (const d of later[0].code.slice(0, 3)) await page.getByTestId('keypad').getByRole('button', { name: d, exact: true }).click();
  await shoot(page, 'kiosk-booking-keypad');
  await screen.close();

  // the manager's day of bookings, at 10:45: 9:45's second booking has become a no-show
  clock.set(at('10:45'));
  m.tick();
  const office = await context({ width: 1600, height: 1250 });
  page = await office.newPage();
  await signIn(page, url, 'manager', 'suzuki', PASSWORD);
  await page.locator('[data-tab="bookings"]').click();
  await page.getByTestId('bookings-list').waitFor();
  await shoot(page, 'manager-bookings');
  await office.close();

  for (const f of written) process.stdout.write(`${f}\n`);
} finally {
  for (const c of cleanups) await c();
}
