/**
 * The floor manager's page (フロアマネージャー) in Debian's Chromium against the real server
 * (createMadoguchi, as production builds it, on a throw-away data directory, with a ManualClock),
 * serving manager/dist. Managers sign in through the page (the session cookie); kiosks and clerks
 * act through the HTTP API with their tokens, and the page must show it live. No test sleeps:
 * Playwright waits for elements, expect.poll for values; time moves only on the ManualClock.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/src/config-file.js';
import { TWO_SITE_CONFIG_TEXT } from '../../server/src/sample-office.js';
import { PASSWORD } from '../support/server.js';
import { sampleOffice, signIn as signInOn, SITE, useBrowserTests, WAIT, type Running } from './harness.js';

/** "within a second" (plus the dashboard's 300 ms debounce and a loaded machine's slack) */
const LIVE = { timeout: 1_500 };
const KIOSK = { kind: 'device', id: 'kiosk-1' } as const;
const CLERK = { kind: 'clerk', id: 'tanaka' } as const;

/** the clerk's bearer token, made in the template (its session row is in the copied database) */
let clerkBearer: string;

// a migrated database with the accounts, copied into each test's server
const e2e = useBrowserTests('manager', {
  template: { buttons: false, printing: false },
  provision: async (m) => {
    await Promise.all([m.auth.createUser('suzuki', PASSWORD, 'manager'), m.auth.createUser('tanaka', PASSWORD, 'clerk'), m.auth.createUser('yamada', PASSWORD, 'admin')]);
    clerkBearer = (await m.auth.login('tanaka', PASSWORD, 'bearer')).token;
  },
});

/** The sample office without a printer or call buttons. */
const start = (): Promise<Running> => e2e.start({ config: sampleOffice(), buttons: false, printing: false });

/** A stand-in AudioContext: every oscillator started (the alert beep) is counted in window.__beeps. */
const COUNTED_BEEPS = `
  window.__beeps = 0;
  const param = () => ({ value: 0, setValueAtTime() {}, exponentialRampToValueAtTime() {} });
  window.AudioContext = class {
    state = 'running';
    currentTime = 0;
    destination = {};
    resume() { return Promise.resolve(); }
    createOscillator() { return { type: 'sine', frequency: param(), connect() {}, stop() {}, start() { window.__beeps += 1; } }; }
    createGain() { return { gain: param(), connect() {} }; }
  };
`;

/** A desk PC's browser (its own cookies and localStorage); the alert beep is counted, not played. */
async function newPage(opts: { viewport?: { width: number; height: number } } = {}): Promise<Page> {
  const page = await e2e.deskPage(opts.viewport ?? { width: 1600, height: 1000 });
  await page.addInitScript(COUNTED_BEEPS);
  return page;
}

const signIn = (page: Page, r: Running, username: string): Promise<void> => signInOn(page, `${r.url}/manager/`, username);

/** Signs a manager in and waits for the dashboard's figures (GET …/dashboard answered). */
async function openDashboard(r: Running, username = 'suzuki'): Promise<Page> {
  const page = await newPage();
  await signIn(page, r, username);
  await queueCell(page, 'certificates', 'queue-issued').waitFor(WAIT);
  await expect.poll(() => queueCell(page, 'certificates', 'queue-issued').textContent(), WAIT).toMatch(/^\d+$/);
  return page;
}

const queueCell = (page: Page, queue: string, testId: string) => page.locator(`tr[data-queue="${queue}"] [data-testid="${testId}"]`).first();
const text = async (page: Page, queue: string, testId: string): Promise<string> => (await queueCell(page, queue, testId).textContent()) ?? '';
const counterRow = (page: Page, counter: string) => page.locator(`.counters-table tr[data-counter="${counter}"]`);

async function kioskTicket(r: Running, token: string, queue: string): Promise<string> {
  const res = await fetch(`${r.url}/api/v1/sites/${SITE}/tickets`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ queue }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { label: string }).label;
}

const beeps = (page: Page): Promise<number> => page.evaluate<number>('window.__beeps');

// each test signs staff in (scrypt) and drives a browser: give a loaded CI machine room
describe('floor manager page', { timeout: 60_000 }, () => {
  it('shows a ticket issued at a kiosk within a second: waiting and issued go up', async () => {
    const r = await start();
    const kiosk = r.m.auth.createDevice(SITE, 'kiosk', 'kiosk 1');
    const page = await openDashboard(r);
    expect(await text(page, 'certificates', 'queue-waiting')).toBe('0');
    expect(await text(page, 'certificates', 'queue-issued')).toBe('0');

    const label = await kioskTicket(r, kiosk.token, 'certificates');
    expect(label).toBe('1001');
    await expect.poll(() => text(page, 'certificates', 'queue-waiting'), LIVE).toBe('1');
    await expect.poll(() => text(page, 'certificates', 'queue-issued'), LIVE).toBe('1');
    // and in today's tickets, without a reload
    await page.locator('[data-tab="tickets"]').click();
    await page.locator('tr[data-ticket="1001"]').waitFor(WAIT);
    expect(await page.locator('tr[data-ticket="1001"]').textContent()).toContain('待ち');
  });

  it('moves a counter from filings to certificates: the preview shows the estimate change, then its next call is a certificates ticket', async () => {
    const r = await start();
    r.m.engine.setCounterState(SITE, '1', 'open', CLERK, { clerk: 'sato' });
    r.m.engine.setCounterState(SITE, '5', 'open', CLERK, { clerk: 'tanaka' });
    for (let i = 0; i < 6; i += 1) r.m.engine.takeTicket(SITE, { queue: 'certificates', service: null }, KIOSK);
    r.m.engine.takeTicket(SITE, { queue: 'filings', service: null }, KIOSK);
    const page = await openDashboard(r);
    await expect.poll(() => text(page, 'certificates', 'queue-waiting'), WAIT).toBe('6');
    const before = await text(page, 'certificates', 'queue-estimate');
    expect(before).toMatch(/^\d+分$/);

    await counterRow(page, '5').locator('button[data-action="move"]').click();
    const dialog = page.getByTestId('move-counter');
    await dialog.waitFor(WAIT);
    await dialog.getByRole('checkbox', { name: '届出受付' }).uncheck();
    await dialog.getByRole('checkbox', { name: '証明発行' }).check();
    const previewRow = dialog.locator('tr[data-queue="certificates"]');
    await previewRow.waitFor(WAIT);
    const previewBefore = (await previewRow.getByTestId('preview-before').textContent()) ?? '';
    const previewAfter = (await previewRow.getByTestId('preview-after').textContent()) ?? '';
    expect(previewBefore).toBe(before);
    // a second counter for certificates: the estimate for a new ticket drops
    expect(parseInt(previewAfter, 10)).toBeLessThan(parseInt(previewBefore, 10));
    expect(await dialog.getByTestId('preview-next').textContent()).toContain('2001 → 1001');

    await dialog.getByTestId('move-confirm').click();
    await dialog.waitFor({ state: 'detached', ...WAIT });
    await expect.poll(() => counterRow(page, '5').getByTestId('counter-queues').textContent(), WAIT).toBe('証明発行');
    await expect.poll(() => text(page, 'certificates', 'queue-estimate'), LIVE).toBe(previewAfter);
    expect(r.m.engine.counters(SITE).find((c) => c.id === '5')?.queues).toEqual(['certificates']);

    // the clerk at counter 5 calls next: a certificates ticket
    const res = await fetch(`${r.url}/api/v1/sites/${SITE}/counters/5/call-next`, {
      method: 'POST',
      headers: { authorization: `Bearer ${clerkBearer}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(200);
    const { ticket } = (await res.json()) as { ticket: { label: string; queue: string } };
    expect(ticket).toMatchObject({ label: '1001', queue: 'certificates' });
    await expect.poll(() => counterRow(page, '5').getByTestId('counter-ticket').textContent(), LIVE).toBe('1001');
    await expect.poll(() => text(page, 'certificates', 'queue-waiting'), LIVE).toBe('5');
  });

  it('alerts when a wait passes its threshold on the clock: shown in red and beeped once; muted, a new alert is silent', async () => {
    const r = await start();
    const page = await openDashboard(r);
    const alerts = page.getByTestId('alerts');
    expect(await alerts.textContent()).toContain('アラートはありません');
    r.m.engine.takeTicket(SITE, { queue: 'certificates', service: null }, KIOSK);
    await expect.poll(() => text(page, 'certificates', 'queue-waiting'), LIVE).toBe('1');
    // certificates: alerts.waitMinutes 30 in the sample office
    r.clock.advanceMinutes(29);
    r.m.tick();
    expect(await beeps(page)).toBe(0);
    r.clock.advanceMinutes(2);
    r.m.tick();
    const wait = alerts.locator('[data-alert="wait:certificates"]');
    await wait.waitFor(LIVE);
    expect(await wait.textContent()).toContain('証明発行：最長待ち 31分（基準 30分）');
    expect(await page.evaluate<string>(`getComputedStyle(document.querySelector('[data-testid="alerts"]')).borderTopColor`)).toBe('rgb(164, 0, 29)');
    await expect.poll(() => beeps(page), WAIT).toBeGreaterThan(0);
    const beeped = await beeps(page);
    expect(await page.locator('[data-tab="dashboard"] .tab-count').textContent()).toBe('1');

    // the same alert going on does not beep again (another ticket: an event, the figures are fetched again)
    r.clock.advanceMinutes(1);
    r.m.tick();
    r.m.engine.takeTicket(SITE, { queue: 'certificates', service: null }, KIOSK);
    await expect.poll(() => wait.textContent(), WAIT).toContain('最長待ち 32分');
    expect(await beeps(page)).toBe(beeped);

    // muted: a counter paused past counterPausedMinutes (20) is shown but not beeped
    const sound = page.getByTestId('sound');
    await sound.click();
    expect(await sound.getAttribute('aria-pressed')).toBe('false');
    r.m.engine.setCounterState(SITE, '2', 'open', CLERK, { clerk: 'sato' });
    r.m.engine.setCounterState(SITE, '2', 'paused', CLERK, { reason: 'break' });
    r.clock.advanceMinutes(21);
    r.m.tick();
    await alerts.locator('[data-alert^="counter_paused"]').waitFor(LIVE);
    expect(await alerts.locator('[data-alert^="counter_paused"]').textContent()).toContain('2番窓口：休止 21分（基準 20分）');
    // the page counts in the server's time (the ManualClock's), give or take the real seconds since
    await expect.poll(() => counterRow(page, '2').getByTestId('counter-timer').textContent(), WAIT).toMatch(/^休憩 21:0\d$/);
    expect(await beeps(page)).toBe(beeped);
  });

  it('shows slips that failed before the page opened, and a reprint clears them', async () => {
    const lobby = { id: 'lobby', name: 'ロビー', transport: { kind: 'file' as const, path: join(e2e.tmpDir('madoguchi-slips-'), 'lobby.bin') }, model: 'epson' as const, paperWidthMm: 80 as const, kanji: true };
    const r = await e2e.start({ config: sampleOffice(() => ({ printers: [lobby], defaultPrinter: 'lobby' })), buttons: false, printing: false });
    r.m.engine.recordPrinterHealth(SITE, 'lobby', 'paper_out', null);
    const failed = r.m.engine.takeTicket(SITE, { queue: 'certificates' }, KIOSK);
    expect(failed.print.state).toBe('failed');
    r.m.engine.recordPrinterHealth(SITE, 'lobby', 'ok', null);

    const page = await openDashboard(r);
    const panel = page.getByTestId('failed-prints');
    await expect.poll(() => panel.textContent(), WAIT).toContain(`${failed.ticket.label}番`);
    await page.getByRole('button', { name: `${failed.ticket.label}番を再印刷` }).click();
    // the row goes (the panel stays a moment for the "reprinted" notice)
    await panel.locator(`li[data-job="${failed.print.job}"]`).waitFor({ state: 'detached', ...WAIT });
    expect(await panel.locator('li').count()).toBe(0);
    // a new slip is queued for that ticket, and the failure is no longer listed for anyone
    expect(r.m.engine.pendingPrintJobs(SITE).map((j) => j.ticketId)).toEqual([failed.ticket.id]);
    expect(r.m.engine.dashboard(SITE, []).failedPrints).toEqual([]);
  });

  it('an emergency announcement posted from the page reaches a lobby display, and clearing it there too', async () => {
    const r = await start();
    const display = r.m.auth.createDevice(SITE, 'display', 'lobby display');
    const page = await openDashboard(r);
    const screen = await newPage({ viewport: { width: 1280, height: 720 } });
    await screen.goto(`${r.url}/display/?token=${display.token}`);
    await screen.getByTestId('display').waitFor(WAIT);

    const panel = page.getByTestId('announcements');
    const message = '地震が発生しました。職員の指示に従ってください。';
    await panel.getByLabel('本文').fill(message);
    await panel.getByLabel('緊急（全画面に表示し、発券を停止）').check();
    await panel.getByTestId('announce-post').click();
    // asked twice: it stops issuing everywhere
    const confirm = page.getByTestId('confirm-emergency');
    await confirm.waitFor(WAIT);
    await confirm.getByTestId('confirm-emergency-confirm').click();

    const cover = screen.getByTestId('emergency');
    await cover.waitFor(LIVE);
    expect(await cover.textContent()).toContain(message);
    await expect.poll(() => text(page, 'certificates', 'queue-issuing'), LIVE).toBe('緊急停止');
    expect(r.m.engine.snapshot(SITE).announcements).toMatchObject([{ message, severity: 'emergency' }]);

    await panel.getByRole('button', { name: `お知らせ「${message}」を取り消す` }).click();
    await cover.waitFor({ state: 'detached', ...WAIT });
    expect(r.m.engine.snapshot(SITE).announcements).toEqual([]);
  });

  it('acts on the floor: pauses a counter with a reason, closes one after confirming, pauses issuing, cancels a ticket and reinstates a no-show', async () => {
    const r = await start();
    r.m.engine.setCounterState(SITE, '1', 'open', CLERK, { clerk: 'tanaka' });
    r.m.engine.setCounterState(SITE, '2', 'open', CLERK, { clerk: 'sato' });
    const first = r.m.engine.takeTicket(SITE, { queue: 'certificates', service: null }, KIOSK).ticket.label;
    const second = r.m.engine.takeTicket(SITE, { queue: 'certificates', service: null }, KIOSK).ticket.label;
    r.m.engine.callNext(SITE, '1', CLERK);
    r.m.engine.noShow(SITE, '1', CLERK);
    const page = await openDashboard(r);

    await counterRow(page, '2').locator('button[data-action="pause"]').click();
    await page.getByTestId('pause-counter').locator('button[data-reason="phone"]').click();
    await expect.poll(() => counterRow(page, '2').getByTestId('counter-state').textContent(), LIVE).toBe('休止中');
    await expect.poll(() => counterRow(page, '2').getByTestId('counter-timer').textContent(), WAIT).toMatch(/^電話対応 0:0\d$/);
    expect(r.m.engine.counters(SITE).find((c) => c.id === '2')).toMatchObject({ availability: 'paused', reason: 'phone' });

    await counterRow(page, '1').locator('button[data-action="close"]').click();
    await page.getByTestId('close-counter-confirm').click();
    await expect.poll(() => counterRow(page, '1').getByTestId('counter-state').textContent(), LIVE).toBe('閉鎖中');

    await page.getByTestId('issuing-reason').fill('システム点検');
    await page.locator('[data-issuing="certificates"] button[data-mode="paused"]').click();
    await expect.poll(() => text(page, 'certificates', 'queue-issuing'), LIVE).toBe('一時停止');
    await page.locator('[data-issuing="certificates"] button[data-mode="auto"]').click();
    await expect.poll(() => text(page, 'certificates', 'queue-issuing'), LIVE).toBe('受付中');

    await page.locator('[data-tab="tickets"]').click();
    await page.getByRole('button', { name: `${second}番を取り消す` }).click();
    await page.getByTestId('confirm-cancel-confirm').click();
    await expect.poll(() => page.locator(`tr[data-ticket="${second}"] .ticket-state`).textContent(), LIVE).toBe('取消');
    await page.getByRole('button', { name: `${first}番を待ちに戻す` }).click();
    await expect.poll(() => page.locator(`tr[data-ticket="${first}"] .ticket-state`).textContent(), LIVE).toBe('待ち');
    expect(r.m.engine.ticketsOfToday(SITE).map((t) => [t.label, t.state])).toEqual(
      expect.arrayContaining([
        [first, 'waiting'],
        [second, 'cancelled'],
      ]),
    );
  });

  it('refuses a clerk with a clear message, in Japanese and English', async () => {
    const r = await start();
    const page = await newPage();
    await signIn(page, r, 'tanaka');
    const refused = page.getByTestId('role-refused');
    await refused.waitFor(WAIT);
    expect(await refused.textContent()).toContain('フロアマネージャー（manager）または管理者（admin）の権限が必要です');
    await page.getByRole('button', { name: 'English', exact: true }).click();
    await expect.poll(() => refused.textContent(), WAIT).toContain('This page needs the manager or admin role.');
    expect(await page.locator('[data-tab]').count()).toBe(0);
    await refused.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor(WAIT);
  });

  it('an admin issues a device token shown once with its address, and revokes it after confirming', async () => {
    const r = await start();
    const page = await openDashboard(r, 'yamada');
    await page.locator('[data-tab="admin"]').click();
    await page.locator('button[data-section="devices"]').click();
    await page.getByLabel('名前（例：1F発券機）').fill('2F kiosk');
    await page.getByLabel('種類').selectOption('kiosk');
    await page.getByRole('button', { name: '発行', exact: true }).click();

    const shown = page.getByTestId('device-token');
    await shown.waitFor(WAIT);
    const token = (await shown.getByTestId('device-token-value').inputValue()) ?? '';
    expect(token.length).toBeGreaterThan(16);
    expect(await shown.getByTestId('device-token-url').inputValue()).toBe(`${r.url}/kiosk/?token=${encodeURIComponent(token)}`);
    expect(await shown.textContent()).toContain('このトークンは今だけ表示されます');
    // the token works as a kiosk's
    expect(await kioskTicket(r, token, 'certificates')).toBe('1001');
    await shown.getByRole('button', { name: '閉じる', exact: true }).click();
    await shown.waitFor({ state: 'detached', ...WAIT });
    // shown once: the list has the device, not its token
    const row = page.locator('tr[data-device="2F kiosk"]');
    await row.waitFor(WAIT);
    expect(await page.content()).not.toContain(token);

    await row.getByRole('button', { name: '2F kiosk を無効にする' }).click();
    const confirm = page.getByTestId('confirm-revoke');
    await confirm.waitFor(WAIT);
    await confirm.getByTestId('confirm-revoke-confirm').click();
    await row.waitFor({ state: 'detached', ...WAIT });
    await expect.poll(() => page.getByTestId('devices-notice').textContent(), WAIT).toContain('「2F kiosk」を無効にしました');
    const refused = await fetch(`${r.url}/api/v1/sites/${SITE}/tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ queue: 'certificates' }),
    });
    expect(refused.status).toBe(401);
  });

  it('an admin manages staff: a weak password is refused, the new user gets another role, one cannot delete oneself, a deleted user is gone', async () => {
    const r = await start();
    const page = await openDashboard(r, 'yamada');
    await page.locator('[data-tab="admin"]').click();
    const users = page.getByTestId('users');
    await users.locator('tr[data-user="tanaka"]').waitFor(WAIT);
    const notice = page.getByTestId('users-notice');

    await page.getByLabel('ユーザー名（半角英小文字・数字）').fill('kato');
    await page.getByLabel('パスワード（10文字以上）').fill('short');
    await page.getByLabel('権限', { exact: true }).selectOption('manager');
    await page.getByRole('button', { name: '追加', exact: true }).click();
    await expect.poll(() => notice.textContent(), WAIT).toBe('パスワードは10文字以上にしてください。');
    await page.getByLabel('パスワード（10文字以上）').fill(PASSWORD);
    await page.getByRole('button', { name: '追加', exact: true }).click();
    await users.locator('tr[data-user="kato"]').waitFor(WAIT);
    expect(r.m.auth.listUsers().find((u) => u.username === 'kato')?.role).toBe('manager');

    await page.getByLabel('kato の権限').selectOption('clerk');
    await expect.poll(() => r.m.auth.listUsers().find((u) => u.username === 'kato')?.role, WAIT).toBe('clerk');

    await users.getByRole('button', { name: 'yamada を削除' }).click();
    await page.getByTestId('confirm-delete-user-confirm').click();
    await expect.poll(() => notice.textContent(), WAIT).toBe('自分自身や最後の管理者は削除・降格できません。');

    await users.getByRole('button', { name: 'kato を削除' }).click();
    await page.getByTestId('confirm-delete-user-confirm').click();
    await users.locator('tr[data-user="kato"]').waitFor({ state: 'detached', ...WAIT });
    expect(r.m.auth.listUsers().find((u) => u.username === 'kato')?.disabled).toBe(true);
  });

  it('in a two-site office an admin binds staff to sites: a new manager to the branch, a clerk edited to the main office', async () => {
    const r = await e2e.start({ config: parseConfig(TWO_SITE_CONFIG_TEXT, 'two-sites.yaml'), buttons: false, printing: false });
    const page = await newPage();
    await signIn(page, r, 'yamada');
    await page.locator(`button[data-site="${SITE}"]`).click();
    await page.locator('[data-tab="admin"]').click();
    const users = page.getByTestId('users');
    const sitesOf = (user: string) => users.locator(`tr[data-user="${user}"] [data-testid="user-sites"]`);
    await sitesOf('tanaka').waitFor(WAIT);
    expect(await sitesOf('tanaka').textContent()).toContain('すべての庁舎');

    await page.getByLabel('ユーザー名（半角英小文字・数字）').fill('kato');
    await page.getByLabel('パスワード（10文字以上）').fill(PASSWORD);
    await page.getByLabel('権限', { exact: true }).selectOption('manager');
    await page.locator('input[name="new-sites"][value="naka-branch"]').check();
    await page.getByRole('button', { name: '追加', exact: true }).click();
    await sitesOf('kato').waitFor(WAIT);
    expect(r.m.auth.listUsers().find((u) => u.username === 'kato')?.sites).toEqual(['naka-branch']);
    expect(await sitesOf('kato').textContent()).toContain('北支所');

    await users.getByRole('button', { name: 'tanaka の担当庁舎' }).click();
    const dialog = page.getByTestId('edit-sites');
    await dialog.locator(`input[value="${SITE}"]`).check();
    await dialog.getByRole('button', { name: '保存' }).click();
    await expect.poll(() => r.m.auth.listUsers().find((u) => u.username === 'tanaka')?.sites, WAIT).toEqual([SITE]);
  });

  it('reports a day and a month with charts, tables and CSV downloads', async () => {
    const r = await start();
    r.m.engine.setCounterState(SITE, '1', 'open', CLERK, { clerk: 'tanaka' });
    for (let i = 0; i < 3; i += 1) r.m.engine.takeTicket(SITE, { queue: 'certificates', service: 'juminhyo' }, KIOSK);
    for (let i = 0; i < 2; i += 1) {
      r.clock.advanceMinutes(6);
      r.m.engine.callNext(SITE, '1', CLERK);
      r.m.engine.start(SITE, '1', CLERK);
      r.clock.advanceMinutes(4);
      r.m.engine.complete(SITE, '1', CLERK);
    }
    const page = await openDashboard(r);
    await page.locator('[data-tab="reports"]').click();
    const report = page.getByTestId('report');
    await report.waitFor(WAIT);
    expect(await page.getByTestId('report-issued').textContent()).toBe('3');
    expect(await page.getByTestId('report-served').textContent()).toBe('2');
    for (const chart of ['chart-arrivals', 'chart-waits', 'chart-utilisation']) await page.locator(`[data-testid="${chart}"] canvas`).waitFor(WAIT);
    const certificates = page.locator('[data-testid="report-queues"] tr[data-queue="certificates"]');
    expect(await certificates.textContent()).toContain('証明発行');
    const csvLink = page.getByTestId('csv-tickets');
    expect(await csvLink.getAttribute('href')).toBe(`/api/v1/sites/${SITE}/reports/daily.csv?date=2026-04-06`);
    const csv = await page.request.get(`${r.url}${await csvLink.getAttribute('href')}`);
    expect(csv.status()).toBe(200);
    const body = await csv.body();
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM for Excel
    expect(body.toString('utf8')).toContain('1001');
    expect(await page.getByTestId('csv-summary').getAttribute('href')).toBe(`/api/v1/sites/${SITE}/reports/daily-summary.csv?date=2026-04-06`);

    await page.getByLabel('月報').check();
    expect(await page.getByTestId('report-month').inputValue()).toBe('2026-04');
    await page.getByTestId('report-show').click();
    await page.locator('[data-testid="chart-days"] canvas').waitFor(WAIT);
    const days = page.locator('[data-testid="report-days"] tbody tr');
    // the days of April so far, not the ones to come
    await expect.poll(() => days.count(), WAIT).toBe(6);
    expect(await days.last().textContent()).toContain('2026-04-06');
    expect(await page.getByTestId('csv-tickets').getAttribute('href')).toBe(`/api/v1/sites/${SITE}/reports/monthly.csv?month=2026-04`);
  });
});
