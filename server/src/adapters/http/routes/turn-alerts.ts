import { Type } from 'typebox';
import { AlertCreatedSchema, AlertSignupBody, DomainError, PushKeySchema, TicketAlertsSchema } from '@madoguchi/shared';
import type { SignupLimiter } from '../../../app/turn-alert-signups.js';
import { signUp, stopAlert, ticketAlerts, type TurnAlertSettings } from '../../../app/turn-alert-use-cases.js';
import type { LineInbox } from '../../../ports/turn-alert-channel.js';
import { errors, type App, type HttpDeps } from '../context.js';

/** What the alert routes need beyond the engine (server.ts builds it). */
export interface TurnAlertHttp {
  settings: TurnAlertSettings;
  /** the VAPID public key; null when Web Push is not offered */
  vapidPublicKey: string | null;
  signups: SignupLimiter;
  /** LINE's webhook side (bind a code, 「停止」), for the webhook route */
  inbox: LineInbox;
}

const TokenParam = Type.Object({ token: Type.String({ minLength: 1, maxLength: 128 }) });

/** Turn-near alerts, public and found by the ticket's token (docs/api.md "Turn-near alerts"). */
export function turnAlertRoutes(app: App, { engine }: HttpDeps, t: TurnAlertHttp): void {
  app.get(
    '/api/v1/push/key',
    {
      schema: {
        tags: ['public'],
        summary: 'the VAPID public key (base64url) for PushManager.subscribe; 503 when Web Push is not offered',
        response: { 200: PushKeySchema, ...errors(503) },
      },
    },
    async (_req, reply) => {
      if (!t.vapidPublicKey || !t.settings.offered().includes('webpush')) throw new DomainError('UNAVAILABLE', 'Web Push is not offered', { field: 'channel' });
      reply.header('cache-control', 'public, max-age=3600');
      return { publicKey: t.vapidPublicKey };
    },
  );

  app.get(
    '/api/v1/tickets/:token/alerts',
    {
      schema: {
        tags: ['public'],
        summary: 'the channels offered, the default thresholds, and this ticket’s alerts (never their contacts)',
        params: TokenParam,
        response: { 200: TicketAlertsSchema, ...errors(404) },
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return ticketAlerts(engine.deps, t.settings, req.params.token);
    },
  );

  app.post(
    '/api/v1/tickets/:token/alerts',
    {
      schema: {
        tags: ['public'],
        summary: '知らせる: be told when the turn nears, by Web Push, e-mail or LINE',
        description:
          'At most 3 alerts per ticket and a few sign-ups a minute per client address (429 RATE_LIMITED, Retry-After). ' +
          'A push subscription whose endpoint is not an allowed push service: 400 PUSH_ENDPOINT_NOT_ALLOWED. ' +
          'A ticket no longer waiting: 409 CONFLICT. LINE answers the one-time code and the link that opens the chat.',
        params: TokenParam,
        body: AlertSignupBody,
        response: { 201: AlertCreatedSchema, ...errors(400, 404, 409, 429, 507) },
      },
    },
    async (req, reply) => {
      t.signups.check(req.ip);
      return reply.status(201).send(signUp(engine.deps, t.settings, req.params.token, req.body));
    },
  );

  app.delete(
    '/api/v1/tickets/:token/alerts/:id',
    {
      schema: {
        tags: ['public'],
        summary: 'stop an alert: it ends and its contact is deleted at once',
        params: Type.Object({ token: Type.String({ minLength: 1, maxLength: 128 }), id: Type.String({ pattern: '^[0-9]{1,12}$' }) }),
        response: { 204: Type.Null(), ...errors(404) },
      },
    },
    async (req, reply) => {
      stopAlert(engine.deps, t.settings, req.params.token, Number(req.params.id));
      return reply.status(204).send(null);
    },
  );
}
