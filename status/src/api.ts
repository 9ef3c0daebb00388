import type { AlertCreated, AlertSignupBody, Forecast, Site, SiteStatus, TicketAlerts, TicketStatus } from '@madoguchi/shared';
import { apiCall } from '@madoguchi/shared/web';

/** A refused or failed request: `status` 0 when no answer came. */
export { ApiError } from '@madoguchi/shared/web';
export type { AlertCreated, Forecast, ForecastDay, ForecastQueueDay, SiteStatus, TicketAlert, TicketAlerts, TicketStatus, TurnAlertChannel } from '@madoguchi/shared';

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

/** 知らせる: what the installation offers, the default thresholds and the ticket's alerts (never their contacts). */
export const fetchAlerts = (token: string): Promise<TicketAlerts> => apiCall('GET /api/v1/tickets/:token/alerts', { params: { token } });

/** Signs the ticket up for turn-near alerts on one channel; LINE answers the one-time code and the link. */
export const addAlert = (token: string, body: AlertSignupBody): Promise<AlertCreated> => apiCall('POST /api/v1/tickets/:token/alerts', { params: { token }, body });

/** Stops one alert: the server deletes its contact at once. */
export async function stopAlert(token: string, id: number): Promise<void> {
  await apiCall('DELETE /api/v1/tickets/:token/alerts/:id', { params: { token, id } });
}

/** The VAPID public key (base64url) the push subscription is made with. */
export const fetchPushKey = async (): Promise<string> => (await apiCall('GET /api/v1/push/key', {}, { cache: 'default' })).publicKey;

/** The public forecast's open-data addresses (JSON and CSV with BOM), for links. */
export const forecastUrl = (site: string, format: 'json' | 'csv'): string => `/api/v1/sites/${encodeURIComponent(site)}/forecast${format === 'csv' ? '.csv' : ''}`;

/**
 * `GET /api/v1/sites/{site}/forecast?days=N`: the 混雑予測カレンダー's data from today on, through the
 * browser's HTTP cache (the server answers with an ETag; the stored forecast changes once a day).
 */
export const fetchForecast = (site: string, days: number): Promise<Forecast> => apiCall('GET /api/v1/sites/:site/forecast', { params: { site }, query: { days } }, { cache: 'no-cache' });
