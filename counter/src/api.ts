import type { CounterAvailability, CounterView, TicketView } from '@madoguchi/shared';
import type { CheckInReply } from '@madoguchi/shared';
import { apiCall } from '@madoguchi/shared/web';

/**
 * The staff HTTP API the console calls (docs: /docs on the server), typed from the route map.
 * The session is the HttpOnly cookie set by the sign-in; same-origin requests carry it and the
 * server's Origin check.
 */

/** A refused request: `code` from shared/errors.ts, or `NETWORK` when no answer came. */
export { ApiError } from '@madoguchi/shared/web';
export type { QueueCatalogue, Site, User } from '@madoguchi/shared';

const at = (site: string, counter: string) => ({ site, counter });

/** The console's own calls; the session, sites, queues and tickets are `staffApi`'s (shared/web). */
export const api = {
  /** 呼出: the next ticket, or null when nothing waits for this counter (204) */
  callNext: async (s: string, c: string, confirmNoShow = false): Promise<TicketView | null> =>
    (await apiCall('POST /api/v1/sites/:site/counters/:counter/call-next', { params: at(s, c), body: confirmNoShow ? { confirmNoShow } : {} }))?.ticket ?? null,
  callTicket: async (s: string, c: string, ticket: number, confirmNoShow = false): Promise<TicketView> =>
    (await apiCall('POST /api/v1/sites/:site/counters/:counter/call', { params: at(s, c), body: confirmNoShow ? { ticket, confirmNoShow } : { ticket } })).ticket,
  recall: async (s: string, c: string): Promise<TicketView> => (await apiCall('POST /api/v1/sites/:site/counters/:counter/recall', { params: at(s, c) })).ticket,
  start: async (s: string, c: string): Promise<TicketView> => (await apiCall('POST /api/v1/sites/:site/counters/:counter/start', { params: at(s, c) })).ticket,
  complete: async (s: string, c: string): Promise<TicketView> => (await apiCall('POST /api/v1/sites/:site/counters/:counter/complete', { params: at(s, c) })).ticket,
  noShow: async (s: string, c: string): Promise<TicketView> => (await apiCall('POST /api/v1/sites/:site/counters/:counter/no-show', { params: at(s, c) })).ticket,
  transfer: async (s: string, c: string, queue: string, service: string | null): Promise<TicketView> =>
    (await apiCall('POST /api/v1/sites/:site/counters/:counter/transfer', { params: at(s, c), body: service ? { queue, service } : { queue } })).ticket,
  reinstate: async (s: string, id: number): Promise<TicketView> => (await apiCall('POST /api/v1/sites/:site/tickets/:id/reinstate', { params: { site: s, id } })).ticket,
  /** open / pause (with a reason) / close; the server signs the signed-in clerk in to the counter */
  setState: async (s: string, c: string, state: CounterAvailability, opts: { reason?: string } = {}): Promise<CounterView> =>
    (await apiCall('PUT /api/v1/sites/:site/counters/:counter', { params: at(s, c), body: { state, ...opts } })).counter,
  /** 予約の受付: checks a booking in by its code and issues its ticket (marked booked) */
  checkIn: (s: string, code: string): Promise<CheckInReply> => apiCall('POST /api/v1/sites/:site/bookings/:code/check-in', { params: { site: s, code } }),
};
