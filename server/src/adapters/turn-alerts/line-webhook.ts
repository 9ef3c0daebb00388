import { validateSignature, type messagingApi } from '@line/bot-sdk';
import { DomainError } from '@madoguchi/shared';
import { normaliseLineCode } from '../../domain/turn-alerts.js';
import type { LineInbox } from '../../ports/turn-alert-channel.js';
import type { App } from '../http/context.js';
import type { ChannelLog } from './settings.js';
import { inTime } from './in-time.js';

export interface LineWebhookDeps {
  /** LINE_CHANNEL_SECRET: the key of the webhook's signature */
  channelSecret: string;
  inbox: LineInbox;
  /** answers in the chat */
  client: Pick<messagingApi.MessagingApiClient, 'replyMessage'>;
  log: ChannelLog;
}

export const LINE_WEBHOOK_PATH = '/api/v1/line/webhook';
/** a chat reply LINE has not taken by then is given up (a reply token is valid for a minute) */
const REPLY_TIMEOUT_MS = 10_000;

/** Words that stop every alert of the sender; compared after NFKC and lower-casing. */
const STOP_WORDS = new Set(['停止', 'ていし', 'stop']);
/**
 * What a text from a citizen asks for: stop, the phone page's one-time code to bind (as the domain
 * reads it: full-width, lower case or spaced out counts too), or nothing we know.
 */
export function readLineText(text: string): { stop: true } | { code: string } | null {
  if (STOP_WORDS.has(text.normalize('NFKC').trim().toLowerCase())) return { stop: true };
  const code = normaliseLineCode(text);
  return code === null ? null : { code };
}

interface LineEvent {
  type?: unknown;
  replyToken?: unknown;
  source?: { type?: unknown; userId?: unknown };
  message?: { type?: unknown; text?: unknown };
}

/**
 * `POST /api/v1/line/webhook`: LINE's calls when a citizen writes to the official account.
 * The signature (X-Line-Signature: base64 HMAC-SHA256 of the raw body with the channel secret,
 * compared in constant time by the SDK) is checked on the bytes as they came, so this route
 * parses its own body: 401 for a missing or wrong signature, 400 for a signed body that is not
 * LINE's JSON. A text holding a code binds the user to that ticket's alert, 「停止」/"stop" ends
 * the user's alerts, an unfollow (the user blocked the account) ends them too. The answer is
 * 200 at once; the replies in the chat go out after it (LINE retries a slow webhook).
 * Without LINE settings (`deps` null) the route still exists, so the API is the same on every
 * installation, and answers 404.
 */
export function lineWebhookRoute(app: App, deps: LineWebhookDeps | null): void {
  void app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));

    scope.post(
      LINE_WEBHOOK_PATH,
      {
        // LINE sends up to a few events per call; a day's burst of codes fits easily
        bodyLimit: 256 * 1024,
        schema: { tags: ['public'], summary: 'LINE Messaging API webhook (X-Line-Signature checked)' },
      },
      async (req, reply) => {
        if (!deps) throw new DomainError('NOT_FOUND', 'LINE alerts are not offered here', { field: 'url' });
        const raw = req.body as Buffer;
        const signature = req.headers['x-line-signature'];
        if (typeof signature !== 'string' || signature === '' || !validateSignature(raw, deps.channelSecret, signature)) {
          throw new DomainError('UNAUTHORIZED', 'the X-Line-Signature does not match the body', { field: 'x-line-signature' });
        }
        const events = eventsOf(raw);
        const replies = events.flatMap((event) => handle(event, deps));
        void reply.status(200).send({});
        void Promise.allSettled(replies.map(({ replyToken, text }) => inTime(deps.client.replyMessage({ replyToken, messages: [{ type: 'text', text }] }), REPLY_TIMEOUT_MS))).then((results) => {
          for (const r of results) {
            if (r.status === 'rejected') deps.log.warn({ status: (r.reason as { status?: unknown }).status }, 'a LINE reply could not be sent');
            else if (r.value === 'timeout') deps.log.warn({ timeoutMs: REPLY_TIMEOUT_MS }, 'LINE did not take a chat reply in time');
          }
        });
        return reply;
      },
    );
  });
}

function eventsOf(raw: Buffer): LineEvent[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new DomainError('VALIDATION', 'the body is not valid JSON', { field: 'body' });
  }
  const events = (parsed as { events?: unknown } | null)?.events;
  if (!Array.isArray(events)) throw new DomainError('VALIDATION', 'the body has no events', { field: 'events' });
  return events.filter((e): e is LineEvent => typeof e === 'object' && e !== null);
}

/** One event's effect on the inbox, and the reply it asks for (none for events we do not act on). */
function handle(event: LineEvent, deps: LineWebhookDeps): Array<{ replyToken: string; text: string }> {
  const userId = event.source?.type === 'user' && typeof event.source.userId === 'string' ? event.source.userId : null;
  if (!userId) return [];
  if (event.type === 'unfollow') {
    deps.inbox.stop(userId);
    return [];
  }
  if (event.type !== 'message' || event.message?.type !== 'text' || typeof event.message.text !== 'string') return [];
  const asked = readLineText(event.message.text);
  if (!asked) return [];
  const answer = 'stop' in asked ? deps.inbox.stop(userId) : deps.inbox.bind(asked.code, userId);
  if (!answer || typeof event.replyToken !== 'string') return [];
  return [{ replyToken: event.replyToken, text: answer.reply }];
}
