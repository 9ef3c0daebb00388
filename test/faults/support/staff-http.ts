/** Staff requests to a server process over real HTTP, as the staff pages make them. */
import { expect } from 'vitest';

export const json = { 'content-type': 'application/json' };

/** Signs in and returns the session cookie's value. */
export async function login(url: string, username: string, password: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: json, body: JSON.stringify({ username, password }) });
  expect(res.status, await res.clone().text()).toBe(200);
  const cookie = /madoguchi_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

/** A staff request with the session cookie and this server's Origin (writes need it). */
export function staff(url: string, cookie: string, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${url}${path}`, {
    method,
    headers: { cookie: `madoguchi_session=${cookie}`, origin: url, ...(body === undefined ? {} : json) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}
