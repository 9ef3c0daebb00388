import type { Agent } from 'node:https';
import webpush from 'web-push';
import type { TurnAlertMessage } from '@madoguchi/shared';
import type { DeliveryOutcome, TurnAlertContact, TurnAlertSender } from '../../ports/turn-alert-channel.js';
import type { VapidKeys } from './vapid-keys.js';

export interface WebPushSenderOptions {
  keys: VapidKeys;
  /** VAPID_SUBJECT: mailto: or https: */
  subject: string;
  /** how long a push service may stay silent before the attempt counts as failed (default 10 s) */
  timeoutMs?: number;
  /** the TLS agent for push requests: tests pass one trusting their local push service's certificate */
  agent?: Agent;
}

/** An alert older than this is no help any more: the push service may drop it rather than deliver it late. */
const TTL_SECONDS = 15 * 60;

/**
 * Web Push (RFC 8030) with VAPID (RFC 8292) and the aes128gcm payload encryption (RFC 8291),
 * through the `web-push` package. The payload is the message itself as JSON (api.md), which the
 * phone page's service worker shows as a notification. Near, called and recalled go with
 * urgency high, so a phone in power saving wakes for them; the end of a ticket can wait.
 */
export class WebPushSender implements TurnAlertSender {
  readonly channel = 'webpush' as const;
  private readonly timeoutMs: number;

  constructor(private readonly o: WebPushSenderOptions) {
    this.timeoutMs = o.timeoutMs ?? 10_000;
  }

  async send(contact: TurnAlertContact, message: TurnAlertMessage): Promise<DeliveryOutcome> {
    if (contact.channel !== 'webpush') return { kind: 'failed', retry: false, reason: `a ${contact.channel} contact given to the web push sender` };
    const { subscription } = contact;
    const host = hostOf(subscription.endpoint);
    try {
      await webpush.sendNotification({ endpoint: subscription.endpoint, keys: subscription.keys }, JSON.stringify(message), {
        vapidDetails: { subject: this.o.subject, publicKey: this.o.keys.publicKey, privateKey: this.o.keys.privateKey },
        TTL: TTL_SECONDS,
        urgency: message.kind === 'ended' ? 'normal' : 'high',
        contentEncoding: 'aes128gcm',
        timeout: this.timeoutMs,
        ...(this.o.agent ? { agent: this.o.agent } : {}),
      });
      return { kind: 'sent' };
    } catch (err) {
      return pushOutcome(err, host);
    }
  }
}

/**
 * What a push service's answer means (RFC 8030 §5, §8.3): 404 and 410 say the subscription is
 * gone for good; 429 and 5xx are worth another try, as are a timeout or a broken connection;
 * any other refusal (400 bad keys, 403 a VAPID mismatch, 413 too large) would only repeat.
 * Reasons name the push service's host, never the endpoint's path (the subscription's secret).
 */
export function pushOutcome(err: unknown, host: string): DeliveryOutcome {
  if (err instanceof webpush.WebPushError) {
    const status = err.statusCode;
    if (status === 404 || status === 410) return { kind: 'gone', reason: `push service ${host} answered ${status}: the subscription has expired or was removed` };
    const retry = status === 429 || status >= 500;
    return { kind: 'failed', retry, reason: `push service ${host} answered ${status}` };
  }
  const e = err as { code?: unknown; message?: unknown };
  if (e.message === 'Socket timeout') return { kind: 'failed', retry: true, reason: `push service ${host} did not answer in time` };
  // Node's connection errors carry a code (ECONNREFUSED, ECONNRESET, ENOTFOUND, a TLS error)
  if (typeof e.code === 'string') return { kind: 'failed', retry: true, reason: `push service ${host} could not be reached (${e.code})` };
  // web-push refuses before sending when the subscription's keys cannot be encrypted to
  return { kind: 'failed', retry: false, reason: `the subscription for ${host} cannot be sent to: ${typeof e.message === 'string' ? e.message : 'unknown error'}` };
}

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return 'an invalid endpoint';
  }
}
