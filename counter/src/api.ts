import type { CounterView, TicketView } from '@madoguchi/shared';
import { ApiError, callApi, must, sitePath } from '@madoguchi/shared/web';

/**
 * The staff HTTP API the console calls (docs: /docs on the server). The session is the HttpOnly
 * cookie set by the sign-in; same-origin requests carry it and the server's Origin check.
 */

/** A refused request: `code` from shared/errors.ts, or `NETWORK` when no answer came. */
export { ApiError };
export type { QueueCatalogue, Site, User } from '@madoguchi/shared/web';

const counter = (s: string, c: string) => `${sitePath(s)}/counters/${encodeURIComponent(c)}`;

const ticketOf = async (p: Promise<{ ticket: TicketView } | null>): Promise<TicketView> => (await must(p)).ticket;

/** The console's own calls; the session, sites, queues and tickets are `staffApi`'s (shared/web). */
export const api = {
  /** 呼出: the next ticket, or null when nothing waits for this counter (204) */
  callNext: async (s: string, c: string, confirmNoShow = false): Promise<TicketView | null> =>
    (await callApi<{ ticket: TicketView }>('POST', `${counter(s, c)}/call-next`, confirmNoShow ? { confirmNoShow } : {}))?.ticket ?? null,
  callTicket: (s: string, c: string, ticket: number, confirmNoShow = false) =>
    ticketOf(callApi('POST', `${counter(s, c)}/call`, confirmNoShow ? { ticket, confirmNoShow } : { ticket })),
  recall: (s: string, c: string) => ticketOf(callApi('POST', `${counter(s, c)}/recall`)),
  start: (s: string, c: string) => ticketOf(callApi('POST', `${counter(s, c)}/start`)),
  complete: (s: string, c: string) => ticketOf(callApi('POST', `${counter(s, c)}/complete`)),
  noShow: (s: string, c: string) => ticketOf(callApi('POST', `${counter(s, c)}/no-show`)),
  transfer: (s: string, c: string, queue: string, service: string | null) =>
    ticketOf(callApi('POST', `${counter(s, c)}/transfer`, service ? { queue, service } : { queue })),
  reinstate: (s: string, id: number) => ticketOf(callApi('POST', `${sitePath(s)}/tickets/${id}/reinstate`)),
  /** open / pause (with a reason) / close; the server signs the signed-in clerk in to the counter */
  setState: async (s: string, c: string, state: 'open' | 'paused' | 'closed', opts: { reason?: string } = {}): Promise<CounterView> =>
    (await must(callApi<{ counter: CounterView }>('PUT', counter(s, c), { state, ...opts }))).counter,
};
