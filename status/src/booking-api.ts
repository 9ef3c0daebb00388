import type { Booking, BookingCreated, BookingSlots, CreateBookingBody, QueueCatalogue } from '@madoguchi/shared';
import { ApiError, apiCall, apiErrorOf } from '@madoguchi/shared/web';

export type { Booking, BookingCreated, BookingSlot, BookingSlots } from '@madoguchi/shared';

/** One public booking call: JSON in and out, an error answer as an ApiError (its code and field), no answer as NETWORK. */
async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'NETWORK');
  }
  if (!res.ok) throw await apiErrorOf(res);
  return (res.status === 204 ? null : await res.json()) as T;
}

const sitePath = (site: string): string => `/api/v1/sites/${encodeURIComponent(site)}`;

/** `GET …/booking-slots?queue&date`: a day's slots with the places left; 404 when the queue takes no bookings. */
export const fetchSlots = (site: string, queue: string, date: string): Promise<BookingSlots> =>
  call('GET', `${sitePath(site)}/booking-slots?${new URLSearchParams({ queue, date }).toString()}`);

export const createBooking = (site: string, body: CreateBookingBody): Promise<BookingCreated> => call('POST', `${sitePath(site)}/bookings`, body);

export const fetchBooking = (token: string): Promise<Booking> => call('GET', `/api/v1/bookings/${encodeURIComponent(token)}`);

export const cancelBooking = async (token: string): Promise<void> => {
  await call('DELETE', `/api/v1/bookings/${encodeURIComponent(token)}`);
};

/** The booking page's full address (the server may answer a path), for the QR code and the link. */
export const absoluteUrl = (url: string): string => new URL(url, window.location.origin).href;

/** A window type with its procedures, and its booking settings when the catalogue gives them (a queue without takes no bookings). */
export type BookableQueue = QueueCatalogue & { booking?: { daysAhead?: number } | null };

export const fetchQueues = async (site: string): Promise<BookableQueue[]> => (await apiCall('GET /api/v1/sites/:site/queues', { params: { site } }, { cache: 'no-cache' })).queues;
