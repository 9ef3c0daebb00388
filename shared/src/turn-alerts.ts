import { Type, type Static } from 'typebox';
import { OneOf } from './schemas.js';

/**
 * Turn-near alerts (順番が近づいたらお知らせ): the wire shapes of signing up on the phone page and
 * of what a citizen is sent. A citizen may leave the lobby and be told when their turn nears,
 * by Web Push, e-mail or LINE; the contact is kept only while the ticket lives.
 */

/** The ways a citizen can be told; an installation offers those whose settings it has. */
export const TURN_ALERT_CHANNELS = ['webpush', 'email', 'line'] as const;
export type TurnAlertChannel = (typeof TURN_ALERT_CHANNELS)[number];
export const TurnAlertChannelSchema = OneOf(TURN_ALERT_CHANNELS);

/** What a message is about: the turn is near (once), the ticket was called, recalled, or ended unserved. */
export const TURN_ALERT_KINDS = ['near', 'called', 'recalled', 'ended'] as const;
export type TurnAlertKind = (typeof TURN_ALERT_KINDS)[number];

/** At most this many alerts per ticket (product §8). */
export const MAX_ALERTS_PER_TICKET = 3;
/** Tell when at most this many people are ahead… */
export const DEFAULT_ALERT_AHEAD = 5;
/** …or the estimate is at most this many minutes, whichever comes first. */
export const DEFAULT_ALERT_MINUTES = 10;

const Thresholds = {
  ahead: Type.Optional(Type.Integer({ minimum: 0, maximum: 50, description: `tell when at most this many are ahead (default ${DEFAULT_ALERT_AHEAD})` })),
  minutes: Type.Optional(Type.Integer({ minimum: 0, maximum: 240, description: `or when the estimate is at most this many minutes (default ${DEFAULT_ALERT_MINUTES})` })),
};

/** A browser's PushSubscription as `toJSON()` gives it (only what sending needs). */
export const PushSubscriptionSchema = Type.Object(
  {
    endpoint: Type.String({ minLength: 8, maxLength: 2048, description: 'https URL of the browser’s push service; only allowed push services are accepted' }),
    expirationTime: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    keys: Type.Object(
      {
        p256dh: Type.String({ minLength: 16, maxLength: 200, pattern: '^[A-Za-z0-9_-]+={0,2}$' }),
        auth: Type.String({ minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9_-]+={0,2}$' }),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type PushSubscriptionJson = Static<typeof PushSubscriptionSchema>;

const SIGNUP_SHAPES = {
  webpush: Type.Object({ channel: Type.Literal('webpush'), subscription: PushSubscriptionSchema, ...Thresholds }, { additionalProperties: false }),
  email: Type.Object(
    { channel: Type.Literal('email'), address: Type.String({ minLength: 3, maxLength: 254, format: 'email', description: 'where the mail goes; kept only while the ticket lives' }), ...Thresholds },
    { additionalProperties: false },
  ),
  line: Type.Object({ channel: Type.Literal('line'), ...Thresholds }, { additionalProperties: false }),
} as const;

/**
 * `POST /api/v1/tickets/{token}/alerts`: one of three shapes, told apart by `channel`. Written
 * as `if channel is … then that shape` rather than a plain union: a union's first failing branch
 * would name its own field (a bad e-mail address answered `field: "subscription"`), whereas here
 * only the chosen channel's shape is checked, so the error names the field that is wrong.
 */
export const AlertSignupBody = Type.Unsafe<Static<(typeof SIGNUP_SHAPES)[TurnAlertChannel]>>({
  type: 'object',
  required: ['channel'],
  properties: { channel: TurnAlertChannelSchema },
  allOf: TURN_ALERT_CHANNELS.map((channel) => ({ if: { properties: { channel: { const: channel } } }, then: SIGNUP_SHAPES[channel] })),
});
export type AlertSignupBody = Static<typeof AlertSignupBody>;

/** The answer to a sign-up; for LINE also the one-time code to send and the link that opens the chat. */
export const AlertCreatedSchema = Type.Object({
  id: Type.Integer(),
  channel: TurnAlertChannelSchema,
  code: Type.Optional(Type.String({ description: 'LINE only: the one-time code to send to the official account' })),
  url: Type.Optional(Type.String({ description: 'LINE only: opens the chat with the official account' })),
});
export type AlertCreated = Static<typeof AlertCreatedSchema>;

/** One alert of a ticket as its phone page lists it: never the contact itself. */
export const TicketAlertSchema = Type.Object({
  id: Type.Integer(),
  channel: TurnAlertChannelSchema,
  ahead: Type.Integer(),
  minutes: Type.Integer(),
  /** LINE: false until the citizen has sent the code */
  bound: Type.Boolean(),
  /** the near message has been queued */
  nearSent: Type.Boolean(),
});
export type TicketAlert = Static<typeof TicketAlertSchema>;

/** `GET /api/v1/tickets/{token}/alerts`: what the installation offers, the defaults, and this ticket's alerts. */
export const TicketAlertsSchema = Type.Object({
  offered: Type.Array(TurnAlertChannelSchema),
  defaults: Type.Object({ ahead: Type.Integer(), minutes: Type.Integer() }),
  alerts: Type.Array(TicketAlertSchema),
});
export type TicketAlerts = Static<typeof TicketAlertsSchema>;

export const PushKeySchema = Type.Object({ publicKey: Type.String({ description: 'the VAPID public key, base64url, for PushManager.subscribe' }) });

/**
 * A message as every channel gets it, already in the ticket's language: Web Push sends it as its
 * JSON payload `{ title, body, url, label, kind }`; e-mail uses title as the subject and body + url
 * as the text; LINE sends title, body and url as one text.
 */
export const TurnAlertMessageSchema = Type.Object({
  kind: OneOf(TURN_ALERT_KINDS),
  label: Type.String(),
  title: Type.String(),
  body: Type.String(),
  url: Type.String(),
  /** the BCP 47 tag of the ticket's language, so that a notification is read out in it (absent in messages queued before it existed) */
  lang: Type.Optional(Type.String()),
});
export type TurnAlertMessage = Static<typeof TurnAlertMessageSchema>;
