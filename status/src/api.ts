import type { Site, SiteStatus, TicketStatus } from '@madoguchi/shared';
import { apiCall } from '@madoguchi/shared/web';

/** A refused or failed request: `status` 0 when no answer came. */
export { ApiError } from '@madoguchi/shared/web';
export type { SiteStatus, TicketStatus };

export const fetchSites = async (): Promise<Site[]> => (await apiCall('GET /api/v1/sites', {}, { cache: 'default' })).sites;

/**
 * `GET /api/v1/sites/{site}/status`: cacheable (ETag, short max-age), numbers only. It is fetched
 * through the browser's HTTP cache ('no-cache' revalidates with the ETag, so a busy homepage
 * mostly gets 304s from the server).
 */
export const fetchStatus = (site: string): Promise<SiteStatus> => apiCall('GET /api/v1/sites/:site/status', { params: { site } }, { cache: 'no-cache' });

/** `GET /api/v1/tickets/{token}`: the phone page's view of one ticket. */
export const fetchTicket = (token: string): Promise<TicketStatus> => apiCall('GET /api/v1/tickets/:token', { params: { token } });

/** お客様ニーズの把握: one anonymous answer (1–5) after service. */
export async function sendFeedback(token: string, rating: number): Promise<void> {
  await apiCall('POST /api/v1/tickets/:token/feedback', { params: { token }, body: { rating } });
}
