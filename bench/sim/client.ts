/**
 * The simulator's side of the wire: HTTP (fetch, one keep-alive connection) as kiosks, clerks
 * and the floor manager use it, and one display's Socket.IO feed.
 */
import { Agent, request } from 'node:http';
import { io as connect, type Socket } from 'socket.io-client';
import type { Static } from 'typebox';
import { SiteFeed, type Booking, type BookingCreated, type BookingRow, type BookingSlot, type CheckInReply, type ClientToServerEvents, type IssuedTicketSchema, type FeedSocket, type ServerToClientEvents, type SiteSnapshot, type TicketView } from '@madoguchi/shared';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: string,
    what: string,
  ) {
    super(`${what}: HTTP ${status} ${body}`);
  }
}

export type Issued = Static<typeof IssuedTicketSchema>;

export interface CounterReply {
  id: string;
  availability: string;
  queues: string[];
  primaryQueue: string | null;
  lowCounter: boolean;
}

export class Api {
  requests = 0;
  /** one keep-alive connection, as a kiosk or console keeps one */
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1 });
  constructor(
    readonly base: string,
    readonly site: string,
  ) {}

  async send(method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; json: unknown }> {
    this.requests += 1;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const { status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = request(
        `${this.base}${path}`,
        {
          method,
          agent: this.agent,
          headers: {
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
    if (status >= 300) throw new HttpError(status, text, `${method} ${path}`);
    return { status, json: text ? (JSON.parse(text) as unknown) : null };
  }

  close(): void {
    this.agent.destroy();
  }

  private sitePath(rest: string): string {
    return `/api/v1/sites/${this.site}${rest}`;
  }

  async takeTicket(kiosk: string, body: { queue: string; service: string; priority: boolean; lowCounter: boolean }, key: string): Promise<Issued> {
    const r = await this.send('POST', this.sitePath('/tickets'), kiosk, body, { 'idempotency-key': key });
    if (r.status !== 201) throw new Error(`expected 201 for a new ticket, got ${r.status}`);
    return r.json as Issued;
  }

  async callNext(clerk: string, counter: string): Promise<TicketView | null> {
    const r = await this.send('POST', this.sitePath(`/counters/${counter}/call-next`), clerk, {});
    return r.status === 204 ? null : (r.json as { ticket: TicketView }).ticket;
  }

  async counterAction(clerk: string, counter: string, action: 'start' | 'complete' | 'no-show' | 'recall'): Promise<TicketView> {
    return ((await this.send('POST', this.sitePath(`/counters/${counter}/${action}`), clerk, {})).json as { ticket: TicketView }).ticket;
  }

  async transfer(clerk: string, counter: string, queue: string, service: string | null): Promise<TicketView> {
    return ((await this.send('POST', this.sitePath(`/counters/${counter}/transfer`), clerk, { queue, service })).json as { ticket: TicketView }).ticket;
  }

  async ticketAction(token: string, ticket: number, action: 'reinstate' | 'cancel'): Promise<TicketView> {
    return ((await this.send('POST', this.sitePath(`/tickets/${ticket}/${action}`), token, {})).json as { ticket: TicketView }).ticket;
  }

  /** The phone page's "Notify me": a turn-near alert on the ticket found by its token. */
  async signUp(ticketToken: string, body: { channel: 'email'; address: string; ahead?: number; minutes?: number }): Promise<void> {
    const r = await this.send('POST', `/api/v1/tickets/${encodeURIComponent(ticketToken)}/alerts`, '', body);
    if (r.status !== 201) throw new Error(`expected 201 for an alert sign-up, got ${r.status}`);
  }

  /** The status page's booking: the slots of a queue on a day, then one booked (the public routes). */
  async bookingSlots(queue: string, date: string): Promise<BookingSlot[]> {
    return ((await this.send('GET', this.sitePath(`/booking-slots?queue=${encodeURIComponent(queue)}&date=${date}`), '')).json as { slots: BookingSlot[] }).slots;
  }

  async book(body: { queue: string; service: string; start: string }): Promise<BookingCreated> {
    const r = await this.send('POST', this.sitePath('/bookings'), '', body);
    if (r.status !== 201) throw new Error(`expected 201 for a booking, got ${r.status}`);
    return r.json as BookingCreated;
  }

  async booking(token: string): Promise<Booking> {
    return (await this.send('GET', `/api/v1/bookings/${encodeURIComponent(token)}`, '')).json as Booking;
  }

  /** The booking's own page: cancel. */
  async cancelBooking(token: string): Promise<void> {
    await this.send('DELETE', `/api/v1/bookings/${encodeURIComponent(token)}`, '');
  }

  /** The kiosk's "I have a booking": the code typed on the keypad. */
  async checkIn(kiosk: string, code: string): Promise<CheckInReply> {
    const r = await this.send('POST', this.sitePath(`/bookings/${code}/check-in`), kiosk, {});
    if (r.status !== 201) throw new Error(`expected 201 for a check-in, got ${r.status}`);
    return r.json as CheckInReply;
  }

  async bookingsOfDay(manager: string, date: string): Promise<BookingRow[]> {
    return ((await this.send('GET', this.sitePath(`/bookings?date=${date}`), manager)).json as { bookings: BookingRow[] }).bookings;
  }

  async updateCounter(token: string, counter: string, body: Record<string, unknown>): Promise<CounterReply> {
    return ((await this.send('PUT', this.sitePath(`/counters/${counter}`), token, body)).json as { counter: CounterReply }).counter;
  }

  async ticketsOfToday(token: string): Promise<TicketView[]> {
    return ((await this.send('GET', this.sitePath('/tickets'), token)).json as { tickets: TicketView[] }).tickets;
  }

  async status(): Promise<unknown> {
    return (await this.send('GET', this.sitePath('/status'), '')).json;
  }

  async dailyReport(token: string, date: string): Promise<unknown> {
    return (await this.send('GET', this.sitePath(`/reports/daily?date=${date}`), token)).json;
  }
}

/** A lobby display: a display device's socket, kept by the same SiteFeed the display page uses. */
export class Display {
  readonly socket: Socket<ServerToClientEvents, ClientToServerEvents>;
  readonly feed: SiteFeed;
  private waiters: Array<{ seq: number; resolve: () => void }> = [];
  announced = 0;

  private constructor(base: string, token: string) {
    this.socket = connect(base, { auth: { token }, transports: ['websocket'], reconnection: false });
    this.feed = new SiteFeed(this.socket as unknown as FeedSocket, {
      onState: (s) => this.settle(s.seq),
      onAnnounce: () => {
        this.announced += 1;
      },
    });
  }

  static async connect(base: string, token: string): Promise<Display> {
    const d = new Display(base, token);
    await new Promise<void>((resolve, reject) => {
      d.socket.once('site:snapshot', () => resolve());
      d.socket.once('connect_error', (e) => reject(e));
    });
    return d;
  }

  private settle(seq: number): void {
    const ready = this.waiters.filter((w) => w.seq <= seq);
    this.waiters = this.waiters.filter((w) => w.seq > seq);
    for (const w of ready) w.resolve();
  }

  /** Resolves once the feed has applied every event up to `seq` (socket delivery, no timer). */
  caughtUp(seq: number): Promise<void> {
    if ((this.feed.state?.seq ?? -1) >= seq) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ seq, resolve }));
  }

  /** What the server would send this display now (its resync answer). */
  resync(): Promise<SiteSnapshot> {
    return new Promise((resolve, reject) => {
      this.socket.emit('site:resync', (r) => (r.ok ? resolve(r.data) : reject(new Error(r.error.message))));
    });
  }

  close(): void {
    this.socket.close();
  }
}
