/**
 * The manager page's administration tab (role admin) in Debian's Chromium against the real server
 * (createMadoguchi, as production builds it, on a throw-away data directory, with a ManualClock),
 * serving manager/dist: binding a USB call button in learn mode, and moving a kiosk to another
 * printer. The call buttons are a FakeButtonSource injected into the server (as in
 * test/buttons.test.ts), which delivers a press synchronously; the printers are files the print
 * worker appends each slip to. What the page does is checked in the engine and over the API.
 * No test sleeps: Playwright waits for elements, expect.poll for values.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { decodeEscPos } from '@madoguchi/printer';
import { FakeButtonSource } from '../../server/src/adapters/buttons/fake-button-source.js';
import { ManualClock } from '../../server/src/adapters/clock/manual-clock.js';
import type { PrinterDef } from '../../server/src/domain/site.js';
import { PASSWORD } from '../support/server.js';
import { MONDAY_10, sampleOffice, signIn, SITE, useBrowserTests, WAIT, type Running } from './harness.js';

const CLERK = { kind: 'clerk', id: 'tanaka' } as const;
const KIOSK = { kind: 'device', id: 'kiosk-1' } as const;
/** a USB keypad nobody has bound yet; its key 9 is the one pressed */
const PAD = { vendorId: 0x1209, productId: 0x0001, product: 'Pad', serialNumber: 'PAD-7', path: '1-1.4' };
const KEY = 9;

// a migrated database with the administrator yamada, copied into each test's server
const e2e = useBrowserTests('manager-admin', {
  template: { buttons: false, printing: false },
  provision: async (m) => {
    await m.auth.createUser('yamada', PASSWORD, 'admin');
  },
});

/** Signs the administrator in on a desk PC and opens a section of the administration tab. */
async function openAdmin(r: Running, section: 'buttons' | 'printers'): Promise<Page> {
  const page = await e2e.deskPage({ width: 1600, height: 1000 });
  await signIn(page, `${r.url}/manager/`, 'yamada');
  await page.locator('[data-tab="admin"]').click();
  await page.locator(`button[data-section="${section}"]`).click();
  return page;
}

const ticket = (r: Running, label: string) => r.m.engine.ticketsOfToday(SITE).find((t) => t.label === label);
const take = (r: Running): string => r.m.engine.takeTicket(SITE, { queue: 'certificates', service: null }, KIOSK).ticket.label;

// each test signs the administrator in (scrypt) and drives a browser: give a loaded CI machine room
describe('manager page: administration', { timeout: 60_000 }, () => {
  it('binds a call button in learn mode: the press shows the new binding, the button then calls the next ticket at its counter, and unbinding it on the page forgets it', async () => {
    const clock = new ManualClock(MONDAY_10);
    const buttons = new FakeButtonSource(clock);
    const r = await e2e.start({ config: sampleOffice(), printing: false, buttons: { source: buttons } }, clock);
    const pad = buttons.attach(PAD);
    r.m.engine.setCounterState(SITE, '3', 'open', CLERK, { clerk: 'tanaka' });
    const first = take(r);
    const second = take(r);
    const page = await openAdmin(r, 'buttons');
    const device = page.locator(`[data-testid="button-devices"] tr[data-button-device="${pad.key}"]`);
    await expect.poll(() => device.textContent(), WAIT).toContain('未割り当て');
    // not bound: a press does nothing (a press reaches the server synchronously: no wait needed)
    buttons.keys(pad.key, KEY);
    buttons.keys(pad.key);
    expect(ticket(r, first)?.state).toBe('waiting');

    await page.getByLabel('窓口', { exact: true }).selectOption({ label: '3番窓口' });
    await page.getByLabel('動作', { exact: true }).selectOption({ label: '呼出' });
    await page.getByRole('button', { name: '次に押されたボタンを割り当てる' }).click();
    const learning = page.getByTestId('learning');
    await expect.poll(() => learning.textContent(), WAIT).toContain('割り当てるボタンを押してください');
    expect(buttons.keys(pad.key, KEY)).toBe(true);
    buttons.keys(pad.key);

    await expect.poll(() => page.getByTestId('buttons-notice').textContent(), WAIT).toBe('3番窓口 にボタンを割り当てました');
    const binding = page.locator('[data-testid="button-bindings"] tr[data-binding="button:1209:0001:PAD-7"]');
    await binding.waitFor(WAIT);
    const shown = await binding.textContent();
    for (const part of ['3番窓口', `${KEY} → 呼出`, '1209:0001 PAD-7', '画面で変更']) expect(shown).toContain(part);
    await expect.poll(() => device.textContent(), WAIT).toContain('割り当て済み');
    expect(await learning.count()).toBe(0);
    expect(r.m.buttons?.bindings(SITE)).toEqual([expect.objectContaining({ id: 'button:1209:0001:PAD-7', counter: '3', source: 'learned' })]);
    // learning the button did not call anyone; pressing it now calls the next ticket at counter 3
    expect(ticket(r, first)?.state).toBe('waiting');
    buttons.keys(pad.key, KEY);
    buttons.keys(pad.key);
    await expect.poll(() => ticket(r, first), WAIT).toMatchObject({ state: 'called', counter: '3' });

    await page.getByRole('button', { name: '3番窓口 のボタン割り当てを解除' }).click();
    const confirm = page.getByTestId('confirm-unbind');
    expect(await confirm.textContent()).toContain('1209:0001 PAD-7');
    await page.getByTestId('confirm-unbind-confirm').click();
    await binding.waitFor({ state: 'detached', ...WAIT });
    await expect.poll(() => device.textContent(), WAIT).toContain('未割り当て');
    expect(r.m.buttons?.bindings(SITE)).toEqual([]);
    expect(r.m.database.connection.prepare('SELECT count(*) AS n FROM button_bindings').get()).toEqual({ n: 0 });
    // forgotten: the button calls no one any more
    buttons.keys(pad.key, KEY);
    buttons.keys(pad.key);
    expect(ticket(r, first)?.state).toBe('called');
    expect(ticket(r, second)?.state).toBe('waiting');
  });

  it("moves a kiosk to another printer: the kiosk's next ticket is printed on the chosen printer, not on the site's default", async () => {
    const dir = e2e.tmpDir('madoguchi-printers-');
    const printer = (id: string, name: string): PrinterDef => ({ id, name, transport: { kind: 'file', path: join(dir, `${id}.bin`) }, model: 'epson', paperWidthMm: 80, kanji: true });
    /** what a printer has printed so far, decoded from the bytes it was sent */
    const printed = (id: string): string => {
      const file = join(dir, `${id}.bin`);
      return existsSync(file) ? decodeEscPos(readFileSync(file)).text : '';
    };
    const config = sampleOffice(() => ({ printers: [printer('lobby', '1F ロビー'), printer('upstairs', '2F 待合')], defaultPrinter: 'lobby' }));
    const r = await e2e.start({ config, buttons: false });
    const kiosk = r.m.auth.createDevice(SITE, 'kiosk', '2F kiosk');
    /** a ticket taken with the kiosk's device token, as the kiosk takes it */
    const takeAtKiosk = async (): Promise<{ label: string; print: { printer: string | null } }> => {
      const res = await fetch(`${r.url}/api/v1/sites/${SITE}/tickets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${kiosk.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ queue: 'certificates' }),
      });
      expect(res.status, await res.clone().text()).toBe(201);
      return (await res.json()) as { label: string; print: { printer: string | null } };
    };

    // before: the kiosk prints on the site's default printer
    const before = await takeAtKiosk();
    expect(before.print.printer).toBe('lobby');
    await expect.poll(() => printed('lobby'), WAIT).toContain(before.label);

    const page = await openAdmin(r, 'printers');
    const row = page.locator('[data-testid="kiosk-printers"] tr[data-kiosk="2F kiosk"]');
    await expect.poll(() => row.textContent(), WAIT).toContain('既定のプリンター');
    await page.getByLabel('2F kiosk のプリンター').selectOption({ label: '2F 待合' });
    await expect.poll(() => page.getByTestId('printers-notice').textContent(), WAIT).toBe('2F kiosk のプリンターを変更しました');
    await expect.poll(() => row.textContent(), WAIT).toContain('画面で変更');
    expect(await page.getByLabel('2F kiosk のプリンター').inputValue()).toBe('upstairs');

    const after = await takeAtKiosk();
    expect(after.print.printer).toBe('upstairs');
    await expect.poll(() => printed('upstairs'), WAIT).toContain(after.label);
    expect(printed('upstairs')).not.toContain(before.label);
    expect(printed('lobby')).not.toContain(after.label);
  });
});
