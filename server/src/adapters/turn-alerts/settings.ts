import type { Agent } from 'node:https';

/**
 * What the turn-alert channels need from the process settings (config.ts reads the environment:
 * SMTP_URL, MAIL_FROM, LINE_*, VAPID_*, DATA_DIR). A channel whose settings are missing is not
 * built, so it is not offered.
 */
export interface TurnAlertSettings {
  /** DATA_DIR: where vapid.json is kept when the keys are not given */
  dataDir: string;
  /** VAPID_SUBJECT: a mailto: or https: URL push services may use to reach the operator */
  vapidSubject: string;
  /** VAPID_PUBLIC_KEY + VAPID_PRIVATE_KEY (base64url); both or neither */
  vapidPublicKey?: string | undefined;
  vapidPrivateKey?: string | undefined;
  /** SMTP_URL, e.g. smtp://relay:25 (credentials in the URL when the relay wants them) */
  smtpUrl?: string | undefined;
  /** MAIL_FROM: the sender address of alert mails */
  mailFrom?: string | undefined;
  lineChannelSecret?: string | undefined;
  lineChannelAccessToken?: string | undefined;
  /** LINE_API_BASE: LINE's own (https://api.line.me) unless a test points it at a fake */
  lineApiBase?: string | undefined;
  /** the TLS agent for Web Push requests: only tests give one, trusting their local push service */
  pushAgent?: Agent | undefined;
}

/** The log lines the channels write: pino's shape, so the app's logger fits. */
export interface ChannelLog {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}
