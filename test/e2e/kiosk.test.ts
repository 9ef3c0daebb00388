/**
 * The kiosk page in Debian's Chromium against the real server (createMadoguchi, as production
 * builds it, on a throw-away data directory, with a ManualClock), serving kiosk/dist.
 * No test sleeps: Playwright waits for elements, vitest's expect.poll for the database, and
 * the page's own timers are driven with Playwright's clock.
 */
import { join } from 'node:path';
import { CITIZEN, LANGUAGE_NAMES, LANGUAGES } from '@madoguchi/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../server/src/adapters/clock/manual-clock.js';
import { parseConfig } from '../../server/src/config-file.js';
import type { InstallationConfig, PrinterDef } from '../../server/src/domain/site.js';
import { TWO_SITE_CONFIG_TEXT } from '../../server/src/sample-office.js';
import { KIOSK_SCREEN } from './browser.js';
import { MONDAY_10, sampleOffice, SITE, useBrowserTests, WAIT, type Running as Started } from './harness.js';

/** Saturday 2026-05-16 10:00 JST: the office is closed; it opens again on Monday 18 May at 08:45 */
const SATURDAY_10 = '2026-05-16T01:00:00Z';
const MANAGER = { kind: 'manager', id: 'suzuki' } as const;

interface Running extends Started {
  token: string;
  device: number;
}

// a migrated database with its first-start administrator (whose scrypt hash costs ~0.5 s), copied into each test's server
const e2e = useBrowserTests('kiosk');

/** A printer that writes its bytes into a file; `path` in a missing folder makes it fail. */
const filePrinter = (path: string): PrinterDef => ({
  id: 'lobby',
  name: '1F lobby kiosk printer',
  transport: { kind: 'file', path },
  model: 'epson',
  paperWidthMm: 80,
  kanji: true,
});

async function start(config: InstallationConfig, now = MONDAY_10): Promise<Running> {
  const r = await e2e.start({ config }, new ManualClock(now));
  const { id, token } = r.m.auth.createDevice(SITE, 'kiosk', 'kiosk-1');
  return { ...r, token, device: id };
}

async function openKiosk(r: Running, opts: { clock?: boolean } = {}): Promise<Page> {
  const context = await e2e.newContext(KIOSK_SCREEN);
  const page = await context.newPage();
  if (opts.clock) await page.clock.install();
  await page.goto(`${r.url}/kiosk/?token=${r.token}`);
  await queueButton(page, '証明発行').waitFor(WAIT);
  return page;
}

const queueButton = (page: Page, name: string) => page.getByRole('button', { name: new RegExp(`^${name}`) });
const button = (page: Page, name: string | RegExp) => page.getByRole('button', { name, exact: typeof name === 'string' });
const tickets = (r: Running) => r.m.engine.ticketsOfToday(SITE);

/** The sample office whose only printer is out of paper: every slip fails. */
async function startWithoutPaper(): Promise<Running> {
  const r = await start(sampleOffice(() => ({ printers: [filePrinter(join(e2e.tmpDir('madoguchi-print-'), 'lobby.bin'))], defaultPrinter: 'lobby' })));
  r.m.engine.recordPrinterHealth(SITE, 'lobby', 'paper_out', null);
  return r;
}

/** The button that ends the screen of an unprinted number, in Japanese. */
const notedButton = (page: Page) => button(page, CITIZEN.t('ja', 'kiosk.result.noted'));

/**
 * Whether the screen fits: the document does not scroll, neither does the page's main area, and
 * every element of the header and the result lies inside the viewport; the number and the
 * "noted" button are on top at their centre (nothing covers them).
 */
async function fits(page: Page): Promise<{ ok: boolean; problems: string[] }> {
  // a string: the test files are compiled without the DOM's types
  return (await page.evaluate(`(() => {
    const problems = [];
    const W = window.innerWidth;
    const H = window.innerHeight;
    const root = document.documentElement;
    if (root.scrollHeight > H || root.scrollWidth > W) problems.push('document ' + root.scrollWidth + '×' + root.scrollHeight + ' in ' + W + '×' + H);
    const main = document.querySelector('main');
    if (main && (main.scrollHeight > main.clientHeight || main.scrollWidth > main.clientWidth)) {
      problems.push('main scrolls: ' + main.scrollWidth + '×' + main.scrollHeight + ' in ' + main.clientWidth + '×' + main.clientHeight);
    }
    for (const el of document.querySelectorAll('header, header *, [data-testid="result"], [data-testid="result"] *')) {
      const b = el.getBoundingClientRect();
      if (b.width === 0 && b.height === 0) continue;
      if (b.top < -0.5 || b.left < -0.5 || b.bottom > H + 0.5 || b.right > W + 0.5) {
        problems.push(el.tagName.toLowerCase() + '.' + el.className + ' at ' + [b.left, b.top, b.right, b.bottom].map(Math.round).join(','));
      }
    }
    for (const id of ['ticket-number', 'result-done']) {
      const el = document.querySelector('[data-testid="' + id + '"]');
      if (!el) {
        problems.push(id + ' missing');
        continue;
      }
      const b = el.getBoundingClientRect();
      const hit = document.elementFromPoint(b.left + b.width / 2, b.top + b.height / 2);
      if (!hit || !el.contains(hit)) problems.push(id + ' covered or off-screen');
    }
    return { ok: problems.length === 0, problems };
  })()`)) as { ok: boolean; problems: string[] };
}

async function shownNumber(page: Page): Promise<string> {
  const n = page.getByTestId('ticket-number');
  await n.waitFor(WAIT);
  return (await n.textContent()) ?? '';
}

describe('kiosk page', () => {
  it('a tap on 証明発行 and a procedure issues one ticket whose number, wait and QR code the screen shows', async () => {
    const r = await start(sampleOffice());
    const page = await openKiosk(r);
    // the token left the address bar and stays with the browser
    expect(page.url()).toBe(`${r.url}/kiosk/`);
    expect(page.url()).not.toContain(r.token);

    await queueButton(page, '証明発行').click();
    await button(page, '住民票の写し').click();
    const label = await shownNumber(page);

    const issued = tickets(r);
    expect(issued).toHaveLength(1);
    expect(issued[0]).toMatchObject({ label, queue: 'certificates', service: 'juminhyo', state: 'waiting', priority: false });
    expect(label).toBe('1001');
    await page.getByTestId('qr').waitFor(WAIT);
    expect(await page.getByTestId('result').textContent()).toContain('あなたの前にお待ちの方はいません');

    // back at the start the waiting count has moved live; a reload needs no token in the URL
    await button(page, '最初の画面に戻る').click();
    await expect.poll(() => queueButton(page, '証明発行').textContent(), WAIT).toContain('待ち 1人');
    await page.goto(`${r.url}/kiosk/`);
    await expect.poll(() => queueButton(page, '証明発行').textContent(), WAIT).toContain('待ち 1人');
  });

  it('the seated-counter and priority options go with the ticket', async () => {
    const r = await start(sampleOffice());
    const page = await openKiosk(r);
    await button(page, '座って手続きしたい').click();
    await button(page, /^優先受付/).click();
    await queueButton(page, '届出受付').click();
    await button(page, 'その他・わからない').click();
    const label = await shownNumber(page);
    expect(tickets(r)).toEqual([expect.objectContaining({ label, queue: 'filings', service: null, priority: true, lowCounter: true })]);
  });

  it('switches to English and back to Japanese, names included', async () => {
    const r = await start(sampleOffice());
    const page = await openKiosk(r);
    await button(page, 'English').click();
    await page.getByRole('heading', { name: 'What have you come for?' }).waitFor(WAIT);
    await queueButton(page, 'Certificates').waitFor(WAIT);
    expect(await page.locator('html').getAttribute('lang')).toBe('en-US');
    expect(await page.locator('main').textContent()).not.toMatch(/[ぁ-んァ-ン一-龯]/);

    await button(page, '日本語').click();
    await page.getByRole('heading', { name: 'ご用件を選んでください' }).waitFor(WAIT);
    await queueButton(page, '証明発行').waitFor(WAIT);
    expect(await page.locator('html').getAttribute('lang')).toBe('ja-JP');
  });

  it('works with the keyboard alone, with a visible focus', async () => {
    const r = await start(sampleOffice());
    const page = await openKiosk(r);
    await expect.poll(() => queueButton(page, '証明発行').isEnabled(), WAIT).toBe(true);
    await queueButton(page, '証明発行').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => button(page, '住民票の写し').isEnabled(), WAIT).toBe(true);
    // the step takes the focus on its heading once rendered (an effect, a moment after the buttons)
    await expect.poll(() => page.evaluate('document.activeElement.id'), WAIT).toBe('services-heading');
    await page.keyboard.press('Tab'); // from the step's heading to its first procedure
    expect(await page.evaluate('document.activeElement.dataset.service')).toBe('juminhyo');
    expect(await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')).toBe('solid');
    await page.keyboard.press('Enter');
    const label = await shownNumber(page);
    expect(tickets(r).map((t) => t.label)).toEqual([label]);
    // "back to the start" takes the focus once it works
    await expect.poll(() => page.evaluate('document.activeElement.className'), WAIT).toBe('done');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'ご用件を選んでください' }).waitFor(WAIT);
  });

  it('a double tap yields exactly one ticket', async () => {
    const r = await start(sampleOffice());
    const page = await openKiosk(r);
    await queueButton(page, '証明発行').click();
    await button(page, '住民票の写し').dblclick();
    const label = await shownNumber(page);
    expect(tickets(r).map((t) => t.label)).toEqual([label]);
  });

  it('a lost answer is retried with the same Idempotency-Key and still yields one ticket', async () => {
    const r = await start(sampleOffice());
    const page = await openKiosk(r);
    const keys: string[] = [];
    await page.route('**/api/v1/sites/naka/tickets', async (route) => {
      keys.push((await route.request().headerValue('idempotency-key')) ?? '');
      if (keys.length === 1) {
        await route.fetch(); // the server issues the ticket…
        await route.abort('connectionreset'); // …and its answer is lost on the way
      } else {
        await route.continue();
      }
    });
    await queueButton(page, '証明発行').click();
    await button(page, '住民票の写し').click();
    const label = await shownNumber(page);
    expect(keys.length).toBeGreaterThanOrEqual(2);
    expect(new Set(keys).size).toBe(1);
    expect(keys[0]).toMatch(/^[A-Za-z0-9_.:-]{16,128}$/);
    expect(tickets(r).map((t) => t.label)).toEqual([label]);
  });

  it('when closed, each window shows the reason and the next opening, in Japanese and in English', async () => {
    const r = await start(parseConfig(TWO_SITE_CONFIG_TEXT, 'two-sites.yaml'), SATURDAY_10);
    const page = await openKiosk(r);
    const certificates = queueButton(page, '証明発行');
    expect(await certificates.isDisabled()).toBe(true);
    expect(await certificates.textContent()).toContain('本日は閉庁日です');
    expect(await certificates.textContent()).toContain('次の受付開始 5月18日(月) 8:45');

    await button(page, 'English').click();
    const en = queueButton(page, 'Certificates');
    await en.waitFor(WAIT);
    expect(await en.textContent()).toContain('The office is closed today');
    expect(await en.textContent()).toContain('Opens again Mon, May 18, 8:45 AM');
    expect(tickets(r)).toHaveLength(0);
  });

  it('a window whose issuing a manager paused is disabled and says so; the others still issue', async () => {
    const r = await start(sampleOffice());
    const page = await openKiosk(r);
    r.m.engine.setIssuing(SITE, { mode: 'paused', queue: 'certificates', reason: 'システム点検' }, MANAGER);
    // wait for the paused text, not for `disabled`: the page's double-tap guard also disables every
    // button for a moment after it opens, so `disabled` alone may be seen before the push arrives
    await expect.poll(() => queueButton(page, '証明発行').textContent(), WAIT).toContain('ただいま発券を一時停止しています');
    expect(await queueButton(page, '証明発行').isDisabled()).toBe(true);
    // the other window stays available (after the page's short double-tap guard)
    await expect.poll(() => queueButton(page, '届出受付').isEnabled(), WAIT).toBe(true);
    await queueButton(page, '届出受付').click();
    await button(page, '転入届').click();
    expect(await shownNumber(page)).toBe('2001');
  });

  it('a window whose numbers are used up for the day is disabled and says so, from the catalogue; the others still issue', async () => {
    // certificates number 1001…1003 only (issue #13 item 3)
    const r = await start(sampleOffice((s) => ({ queues: s.queues.map((q) => (q.id === 'certificates' ? { ...q, numbering: { ...q.numbering, last: 1003 } } : q)) })));
    const page = await openKiosk(r);
    for (let i = 0; i < 3; i++) r.m.engine.takeTicket(SITE, { queue: 'certificates' }, MANAGER);
    // the last ticket's push says the queue is closed for the day: wait for the text, then `disabled` (see above)
    await expect.poll(() => queueButton(page, '証明発行').textContent(), WAIT).toContain('本日の番号札はすべて発行しました。職員にお声がけください。');
    expect(await queueButton(page, '証明発行').isDisabled()).toBe(true);
    expect(await queueButton(page, '証明発行').getAttribute('data-issuing')).toBe('closed');
    await expect.poll(() => queueButton(page, '届出受付').isEnabled(), WAIT).toBe(true);
    await button(page, 'English').click();
    await expect.poll(() => queueButton(page, 'Certificates').textContent(), WAIT).toContain('All of today’s numbers have been issued.');
    expect(tickets(r)).toHaveLength(3);
  });

  it('a refusal from the server (issuing ended meanwhile) is explained from the catalogue, not in the server’s English', async () => {
    // Monday 16:59 JST: certificates still issue; at 17:00 the cut-off ends issuing without any event
    const r = await start(parseConfig(TWO_SITE_CONFIG_TEXT, 'two-sites.yaml'), '2026-04-06T07:59:00Z');
    const page = await openKiosk(r);
    await queueButton(page, '証明発行').click();
    r.clock.set('2026-04-06T08:01:00Z');
    await button(page, '住民票の写し').click();
    const message = page.getByTestId('message');
    await message.waitFor(WAIT);
    const text = (await message.textContent()) ?? '';
    expect(text).toContain('本日の受付は終了しました');
    expect(text).toContain('ただいま受付時間外のため、番号札を発行できません。');
    expect(text).toContain('次の受付開始 4月7日(火) 8:45');
    expect(text).not.toMatch(/issuing|closed|cutoff/i);
    expect(tickets(r)).toHaveLength(0);
    // the kiosk fetched the new state: the window is now shown as closed
    await button(page, '閉じる').click();
    await expect.poll(() => queueButton(page, '証明発行').textContent(), WAIT).toContain('本日の受付は終了しました');
    expect(await queueButton(page, '証明発行').isDisabled()).toBe(true);
  });

  it('with the printer out of paper the number still shows, with the printer-trouble message', async () => {
    const r = await start(sampleOffice(() => ({ printers: [filePrinter(join(e2e.tmpDir('madoguchi-print-'), 'lobby.bin'))], defaultPrinter: 'lobby' })));
    const page = await openKiosk(r);
    r.m.engine.recordPrinterHealth(SITE, 'lobby', 'paper_out', null);
    await queueButton(page, '証明発行').click();
    await button(page, '住民票の写し').click();
    const label = await shownNumber(page);
    expect(tickets(r).map((t) => t.label)).toEqual([label]);
    const message = page.getByTestId('print-message');
    expect(await message.getAttribute('data-print')).toBe('failed');
    expect(await message.textContent()).toContain('プリンターの不具合で番号札を印刷できませんでした');
    await button(page, 'English').click();
    await expect.poll(() => message.textContent(), WAIT).toContain('the printer has a problem');
  });

  it('a print failure reported after the ticket was shown turns the message into the printer-trouble one', async () => {
    // the printer's file is in a folder that does not exist: a print worker, if running, cannot print it
    const r = await start(sampleOffice(() => ({ printers: [filePrinter(join(e2e.tmpDir('madoguchi-print-'), 'missing', 'lobby.bin'))], defaultPrinter: 'lobby' })));
    const page = await openKiosk(r);
    await queueButton(page, '証明発行').click();
    await button(page, '住民票の写し').click();
    await shownNumber(page);
    const message = page.getByTestId('print-message');
    const job = r.m.engine.pendingPrintJobs(SITE)[0];
    if (job) r.m.engine.printOutcome(SITE, job.id, { printed: false, reason: 'paper_out', attempts: 1 });
    await expect.poll(() => message.getAttribute('data-print'), WAIT).toBe('failed');
    expect(await message.textContent()).toContain('職員には連絡済みです');
  });

  it('an emergency announcement covers the kiosk and stops issuing until it is cleared', async () => {
    const r = await start(sampleOffice());
    const page = await openKiosk(r);
    const id = r.m.engine.postAnnouncement(SITE, { message: '地震が発生しました。職員の指示に従ってください。', severity: 'emergency' }, MANAGER);
    const cover = page.getByTestId('emergency');
    await cover.waitFor(WAIT);
    expect(await cover.textContent()).toContain('地震が発生しました');
    expect(await cover.textContent()).toContain('緊急のお知らせ');
    expect(await queueButton(page, '証明発行').isDisabled()).toBe(true);
    // the cover is on top: a tap on the window's place lands on it
    const box = await queueButton(page, '証明発行').boundingBox();
    expect(box).not.toBeNull();
    const hit = `document.elementFromPoint(${box!.x + box!.width / 2}, ${box!.y + box!.height / 2})?.closest('[data-testid="emergency"]') != null`;
    expect(await page.evaluate(hit)).toBe(true);

    r.m.engine.clearAnnouncement(SITE, id, MANAGER);
    await cover.waitFor({ state: 'detached', ...WAIT });
    await expect.poll(() => queueButton(page, '証明発行').isEnabled(), WAIT).toBe(true);
    expect(tickets(r)).toHaveLength(0);
  });

  it('without a connection it shows a discreet indicator and refuses taps with a message', async () => {
    const r = await start(sampleOffice());
    const page = await openKiosk(r);
    await page.context().setOffline(true);
    r.m.realtime.disconnectAll();
    await page.getByTestId('offline').waitFor(WAIT);
    await queueButton(page, '証明発行').click();
    const message = page.getByTestId('message');
    await message.waitFor(WAIT);
    expect(await message.textContent()).toContain('通信ができないため');
    await button(page, '閉じる').click();
    await page.context().setOffline(false);
    await page.getByTestId('offline').waitFor({ state: 'detached', timeout: 15_000 });
    expect(tickets(r)).toHaveLength(0);
  });

  it('without a device token, or once it is revoked, the kiosk says to call staff and offers nothing to tap', async () => {
    const r = await start(sampleOffice());
    const context = await e2e.newContext(KIOSK_SCREEN);
    const bare = await context.newPage();
    await bare.goto(`${r.url}/kiosk/`);
    await bare.getByText('この端末は発券機として登録されていません。職員にお知らせください。').waitFor(WAIT);
    expect(await bare.getByRole('button').count()).toBe(0);
    await bare.close();

    const page = await context.newPage();
    await page.goto(`${r.url}/kiosk/?token=${r.token}`);
    await queueButton(page, '証明発行').waitFor(WAIT);
    r.m.auth.revokeDevice(SITE, r.device);
    await page.getByText('この発券機の登録が無効になっています。職員にお知らせください。').waitFor(WAIT);
    expect(await page.getByRole('button').count()).toBe(0);
  });

  it('returns to the start, in Japanese, 30 s after the number was shown', async () => {
    const r = await start(sampleOffice());
    const page = await openKiosk(r, { clock: true });
    await button(page, 'English').click();
    await queueButton(page, 'Certificates').click();
    await button(page, 'Certificate of residence').click();
    await shownNumber(page);
    await page.clock.runFor(31_000);
    await page.getByRole('heading', { name: 'ご用件を選んでください' }).waitFor(WAIT);
    expect(await page.getByTestId('result').count()).toBe(0);
  });
  it('when the slip did not print, the number stays past 15 s and a tap on it does not take it away; only "番号を控えました" does', async () => {
    const r = await startWithoutPaper();
    const page = await openKiosk(r, { clock: true });
    await queueButton(page, '証明発行').click();
    await button(page, '住民票の写し').click();
    const label = await shownNumber(page);
    expect(await page.getByTestId('print-message').getAttribute('data-print')).toBe('failed');
    expect(await page.getByRole('alert').textContent()).toBe(CITIZEN.t('ja', 'kiosk.print.failed'));
    // no countdown hurries the citizen, and the usual "back to the start" is replaced by the button
    expect(await page.locator('.result-returning').count()).toBe(0);
    expect(await button(page, '最初の画面に戻る').count()).toBe(0);

    await page.clock.runFor(16_000);
    expect(await shownNumber(page)).toBe(label);
    // the keyboard lands on the button once it works
    await expect.poll(() => page.evaluate('document.activeElement?.dataset.testid'), WAIT).toBe('result-done');
    // a tap on the number (well after the tap guard) leaves it there
    await page.getByTestId('ticket-number').click();
    await page.clock.runFor(2_000);
    await page.getByTestId('result').click({ position: { x: 5, y: 5 } });
    await page.clock.runFor(60_000);
    expect(await shownNumber(page)).toBe(label);

    await notedButton(page).click();
    await page.getByRole('heading', { name: 'ご用件を選んでください' }).waitFor(WAIT);
    expect(await page.getByTestId('result').count()).toBe(0);
    expect(tickets(r).map((x) => x.label)).toEqual([label]);
  });

  it('an unprinted number left alone returns to the start only after 3 minutes without a touch', async () => {
    const r = await startWithoutPaper();
    const page = await openKiosk(r, { clock: true });
    await queueButton(page, '届出受付').click();
    await button(page, '転入届').click();
    const label = await shownNumber(page);
    await page.clock.runFor(170_000);
    await page.getByTestId('ticket-number').click(); // a touch starts the 3 minutes again
    await page.clock.runFor(170_000);
    expect(await shownNumber(page)).toBe(label);
    await page.clock.runFor(11_000);
    await page.getByRole('heading', { name: 'ご用件を選んでください' }).waitFor(WAIT);
    expect(await page.getByTestId('result').count()).toBe(0);
  });

  it('when the slip printed, a tap anywhere still returns to the start once the tap guard has passed', async () => {
    const r = await start(sampleOffice());
    const page = await openKiosk(r, { clock: true });
    await queueButton(page, '証明発行').click();
    await button(page, '住民票の写し').click();
    await shownNumber(page);
    expect(await page.getByTestId('print-message').getAttribute('data-print')).not.toBe('failed');
    expect(await page.locator('.result-returning').count()).toBe(1);
    await page.clock.runFor(2_000);
    await page.getByTestId('ticket-number').click();
    await page.getByRole('heading', { name: 'ご用件を選んでください' }).waitFor(WAIT);
  });

  for (const [orientation, viewport] of [
    ['portrait', { width: 1080, height: 1920 }],
    ['landscape', { width: 1920, height: 1080 }],
  ] as const) {
    it(`the unprinted number's screen fits the ${orientation} screen with priority, seated and a procedure, in every language`, async () => {
      const r = await startWithoutPaper();
      const context = await e2e.newContext({ ...KIOSK_SCREEN, viewport });
      const page = await context.newPage();
      await page.goto(`${r.url}/kiosk/?token=${r.token}`);
      const problems: string[] = [];
      // the longest names of the sample office: 保険年金 › 国民健康保険 and 証明発行 › 印鑑登録証明書
      for (const [queue, service] of [
        ['保険年金', '国民健康保険'],
        ['証明発行', '印鑑登録証明書'],
      ] as const) {
        await queueButton(page, queue).waitFor(WAIT);
        await button(page, '座って手続きしたい').click();
        await button(page, /^優先受付/).click();
        await queueButton(page, queue).click();
        await button(page, service).click();
        await shownNumber(page);
        expect(await page.getByTestId('result').textContent()).toContain('優先受付');
        for (const lang of LANGUAGES) {
          await button(page, LANGUAGE_NAMES[lang]).click();
          const done = button(page, CITIZEN.t(lang, 'kiosk.result.noted'));
          await done.waitFor(WAIT);
          await expect.poll(() => done.isEnabled(), WAIT).toBe(true);
          await expect.poll(() => page.getByTestId('print-message').textContent(), WAIT).toBe(CITIZEN.t(lang, 'kiosk.print.failed'));
          for (const p of (await fits(page)).problems) problems.push(`${queue} ${lang}: ${p}`);
          // the whole button is inside the viewport
          const box = await done.boundingBox();
          if (!box || box.y < 0 || box.x < 0 || box.y + box.height > viewport.height || box.x + box.width > viewport.width) {
            problems.push(`${queue} ${lang}: the button at ${JSON.stringify(box)}`);
          }
        }
        await button(page, CITIZEN.t('vi', 'kiosk.result.noted')).click();
      }
      expect(problems).toEqual([]);
      expect(tickets(r)).toHaveLength(2);
    });
  }
});
