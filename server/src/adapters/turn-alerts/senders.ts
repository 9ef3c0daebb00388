import type { messagingApi } from '@line/bot-sdk';
import type { TurnAlertSender } from '../../ports/turn-alert-channel.js';
import { EmailSender } from './email-sender.js';
import { LineSender, lineClient } from './line-sender.js';
import type { ChannelLog, TurnAlertSettings } from './settings.js';
import { loadVapidKeys } from './vapid-keys.js';
import { WebPushSender } from './web-push-sender.js';

/** The channels an installation offers, and what the routes need beside the senders. */
export interface TurnAlertChannels {
  /** one per offered channel: Web Push always, e-mail and LINE when their settings are given */
  senders: TurnAlertSender[];
  /** for GET /api/v1/push/key */
  vapidPublicKey: string;
  /** for the LINE webhook route (lineWebhookRoute), null when LINE is not offered */
  line: { channelSecret: string; client: messagingApi.MessagingApiClient } | null;
  /** closes the mail relay's pooled connections (at shutdown) */
  close(): void;
}

/**
 * Builds the senders whose settings exist. Web Push is always offered: its keys are given or
 * kept in DATA_DIR/vapid.json (made at first start). E-mail needs SMTP_URL and MAIL_FROM; LINE
 * needs the channel secret (for the webhook) and the channel access token (for pushes).
 */
export function turnAlertSenders(settings: TurnAlertSettings, log: ChannelLog): TurnAlertChannels {
  const keys = loadVapidKeys(settings.dataDir, {
    ...(settings.vapidPublicKey !== undefined ? { publicKey: settings.vapidPublicKey } : {}),
    ...(settings.vapidPrivateKey !== undefined ? { privateKey: settings.vapidPrivateKey } : {}),
  });
  const senders: TurnAlertSender[] = [new WebPushSender({ keys, subject: settings.vapidSubject, ...(settings.pushAgent ? { agent: settings.pushAgent } : {}) })];
  const email = settings.smtpUrl && settings.mailFrom ? new EmailSender({ smtpUrl: settings.smtpUrl, from: settings.mailFrom, log }) : null;
  if (email) senders.push(email);
  let line: TurnAlertChannels['line'] = null;
  if (settings.lineChannelSecret && settings.lineChannelAccessToken) {
    const client = lineClient(settings.lineChannelAccessToken, settings.lineApiBase);
    senders.push(new LineSender({ client, log }));
    line = { channelSecret: settings.lineChannelSecret, client };
  }
  return { senders, vapidPublicKey: keys.publicKey, line, close: () => email?.close() };
}
