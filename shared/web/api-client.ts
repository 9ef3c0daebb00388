import type { ApiRoute, RouteBody, RouteParams, RouteQuery, RouteReply } from '@madoguchi/shared';
import { ApiError, apiErrorOf } from './api-error';

/**
 * Every page's HTTP call, typed from the route map (shared/src/routes.ts): the route names its
 * path parameters, query, body and answer, so a field the server changes fails the build of each
 * page that reads it. Only types come from the map: no schema reaches a page's bundle.
 */

/** What a call sends: the path's parameters, the query and the body, each only when the route has one. */
export type CallOf<K extends ApiRoute> = (keyof RouteParams<K> extends never ? { params?: never } : { params: RouteParams<K> }) &
  ([RouteQuery<K>] extends [never] ? { query?: never } : { query: RouteQuery<K> }) &
  ([RouteBody<K>] extends [never] ? { body?: never } : { body: RouteBody<K> });

export interface CallOptions {
  /** a device or staff token, sent as `Authorization: Bearer`; without it the session cookie goes (same origin) */
  token?: string;
  /** `no-store` unless said otherwise (the status page revalidates through the HTTP cache) */
  cache?: RequestCache;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

const METHOD_AND_PATH = /^([A-Z]+) (.+)$/;

/** The address of a route: its `:name` segments filled in (encoded), then the query. */
export function routeUrl<K extends ApiRoute>(route: K, call: CallOf<K>): string {
  const [, , template = route] = METHOD_AND_PATH.exec(route) ?? [];
  const params = (call.params ?? {}) as Record<string, string | number>;
  const path = template.replace(/:([A-Za-z]+)/g, (_, name: string) => encodeURIComponent(String(params[name])));
  const query = Object.entries((call.query ?? {}) as Record<string, string | undefined>).filter((e): e is [string, string] => e[1] !== undefined);
  return query.length === 0 ? path : `${path}?${new URLSearchParams(query).toString()}`;
}

/**
 * Calls a route. An error answer throws an ApiError with the API's code, reason and field; no
 * answer throws NETWORK (status 0); 204 No Content answers null (the routes that may give it say
 * so in their answer's type).
 */
export async function apiCall<K extends ApiRoute>(route: K, call: CallOf<K>, opts: CallOptions = {}): Promise<RouteReply<K>> {
  const method = route.slice(0, route.indexOf(' '));
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  if (call.body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(routeUrl(route, call), {
      method,
      headers,
      body: call.body === undefined ? null : JSON.stringify(call.body),
      cache: opts.cache ?? 'no-store',
      credentials: 'same-origin',
      ...(opts.signal ? { signal: opts.signal } : {}),
    });
  } catch {
    throw new ApiError(0, 'NETWORK');
  }
  if (!res.ok) throw await apiErrorOf(res);
  return (res.status === 204 ? null : await res.json()) as RouteReply<K>;
}
