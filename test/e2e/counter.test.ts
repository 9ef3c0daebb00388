/**
 * The counter console (窓口) in Debian's Chromium against the real server (createMadoguchi, as
 * production builds it, on a throw-away data directory, with a ManualClock), serving
 * counter/dist. Clerks sign in through the page (the session cookie), act with the mouse and the
 * keyboard, and what they do is checked in the database; what other consoles show comes from
 * the live events. No test sleeps: Playwright waits for elements, expect.poll for the database.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/src/config-file.js';
import { TWO_SITE_CONFIG_TEXT } from '../../server/src/sample-office.js';
import { PASSWORD } from '../support/server.js';
import { sampleOffice, signIn as signInOn, SITE, useBrowserTests, WAIT, type Running } from './harness.js';

const KIOSK = { kind: 'kiosk', id: 'kiosk-1' } as const;

// a migrated database with the clerks tanaka and sato, copied into each test's server
const e2e = useBrowserTests('counter', {
  provision: async (m) => {
    await Promise.all([m.auth.createUser('tanaka', PASSWORD, 'clerk'), m.auth.createUser('sato', PASSWORD, 'clerk')]);
  },
});

const start = (): Promise<Running> => e2e.start({ config: sampleOffice() });
const BRANCH = 'naka-branch';

const take = (r: Running, queue: string, service: string | null = null): string => r.m.engine.takeTicket(SITE, { queue, service }, KIOSK).ticket.label;
const ticket = (r: Running, label: string) => r.m.engine.ticketsOfToday(SITE).find((t) => t.label === label);
const counterOf = (r: Running, id: string) => r.m.engine.counters(SITE).find((c) => c.id === id);

const newPage = (): Promise<Page> => e2e.deskPage({ width: 1366, height: 768 });
const signIn = (page: Page, r: Running, username: string, password?: string): Promise<void> => signInOn(page, `${r.url}/counter/`, username, password);

/** Signs in and takes a counter (opening it, as choosing a closed counter does). */
async function openConsole(r: Running, username: string, counter: string, page?: Page): Promise<Page> {
  const p = page ?? (await newPage());
  await signIn(p, r, username);
  await p.locator(`button[data-counter="${counter}"]`).click();
  await p.getByTestId('current').waitFor(WAIT);
  return p;
}

const action = (page: Page, name: string) => page.locator(`button[data-action="${name}"]`);
const currentLabel = (page: Page) => page.getByTestId('current-label');
/**
 * The state of the counter's current ticket as the page shows it (null: none). A clerk acts on
 * what the screen shows: before a key that depends on the last action's outcome, the test waits
 * for the page to show it, not only for the server to have it (its push may come after the answer).
 */
const pageState = (page: Page) => page.getByTestId('current').getAttribute('data-state');
const shownLabel = async (page: Page): Promise<string> => {
  await currentLabel(page).waitFor(WAIT);
  return (await currentLabel(page).textContent()) ?? '';
};

/** A key as a real keyboard sends it (F13–F24 are not in Playwright's keyboard layout). */
async function pressKey(page: Page, key: string, keyCode: number, opts: { autoRepeat?: boolean } = {}): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', key, code: key, windowsVirtualKeyCode: keyCode, nativeVirtualKeyCode: keyCode, autoRepeat: opts.autoRepeat ?? false });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', key, code: key, windowsVirtualKeyCode: keyCode, nativeVirtualKeyCode: keyCode });
  await cdp.detach();
}

// each test signs clerks in (scrypt) and drives a browser: give a loaded CI machine room
describe('counter console', { timeout: 60_000 }, () => {
  it('sign-in refusals come from the catalogue, in Japanese and English: wrong password, then a wait before the next try', async () => {
    const r = await start();
    const page = await newPage();
    await signIn(page, r, 'tanaka', 'wrong-password');
    const error = page.getByTestId('sign-in-error');
    await expect.poll(() => error.textContent(), WAIT).toBe('ユーザー名またはパスワードが違います。');
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => error.textContent(), WAIT).toBe('Wrong user name or password.');
    expect(await page.locator('html').getAttribute('lang')).toBe('en-US');

    // four more wrong passwords make this computer's address wait before trying tanaka again; then
    // even the right one is refused, with the wait (the first is 30 s)
    for (let i = 0; i < 4; i += 1) {
      await page.getByLabel('Password').fill('wrong-password');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign in' }).waitFor(WAIT);
    }
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => error.textContent(), WAIT).toBe('Too many failed sign-ins from this computer. Try again in about 1 min.');
    await page.getByRole('button', { name: '日本語' }).click();
    await expect.poll(() => error.textContent(), WAIT).toContain('サインインの失敗が続いています。約1分後に');
  });

  it('a clerk calls, starts and transfers a ticket; it keeps its label, waits in the other queue, and the clerk there calls and completes it', async () => {
    const r = await start();
    const label = take(r, 'filings', 'move-in');
    take(r, 'filings');

    const tanaka = await openConsole(r, 'tanaka', '5');
    expect(counterOf(r, '5')).toMatchObject({ availability: 'open', clerk: 'tanaka' });
    await expect.poll(() => tanaka.getByTestId('queue-stat').first().textContent(), WAIT).toContain('待ち 2人');
    await expect.poll(() => tanaka.getByTestId('waiting').locator('li').count(), WAIT).toBe(2);

    await action(tanaka, 'next').click();
    expect(await shownLabel(tanaka)).toBe(label);
    expect(await tanaka.getByTestId('current').textContent()).toContain('転入届');
    await expect.poll(() => tanaka.getByTestId('current-state').textContent(), WAIT).toBe('呼出中');
    await expect.poll(() => tanaka.getByTestId('current-timer').textContent(), WAIT).toMatch(/^呼出から \d+:\d\d$/);
    await expect.poll(() => ticket(r, label)?.state, WAIT).toBe('called');

    await action(tanaka, 'start').click();
    await expect.poll(() => tanaka.getByTestId('current-state').textContent(), WAIT).toBe('対応中');
    await expect.poll(() => tanaka.getByTestId('current-timer').textContent(), WAIT).toMatch(/^対応時間 \d+:\d\d$/);
    expect(ticket(r, label)?.state).toBe('serving');

    // the second clerk, at counter 9 (insurance), sees nobody waiting yet
    const sato = await openConsole(r, 'sato', '9');
    await expect.poll(() => sato.getByTestId('waiting').textContent(), WAIT).toContain('お待ちの方はいません');

    await action(tanaka, 'transfer').click();
    const dialog = tanaka.getByTestId('transfer');
    await dialog.getByRole('button', { name: '保険年金' }).click();
    await dialog.getByRole('button', { name: '国民健康保険' }).click();
    await expect.poll(() => ticket(r, label), WAIT).toMatchObject({ label, queue: 'insurance', service: 'kokuho', state: 'waiting' });
    await expect.poll(() => tanaka.getByTestId('current').textContent(), WAIT).toContain('対応中の番号はありません');
    const recent = tanaka.getByTestId('recent').locator(`li[data-ticket="${label}"]`);
    await expect.poll(() => recent.textContent(), WAIT).toContain('回付 → 保険年金');

    // it waits at counter 9 under the same label, and is called and completed there
    const waiting = sato.getByTestId('waiting').locator(`li[data-ticket="${label}"]`);
    await expect.poll(() => waiting.textContent(), WAIT).toContain('国民健康保険');
    await expect.poll(() => sato.getByTestId('queue-stat').first().textContent(), WAIT).toContain('待ち 1人');
    await action(sato, 'next').click();
    expect(await shownLabel(sato)).toBe(label);
    await action(sato, 'start').click();
    await expect.poll(() => sato.getByTestId('current-state').textContent(), WAIT).toBe('対応中');
    await action(sato, 'complete').click();
    await expect.poll(() => ticket(r, label), WAIT).toMatchObject({ state: 'done', counter: '9', queue: 'insurance' });
    await expect.poll(() => sato.getByTestId('recent').locator(`li[data-ticket="${label}"]`).getAttribute('data-state'), WAIT).toBe('done');
    await expect.poll(() => sato.getByTestId('queue-stat').first().textContent(), WAIT).toContain('待ち 0人');
  });

  it('no-show, then reinstate when the citizen comes back; it is called out of order from the waiting list', async () => {
    const r = await start();
    const first = take(r, 'certificates');
    const second = take(r, 'certificates');
    const page = await openConsole(r, 'tanaka', '1');

    await action(page, 'next').click();
    expect(await shownLabel(page)).toBe(first);
    await action(page, 'noShow').click();
    await expect.poll(() => ticket(r, first)?.state, WAIT).toBe('no_show');
    const row = page.getByTestId('recent').locator(`li[data-ticket="${first}"]`);
    await expect.poll(() => row.textContent(), WAIT).toContain('不在');

    // the next one is served meanwhile
    await action(page, 'next').click();
    await expect.poll(() => currentLabel(page).textContent(), WAIT).toBe(second);
    await action(page, 'complete').click();
    await expect.poll(() => ticket(r, second)?.state, WAIT).toBe('done');

    await page.getByRole('button', { name: `${first}番を待ちに戻す` }).click();
    await expect.poll(() => ticket(r, first)?.state, WAIT).toBe('waiting');
    await expect.poll(() => page.getByTestId('notice').textContent(), WAIT).toBe(`${first}番を待ちに戻しました`);

    const third = take(r, 'certificates');
    const waiting = page.getByTestId('waiting');
    await expect.poll(() => waiting.locator('li').count(), WAIT).toBe(2);
    await page.getByRole('button', { name: `${first}番を呼ぶ` }).click();
    await expect.poll(() => currentLabel(page).textContent(), WAIT).toBe(first);
    expect(ticket(r, first)).toMatchObject({ state: 'called', counter: '1' });
    expect(ticket(r, third)?.state).toBe('waiting');
  });

  it('"next" while the called citizen has not come asks first; confirmed, it ends as no-show and the next is called', async () => {
    const r = await start();
    const first = take(r, 'certificates');
    const second = take(r, 'certificates');
    const page = await openConsole(r, 'tanaka', '2');
    await action(page, 'next').click();
    expect(await shownLabel(page)).toBe(first);
    await action(page, 'recall').click();
    await expect.poll(() => ticket(r, first)?.recalls, WAIT).toBe(1);
    await page.locator('button[aria-busy="true"]').waitFor({ state: 'detached', ...WAIT });

    // the click left the focus where it was: Space means 呼出 (not the recall button again)
    await page.keyboard.press('Space');
    const confirm = page.getByTestId('confirm-no-show');
    await confirm.waitFor(WAIT);
    expect(await confirm.textContent()).toContain(`${first}番はまだ来ていません（再呼出 1回）。`);
    expect(ticket(r, first)?.recalls).toBe(1);
    // declined: nothing changes
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'detached', ...WAIT });
    expect(ticket(r, first)?.state).toBe('called');

    await action(page, 'next').click();
    await confirm.waitFor(WAIT);
    await page.keyboard.press('Enter'); // the focused choice: no-show, then call
    await expect.poll(() => currentLabel(page).textContent(), WAIT).toBe(second);
    expect(ticket(r, first)?.state).toBe('no_show');
    expect(ticket(r, second)).toMatchObject({ state: 'called', counter: '2' });
  });

  it('every action has a keyboard shortcut, F13–F24 included (keyboard-emulating call buttons)', async () => {
    const r = await start();
    const labels = [take(r, 'certificates'), take(r, 'certificates'), take(r, 'certificates')];
    const page = await openConsole(r, 'tanaka', '3');
    const [a, b, c] = labels as [string, string, string];

    await pressKey(page, 'F13', 124); // next
    await expect.poll(() => currentLabel(page).textContent(), WAIT).toBe(a);
    await page.keyboard.press('r'); // recall
    await expect.poll(() => ticket(r, a)?.recalls, WAIT).toBe(1);
    // the same key again while its request is in flight counts as one press: wait for the answer
    await page.locator('button[aria-busy="true"]').waitFor({ state: 'detached', ...WAIT });
    await pressKey(page, 'F14', 125); // recall again
    await expect.poll(() => ticket(r, a)?.recalls, WAIT).toBe(2);
    await page.keyboard.press('s'); // start
    await expect.poll(() => ticket(r, a)?.state, WAIT).toBe('serving');
    await page.keyboard.press('c'); // complete
    await expect.poll(() => ticket(r, a)?.state, WAIT).toBe('done');

    await page.keyboard.press('Space'); // next
    await expect.poll(() => currentLabel(page).textContent(), WAIT).toBe(b);
    await page.keyboard.press('n'); // no-show
    await expect.poll(() => ticket(r, b)?.state, WAIT).toBe('no_show');
    await expect.poll(() => pageState(page), WAIT).toBeNull();
    await expect.poll(() => page.getByTestId('recent').textContent(), WAIT).toContain(b);
    await page.keyboard.press('u'); // reinstate the last no-show
    await expect.poll(() => ticket(r, b)?.state, WAIT).toBe('waiting');

    await pressKey(page, 'F13', 124);
    await expect.poll(() => currentLabel(page).textContent(), WAIT).toBe(b); // reinstated: at the front
    await pressKey(page, 'F15', 126); // no-show
    await expect.poll(() => ticket(r, b)?.state, WAIT).toBe('no_show');
    await expect.poll(() => pageState(page), WAIT).toBeNull();
    await pressKey(page, 'F22', 133); // reinstate the last no-show
    await expect.poll(() => ticket(r, b)?.state, WAIT).toBe('waiting');
    await page.keyboard.press('Enter'); // next
    await expect.poll(() => ticket(r, b)?.state, WAIT).toBe('called');
    await expect.poll(() => pageState(page), WAIT).toBe('called');
    await pressKey(page, 'F17', 128); // start
    await expect.poll(() => ticket(r, b)?.state, WAIT).toBe('serving');
    await pressKey(page, 'F16', 127); // complete
    await expect.poll(() => ticket(r, b)?.state, WAIT).toBe('done');

    // transfer (T), its choices by digit
    await page.keyboard.press('Space');
    await expect.poll(() => ticket(r, c)?.state, WAIT).toBe('called');
    await expect.poll(() => pageState(page), WAIT).toBe('called');
    await page.keyboard.press('t');
    await page.getByTestId('transfer').waitFor(WAIT);
    await page.keyboard.press('1'); // 届出受付
    await page.getByTestId('transfer').getByRole('button', { name: '転居届' }).waitFor(WAIT);
    await page.keyboard.press('3'); // 転居届
    await expect.poll(() => ticket(r, c), WAIT).toMatchObject({ queue: 'filings', service: 'change-of-address', state: 'waiting' });
    await expect.poll(() => pageState(page), WAIT).toBeNull();

    // pause with a reason (P, then 2 = 電話対応), resume (F19), close (Q, Enter)
    await page.keyboard.press('p');
    await page.getByTestId('pause').waitFor(WAIT);
    await page.keyboard.press('2');
    await expect.poll(() => counterOf(r, '3'), WAIT).toMatchObject({ availability: 'paused', reason: 'phone' });
    await expect.poll(() => page.getByTestId('counter-availability').textContent(), WAIT).toBe('休止中：電話対応');
    await pressKey(page, 'F19', 130);
    await expect.poll(() => counterOf(r, '3')?.availability, WAIT).toBe('open');
    await page.keyboard.press('q');
    await page.getByTestId('close-counter').waitFor(WAIT);
    await page.keyboard.press('Enter');
    await expect.poll(() => counterOf(r, '3'), WAIT).toMatchObject({ availability: 'closed', clerk: null });
    await expect.poll(() => page.getByTestId('counter-availability').textContent(), WAIT).toBe('この窓口は閉じています');
    // on a closed counter, "next" opens it (it does not call)
    await pressKey(page, 'F13', 124);
    await expect.poll(() => counterOf(r, '3'), WAIT).toMatchObject({ availability: 'open', clerk: 'tanaka' });
    expect(counterOf(r, '3')?.currentTicket).toBeNull();

    // a held button repeats its key: only the first press acts
    const posts: string[] = [];
    page.on('request', (q) => {
      if (q.method() !== 'GET') posts.push(new URL(q.url()).pathname);
    });
    await pressKey(page, 'F13', 124, { autoRepeat: true });
    await page.keyboard.press('h');
    await page.getByTestId('help').waitFor(WAIT);
    expect(posts).toEqual([]);
    await page.keyboard.press('Escape');
    await page.getByTestId('help').waitFor({ state: 'detached', ...WAIT });

    // help (F24), language (L, F23)
    await pressKey(page, 'F24', 135);
    await page.getByTestId('help').waitFor(WAIT);
    expect(await page.getByTestId('help').textContent()).toContain('F13');
    await page.keyboard.press('Escape');
    await page.getByTestId('help').waitFor({ state: 'detached', ...WAIT });
    await page.keyboard.press('l');
    await action(page, 'next').getByText('Call next').waitFor(WAIT);
    await pressKey(page, 'F23', 134);
    await action(page, 'next').getByText('呼出').waitFor(WAIT);
  });

  it('two consoles at the same counter show the same current ticket, live', async () => {
    const r = await start();
    const first = take(r, 'certificates');
    const one = await openConsole(r, 'tanaka', '4');
    const two = await openConsole(r, 'sato', '4');

    await action(one, 'next').click();
    expect(await shownLabel(one)).toBe(first);
    expect(await shownLabel(two)).toBe(first);
    await expect.poll(() => two.getByTestId('current-state').textContent(), WAIT).toBe('呼出中');
    await action(one, 'recall').click();
    await expect.poll(() => two.getByTestId('current').textContent(), WAIT).toContain('再呼出 1回');

    await action(two, 'start').click();
    await expect.poll(() => one.getByTestId('current-state').textContent(), WAIT).toBe('対応中');
    await action(one, 'complete').click();
    for (const p of [one, two]) {
      await expect.poll(() => p.getByTestId('current').textContent(), WAIT).toContain('対応中の番号はありません');
      await expect.poll(() => p.getByTestId('recent').locator(`li[data-ticket="${first}"]`).getAttribute('data-state'), WAIT).toBe('done');
    }
    // a call made elsewhere (a USB button, the API) shows on both
    const second = take(r, 'certificates');
    r.m.engine.callNext(SITE, '4', { kind: 'device', id: 'counter:1' });
    await expect.poll(() => currentLabel(one).textContent(), WAIT).toBe(second);
    await expect.poll(() => currentLabel(two).textContent(), WAIT).toBe(second);
  });

  it('remembers the counter on this PC: the next visit goes straight to it; sign-out returns to the sign-in', async () => {
    const r = await start();
    const page = await openConsole(r, 'tanaka', '6');
    await page.reload();
    await expect.poll(() => page.getByTestId('counter-name').textContent(), WAIT).toBe('6番窓口');

    await page.getByRole('button', { name: 'サインアウト' }).click();
    await page.getByRole('button', { name: 'サインイン' }).waitFor(WAIT);
    await signIn(page, r, 'tanaka');
    await expect.poll(() => page.getByTestId('counter-name').textContent(), WAIT).toBe('6番窓口');
    // "change counter" leads back to the choice
    await page.getByTestId('counter-name').click();
    await page.getByRole('heading', { name: '窓口を選んでください' }).waitFor(WAIT);
  });
  it('offers only the sites the clerk may act on: one bound to the branch goes straight to its counters; an unbound one chooses', async () => {
    const r = await e2e.start({ config: parseConfig(TWO_SITE_CONFIG_TEXT, 'two-sites.yaml') });
    r.m.auth.setSites('sato', [BRANCH]);
    const sato = await newPage();
    await signIn(sato, r, 'sato');
    await sato.locator('button[data-counter]').first().waitFor(WAIT);
    expect(await sato.locator('button[data-site]').count()).toBe(0);
    expect(await sato.locator('.where').textContent()).toContain('北支所');

    const tanaka = await newPage();
    await signIn(tanaka, r, 'tanaka');
    await tanaka.locator('button[data-site]').first().waitFor(WAIT);
    expect(await tanaka.locator('button[data-site]').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-site')))).toEqual([SITE, BRANCH]);
  });
});
