import { DEFAULT_RESULT_SECONDS, type CheckInReply, type IssuedTicket, type QueueCatalogue, type TakeTicketBody } from '@madoguchi/shared';
import { apiCall, ApiError, asApiError } from '@madoguchi/shared/web';

export { ApiError };
export type { IssuedTicket, QueueCatalogue };

/** This kiosk's site and its settings from the configuration. */
export interface KioskDevice {
  site: string;
  /** the result screen returns to the start by itself after this many seconds */
  resultSeconds: number;
}

export const fetchDevice = async (token: string): Promise<KioskDevice> => {
  const { device } = await apiCall('GET /api/v1/auth/me', {}, { token });
  if (!device || device.kind !== 'kiosk') throw new ApiError(403, 'FORBIDDEN');
  return { site: device.site, resultSeconds: device.kiosk?.resultSeconds ?? DEFAULT_RESULT_SECONDS };
};

export const fetchQueueCatalogue = async (site: string): Promise<QueueCatalogue[]> => (await apiCall('GET /api/v1/sites/:site/queues', { params: { site } })).queues;

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
      return await apiCall('POST /api/v1/sites/:site/tickets', { params: { site }, body }, { token, headers: { 'idempotency-key': key }, signal: abort.signal });
    } catch (e) {
      last = asApiError(e);
      if (last.status > 0 && last.status < 500) throw last;
    } finally {
      clearTimeout(timer);
    }
  }
  throw last;
}

/** `POST …/bookings/{code}/check-in`: the booked citizen's ticket (a normal issue answer, marked booked). */
export type { CheckInReply };

/** The catalogue's window types (`booking`: null when the window takes none). */
export type BookableQueue = QueueCatalogue;

/**
 * Checks a booking in by its code, with an Idempotency-Key (a repeat answers the same ticket).
 * One attempt: the citizen is at the screen and taps again. A refusal carries its code, and for
 * TOO_EARLY when check-in opens (`nextOpening`).
 */
export async function checkIn(site: string, token: string, code: string, key: string): Promise<CheckInReply> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), 8000);
  try {
    return await apiCall('POST /api/v1/sites/:site/bookings/:code/check-in', { params: { site, code } }, { token, headers: { 'idempotency-key': key }, signal: abort.signal });
  } finally {
    clearTimeout(timer);
  }
}

