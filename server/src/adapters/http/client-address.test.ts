import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { clientAddressOf, trustFunction, type TrustProxy } from './client-address.js';

/** Fastify's request.ip and the helper for sockets, on the same raw request. */
async function both(trust: TrustProxy, remoteAddress: string, forwardedFor?: string): Promise<{ fastify: string; helper: string }> {
  const app = Fastify({ trustProxy: trustFunction(trust) });
  const helper = clientAddressOf(trust);
  app.get('/', async (req) => ({ fastify: req.ip, helper: helper(req.raw) }));
  try {
    const res = await app.inject({ method: 'GET', url: '/', remoteAddress, headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });
    return res.json();
  } finally {
    await app.close();
  }
}

describe('clientAddressOf()', () => {
  it.each<[TrustProxy, string, string | undefined, string]>([
    [false, '10.0.0.5', '198.51.100.1, 203.0.113.7', '10.0.0.5'],
    [1, '10.0.0.5', '198.51.100.1, 203.0.113.7', '203.0.113.7'],
    [2, '10.0.0.5', '198.51.100.1, 203.0.113.7', '198.51.100.1'],
    [1, '10.0.0.5', undefined, '10.0.0.5'],
    [['10.0.0.0/8'], '10.0.0.5', '198.51.100.1, 203.0.113.7', '203.0.113.7'],
    [['10.0.0.0/8'], '192.0.2.1', '198.51.100.1, 203.0.113.7', '192.0.2.1'],
    [['10.0.0.5', '10.0.0.6'], '10.0.0.5', '198.51.100.1, 10.0.0.6', '198.51.100.1'],
  ])('trust %j, peer %s, X-Forwarded-For %s: the client is %s, as Fastify says', async (trust, peer, xff, expected) => {
    expect(await both(trust, peer, xff)).toEqual({ fastify: expected, helper: expected });
  });
});
