import type { LocalizedText, TicketView } from '@madoguchi/shared';
import { ApiError, apiErrorOf } from './api-error';

/**
 * The staff pages' (counter console, manager) JSON call to the API with the session cookie: an
 * error answer becomes an ApiError with the API's code, reason and field; no network is NETWORK.
 * Also the calls both pages make: the session, the sites, the queues' procedures, today's tickets.
 */

/** `null` for 204 No Content. */
export async function callApi<T>(method: string, path: string, body?: unknown): Promise<T | null> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? null : JSON.stringify(body),
      cache: 'no-store',
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'NETWORK');
  }
  if (res.status === 204) return null;
  if (!res.ok) throw await apiErrorOf(res);
  return (await res.json()) as T;
}

/** The answer of a call that must have one: 204 No Content is refused as `generic`. */
export async function must<T>(p: Promise<T | null>): Promise<T> {
  const r = await p;
  if (r === null) throw new ApiError(204, 'generic');
  return r;
}

export type Role = 'clerk' | 'manager' | 'admin';
export const ROLES: readonly Role[] = ['clerk', 'manager', 'admin'];

export interface User {
  username: string;
  role: Role;
  /** the sites this member of staff may act on; null or absent: every site */
  sites?: string[] | null;
}

/** The sites of the list a member of staff may work at (the server refuses the others with 403). */
export const sitesFor = <S extends { id: string }>(user: User, sites: S[]): S[] => (user.sites ? sites.filter((s) => user.sites?.includes(s.id)) : sites);

export interface Site {
  id: string;
  name: LocalizedText;
  kind: string;
}

/** A window type and its procedures (public `GET …/queues`): not in the snapshot. */
export interface QueueCatalogue {
  id: string;
  name: LocalizedText;
  services: { id: string; name: LocalizedText }[];
}

export const sitePath = (s: string): string => `/api/v1/sites/${encodeURIComponent(s)}`;

export const staffApi = {
  /** the signed-in user, or null without a (valid) session */
  me: async (): Promise<User | null> => {
    try {
      return (await callApi<{ user: User | null }>('GET', '/api/v1/auth/me'))?.user ?? null;
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  },
  /** signs in, then asks who that is: the sign-in's answer does not carry the user's sites */
  login: async (username: string, password: string): Promise<User> => {
    const signedIn = (await must(callApi<{ user: User }>('POST', '/api/v1/auth/login', { username, password }))).user;
    return (await staffApi.me()) ?? signedIn;
  },
  logout: () => callApi<null>('POST', '/api/v1/auth/logout'),
  sites: async (): Promise<Site[]> => (await callApi<{ sites: Site[] }>('GET', '/api/v1/sites'))?.sites ?? [],
  queues: async (s: string): Promise<QueueCatalogue[]> => (await callApi<{ queues: QueueCatalogue[] }>('GET', `${sitePath(s)}/queues`))?.queues ?? [],
  tickets: async (s: string): Promise<TicketView[]> => (await callApi<{ tickets: TicketView[] }>('GET', `${sitePath(s)}/tickets`))?.tickets ?? [],
};
