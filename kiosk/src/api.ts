import type { IssuedTicketSchema, LocalizedText, TakeTicketBody } from '@madoguchi/shared';
import type { Static } from 'typebox';
import { ApiError, apiErrorOf } from '@madoguchi/shared/web';

/** What `POST /api/v1/sites/{site}/tickets` answers. */
export type IssuedTicket = Static<typeof IssuedTicketSchema>;

/** A window type and its procedures, from `GET /api/v1/sites/{site}/queues`. */
export interface QueueCatalogue {
  id: string;
  name: LocalizedText;
  services: { id: string; name: LocalizedText }[];
}

export { ApiError };

async function getJson<T>(path: string, token?: string): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {}, cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'NETWORK');
  }
  if (!res.ok) throw await apiErrorOf(res);
  return (await res.json()) as T;
}

export const fetchDeviceSite = async (token: string): Promise<string> => {
  const me = await getJson<{ device: { site: string; kind: string } | null }>('/api/v1/auth/me', token);
  if (!me.device || me.device.kind !== 'kiosk') throw new ApiError(403, 'FORBIDDEN');
  return me.device.site;
};

export const fetchQueueCatalogue = async (site: string): Promise<QueueCatalogue[]> =>
  (await getJson<{ queues: QueueCatalogue[] }>(`/api/v1/sites/${encodeURIComponent(site)}/queues`)).queues;

/** One key per tap (crypto.randomUUID needs a secure context; a kiosk on plain http has none). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

export interface RetryOptions {
  /** waits before the 2nd, 3rd… attempt (ms) */
  backoff?: readonly number[];
  /** one attempt's limit (ms): a hung request is retried, with the same key */
  timeoutMs?: number;
}

/**
 * Takes a ticket. The same Idempotency-Key goes with every retry of this tap, so the server
 * answers a repeat with the ticket it already issued: a lost answer or a 5xx is retried and
 * never yields a second ticket. 4xx answers are final.
 */
export async function takeTicket(site: string, token: string, body: TakeTicketBody, key: string, opts: RetryOptions = {}): Promise<IssuedTicket> {
  const backoff = opts.backoff ?? [300, 1000, 2500];
  let last: ApiError = new ApiError(0, 'NETWORK');
  for (let attempt = 0; attempt <= backoff.length; attempt += 1) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, backoff[attempt - 1]));
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), opts.timeoutMs ?? 8000);
    try {
      const res = await fetch(`/api/v1/sites/${encodeURIComponent(site)}/tickets`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
        body: JSON.stringify(body),
        signal: abort.signal,
      });
      if (res.ok) return (await res.json()) as IssuedTicket;
      last = await apiErrorOf(res);
      if (res.status < 500) throw last;
    } catch (e) {
      if (e instanceof ApiError && e.status > 0 && e.status < 500) throw e;
      if (!(e instanceof ApiError)) last = new ApiError(0, 'NETWORK');
    } finally {
      clearTimeout(timer);
    }
  }
  throw last;
}
