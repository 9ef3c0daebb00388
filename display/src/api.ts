/** A refused request: the HTTP status (0 when no answer came) and the error code. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
  ) {
    super(code);
  }
}

/** Which queues and counters this display shows (null: all), from the server's configuration. */
export interface DisplayScope {
  queues: readonly string[] | null;
  counters: readonly string[] | null;
}

export interface DisplayDevice {
  site: string;
  name: string;
  scope: DisplayScope;
}

interface Me {
  device: { kind: string; site: string; name: string; display?: { queues: string[] | null; counters: string[] | null } } | null;
}

/** `GET /api/v1/auth/me` with the device token: the display's site and scope. */
export async function fetchDisplayDevice(token: string): Promise<DisplayDevice> {
  let res: Response;
  try {
    res = await fetch('/api/v1/auth/me', { headers: { authorization: `Bearer ${token}` }, cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'NETWORK');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code?: string } } | null;
    throw new ApiError(res.status, body?.error?.code ?? 'INTERNAL');
  }
  const me = (await res.json()) as Me;
  if (!me.device || me.device.kind !== 'display') throw new ApiError(403, 'FORBIDDEN');
  return {
    site: me.device.site,
    name: me.device.name,
    scope: { queues: me.device.display?.queues ?? null, counters: me.device.display?.counters ?? null },
  };
}
