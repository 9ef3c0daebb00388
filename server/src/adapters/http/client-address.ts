import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';

/**
 * Which reverse proxies are trusted to say who the client is (TRUST_PROXY, read by config.ts):
 * none (`false`), the number of proxy hops in front of the server, or the proxies' addresses
 * and CIDR ranges (`loopback`, `uniquelocal`… as proxy-addr names them).
 */
export type TrustProxy = false | number | readonly string[];

export type TrustFunction = (address: string, hop: number) => boolean;

/**
 * The trust function handed to Fastify (`trustProxy`) and used for sockets, so that both read
 * X-Forwarded-For the same way: from the right, only as far as the trusted proxies go. Never
 * "trust everything": the leftmost entry is whatever the client wrote.
 */
export function trustFunction(trust: TrustProxy): TrustFunction | false {
  if (trust === false) return false;
  // a hop count: the peer and the next n-1 forwarded addresses are our proxies. (Fastify's own
  // numeric trustProxy trusts nothing at all since 5.x, so the count is a function here.)
  if (typeof trust === 'number') return trust < 1 ? false : (_address, hop) => hop < trust;
  return proxyAddr.compile([...trust]);
}

/**
 * A function giving the client's address of a raw request (a socket's handshake, for
 * per-address limits in the realtime layer), equal to Fastify's `request.ip` with the same
 * TRUST_PROXY.
 */
export function clientAddressOf(trust: TrustProxy): (req: IncomingMessage) => string {
  const fn = trustFunction(trust);
  return (req) => {
    if (!fn) return req.socket.remoteAddress ?? '';
    const all = proxyAddr.all(req, fn);
    return all[all.length - 1] ?? '';
  };
}
