import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TurnAlertMessage } from '@madoguchi/shared';
import { EmailSender } from '../server/src/adapters/turn-alerts/email-sender.js';
import { decodeEncodedWords, FakeSmtp } from './support/fake-smtp.js';

const near: TurnAlertMessage = {
  kind: 'near',
  label: 'A-012',
  title: 'まもなく A-012 番の順番です',
  body: 'あと 3 人です。住民票の窓口の近くでお待ちください。',
  url: 'https://madoguchi.city.example.jp/t/Zx8kq2',
};
const FROM = 'madoguchi@city.example.jp';

function recordingLog() {
  const lines: string[] = [];
  return { lines, log: { warn: (_o: object, m: string) => lines.push(m), error: (_o: object, m: string) => lines.push(m) } };
}

describe('the fake relay’s header decoding', () => {
  it('joins adjacent encoded words and decodes B and Q', () => {
    expect(decodeEncodedWords('=?UTF-8?B?44G+44KC44Gq44GP?= =?UTF-8?Q?_A-012?=')).toBe('まもなく A-012');
  });
});

describe('the e-mail sender against a local SMTP relay', () => {
  let smtp: FakeSmtp;
  let sender: EmailSender;
  const { lines, log } = recordingLog();

  beforeAll(async () => {
    smtp = await FakeSmtp.start();
    sender = new EmailSender({ smtpUrl: smtp.url, from: FROM, log, timeoutMs: 2000 });
  });
  afterAll(async () => {
    sender.close();
    await smtp.close();
  });

  it('sends a short plain-text mail: the title as a UTF-8 subject, the body, a blank line, the link', async () => {
    expect(await sender.send({ channel: 'email', address: 'hanako@example.jp' }, near)).toEqual({ kind: 'sent' });
    const mail = smtp.received.at(-1);
    expect(mail?.from).toBe(FROM);
    expect(mail?.to).toEqual(['hanako@example.jp']);
    expect(mail?.subject).toBe(near.title);
    expect(mail?.text).toBe(`${near.body}\n\n${near.url}\n`);
    expect(mail?.headers).toMatch(/^Content-Type: text\/plain; charset=utf-8$/im);
    // the subject travels as an encoded word: raw UTF-8 in a header is not 7-bit safe
    expect(mail?.headers).toMatch(/^Subject: =\?UTF-8\?/im);
    expect(mail?.headers).not.toMatch(/multipart|text\/html/i);
  });

  it('sends to the one address given, never to a list or a header smuggled into it', async () => {
    const before = smtp.received.length;
    for (const address of ['a@example.jp\r\nBcc: mallory@example.com', 'a@example.jp, mallory@example.com', 'Hanako <mallory@example.com>', 'not-an-address']) {
      expect(await sender.send({ channel: 'email', address }, near)).toMatchObject({ kind: 'failed', retry: false });
    }
    expect(smtp.received.length).toBe(before);
  });

  it('takes a 550 to RCPT TO as a mailbox that does not exist: gone, without the address in the reason', async () => {
    smtp.refuse('nobody@example.jp', 550);
    const outcome = await sender.send({ channel: 'email', address: 'nobody@example.jp' }, near);
    expect(outcome).toMatchObject({ kind: 'gone', reason: expect.stringMatching(/550 to RCPT TO/) });
    expect(JSON.stringify(outcome)).not.toContain('nobody');
  });

  it('retries a 4xx (greylisting, a full queue)', async () => {
    smtp.refuse('later@example.jp', 451);
    expect(await sender.send({ channel: 'email', address: 'later@example.jp' }, near)).toMatchObject({ kind: 'failed', retry: true });
  });

  it('does not retry another permanent refusal, and logs it for the operator', async () => {
    smtp.refuse('policy@example.jp', 554);
    expect(await sender.send({ channel: 'email', address: 'policy@example.jp' }, near)).toMatchObject({ kind: 'failed', retry: false });
    expect(lines.some((l) => l.includes('554'))).toBe(true);
  });
});

describe('the e-mail sender with a relay that wants a password', () => {
  it('signs in with the credentials in SMTP_URL, and does not retry wrong ones', async () => {
    const smtp = await FakeSmtp.start({ user: 'madoguchi', pass: 's3cret' });
    const { log } = recordingLog();
    const good = new EmailSender({ smtpUrl: smtp.url, from: FROM, log });
    const bad = new EmailSender({ smtpUrl: smtp.url.replace('s3cret', 'wrong'), from: FROM, log });
    try {
      expect(await good.send({ channel: 'email', address: 'hanako@example.jp' }, near)).toEqual({ kind: 'sent' });
      expect(smtp.received).toHaveLength(1);
      expect(await bad.send({ channel: 'email', address: 'hanako@example.jp' }, near)).toMatchObject({ kind: 'failed', retry: false });
    } finally {
      good.close();
      bad.close();
      await smtp.close();
    }
  });
});

describe('the e-mail sender with no relay listening', () => {
  it('fails, to retry later', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const sender = new EmailSender({ smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM, log: recordingLog().log });
    try {
      expect(await sender.send({ channel: 'email', address: 'hanako@example.jp' }, near)).toMatchObject({ kind: 'failed', retry: true, reason: expect.stringMatching(/could not be reached/) });
    } finally {
      sender.close();
    }
  });
});
