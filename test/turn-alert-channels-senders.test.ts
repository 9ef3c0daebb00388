import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { turnAlertSenders, type TurnAlertChannels } from '../server/src/adapters/turn-alerts/senders.js';
import { VAPID_FILE } from '../server/src/adapters/turn-alerts/vapid-keys.js';
import { FakeLineApi } from './support/fake-line-api.js';
import { FakeSmtp } from './support/fake-smtp.js';

const log = { warn: () => undefined, error: () => undefined };
const message = { kind: 'near', label: 'A-012', title: 'まもなく A-012 番の順番です', body: 'あと 3 人です。', url: 'https://madoguchi.city.example.jp/t/Zx8kq2' } as const;

describe('the channels an installation offers', () => {
  let dir: string;
  let built: TurnAlertChannels | undefined;
  afterEach(() => {
    built?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is Web Push alone without mail or LINE settings, with keys made into DATA_DIR', () => {
    dir = mkdtempSync(join(tmpdir(), 'channels-'));
    built = turnAlertSenders({ dataDir: dir, vapidSubject: 'https://madoguchi.city.example.jp' }, log);
    expect(built.senders.map((s) => s.channel)).toEqual(['webpush']);
    expect(built.line).toBeNull();
    expect(existsSync(join(dir, VAPID_FILE))).toBe(true);
    expect(built.vapidPublicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);
  });

  it('offers e-mail only with both SMTP_URL and MAIL_FROM, LINE only with both secret and token', () => {
    dir = mkdtempSync(join(tmpdir(), 'channels-'));
    const base = { dataDir: dir, vapidSubject: 'mailto:madoguchi@city.example.jp' };
    expect(turnAlertSenders({ ...base, smtpUrl: 'smtp://127.0.0.1:25' }, log).senders.map((s) => s.channel)).toEqual(['webpush']);
    expect(turnAlertSenders({ ...base, lineChannelSecret: 's' }, log).senders.map((s) => s.channel)).toEqual(['webpush']);
    built = turnAlertSenders({ ...base, smtpUrl: 'smtp://127.0.0.1:25', mailFrom: 'madoguchi@city.example.jp', lineChannelSecret: 's', lineChannelAccessToken: 't' }, log);
    expect(built.senders.map((s) => s.channel)).toEqual(['webpush', 'email', 'line']);
    expect(built.line?.channelSecret).toBe('s');
  });

  it('builds senders that reach the configured relay and LINE_API_BASE', async () => {
    dir = mkdtempSync(join(tmpdir(), 'channels-'));
    const smtp = await FakeSmtp.start();
    const line = await FakeLineApi.start('t');
    try {
      built = turnAlertSenders({ dataDir: dir, vapidSubject: 'mailto:madoguchi@city.example.jp', smtpUrl: smtp.url, mailFrom: 'madoguchi@city.example.jp', lineChannelSecret: 's', lineChannelAccessToken: 't', lineApiBase: line.base }, log);
      const [, email, lineSender] = built.senders;
      expect(await email?.send({ channel: 'email', address: 'hanako@example.jp' }, message)).toEqual({ kind: 'sent' });
      expect(await lineSender?.send({ channel: 'line', userId: 'U-hanako' }, message)).toEqual({ kind: 'sent' });
      expect(smtp.received[0]?.subject).toBe(message.title);
      expect(line.pushes[0]?.to).toBe('U-hanako');
    } finally {
      built?.close();
      built = undefined;
      await smtp.close();
      await line.close();
    }
  });
});
