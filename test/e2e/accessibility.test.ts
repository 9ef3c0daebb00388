/**
 * Every page, in the states a citizen or a member of staff sees most, checked by axe-core with the
 * WCAG 2.1 A and AA rules in real Chromium: no serious or critical violation. The pages' own tests
 * check behaviour; this file checks that each screen stays usable with a screen reader, a
 * keyboard and low vision as it changes.
 */
import { CITIZEN, LANGUAGE_NAMES, LANGUAGES } from '@madoguchi/shared';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { PASSWORD } from '../support/server.js';
import { expectAccessible, seriousA11yViolations } from './axe.js';
import { JAPAN, KIOSK_SCREEN } from './browser.js';
import { sampleOffice, signIn, SITE, useBrowserTests, WAIT, type Running } from './harness.js';

const KIOSK_ACTOR = { kind: 'device', id: 'kiosk:1' } as const;

const e2e = useBrowserTests('a11y', {
  template: { buttons: false, printing: false },
  provision: async (m) => {
    await Promise.all([m.auth.createUser('tanaka', PASSWORD, 'clerk'), m.auth.createUser('suzuki', PASSWORD, 'manager')]);
  },
});

const start = (): Promise<Running> => e2e.start({ config: sampleOffice(), buttons: false, printing: false });

async function kiosk(r: Running): Promise<Page> {
  const token = r.m.auth.createDevice(SITE, 'kiosk', 'kiosk-1').token;
  const page = await (await e2e.newContext(KIOSK_SCREEN)).newPage();
  await page.goto(`${r.url}/kiosk/?token=${token}`);
  await page.getByRole('button', { name: /^証明発行/ }).waitFor(WAIT);
  return page;
}

describe('accessibility (axe-core, WCAG 2.1 A/AA): no serious or critical violation', () => {
  it('the kiosk: the start screen in every language, then a ticket on screen', async () => {
    const r = await start();
    const page = await kiosk(r);
    await expectAccessible(page, 'kiosk start (ja)');
    const problems: string[] = [];
    for (const lang of LANGUAGES) {
      // each language's switch is named in that language
      await page.getByRole('button', { name: LANGUAGE_NAMES[lang], exact: true }).click();
      await expect.poll(() => page.locator('html').getAttribute('lang'), WAIT).toMatch(new RegExp(`^${lang === 'ja-easy' ? 'ja' : lang}`));
      problems.push(...(await seriousA11yViolations(page)).map((p) => `${lang}: ${p}`));
    }
    await page.getByRole('button', { name: LANGUAGE_NAMES.ja, exact: true }).click();
    await page.getByRole('button', { name: /^証明発行/ }).waitFor(WAIT);
    expect(problems).toEqual([]);
    await page.getByRole('button', { name: /^証明発行/ }).click();
    const procedure = page.getByRole('button', { name: /^住民票の写し/ });
    if (await procedure.isVisible()) await procedure.click();
    await page.getByTestId('result').waitFor(WAIT);
    await expectAccessible(page, 'kiosk ticket on screen');
  });

  it('the kiosk’s screen of a number whose slip did not print', async () => {
    const dir = e2e.tmpDir('madoguchi-a11y-print-');
    const lobby = { id: 'lobby', name: 'lobby', transport: { kind: 'file', path: join(dir, 'missing', 'lobby.bin') }, model: 'epson', paperWidthMm: 80, kanji: true } as const;
    const r = await e2e.start({ config: sampleOffice(() => ({ printers: [lobby], defaultPrinter: 'lobby' })), buttons: false });
    r.m.engine.recordPrinterHealth(SITE, 'lobby', 'paper_out', null);
    const page = await kiosk(r);
    await page.getByRole('button', { name: /^証明発行/ }).click();
    await page.getByRole('button', { name: /^住民票の写し/ }).click();
    await page.getByTestId('result-done').waitFor(WAIT);
    // the slip's failure arrives after the number (the print outbox runs after the commit)
    await expect.poll(() => page.getByTestId('print-message').getAttribute('data-print'), WAIT).toBe('failed');
    await page.getByText(CITIZEN.t('ja', 'kiosk.result.noted')).waitFor(WAIT);
    await expectAccessible(page, 'kiosk: unprinted number');
  });

  it('the lobby display with calls', async () => {
    const r = await start();
    r.m.engine.setCounterState(SITE, '1', 'open', { kind: 'clerk', id: 'tanaka' });
    r.m.engine.takeTicket(SITE, { queue: 'certificates', service: null }, KIOSK_ACTOR);
    r.m.engine.callNext(SITE, '1', { kind: 'clerk', id: 'tanaka' });
    const token = r.m.auth.createDevice(SITE, 'display', 'display-1').token;
    const page = await (await e2e.newContext({ viewport: { width: 1920, height: 1080 }, ...JAPAN })).newPage();
    await page.goto(`${r.url}/display/?token=${token}`);
    await page.getByTestId('latest-call').waitFor(WAIT);
    await expectAccessible(page, 'display');
  });

  it('the status page and a ticket’s phone page, on a phone', async () => {
    const r = await start();
    const { token } = r.m.engine.takeTicket(SITE, { queue: 'certificates', service: null }, KIOSK_ACTOR);
    const page = await (await e2e.newContext({ viewport: { width: 390, height: 844 }, ...JAPAN, hasTouch: true })).newPage();
    await page.goto(`${r.url}/status/`);
    await page.getByRole('heading').first().waitFor(WAIT);
    await expectAccessible(page, 'status page');
    await page.goto(`${r.url}/t/${token}`);
    await page.getByRole('heading').first().waitFor(WAIT);
    await expectAccessible(page, 'phone page');
  });

  it('the counter console and the manager dashboard', async () => {
    const r = await start();
    r.m.engine.takeTicket(SITE, { queue: 'certificates', service: null }, KIOSK_ACTOR);
    const console = await e2e.deskPage({ width: 1366, height: 768 });
    await signIn(console, `${r.url}/counter/`, 'tanaka');
    await expectAccessible(console, 'counter: choose a counter');
    await console.locator('button[data-counter="1"]').click();
    await console.getByTestId('current').waitFor(WAIT);
    await expectAccessible(console, 'counter console');

    const manager = await e2e.deskPage({ width: 1600, height: 1000 });
    await signIn(manager, `${r.url}/manager/`, 'suzuki');
    await manager.getByTestId('queue-issued').first().waitFor(WAIT);
    await expectAccessible(manager, 'manager dashboard');
  });
});
