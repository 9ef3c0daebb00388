/**
 * Turn-near alerts on the floor manager's page, in Chromium against the real server: per queue,
 * how many waiting tickets have an alert, and today's undelivered messages per channel — counts
 * only, nothing that identifies a citizen. The senders are recording stand-ins (the channels'
 * protocol tests are their own); an e-mail relay that refuses gives the one failure shown.
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { TurnAlertChannel } from '@madoguchi/shared';
import type { DeliveryOutcome, TurnAlertSender } from '../../server/src/ports/turn-alert-channel.js';
import { until } from '../support/until.js';
import { PASSWORD } from '../support/server.js';
import { expectAccessible } from './axe.js';
import { sampleOffice, signIn, SITE, useBrowserTests, WAIT } from './harness.js';

const KIOSK = { kind: 'device', id: 'kiosk-1' } as const;
const SUBSCRIPTION = {
  endpoint: 'https://fcm.googleapis.com/fcm/send/abc123',
  keys: { p256dh: 'BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u-Ts1XbjhazAkj7I99e8QcYP7DkM', auth: 'tBHItJI5svbpez7KI4CCXg' },
};

/** A channel that answers `outcome` to every message. */
const sender = (channel: TurnAlertChannel, outcome: DeliveryOutcome): TurnAlertSender & { sent: number } => {
  const s = { channel, sent: 0, send: () => (s.sent++, Promise.resolve(outcome)) };
  return s;
};

const e2e = useBrowserTests('turn-alerts-manager', {
  template: { buttons: false, printing: false },
  provision: async (m) => {
    await m.auth.createUser('suzuki', PASSWORD, 'manager');
  },
});

describe('the manager page and turn-near alerts', () => {
  it('shows per queue the waiting tickets with an alert, and the failed deliveries per channel', async () => {
    const mail = sender('email', { kind: 'failed', retry: false, reason: 'smtp 550' });
    const push = sender('webpush', { kind: 'sent' });
    const r = await e2e.start({ config: sampleOffice(), buttons: false, printing: false, turnAlerts: { senders: [mail, push] } });
    const tickets = [1, 2, 3].map(() => r.m.engine.takeTicket(SITE, { queue: 'certificates' }, KIOSK));
    const signUp = async (token: string, body: unknown) => {
      const res = await fetch(`${r.url}/api/v1/tickets/${token}/alerts`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      expect(res.status).toBe(201);
    };
    await signUp(tickets[0]?.token ?? '', { channel: 'email', address: 'hanako@example.jp' });
    await signUp(tickets[1]?.token ?? '', { channel: 'webpush', subscription: SUBSCRIPTION });
    await signUp(tickets[1]?.token ?? '', { channel: 'email', address: 'taro@example.jp' });
    await until(() => mail.sent === 2 && push.sent === 1, 'the near messages');
    await until(() => r.m.turnAlerts.store.deliveryFailures(SITE, r.m.store.siteDay(SITE).businessDate ?? '')[0]?.failed === 2, 'the failures recorded');

    const page = await e2e.deskPage({ width: 1600, height: 1000 });
    await signIn(page, `${r.url}/manager/`, 'suzuki');
    const cell = page.locator('tr[data-queue="certificates"] [data-testid="queue-turn-alerts"]');
    await expect.poll(() => cell.textContent(), WAIT).toBe('2');
    await expect.poll(() => page.locator('tr[data-queue="certificates"] th, .queues-table thead th').allTextContents(), WAIT).toContain('お知らせ登録');
    const health = page.getByTestId('turn-alert-health');
    await expect.poll(() => health.textContent(), WAIT).toContain('本日の配信失敗：メール：2件');
    expect(await page.content()).not.toContain('example.jp');
    await expectAccessible(page, 'the manager dashboard with turn alerts');
    // tall enough to show the health panel below the counters
    await page.setViewportSize({ width: 1600, height: 1900 });
    await page.screenshot({ path: fileURLToPath(new URL('../../docs/screenshots/manager-turn-alerts.png', import.meta.url)) });
  });
});
