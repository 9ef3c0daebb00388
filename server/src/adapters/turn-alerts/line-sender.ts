import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import type { TurnAlertMessage } from '@madoguchi/shared';
import type { DeliveryOutcome, TurnAlertContact, TurnAlertSender } from '../../ports/turn-alert-channel.js';
import type { ChannelLog } from './settings.js';
import { inTime } from './in-time.js';

export const LINE_API_DEFAULT = 'https://api.line.me';

/** The Messaging API client against LINE_API_BASE (LINE's own unless a test points it at a fake). */
export function lineClient(channelAccessToken: string, baseURL = LINE_API_DEFAULT): messagingApi.MessagingApiClient {
  return new messagingApi.MessagingApiClient({ channelAccessToken, baseURL });
}

/** What the sender needs of the client: one push. */
export type LinePusher = Pick<messagingApi.MessagingApiClient, 'pushMessage'>;

export interface LineSenderOptions {
  client: LinePusher;
  log: ChannelLog;
  /** how long LINE may take to answer before the attempt counts as failed (default 10 s) */
  timeoutMs?: number;
}

/** LINE's limit for one text message. */
const MAX_TEXT = 5000;

/** The text of one alert: title, body and the phone page's link, one per paragraph. */
export function lineText(message: TurnAlertMessage): string {
  return `${message.title}\n${message.body}\n${message.url}`.slice(0, MAX_TEXT);
}

/**
 * LINE through the official @line/bot-sdk: a push of one text message to the LINE user who sent
 * the ticket's code to the official account.
 */
export class LineSender implements TurnAlertSender {
  readonly channel = 'line' as const;
  private readonly timeoutMs: number;

  constructor(private readonly o: LineSenderOptions) {
    this.timeoutMs = o.timeoutMs ?? 10_000;
  }

  async send(contact: TurnAlertContact, message: TurnAlertMessage): Promise<DeliveryOutcome> {
    if (contact.channel !== 'line') return { kind: 'failed', retry: false, reason: `a ${contact.channel} contact given to the LINE sender` };
    try {
      const push = this.o.client.pushMessage({ to: contact.userId, messages: [{ type: 'text', text: lineText(message) }] });
      if ((await inTime(push, this.timeoutMs)) === 'timeout') return { kind: 'failed', retry: true, reason: 'LINE did not answer in time' };
      return { kind: 'sent' };
    } catch (err) {
      const outcome = lineOutcome(err);
      if (err instanceof HTTPFetchError && (err.status === 401 || err.status === 403)) {
        this.o.log.error({ status: err.status }, 'LINE refused the channel access token: check LINE_CHANNEL_ACCESS_TOKEN and the channel’s Messaging API settings');
      }
      return outcome;
    }
  }
}

/**
 * LINE's refusals that mean the user cannot be reached any more: a user id LINE does not know
 * ("The property, 'to', in the request body is invalid") and a user who has blocked or never
 * followed the account ("Failed to send messages"). LINE often accepts a push to a blocking user
 * with 200 and drops it, so the webhook's unfollow event also ends that user's alerts.
 */
const UNREACHABLE_USER = [/failed to send messages/i, /property, 'to'/i];

/**
 * What LINE's answer means: 404 and the unreachable-user 400s are gone; 401/403 are the
 * installation's token (not retried, logged as a misconfiguration); 429 and 5xx are retried, as
 * is a network error; any other 4xx would only repeat. Reasons never hold the user id.
 */
export function lineOutcome(err: unknown): DeliveryOutcome {
  if (err instanceof HTTPFetchError) {
    const { status } = err;
    const said = lineMessageOf(err.body);
    if (status === 404 || (status === 400 && UNREACHABLE_USER.some((r) => r.test(said)))) return { kind: 'gone', reason: `LINE answered ${status}: ${said || 'the user cannot be reached'}` };
    if (status === 401 || status === 403) return { kind: 'failed', retry: false, reason: `LINE answered ${status}: the channel access token is wrong or not allowed to push` };
    const retry = status === 429 || status >= 500;
    return { kind: 'failed', retry, reason: `LINE answered ${status}${said ? `: ${said}` : ''}` };
  }
  const e = err as { cause?: { code?: unknown }; message?: unknown };
  const code = typeof e.cause?.code === 'string' ? e.cause.code : typeof e.message === 'string' ? e.message : 'an unknown error';
  return { kind: 'failed', retry: true, reason: `LINE could not be reached (${code})` };
}

/** The `message` of LINE's error body `{ message, details }`, cut short; '' when there is none. */
function lineMessageOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    return typeof parsed.message === 'string' ? parsed.message.slice(0, 200) : '';
  } catch {
    return '';
  }
}
