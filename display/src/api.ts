import { apiCall, ApiError } from '@madoguchi/shared/web';

/** A refused request: the HTTP status (0 when no answer came) and the error code. */
export { ApiError };

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

/** `GET /api/v1/auth/me` with the device token: the display's site and scope. */
export async function fetchDisplayDevice(token: string): Promise<DisplayDevice> {
  const { device } = await apiCall('GET /api/v1/auth/me', {}, { token });
  if (!device || device.kind !== 'display') throw new ApiError(403, 'FORBIDDEN');
  return {
    site: device.site,
    name: device.name,
    scope: { queues: device.display?.queues ?? null, counters: device.display?.counters ?? null },
  };
}
