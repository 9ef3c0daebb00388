/**
 * 来庁予約 in Debian's Chromium against the real server (createMadoguchi on a throw-away data
 * directory, a ManualClock): a citizen books a slot on the status page, types the code on the
 * kiosk's keypad, the slip reaches the printer simulator over TCP (decoded there), and once the
 * slot has started the clerk's call takes the booked ticket before earlier walk-ins. The manager
 * sees the day's bookings and cancels one; the booking's own page cancels another. axe-core runs
 * on each new state. No test sleeps: the server's clock is set, Playwright waits for elements.
 */
import { PrinterSimulator, type DecodedReceipt } from '@madoguchi/printer';
import { CITIZEN, LANGUAGE_NAMES, LANGUAGES } from '@madoguchi/shared';
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/src/adapters/clock/manual-clock.js';
import { PASSWORD } from '../support/server.js';
import { expectAccessible } from './axe.js';
import { KIOSK_SCREEN } from './browser.js';
import { MONDAY_10, sampleOffice, signIn, SITE, useBrowserTests, WAIT, type Running } from './harness.js';

/** Monday 2026-04-06 (moving season) at a JST time of day. */
const at = (hhmm: string): string => new Date(`2026-04-06T${hhmm}:00+09:00`).toISOString();
const CLERK = { kind: 'clerk', id: 'tanaka' } as const;
const WALK_IN_KIOSK = { kind: 'kiosk', id: 'kiosk-0' } as const;
const PHONE = { viewport: { width: 360, height: 800 }, locale: 'ja-JP', timezoneId: 'Asia/Tokyo', hasTouch: true } as const;

const e2e = useBrowserTests('bookings', {
  provision: async (m) => {
    await Promise.all([m.auth.createUser('suzuki', PASSWORD, 'manager'), m.auth.createUser('tanaka', PASSWORD, 'clerk')]);
  },
});

let sim: PrinterSimulator | null = null;
afterEach(async () => {
  await sim?.close();
  sim = null;
});

interface Office extends Running {
  kioskToken: string;
  printed: DecodedReceipt[];
}

/** The sample office (filings take bookings: 30-min slots, 2 places, check-in from 30 min before to 10 min after) whose kiosk prints to the simulator. */
async function startOffice(now = MONDAY_10): Promise<Office> {
  sim = new PrinterSimulator({ port: 0, host: '127.0.0.1' });
  const { port } = await sim.start();
  const printed: DecodedReceipt[] = [];
  sim.onReceipt((r) => printed.push(r));
  const lobby = { id: 'lobby', name: 'lobby', transport: { kind: 'tcp' as const, host: '127.0.0.1', port }, model: 'epson' as const, paperWidthMm: 80 as const, kanji: true };
  const r = await e2e.start(
    { config: sampleOffice(() => ({ printers: [lobby], defaultPrinter: 'lobby' })), printing: { queue: { retryDelaysMs: [20, 20], timeoutMs: 2000 }, pollMs: 0 } },
    new ManualClock(now),
  );
  return { ...r, kioskToken: r.m.auth.createDevice(SITE, 'kiosk', 'kiosk-1').token, printed };
}

/** The citizen's booking on the status page of a phone: filings, today, the slot starting at `slot` (HH:MM). Answers the code shown. */
async function bookOnStatusPage(r: Running, slot: string): Promise<{ page: Page; code: string }> {
  const page = await (await e2e.newContext(PHONE)).newPage();
  await page.goto(`${r.url}/status/?site=${SITE}`);
  await page.getByTestId('booking-open').click();
  const form = page.getByTestId('booking-form');
  await form.getByRole('radio', { name: '届出受付' }).waitFor(WAIT);
  // only the queues that take bookings are offered (filings, in the sample office)
  expect(await form.getByRole('group', { name: '窓口' }).getByRole('radio').count()).toBe(1);
  await form.getByLabel('手続き').selectOption({ label: '転入届' });
  const chosen = form.locator('label.slot', { hasText: `${slot}–` });
  await chosen.waitFor(WAIT);
  expect(await chosen.textContent()).toContain('残り2');
  await expectAccessible(page, 'the status page’s booking form');
  await chosen.click();
  await page.getByTestId('booking-submit').click();
  const code = (await page.getByTestId('booking-code').textContent({ timeout: WAIT.timeout })) ?? '';
  expect(code).toMatch(/^[0-9]{6}$/);
  return { page, code };
}

async function openKiosk(r: Office): Promise<Page> {
  const page = await (await e2e.newContext(KIOSK_SCREEN)).newPage();
  await page.goto(`${r.url}/kiosk/?token=${r.kioskToken}`);
  await page.getByTestId('booking-entry').waitFor(WAIT);
  return page;
}

/** 予約の方 → the code on the on-screen keypad → OK. */
async function typeOnKeypad(page: Page, code: string): Promise<void> {
  await page.getByTestId('booking-entry').click();
  await page.getByTestId('keypad').waitFor(WAIT);
  for (const digit of code) await page.getByTestId('keypad').getByRole('button', { name: digit, exact: true }).click();
  expect(await page.getByTestId('code-display').getAttribute('data-code')).toBe(code);
}

const api = async <T>(r: Running, path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> => {
  const res = await fetch(`${r.url}${path}`, { ...init, headers: { 'content-type': 'application/json', ...(init.headers ?? {}) } });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
};
const slotsOf = async (r: Running, date = '2026-04-06') =>
  (await api<{ slots: Array<{ start: string; available: number }> }>(r, `/api/v1/sites/${SITE}/booking-slots?queue=filings&date=${date}`)).body.slots;

describe('bookings in the browser', () => {
  it('booked on the status page, checked in on the kiosk keypad, printed, and called at its slot before earlier walk-ins', async () => {
    const r = await startOffice(at('10:00'));
    // slots follow the opening at 8:45: 10:15, 10:45, …; the 10:45 one's check-in opens at 10:15
    const { page: phone, code } = await bookOnStatusPage(r, '10:45');
    // the result: the code very large, the QR code of the booking's page, when check-in opens, and the link
    await phone.getByTestId('qr').waitFor(WAIT);
    expect(await phone.getByTestId('booking-checkin').textContent()).toContain('10:15');
    const link = (await phone.getByTestId('booking-link').getAttribute('href')) ?? '';
    // the configured public address (publicUrl) of /b/{token}; the test's server listens elsewhere
    expect(link).toMatch(/^http:\/\/localhost:3000\/b\/[^/]+$/);
    await expectAccessible(phone, 'the booking’s code and QR');
    expect((await slotsOf(r)).find((s) => s.start.startsWith('2026-04-06T01:45'))?.available).toBe(1);

    // two walk-ins arrive before the booked citizen
    const walkIns = [0, 1].map(() => r.m.engine.takeTicket(SITE, { queue: 'filings', service: null }, WALK_IN_KIOSK).ticket.label);

    // 10:20: the citizen types the code on the kiosk's keypad
    r.clock.set(at('10:20'));
    r.m.tick();
    const kiosk = await openKiosk(r);
    await typeOnKeypad(kiosk, code);
    await expectAccessible(kiosk, 'the kiosk keypad');
    await kiosk.getByTestId('key-ok').click();
    const label = (await kiosk.getByTestId('ticket-number').textContent({ timeout: WAIT.timeout })) ?? '';
    expect(await kiosk.getByTestId('booked-flag').textContent()).toBe('予約');
    await expectAccessible(kiosk, 'the kiosk’s result of a booked ticket');
    const issued = r.m.engine.ticketsOfToday(SITE).find((t) => t.label === label);
    expect(issued).toMatchObject({ queue: 'filings', service: 'move-in', state: 'waiting' });
    // the slip, decoded by the printer simulator: the booked ticket's number and the QR of its phone page
    await expect.poll(() => r.printed.some((p) => p.text.includes(label)), WAIT).toBe(true);
    const slip = r.printed.find((p) => p.text.includes(label)) as DecodedReceipt;
    expect(slip.cuts).toBeGreaterThan(0);
    // a normal ticket, marked booked with its slot
    expect(slip.text).toMatch(/予約 10:45[〜～]/);

    // the booking's page now links to the ticket's phone page
    await phone.goto(`${r.url}${new URL(link).pathname}`);
    await expect.poll(() => phone.getByTestId('booking-state').getAttribute('data-state'), WAIT).toBe('checked_in');
    expect(await phone.getByTestId('booking-code').textContent()).toBe(code);
    await phone.getByTestId('booking-ticket').waitFor(WAIT);
    await expectAccessible(phone, 'the booking’s page after check-in');

    // before its slot the booked ticket waits like a walk-in arriving at 10:45: the first walk-in is called first
    r.m.engine.setCounterState(SITE, '5', 'open', CLERK, { clerk: 'tanaka' });
    expect(r.m.engine.callNext(SITE, '5', CLERK)?.label).toBe(walkIns[0]);
    r.m.engine.complete(SITE, '5', CLERK);

    // 10:45, the slot has started: the clerk's console marks it 予約 and its call takes it before the earlier walk-in
    r.clock.set(at('10:45'));
    r.m.tick();
    const desk = await e2e.deskPage({ width: 1366, height: 768 });
    await signIn(desk, `${r.url}/counter/`, 'tanaka');
    await desk.locator('button[data-counter="5"]').click();
    const row = desk.locator(`[data-testid="waiting"] li[data-ticket="${label}"]`);
    await row.waitFor(WAIT);
    expect(await row.locator('.flag-booked').count()).toBe(1);
    await expectAccessible(desk, 'the counter console with a booked ticket');
    await desk.locator('button[data-action="next"]').click();
    await expect.poll(() => desk.getByTestId('current-label').textContent(), WAIT).toBe(label);
    expect(r.m.engine.ticketsOfToday(SITE).find((t) => t.label === walkIns[1])?.state).toBe('waiting');
  });

  it('the kiosk keypad says when check-in opens for a code typed too early, and that an unknown code was not found', async () => {
    const r = await startOffice(at('10:00'));
    const created = await api<{ code: string; start: string }>(r, `/api/v1/sites/${SITE}/bookings`, {
      method: 'POST',
      body: JSON.stringify({ queue: 'filings', start: (await slotsOf(r)).find((s) => s.start.startsWith('2026-04-06T05:15'))?.start }),
    });
    expect(created.status).toBe(201);
    const kiosk = await openKiosk(r);
    // a hardware keyboard types on the keypad too
    await kiosk.getByTestId('booking-entry').click();
    // the keys (and the keyboard) take input once the screen's double-tap guard has passed
    await kiosk.getByTestId('keypad').getByRole('button', { name: '1', exact: true }).and(kiosk.locator(':enabled')).waitFor(WAIT);
    await kiosk.keyboard.type(created.body.code);
    expect(await kiosk.getByTestId('code-display').getAttribute('data-code')).toBe(created.body.code);
    await kiosk.keyboard.press('Enter');
    const message = kiosk.getByRole('alertdialog');
    await message.waitFor(WAIT);
    // the 14:15 slot's check-in opens at 13:45
    expect(await message.textContent()).toContain('13:45から受付できます');
    await expectAccessible(kiosk, 'the kiosk’s too-early message');
    expect(r.m.engine.ticketsOfToday(SITE)).toHaveLength(0);

    // after the message the keypad is still there, emptied for the code to be typed again
    await kiosk.getByRole('button', { name: '閉じる' }).click();
    expect(await kiosk.getByTestId('code-display').getAttribute('data-code')).toBe('');
    for (const digit of '000000') await kiosk.getByTestId('keypad').getByRole('button', { name: digit, exact: true }).click();
    await kiosk.getByTestId('key-ok').click();
    await message.waitFor(WAIT);
    expect(await message.textContent()).toContain('この予約番号は見つかりません');
  });

  it('the keypad fits the kiosk screen in both orientations, in every language, with larger text', async () => {
    const r = await startOffice(at('10:00'));
    const problems: string[] = [];
    for (const viewport of [{ width: 1080, height: 1920 }, { width: 1920, height: 1080 }]) {
      const page = await (await e2e.newContext({ ...KIOSK_SCREEN, viewport })).newPage();
      await page.goto(`${r.url}/kiosk/?token=${r.kioskToken}`);
      await page.getByTestId('booking-entry').waitFor(WAIT);
      await page.getByTestId('large-text').click();
      for (const lang of LANGUAGES) {
        await page.getByRole('button', { name: LANGUAGE_NAMES[lang], exact: true }).click();
        await page.getByTestId('booking-entry').and(page.locator(':enabled')).click();
        await page.getByRole('heading', { name: CITIZEN.t(lang, 'kiosk.booking.heading') }).waitFor(WAIT);
        await page.getByTestId('keypad').getByRole('button', { name: '1', exact: true }).and(page.locator(':enabled')).click();
        // a string: the test files are compiled without the DOM's types
        const overflow = await page.evaluate<string[]>(`(() => {
          const out = [];
          const main = document.querySelector('main');
          if (main.scrollHeight > main.clientHeight || main.scrollWidth > main.clientWidth) out.push('main scrolls ' + main.scrollWidth + '×' + main.scrollHeight);
          for (const el of document.querySelectorAll('.keypad-step, .keypad-step *')) {
            const b = el.getBoundingClientRect();
            if (b.width > 0 && (b.bottom > innerHeight + 0.5 || b.right > innerWidth + 0.5)) out.push(el.className + ' outside');
          }
          for (const key of document.querySelectorAll('.key')) if (key.scrollWidth > key.clientWidth + 1) out.push('text wider than its key: ' + key.textContent);
          return out;
        })()`);
        problems.push(...overflow.map((p) => `${viewport.width}×${viewport.height} ${lang}: ${p}`));
        await page.locator('button.back').click();
      }
    }
    expect(problems).toEqual([]);
  }, 120_000);

  it('the manager sees the day’s bookings per slot and cancels one with a reason; the citizen cancels another on its page', async () => {
    const r = await startOffice(at('09:00'));
    const slot = (await slotsOf(r)).find((s) => s.start.startsWith('2026-04-06T02:15'))?.start;
    const book = () => api<{ code: string; token: string; manageUrl: string }>(r, `/api/v1/sites/${SITE}/bookings`, { method: 'POST', body: JSON.stringify({ queue: 'filings', service: 'move-out', start: slot }) });
    const [first, second] = [await book(), await book()];
    expect([first.status, second.status]).toEqual([201, 201]);
    expect((await slotsOf(r)).find((s) => s.start === slot)?.available).toBe(0);

    const page = await e2e.deskPage({ width: 1600, height: 1000 });
    await signIn(page, `${r.url}/manager/`, 'suzuki');
    await page.locator('[data-tab="bookings"]').click();
    const slotRow = page.locator(`[data-testid="bookings-slots"] tr[data-slot="${slot}"]`);
    await slotRow.waitFor(WAIT);
    expect(await slotRow.locator('[data-figure="booked"]').textContent()).toBe('2');
    expect(await slotRow.textContent()).toContain('11:15–11:45');
    const row = page.locator(`[data-testid="bookings-list"] tr[data-booking="${first.body.code}"]`);
    expect(await row.getAttribute('data-state')).toBe('booked');
    await expectAccessible(page, 'the manager’s bookings');

    await row.getByRole('button', { name: `予約 ${first.body.code} を取り消す` }).click();
    await page.getByTestId('booking-cancel-reason').fill('窓口の臨時閉鎖');
    await expectAccessible(page, 'the manager’s cancel dialog');
    await page.getByTestId('confirm-booking-cancel-confirm').click();
    await expect.poll(() => row.getAttribute('data-state'), WAIT).toBe('cancelled');
    expect(await row.textContent()).toContain('窓口の臨時閉鎖');
    expect(await page.getByTestId('bookings-notice').textContent()).toContain(`予約 ${first.body.code} を取り消しました`);
    expect((await api<{ state: string }>(r, `/api/v1/bookings/${first.body.token}`)).body.state).toBe('cancelled');
    // its place is free again
    expect((await slotsOf(r)).find((s) => s.start === slot)?.available).toBe(1);

    // the citizen cancels the other on the booking's own page, after a confirmation
    const phone = await (await e2e.newContext(PHONE)).newPage();
    await phone.goto(new URL(new URL(second.body.manageUrl).pathname, r.url).href);
    await expect.poll(() => phone.getByTestId('booking-state').getAttribute('data-state'), WAIT).toBe('booked');
    await expectAccessible(phone, 'the booking’s page');
    await phone.getByTestId('booking-cancel').click();
    await expect.poll(() => phone.evaluate('document.activeElement?.id'), WAIT).toBe('cancel-question');
    await expectAccessible(phone, 'the booking page’s confirmation');
    await phone.getByTestId('booking-cancel-yes').click();
    await expect.poll(() => phone.getByTestId('booking-state').getAttribute('data-state'), WAIT).toBe('cancelled');
    expect(await phone.getByRole('status').last().textContent()).toContain('予約を取り消しました');
    expect((await slotsOf(r)).find((s) => s.start === slot)?.available).toBe(2);
    // the manager's list shows it once shown again
    await page.getByTestId('bookings-show').click();
    await expect.poll(() => page.locator(`[data-testid="bookings-list"] tr[data-booking="${second.body.code}"]`).getAttribute('data-state'), WAIT).toBe('cancelled');

    // the day's report carries the bookings of the queue that takes them: both cancelled
    await page.locator('[data-tab="reports"]').click();
    const filings = page.locator('[data-testid="report-bookings"] tr', { hasText: '届出' });
    await filings.waitFor(WAIT);
    expect((await filings.locator('td').allTextContents()).map((t) => t.trim())).toEqual(['0', '0', '0', '2']);
    await expectAccessible(page, 'the day’s report with bookings');
  });
});
