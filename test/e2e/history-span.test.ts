/**
 * The history panel of the manager's staffing page (issue 19): after an administrator imports an
 * old system's log over the API, the page says the span of the history and how much of it was
 * imported, as GET …/history answers, in Debian's Chromium against the real server; axe-clean.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../server/src/config-file.js';
import { TWO_SITE_CONFIG_TEXT } from '../../server/src/sample-office.js';
import type { HistorySpan } from '../../shared/src/index.js';
import { PASSWORD } from '../support/server.js';
import { expectAccessible } from './axe.js';
import { signIn, SITE, useBrowserTests, WAIT } from './harness.js';

const CONFIG = parseConfig(TWO_SITE_CONFIG_TEXT, 'two-sites.yaml');

const e2e = useBrowserTests('history-span', {
  template: { config: CONFIG, buttons: false, printing: false },
  provision: async (m) => {
    await m.auth.createUser('suzuki', PASSWORD, 'manager');
    await m.auth.createUser('sato', PASSWORD, 'admin');
  },
});

const LOG = [
  'queue,issued_at,called_at,finished_at,service,counter,state',
  'certificates,2026-03-30T09:00:00+09:00,2026-03-30T09:02:00+09:00,2026-03-30T09:07:00+09:00,juminhyo,1,',
  'certificates,2026-03-31T10:00:00+09:00,2026-03-31T10:01:00+09:00,2026-03-31T10:05:00+09:00,juminhyo,1,',
  'filings,2026-04-02T11:00:00+09:00,2026-04-02T11:10:00+09:00,2026-04-02T11:30:00+09:00,marriage,5,',
].join('\n');

describe('予測のもとになる実績 — the history panel', () => {
  it('shows the span of the history and the imported days after an import, as the API answers', async () => {
    const r = await e2e.start({ config: CONFIG, buttons: false, printing: false });
    const { token } = await r.m.auth.login('sato', PASSWORD, 'bearer');
    const res = await fetch(`${r.url}/api/v1/sites/${SITE}/history`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body: LOG });
    expect(res.status).toBe(202);
    const span = (await (await fetch(`${r.url}/api/v1/sites/${SITE}/history`, { headers: { authorization: `Bearer ${token}` } })).json()) as HistorySpan;
    expect(span).toMatchObject({ firstDate: '2026-03-30', lastDate: '2026-04-02', days: 3, importedDays: 3 });

    const page = await e2e.deskPage({ width: 1400, height: 1000 });
    await signIn(page, `${r.url}/manager/`, 'suzuki');
    await page.locator(`button[data-site="${SITE}"]`).click();
    await page.locator('[data-tab="staffing"]').click();
    const text = page.getByTestId('history-span-text');
    await text.waitFor(WAIT);
    const said = await text.innerText();
    expect(said).toContain('3営業日');
    expect(said).toContain('取り込んだ日 3');
    expect(said).toContain('記録した日 0');
    expect(await page.getByTestId('history-last-import').innerText()).toContain('http (sato)');
    await expectAccessible(page, 'the staffing page with the history panel');
  });
});
