import nodemailer, { type Transporter } from 'nodemailer';
import type { TurnAlertMessage } from '@madoguchi/shared';
import type { DeliveryOutcome, TurnAlertContact, TurnAlertSender } from '../../ports/turn-alert-channel.js';
import type { ChannelLog } from './settings.js';

export interface EmailSenderOptions {
  /** SMTP_URL, e.g. smtp://relay:25 or smtps://user:pass@relay:465 */
  smtpUrl: string;
  /** MAIL_FROM */
  from: string;
  log: ChannelLog;
  /** how long the relay may take to connect, greet, or answer a command (default 10 s) */
  timeoutMs?: number;
}

/**
 * One bare address (local@domain), nothing nodemailer could read as a list, a group or a
 * display name: "a\r\nBcc: x@y" or "a@b, c@d" would otherwise mail someone the citizen never gave.
 */
const SINGLE_ADDRESS = /^[^\s@<>,;:"()[\]\\]{1,64}@[^\s@<>,;:"()[\]\\]{1,253}$/;

/** The RCPT TO answers that mean the mailbox does not exist (RFC 5321 §4.2.2: 550, 551, 553). */
const NO_SUCH_MAILBOX = new Set([550, 551, 553]);

/**
 * E-mail through the office's relay with nodemailer, for phones without Web Push (feature phones,
 * らくらくホン): plain text only, subject = the message's title, text = body, a blank line, the
 * phone page's link — short enough for a small screen. Subject and text are UTF-8 (the subject
 * as an RFC 2047 encoded word), which Japanese carriers' mail and every current client read.
 */
export class EmailSender implements TurnAlertSender {
  readonly channel = 'email' as const;
  private readonly transport: Transporter;

  constructor(private readonly o: EmailSenderOptions) {
    const timeout = o.timeoutMs ?? 10_000;
    this.transport = nodemailer.createTransport({
      url: o.smtpUrl,
      // a few connections kept open: a burst of calls does not open one per mail
      pool: true,
      maxConnections: 2,
      // the delivery worker retries, on its own schedule and within its timeout: the pool's own
      // re-sends after a dropped connection could outlive that timeout and deliver a second mail
      maxRequeues: 0,
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
      // the message is ours, but never let a path or a URL in it be read into an attachment
      disableFileAccess: true,
      disableUrlAccess: true,
    });
  }

  async send(contact: TurnAlertContact, message: TurnAlertMessage): Promise<DeliveryOutcome> {
    if (contact.channel !== 'email') return { kind: 'failed', retry: false, reason: `a ${contact.channel} contact given to the e-mail sender` };
    const { address } = contact;
    if (!SINGLE_ADDRESS.test(address)) return { kind: 'failed', retry: false, reason: 'the contact is not a single e-mail address' };
    try {
      await this.transport.sendMail({
        from: this.o.from,
        to: { name: '', address },
        envelope: { from: this.o.from, to: [address] },
        subject: message.title,
        text: `${message.body}\n\n${message.url}\n`,
        textEncoding: 'base64',
      });
      return { kind: 'sent' };
    } catch (err) {
      const outcome = mailOutcome(err);
      if (outcome.kind === 'failed' && !outcome.retry) this.o.log.error({ code: (err as { code?: unknown }).code }, `the mail relay refused an alert: ${outcome.reason}`);
      return outcome;
    }
  }

  /** Closes the pooled connections to the relay (at shutdown). */
  close(): void {
    this.transport.close();
  }
}

/**
 * What the relay's answer means. A 550/551/553 to RCPT TO says the address does not exist: that
 * contact is gone (deleted, not retried: the citizen mistyped it). Any other 5xx is permanent for
 * this mail (a refused sender, failed authentication: the installation's settings) and not
 * retried; 4xx (greylisting, a full queue), a refused or broken connection and timeouts are
 * retried. Reasons hold the relay's code and the SMTP command, never the address.
 */
export function mailOutcome(err: unknown): DeliveryOutcome {
  const e = err as { responseCode?: unknown; command?: unknown; code?: unknown };
  const status = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const command = typeof e.command === 'string' ? e.command : undefined;
  const at = command ? ` to ${command}` : '';
  if (status !== undefined && NO_SUCH_MAILBOX.has(status) && command === 'RCPT TO') return { kind: 'gone', reason: `the relay answered ${status}${at}: no such mailbox` };
  if (status !== undefined && status >= 500) return { kind: 'failed', retry: false, reason: `the relay answered ${status}${at}` };
  if (status !== undefined && status >= 400) return { kind: 'failed', retry: true, reason: `the relay answered ${status}${at}` };
  // nodemailer refused the envelope itself: sending it again would not change that
  if (e.code === 'EENVELOPE') return { kind: 'failed', retry: false, reason: 'the mail library refused the envelope' };
  const code = typeof e.code === 'string' ? e.code : 'an unknown error';
  return { kind: 'failed', retry: true, reason: `the relay could not be reached (${code})` };
}
