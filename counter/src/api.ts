import type { CounterView, LocalizedText, TicketView } from '@madoguchi/shared';
import { ApiError, callApi } from '@madoguchi/shared/web';

/**
 * The staff HTTP API the console calls (docs: /docs on the server). The session is the HttpOnly
 * cookie set by the sign-in; same-origin requests carry it and the server's Origin check.
 */

/** A refused request: `code` from shared/errors.ts, or `NETWORK` when no answer came. */
export { ApiError };

export interface User {
  username: string;
  role: string;
}

export interface Site {
  id: string;
  name: LocalizedText;
  kind: string;
}

/** A window type and its procedures (public `GET …/queues`). */
export interface QueueCatalogue {
  id: string;
  name: LocalizedText;
  services: { id: string; name: LocalizedText }[];
}

const call = callApi;

const site = (s: string) => `/api/v1/sites/${encodeURIComponent(s)}`;
const counter = (s: string, c: string) => `${site(s)}/counters/${encodeURIComponent(c)}`;

async function ticketOf(p: Promise<{ ticket: TicketView } | null>): Promise<TicketView> {
  const r = await p;
  if (!r) throw new ApiError(204, 'generic');
  return r.ticket;
}

export const api = {
  /** the signed-in user, or null without a (valid) session */
  me: async (): Promise<User | null> => {
    try {
      return (await call<{ user: User | null }>('GET', '/api/v1/auth/me'))?.user ?? null;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  },
  login: async (username: string, password: string): Promise<User> => {
    const r = await call<{ user: User }>('POST', '/api/v1/auth/login', { username, password });
    if (!r) throw new ApiError(204, 'generic');
    return r.user;
  },
  logout: () => call<null>('POST', '/api/v1/auth/logout'),
  sites: async (): Promise<Site[]> => (await call<{ sites: Site[] }>('GET', '/api/v1/sites'))?.sites ?? [],
  queues: async (s: string): Promise<QueueCatalogue[]> => (await call<{ queues: QueueCatalogue[] }>('GET', `${site(s)}/queues`))?.queues ?? [],
  tickets: async (s: string): Promise<TicketView[]> => (await call<{ tickets: TicketView[] }>('GET', `${site(s)}/tickets`))?.tickets ?? [],

  /** 呼出: the next ticket, or null when nothing waits for this counter (204) */
  callNext: async (s: string, c: string, confirmNoShow = false): Promise<TicketView | null> =>
    (await call<{ ticket: TicketView }>('POST', `${counter(s, c)}/call-next`, confirmNoShow ? { confirmNoShow } : {}))?.ticket ?? null,
  callTicket: (s: string, c: string, ticket: number, confirmNoShow = false) =>
    ticketOf(call('POST', `${counter(s, c)}/call`, confirmNoShow ? { ticket, confirmNoShow } : { ticket })),
  recall: (s: string, c: string) => ticketOf(call('POST', `${counter(s, c)}/recall`)),
  start: (s: string, c: string) => ticketOf(call('POST', `${counter(s, c)}/start`)),
  complete: (s: string, c: string) => ticketOf(call('POST', `${counter(s, c)}/complete`)),
  noShow: (s: string, c: string) => ticketOf(call('POST', `${counter(s, c)}/no-show`)),
  transfer: (s: string, c: string, queue: string, service: string | null) =>
    ticketOf(call('POST', `${counter(s, c)}/transfer`, service ? { queue, service } : { queue })),
  reinstate: (s: string, id: number) => ticketOf(call('POST', `${site(s)}/tickets/${id}/reinstate`)),
  /** open / pause (with a reason) / close; opening signs the clerk in to the counter */
  setState: async (s: string, c: string, state: 'open' | 'paused' | 'closed', opts: { reason?: string; clerk?: string } = {}): Promise<CounterView> => {
    const r = await call<{ counter: CounterView }>('PUT', counter(s, c), { state, ...opts });
    if (!r) throw new ApiError(204, 'generic');
    return r.counter;
  },
};
