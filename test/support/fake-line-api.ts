/**
 * A local LINE Messaging API for tests (plain HTTP on 127.0.0.1, given to the app as
 * LINE_API_BASE): `POST /v2/bot/message/push` and `/v2/bot/message/reply` check
 * `Authorization: Bearer <channel access token>` (401 as LINE answers otherwise) and record the
 * bodies; chosen users can be made to fail as LINE fails (429, 500, 400 for a user who does
 * not follow the account). Also builds signed webhook calls as LINE makes them.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LineTextMessage {
  type: string;
  text: string;
}

/** How LINE refuses a push to a user: a status with its body. */
export type LineFault = 'limit' | 'server-error' | 'unfollowed' | 'unknown-user';

const FAULTS: Record<LineFault, { status: number; message: string }> = {
  limit: { status: 429, message: 'You have reached your monthly limit.' },
  'server-error': { status: 500, message: 'Internal server error' },
  unfollowed: { status: 400, message: 'Failed to send messages' },
  'unknown-user': { status: 400, message: "The property, 'to', in the request body is invalid (line:-, column:-)" },
};

export class FakeLineApi {
  readonly pushes: Array<{ to: string; messages: LineTextMessage[] }> = [];
  readonly replies: Array<{ replyToken: string; messages: LineTextMessage[] }> = [];
  /** calls refused for their token */
  unauthorized = 0;
  private readonly faults = new Map<string, LineFault>();

  private constructor(private readonly server: Server, readonly base: string, private readonly token: string) {}

  static async start(token: string): Promise<FakeLineApi> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeLineApi(server, `http://127.0.0.1:${port}`, token);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => fake.handle(req, res));
    return fake;
  }

  /** Makes pushes to `userId` fail as `fault` (null: succeed again). */
  fail(userId: string, fault: LineFault | null): void {
    if (fault === null) this.faults.delete(userId);
    else this.faults.set(userId, fault);
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = (status: number, body: object) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      if (req.headers.authorization !== `Bearer ${this.token}`) {
        this.unauthorized += 1;
        return answer(401, { message: 'Authentication failed. Confirm that the access token in the authorization header is valid.' });
      }
      let body: { to?: string; replyToken?: string; messages?: LineTextMessage[] };
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof body;
      } catch {
        return answer(400, { message: 'The request body has 1 error(s)' });
      }
      const messages = body.messages ?? [];
      const sent = { sentMessages: messages.map(() => ({ id: randomBytes(8).toString('hex'), quoteToken: randomBytes(8).toString('hex') })) };
      if (req.method === 'POST' && req.url === '/v2/bot/message/push' && typeof body.to === 'string') {
        const fault = this.faults.get(body.to);
        if (fault) return answer(FAULTS[fault].status, { message: FAULTS[fault].message });
        this.pushes.push({ to: body.to, messages });
        return answer(200, sent);
      }
      if (req.method === 'POST' && req.url === '/v2/bot/message/reply' && typeof body.replyToken === 'string') {
        this.replies.push({ replyToken: body.replyToken, messages });
        return answer(200, sent);
      }
      return answer(404, { message: 'Not found' });
    });
  }
}

/** One LINE webhook event: a user's text message to the account. */
export function textEvent(userId: string, text: string, replyToken = randomBytes(16).toString('hex')): object {
  return {
    type: 'message',
    mode: 'active',
    timestamp: Date.now(),
    source: { type: 'user', userId },
    webhookEventId: randomBytes(13).toString('hex').toUpperCase(),
    deliveryContext: { isRedelivery: false },
    replyToken,
    message: { id: String(Date.now()), type: 'text', quoteToken: randomBytes(8).toString('hex'), text },
  };
}

/** A webhook call as LINE makes it: the JSON body and its X-Line-Signature (base64 HMAC-SHA256 with the channel secret). */
export function signedWebhook(channelSecret: string, events: object[]): { payload: string; headers: Record<string, string> } {
  const payload = JSON.stringify({ destination: 'U00000000000000000000000000000000', events });
  return { payload, headers: { 'content-type': 'application/json; charset=utf-8', 'x-line-signature': createHmac('sha256', channelSecret).update(payload).digest('base64') } };
}
