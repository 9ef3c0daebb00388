import type { PushSubscriptionJson, TurnAlertChannel, TurnAlertMessage } from '@madoguchi/shared';

/**
 * Where one turn-near alert goes, by channel: a browser's push subscription, an e-mail address, or
 * a LINE user bound by the one-time code. Kept only while the ticket lives (product §8).
 */
export type TurnAlertContact =
  | { channel: 'webpush'; subscription: PushSubscriptionJson }
  | { channel: 'email'; address: string }
  | { channel: 'line'; userId: string };

/**
 * What became of one delivery attempt:
 * - `sent`: the channel's service accepted it;
 * - `gone`: the contact no longer exists (push 404/410, a LINE user who blocked the account): the
 *   alert is dropped and its contact deleted;
 * - `failed`: not delivered; `retry` says whether trying again later may help (a 5xx, a timeout,
 *   a refused connection) or not (a 4xx other than gone, a malformed address).
 * `reason` is for logs and the health panel: never the contact itself.
 */
export type DeliveryOutcome = { kind: 'sent' } | { kind: 'gone'; reason: string } | { kind: 'failed'; retry: boolean; reason: string };

/**
 * One way of telling a citizen (adapters/turn-alerts/*): Web Push, e-mail, LINE. The delivery
 * worker calls `send` after the transaction that queued the message has committed, with bounded
 * retries and backoff; `send` never throws for a delivery failure (it answers `failed`).
 */
export interface TurnAlertSender {
  readonly channel: TurnAlertChannel;
  send(contact: TurnAlertContact, message: TurnAlertMessage): Promise<DeliveryOutcome>;
}

/**
 * The app's side of LINE's webhook (adapters/turn-alerts/line-webhook.ts): a citizen who sends
 * the phone page's one-time code to the official account is bound to that ticket's LINE alert;
 * 「停止」/"stop" ends every alert of that LINE user. Each answers with the text to reply in the
 * chat, in the ticket's language (null: no reply).
 */
export interface LineInbox {
  bind(code: string, userId: string): { reply: string } | null;
  stop(userId: string): { reply: string };
}
