import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { trustFunction, type TrustProxy } from './client-address.js';
import { handshakeReader } from './handshake-request.js';

/** Fastify's own reading of a request next to handshakeReader's reading of the same raw request. */
async function both(trustProxy: TrustProxy, headers: Record<string, string>) {
  const app = Fastify({ trustProxy: trustFunction(trustProxy) });
  const reader = handshakeReader(trustProxy);
  app.get('/', async (req) => ({
    fastify: { address: req.ip, origin: `${req.protocol}://${req.host}` },
    raw: { address: reader.address(req.raw), origin: reader.origin(req.raw) },
  }));
  const res = await app.inject({ method: 'GET', url: '/', headers });
  await app.close();
  return res.json<{ fastify: unknown; raw: unknown }>();
}

describe('handshakeReader reads a raw request as Fastify reads the same request', () => {
  const cases: Array<Record<string, string>> = [
    { host: 'madoguchi.example:8443' },
    { host: 'inner:3000', 'x-forwarded-for': '203.0.113.7, 10.0.0.2', 'x-forwarded-proto': 'http, https', 'x-forwarded-host': 'a.example, madoguchi.example' },
    { host: 'inner:3000', 'x-forwarded-for': '198.51.100.1' },
  ];
  for (const trustProxy of [false, 1, 2, ['127.0.0.1'], ['10.0.0.0/8']] as TrustProxy[]) {
    for (const headers of cases) {
      it(`trustProxy ${JSON.stringify(trustProxy)}, ${Object.keys(headers).join(' ')}`, async () => {
        const r = await both(trustProxy, headers);
        expect(r.raw).toEqual(r.fastify);
      });
    }
  }
});
