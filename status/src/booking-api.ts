import type { Booking, BookingCreated, BookingSlots, CreateBookingBody, QueueCatalogue } from '@madoguchi/shared';
import { apiCall } from '@madoguchi/shared/web';

export type { Booking, BookingCreated, BookingSlot, BookingSlots } from '@madoguchi/shared';

/** `GET …/booking-slots?queue&date`: a day's slots with the places left; 404 when the queue takes no bookings. */
export const fetchSlots = (site: string, queue: string, date: string): Promise<BookingSlots> =>
  apiCall('GET /api/v1/sites/:site/booking-slots', { params: { site }, query: { queue, date } });

export const createBooking = (site: string, body: CreateBookingBody): Promise<BookingCreated> => apiCall('POST /api/v1/sites/:site/bookings', { params: { site }, body });

export const fetchBooking = (token: string): Promise<Booking> => apiCall('GET /api/v1/bookings/:token', { params: { token } });

export const cancelBooking = async (token: string): Promise<void> => {
  await apiCall('DELETE /api/v1/bookings/:token', { params: { token } });
};

/** The booking page's full address (the server may answer a path), for the QR code and the link. */
export const absoluteUrl = (url: string): string => new URL(url, window.location.origin).href;

/** A window type with its procedures and its booking settings (null: it takes no bookings). */
export type BookableQueue = QueueCatalogue;

export const fetchQueues = async (site: string): Promise<BookableQueue[]> => (await apiCall('GET /api/v1/sites/:site/queues', { params: { site } }, { cache: 'no-cache' })).queues;
