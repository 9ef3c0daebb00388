import type { QueueCatalogue, Site, TicketView, User } from '@madoguchi/shared';
import { apiCall } from './api-client';
import { ApiError } from './api-error';

/**
 * The calls both staff pages (counter console, manager) make: the session, the sites, the queues'
 * procedures, today's tickets. The session is the HttpOnly cookie set by the sign-in; same-origin
 * requests carry it and the Origin header the server checks on writes.
 */

export { ROLES, type QueueCatalogue, type Role, type Site, type User } from '@madoguchi/shared';

/** The sites of the list a member of staff may work at (the server refuses the others with 403). */
export const sitesFor = <S extends { id: string }>(user: Pick<User, 'sites'>, sites: S[]): S[] => (user.sites ? sites.filter((s) => user.sites?.includes(s.id)) : sites);

/** A site's API prefix, for the addresses the route map does not type (CSV downloads). */
export const sitePath = (s: string): string => `/api/v1/sites/${encodeURIComponent(s)}`;

export const staffApi = {
  /** the signed-in user, or null without a (valid) session */
  me: async (): Promise<User | null> => {
    try {
      return (await apiCall('GET /api/v1/auth/me', {})).user;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  },
  /** signs in, then asks who that is: the sign-in's answer does not carry the user's sites */
  login: async (username: string, password: string): Promise<User> => {
    const signedIn = (await apiCall('POST /api/v1/auth/login', { body: { username, password } })).user;
    return (await staffApi.me()) ?? { ...signedIn, sites: null };
  },
  logout: () => apiCall('POST /api/v1/auth/logout', {}),
  sites: async (): Promise<Site[]> => (await apiCall('GET /api/v1/sites', {})).sites,
  queues: async (site: string): Promise<QueueCatalogue[]> => (await apiCall('GET /api/v1/sites/:site/queues', { params: { site } })).queues,
  tickets: async (site: string): Promise<TicketView[]> => (await apiCall('GET /api/v1/sites/:site/tickets', { params: { site } })).tickets,
};
