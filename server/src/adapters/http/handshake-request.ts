import type { IncomingMessage } from 'node:http';
import { clientAddressOf, trustFunction, type TrustProxy } from './client-address.js';

/** The last entry of a possibly repeated, comma-separated header, as Fastify reads X-Forwarded-Host/-Proto. */
function lastEntry(v: string | string[] | undefined): string | undefined {
  const joined = Array.isArray(v) ? v.join(',') : v;
  if (!joined) return undefined;
  return joined.split(',').pop()?.trim() || undefined;
}

/**
 * A raw request (a socket's handshake) read as Fastify reads a request with the same TRUST_PROXY:
 * `address` is `request.ip`, `origin` is `${request.protocol}://${request.host}`. One place, so the
 * realtime limits and the Origin check follow the HTTP side when the proxy setting changes.
 */
export function handshakeReader(trust: TrustProxy): { address(req: IncomingMessage): string; origin(req: IncomingMessage): string } {
  const fn = trustFunction(trust);
  const address = clientAddressOf(trust);
  return {
    address,
    origin(req) {
      // Fastify takes X-Forwarded-Proto/-Host only from a trusted peer
      const trusted = fn !== false && fn(req.socket.remoteAddress ?? '', 0);
      const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
      const proto = (trusted ? lastEntry(req.headers['x-forwarded-proto']) : undefined) ?? (encrypted ? 'https' : 'http');
      const host = (trusted ? lastEntry(req.headers['x-forwarded-host']) : undefined) ?? req.headers.host ?? '';
      return `${proto}://${host}`;
    },
  };
}
