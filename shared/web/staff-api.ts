/**
 * The staff pages' (counter console, manager) JSON call to the API with the session cookie: an
 * error answer becomes an ApiError with the API's code, reason and field; no network is NETWORK.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly reason: string | null = null,
    readonly field: string | null = null,
  ) {
    super(code);
  }
}

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
  if (!res.ok) {
    const e = ((await res.json().catch(() => null)) as { error?: { code?: string; reason?: string; field?: string } } | null)?.error;
    throw new ApiError(res.status, e?.code ?? (res.status >= 500 ? 'INTERNAL' : 'generic'), e?.reason ?? null, e?.field ?? null);
  }
  return (await res.json()) as T;
}
