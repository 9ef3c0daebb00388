import type { LocalizedText, QueueStatusView, TicketState } from '@madoguchi/shared';

/** `GET /api/v1/sites` */
export interface SiteEntry {
  id: string;
  name: LocalizedText;
  kind: string;
}

/** `GET /api/v1/sites/{site}/status`: cacheable (ETag, short max-age), numbers only. */
export interface SiteStatus {
  site: { id: string; name: LocalizedText };
  at: string;
  issuing: QueueStatusView['issuing'];
  businessDate: string;
  demo: boolean;
  queues: QueueStatusView[];
}

/** `GET /api/v1/tickets/{token}`: the phone page's view of one ticket. */
export interface TicketStatus {
  site: string;
  label: string;
  queue: string;
  state: TicketState;
  ahead: number | null;
  estimatedWaitMinutes: number | null;
  counter: string | null;
}

/** A refused or failed request: `status` 0 when no answer came. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(readonly status: number) {
    super(`HTTP ${status}`);
  }
}

async function getJson<T>(path: string, cache: RequestCache): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, { cache, headers: { accept: 'application/json' } });
  } catch {
    throw new ApiError(0);
  }
  if (!res.ok) throw new ApiError(res.status);
  return (await res.json()) as T;
}

export const fetchSites = async (): Promise<SiteEntry[]> => (await getJson<{ sites: SiteEntry[] }>('/api/v1/sites', 'default')).sites;

/**
 * The status is fetched through the browser's HTTP cache ('no-cache' revalidates with the ETag,
 * so a busy homepage mostly gets 304s from the server).
 */
export const fetchStatus = (site: string): Promise<SiteStatus> => getJson<SiteStatus>(`/api/v1/sites/${encodeURIComponent(site)}/status`, 'no-cache');

export const fetchTicket = (token: string): Promise<TicketStatus> => getJson<TicketStatus>(`/api/v1/tickets/${encodeURIComponent(token)}`, 'no-store');

/** お客様ニーズの把握: one anonymous answer (1–5) after service. */
export async function sendFeedback(token: string, rating: number): Promise<void> {
  let res: Response;
  try {
    res = await fetch(`/api/v1/tickets/${encodeURIComponent(token)}/feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rating }),
    });
  } catch {
    throw new ApiError(0);
  }
  if (!res.ok) throw new ApiError(res.status);
}
