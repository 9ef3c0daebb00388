import type { IncomingMessage } from 'node:http';

/** The last entry of a possibly repeated, comma-separated header, as Fastify reads X-Forwarded-Host/-Proto. */
function lastEntry(v: string | string[] | undefined): string | undefined {
  const joined = Array.isArray(v) ? v.join(',') : v;
  if (!joined) return undefined;
  return joined.split(',').pop()?.trim() || undefined;
}

/**
 * A raw request (a socket's handshake) read as Fastify reads a request with the same `trustProxy`:
 * `address` is `request.ip`, `origin` is `${request.protocol}://${request.host}`. One place, so the
 * realtime limits and the Origin check follow the HTTP side when the proxy setting changes.
 */
export function handshakeReader(trustProxy: boolean): { address(req: IncomingMessage): string; origin(req: IncomingMessage): string } {
  return {
    address(req) {
      const peer = req.socket.remoteAddress ?? '';
      if (!trustProxy) return peer;
      // trusting every hop, Fastify (proxy-addr) takes the furthest address: X-Forwarded-For's first
      const xff = req.headers['x-forwarded-for'];
      const first = (Array.isArray(xff) ? xff.join(',') : xff)?.split(',')[0]?.trim();
      return first || peer;
    },
    origin(req) {
      const encrypted = (req.socket as { encrypted?: boolean }).encrypted === true;
      const proto = (trustProxy ? lastEntry(req.headers['x-forwarded-proto']) : undefined) ?? (encrypted ? 'https' : 'http');
      const host = (trustProxy ? lastEntry(req.headers['x-forwarded-host']) : undefined) ?? req.headers.host ?? '';
      return `${proto}://${host}`;
    },
  };
}
