/**
 * The push services browsers subscribe with: an endpoint must be on one of these hosts (or one
 * given in PUSH_ALLOWED_HOSTS), so the sign-up route does not make the server an open relay
 * for requests to any address. Entries starting with a dot match any subdomain.
 */
export const BUILT_IN_PUSH_SERVICES: readonly string[] = [
  'fcm.googleapis.com', // Chrome, Edge on Android, Samsung Internet, Opera
  'android.googleapis.com', // older Chrome subscriptions
  'updates.push.services.mozilla.com', // Firefox
  '.push.apple.com', // Safari (web.push.apple.com)
  '.notify.windows.com', // Edge on Windows (wns2-*.notify.windows.com)
];

const matchesHost = (entry: string, host: string) => (entry.startsWith('.') ? host.endsWith(entry) && host.length > entry.length : host === entry);

/**
 * Whether a subscription's endpoint may be sent to: an https URL without credentials, on a
 * built-in push service (port 443) or on one of `extraHosts` ("host" meaning port 443, or
 * "host:port"), compared case-insensitively.
 */
export function isAllowedPushEndpoint(endpoint: string, extraHosts: readonly string[] = []): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.protocol !== 'https:' || url.username !== '' || url.password !== '') return false;
  const host = url.hostname.toLowerCase();
  const port = url.port || '443';
  if (port === '443' && BUILT_IN_PUSH_SERVICES.some((entry) => matchesHost(entry, host))) return true;
  return extraHosts.some((raw) => {
    const entry = raw.trim().toLowerCase();
    if (entry === '') return false;
    const colon = entry.lastIndexOf(':');
    // "[::1]:8443" and "host:8443" carry a port; a bare IPv6 address in brackets does not
    const hasPort = colon > entry.lastIndexOf(']');
    const entryHost = hasPort ? entry.slice(0, colon) : entry;
    const entryPort = hasPort ? entry.slice(colon + 1) : '443';
    return entryPort === port && matchesHost(entryHost, host);
  });
}
