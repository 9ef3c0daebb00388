/**
 * Announcements in the citizens' languages (issue 15 item 3; product.md §8, "Languages
 * everywhere"), and the manager page's buttons whose names must say what they show (item 7, WCAG
 * 2.5.3 "label in name"). In Debian's Chromium against the real server with a ManualClock: the
 * manager writes an emergency in Japanese, English and やさしい日本語 on the page; a kiosk in English
 * shows the English text, a kiosk in Vietnamese (no Vietnamese text written) the Japanese one
 * with the やさしい日本語 one, the lobby display Japanese with English. No test sleeps.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { LANGUAGE_NAMES, LOCALE_TAGS, MANAGER, type Language } from '@madoguchi/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/server.js';
import { expectAccessible } from './axe.js';
import { KIOSK_SCREEN } from './browser.js';
import { sampleOffice, signIn, SITE, useBrowserTests, WAIT, type Running } from './harness.js';

const e2e = useBrowserTests('announcements-languages', {
  template: { buttons: false, printing: false },
  provision: async (m) => {
    await Promise.all([m.auth.createUser('suzuki', PASSWORD, 'manager'), m.auth.createUser('yamada', PASSWORD, 'admin')]);
  },
});

const start = (): Promise<Running> => e2e.start({ config: sampleOffice(), buttons: false, printing: false });

const MESSAGE = '地震が発生しました。職員の指示に従ってください。';
const ENGLISH = 'An earthquake has occurred. Please follow the instructions of the staff.';
const EASY = 'じしんが ありました。 しょくいんの いうことを きいて ください。';

const ja = (key: Parameters<typeof MANAGER.t>[1]) => MANAGER.t('ja', key);

async function openManager(r: Running): Promise<Page> {
  const page = await e2e.deskPage({ width: 1600, height: 1000 });
  await signIn(page, `${r.url}/manager/`, 'suzuki');
  await page.getByTestId('announcements').waitFor(WAIT);
  return page;
}

async function openKiosk(r: Running, language: Language): Promise<Page> {
  const { token } = r.m.auth.createDevice(SITE, 'kiosk', `kiosk ${language}`);
  const page = await (await e2e.newContext(KIOSK_SCREEN)).newPage();
  await page.goto(`${r.url}/kiosk/?token=${token}`);
  await page.getByRole('button', { name: LANGUAGE_NAMES[language], exact: true }).click();
  await expect.poll(() => page.locator('html').getAttribute('lang'), WAIT).toBe(LOCALE_TAGS[language]);
  return page;
}

async function openDisplay(r: Running): Promise<Page> {
  const { token } = r.m.auth.createDevice(SITE, 'display', 'lobby display');
  const page = await (await e2e.newContext({ viewport: { width: 1920, height: 1080 } })).newPage();
  await page.goto(`${r.url}/display/?token=${token}&chime=off`);
  await page.getByTestId('display').waitFor(WAIT);
  return page;
}

/** The emergency cover's messages: each shown text with its language (`data-lang`). */
const coverTexts = (page: Page): Promise<Array<{ lang: string | null; text: string }>> =>
  page
    .getByTestId('emergency')
    .locator('.emergency-message')
    .evaluateAll((els) => els.map((el) => ({ lang: el.getAttribute('data-lang'), text: (el.textContent ?? '').trim() })));

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * The elements axe's `label-content-name-mismatch` rule finds on the page: a control whose
 * accessible name does not hold its visible words in order (WCAG 2.5.3). It is among axe.ts's
 * WCAG rules too; here it is run by name, whatever the tag selection, over the manager's states
 * the other accessibility checks do not visit (the tickets' and administration tabs, English).
 */
async function labelInNameViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate<boolean>('typeof window.axe === "object"'))) await page.evaluate(AXE_SOURCE);
  return page.evaluate<string[]>(`window.axe
    .run(document, { runOnly: { type: 'rule', values: ['label-content-name-mismatch'] }, resultTypes: ['violations'] })
    .then((r) => r.violations.flatMap((v) => v.nodes.map((n) => n.html)))`);
}

describe('announcements in the citizens’ languages', () => {
  it('the manager writes an emergency in Japanese, English and やさしい日本語: the English kiosk shows English, the Vietnamese one Japanese with やさしい日本語, the display Japanese with English', async () => {
    const r = await start();
    const manager = await openManager(r);
    const english = await openKiosk(r, 'en');
    const vietnamese = await openKiosk(r, 'vi');
    const display = await openDisplay(r);

    const panel = manager.getByTestId('announcements');
    // Japanese, English and やさしい日本語 are offered at once; the others behind "more languages"
    await panel.getByLabel(ja('announce.message')).fill(MESSAGE);
    await panel.getByLabel(ja('announce.lang.en'), { exact: true }).fill(ENGLISH);
    await panel.getByLabel(ja('announce.lang.ja-easy'), { exact: true }).fill(EASY);
    expect(await panel.getByLabel(ja('announce.lang.vi'), { exact: true }).isVisible()).toBe(false);
    await panel.getByText(ja('announce.moreLanguages')).click();
    expect(await panel.getByLabel(ja('announce.lang.vi'), { exact: true }).isVisible()).toBe(true);
    await panel.getByLabel(ja('announce.emergency')).check();
    await expectAccessible(manager, 'the manager’s announcement form with its languages');

    await panel.getByTestId('announce-post').click();
    const confirm = manager.getByTestId('confirm-emergency');
    await confirm.waitFor(WAIT);
    // the confirmation quotes every text that will be shown
    for (const text of [MESSAGE, ENGLISH, EASY]) expect(await confirm.textContent()).toContain(text);
    await expectAccessible(manager, 'the emergency’s confirmation with its languages');
    await confirm.getByTestId('confirm-emergency-confirm').click();

    await english.getByTestId('emergency').waitFor(WAIT);
    expect(await coverTexts(english)).toEqual([{ lang: 'en', text: ENGLISH }]);
    expect(await english.locator('.emergency-message').first().getAttribute('lang')).toBe('en-US');
    await expectAccessible(english, 'the kiosk’s emergency cover in English');

    await vietnamese.getByTestId('emergency').waitFor(WAIT);
    expect(await coverTexts(vietnamese)).toEqual([
      { lang: 'ja', text: MESSAGE },
      { lang: 'ja-easy', text: EASY },
    ]);
    await expectAccessible(vietnamese, 'the kiosk’s emergency cover in Vietnamese (the fallback)');

    await display.getByTestId('emergency').waitFor(WAIT);
    expect(await coverTexts(display)).toEqual([
      { lang: 'ja', text: MESSAGE },
      { lang: 'en', text: ENGLISH },
    ]);
    await expectAccessible(display, 'the display’s emergency cover');

    // the manager's list says which languages it was written in
    const shown = panel.locator('li[data-announcement]');
    await shown.waitFor(WAIT);
    expect(await shown.locator('[data-lang]').evaluateAll((els) => els.map((el) => el.getAttribute('data-lang')))).toEqual(['ja', 'ja-easy', 'en']);
    await expectAccessible(manager, 'the manager’s list of announcements shown');

    // the kiosk's citizen switches to English: the English text replaces the fallback at once
    await vietnamese.getByRole('button', { name: LANGUAGE_NAMES.en, exact: true }).click();
    await expect.poll(() => coverTexts(vietnamese), WAIT).toEqual([{ lang: 'en', text: ENGLISH }]);
  });

  it('an information announcement in Japanese only: the English kiosk’s banner shows the Japanese text, the display’s banner too', async () => {
    const r = await start();
    const manager = await openManager(r);
    const english = await openKiosk(r, 'en');
    const display = await openDisplay(r);
    const panel = manager.getByTestId('announcements');
    await panel.getByLabel(ja('announce.message')).fill('本日は混雑しています');
    await panel.getByTestId('announce-post').click();

    const banner = english.locator('.info-banner');
    await banner.waitFor(WAIT);
    expect(await banner.locator('.info-message').evaluateAll((els) => els.map((el) => [el.getAttribute('data-lang'), el.textContent]))).toEqual([['ja', '本日は混雑しています']]);
    await expectAccessible(english, 'the kiosk’s information banner in English');
    await display.getByTestId('banner').waitFor(WAIT);
    expect(await display.locator('.banner-text [data-lang]').evaluateAll((els) => els.map((el) => el.getAttribute('data-lang')))).toEqual(['ja']);
    expect(r.m.engine.snapshot(SITE).announcements).toMatchObject([{ message: '本日は混雑しています', texts: {} }]);
  });
});

describe('the manager’s buttons say what they show (label in name)', () => {
  it('the language switch, every counter button and the other row buttons, in Japanese and in English, pass axe’s label-content-name-mismatch', async () => {
    const r = await start();
    const by = { kind: 'manager', id: 'suzuki' } as const;
    // a counter in each availability, so that every counter button (open, pause, close, move) is on the page
    r.m.engine.setCounterState(SITE, '1', 'open', by);
    r.m.engine.setCounterState(SITE, '2', 'paused', by, { reason: 'break' });
    // a no-show (reinstate) and a waiting ticket (reprint, cancel) on the tickets' tab; an announcement to clear
    r.m.engine.takeTicket(SITE, { queue: 'certificates', service: null }, { kind: 'device', id: 'kiosk-1' });
    r.m.engine.takeTicket(SITE, { queue: 'certificates', service: null }, { kind: 'device', id: 'kiosk-1' });
    r.m.engine.callNext(SITE, '1', by);
    r.m.engine.noShow(SITE, '1', by);
    r.m.engine.postAnnouncement(SITE, { message: '本日は混雑しています', severity: 'info' }, by);
    const page = await e2e.deskPage({ width: 1600, height: 1000 });
    await signIn(page, `${r.url}/manager/`, 'yamada');

    const problems: string[] = [];
    for (const lang of ['ja', 'en'] as const) {
      await page.locator('[data-tab="dashboard"]').click();
      await page.locator('.counters-table [data-action="pause"]').first().waitFor(WAIT);
      await page.locator('li[data-announcement] button').waitFor(WAIT);
      problems.push(...(await labelInNameViolations(page)).map((p) => `${lang} dashboard: ${p}`));
      await page.locator('[data-tab="tickets"]').click();
      await page.locator('.tickets-table tr[data-ticket] button').nth(2).waitFor(WAIT);
      problems.push(...(await labelInNameViolations(page)).map((p) => `${lang} tickets: ${p}`));
      await page.locator('[data-tab="admin"]').click();
      await page.getByTestId('users').locator('button').first().waitFor(WAIT);
      problems.push(...(await labelInNameViolations(page)).map((p) => `${lang} admin: ${p}`));
      if (lang === 'ja') {
        // the language switch is named by exactly what it shows (its purpose is its title)
        await page.getByRole('button', { name: LANGUAGE_NAMES.en, exact: true }).click();
        await page.getByRole('button', { name: LANGUAGE_NAMES.ja, exact: true }).waitFor(WAIT);
      }
    }
    expect(problems).toEqual([]);
  });
});
