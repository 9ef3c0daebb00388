/**
 * Requests that Node's HTTP parser or Fastify refuse before any route runs, sent as raw bytes over
 * TCP (no client library would send them): every answer has the API's error shape.
 */
import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { listeningForFile } from './support/server.js';

const listening = listeningForFile();

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Sends `bytes` and reads until the server closes the connection (or 5 s pass: a test failure). */
function raw(bytes: string): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = connect(listening.port(), '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(5_000, () => socket.destroy(new Error(`no answer within 5 s to ${JSON.stringify(bytes.slice(0, 80))}`)));
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      const [statusLine = '', ...lines] = head.split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      resolve({ status: Number(statusLine.split(' ')[1]), headers, body: rest.join('\r\n\r\n') });
    });
    socket.write(bytes);
    // half-close: "that is all"; the server answers and closes its side
    socket.end();
  });
}

const expectErrorShape = (a: RawAnswer, status: number, code: string) => {
  expect(a.status, a.body).toBe(status);
  expect(a.headers['content-type']).toMatch(/^application\/json/);
  const body = JSON.parse(a.body) as { error?: { code?: string; message?: string } };
  expect(Object.keys(body)).toEqual(['error']);
  expect(body.error?.code).toBe(code);
  expect(body.error?.message).toEqual(expect.any(String));
};

describe('errors raised below the routes', () => {
  it('a Content-Length that is not a number: 400 VALIDATION in the error shape', async () => {
    const a = await raw('POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n{}');
    expectErrorShape(a, 400, 'VALIDATION');
  });

  it('two different Content-Lengths: 400 VALIDATION in the error shape', async () => {
    const a = await raw('POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nContent-Length: 3\r\n\r\n{}');
    expectErrorShape(a, 400, 'VALIDATION');
  });

  it('headers beyond the parser’s limit: 431 PAYLOAD_TOO_LARGE in the error shape', async () => {
    const a = await raw(`GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`);
    expectErrorShape(a, 431, 'PAYLOAD_TOO_LARGE');
  });

  it('a malformed request line: 400 VALIDATION in the error shape', async () => {
    for (const line of ['GARBAGE\r\n\r\n', 'GET / HTTP/9.9\r\nHost: x\r\n\r\n', 'GET\t/ HTTP/1.1\r\n\r\n', 'GET /\x01 HTTP/1.1\r\nHost: x\r\n\r\n']) {
      expectErrorShape(await raw(line), 400, 'VALIDATION');
    }
  });

  it('a request without a Host header (HTTP/1.1 requires one): 400 VALIDATION in the error shape', async () => {
    expectErrorShape(await raw('GET /healthz HTTP/1.1\r\nConnection: close\r\n\r\n'), 400, 'VALIDATION');
  });

  it('a URL that does not decode, an unknown method and an oversized body keep the error shape too', async () => {
    expectErrorShape(await raw('GET /api/v1/sites/%zz/status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'), 400, 'VALIDATION');
    expectErrorShape(await raw('PROPFIND /api/v1/sites/naka/status HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'), 404, 'NOT_FOUND');
    const big = JSON.stringify({ username: 'a'.repeat(20_000), password: 'x' });
    expectErrorShape(
      await raw(`POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${big.length}\r\nConnection: close\r\n\r\n${big}`),
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });
});
