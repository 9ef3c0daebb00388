/**
 * A local Web Push service speaking the real protocol (RFC 8030 push, RFC 8292 VAPID, RFC 8291
 * aes128gcm), for tests: an HTTPS server on 127.0.0.1 with a self-signed certificate made at
 * start. It hands out browser-like subscriptions (a P-256 key pair and a 16-byte auth secret
 * kept here), checks each push's `Authorization: vapid t=<JWT>, k=<key>` (ES256 signature for
 * k, `aud` = the endpoint's origin, `exp` in the next 24 h, `sub` present), decrypts the body
 * with the subscription's private key and records the JSON payload. Chosen endpoints can be
 * made to answer a status (404, 410, 500…), to hang, or to drop the connection.
 */
import { createECDH, createHmac, createDecipheriv, createPublicKey, randomBytes, verify } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { createServer, Agent, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PushSubscriptionJson {
  endpoint: string;
  keys: { p256dh: string; auth: string };
}

/** One push the service accepted, decrypted. */
export interface ReceivedPush {
  endpoint: string;
  ttl: number;
  urgency: string | undefined;
  /** the VAPID public key the push was signed for (k=) */
  vapidKey: string;
  /** the JWT's claims */
  claims: { aud: string; exp: number; sub: string };
  /** the decrypted payload, parsed as JSON */
  payload: unknown;
}

/** What an endpoint does instead of accepting: answer a status, never answer, or cut the connection. */
export type PushFault = number | 'hang' | 'drop';

interface Browser {
  ecdh: ReturnType<typeof createECDH>;
  publicKey: Buffer;
  auth: Buffer;
}

const b64url = (b: Buffer) => b.toString('base64url');

/** A certificate for 127.0.0.1 made with openssl, valid for a day. */
function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(join(tmpdir(), 'fake-push-'));
  try {
    execFileSync('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ], { stdio: 'ignore' });
    return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export class FakePushService {
  readonly received: ReceivedPush[] = [];
  /** pushes refused for a bad VAPID header or an undecryptable body, with why */
  readonly refused: Array<{ endpoint: string; why: string }> = [];
  private readonly browsers = new Map<string, Browser>();
  private readonly faults = new Map<string, PushFault>();
  private readonly hanging: ServerResponse[] = [];

  private constructor(private readonly server: Server, readonly cert: Buffer, readonly origin: string) {}

  static async start(): Promise<FakePushService> {
    const { key, cert } = selfSignedCertificate();
    const server = createServer({ key, cert });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const service = new FakePushService(server, cert, `https://127.0.0.1:${port}`);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => service.handle(req, res));
    return service;
  }

  /** "127.0.0.1:port", as PUSH_ALLOWED_HOSTS takes it */
  get host(): string {
    return new URL(this.origin).host;
  }

  /** pushes received and held unanswered by a 'hang' fault */
  get held(): number {
    return this.hanging.length;
  }

  /** A TLS agent that trusts this service's certificate, for the sender under test. */
  agent(): Agent {
    return new Agent({ ca: this.cert, keepAlive: false });
  }

  /** What a browser's PushManager.subscribe gives: a new endpoint and the keys to encrypt to. */
  subscribe(): PushSubscriptionJson {
    const ecdh = createECDH('prime256v1');
    const publicKey = ecdh.generateKeys();
    const endpoint = `${this.origin}/push/${b64url(randomBytes(24))}`;
    const auth = randomBytes(16);
    this.browsers.set(new URL(endpoint).pathname, { ecdh, publicKey, auth });
    return { endpoint, keys: { p256dh: b64url(publicKey), auth: b64url(auth) } };
  }

  /** Makes an endpoint answer `fault` from now on (null: accept again). */
  fail(endpoint: string, fault: PushFault | null): void {
    const path = new URL(endpoint).pathname;
    if (fault === null) this.faults.delete(path);
    else this.faults.set(path, fault);
  }

  async close(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = new URL(req.url ?? '/', this.origin).pathname;
      const endpoint = `${this.origin}${path}`;
      const fault = this.faults.get(path);
      if (fault === 'hang') return void this.hanging.push(res);
      if (fault === 'drop') return void req.socket.destroy();
      if (typeof fault === 'number') return void res.writeHead(fault).end();
      const browser = this.browsers.get(path);
      if (req.method !== 'POST' || !browser) return void res.writeHead(404).end();
      try {
        const { key, claims } = checkVapid(req.headers.authorization, this.origin);
        if (req.headers['content-encoding'] !== 'aes128gcm') throw new Error(`Content-Encoding ${String(req.headers['content-encoding'])}`);
        const ttl = Number(req.headers.ttl);
        if (!Number.isInteger(ttl) || ttl < 0) throw new Error('no TTL header');
        const plaintext = decryptAes128gcm(Buffer.concat(chunks), browser.ecdh.getPrivateKey(), browser.auth);
        const urgency = req.headers.urgency;
        this.received.push({ endpoint, ttl, urgency: typeof urgency === 'string' ? urgency : undefined, vapidKey: key, claims, payload: JSON.parse(plaintext.toString('utf8')) });
        res.writeHead(201, { location: `${endpoint}/messages/${this.received.length}` }).end();
      } catch (err) {
        this.refused.push({ endpoint, why: (err as Error).message });
        res.writeHead(403).end((err as Error).message);
      }
    });
  }
}

/** Checks a VAPID Authorization header (RFC 8292 §2, §3) and answers its key and claims, or throws why not. */
export function checkVapid(header: string | undefined, origin: string, now = Date.now()): { key: string; claims: { aud: string; exp: number; sub: string } } {
  const m = /^vapid t=([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (!m) throw new Error(`no VAPID Authorization header: ${String(header)}`);
  const [, jwt = '', key = ''] = m;
  const [head = '', body = '', signature = ''] = jwt.split('.');
  const jose = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: string; typ?: string };
  if (jose.alg !== 'ES256') throw new Error(`JWT alg ${String(jose.alg)}`);
  const raw = Buffer.from(key, 'base64url');
  if (raw.length !== 65 || raw[0] !== 4) throw new Error('k is not an uncompressed P-256 point');
  const publicKey = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64url(raw.subarray(1, 33)), y: b64url(raw.subarray(33)) }, format: 'jwk' });
  const valid = verify('sha256', Buffer.from(`${head}.${body}`), { key: publicKey, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  if (!valid) throw new Error('the JWT signature does not match k');
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as { aud?: unknown; exp?: unknown; sub?: unknown };
  if (claims.aud !== origin) throw new Error(`aud ${String(claims.aud)} is not ${origin}`);
  const seconds = now / 1000;
  if (typeof claims.exp !== 'number' || claims.exp <= seconds || claims.exp > seconds + 24 * 3600) throw new Error(`exp ${String(claims.exp)} is not within the next 24 hours`);
  if (typeof claims.sub !== 'string' || !/^(mailto:|https:)/.test(claims.sub)) throw new Error(`sub ${String(claims.sub)} is not a mailto: or https: URL`);
  return { key, claims: { aud: claims.aud, exp: claims.exp, sub: claims.sub } };
}

const hmac = (key: Buffer, data: Buffer) => createHmac('sha256', key).update(data).digest();

/**
 * The browser's side of RFC 8291: the aes128gcm content coding (RFC 8188) whose key comes from
 * ECDH between the browser's key and the sender's one-time key (in the header's keyid), mixed
 * with the subscription's auth secret.
 */
export function decryptAes128gcm(body: Buffer, uaPrivateKey: Buffer, authSecret: Buffer): Buffer {
  if (body.length < 21) throw new Error('the body is shorter than the aes128gcm header');
  const salt = body.subarray(0, 16);
  const rs = body.readUInt32BE(16);
  const idlen = body.readUInt8(20);
  if (idlen !== 65) throw new Error(`keyid of ${idlen} bytes, not the sender's 65-byte public key`);
  if (rs < 18) throw new Error(`record size ${rs}`);
  const asPublic = body.subarray(21, 21 + idlen);
  const ecdh = createECDH('prime256v1');
  ecdh.setPrivateKey(uaPrivateKey);
  const uaPublic = ecdh.getPublicKey();
  const ecdhSecret = ecdh.computeSecret(asPublic);
  const prkKey = hmac(authSecret, ecdhSecret);
  const ikm = hmac(prkKey, Buffer.concat([Buffer.from('WebPush: info\0'), uaPublic, asPublic, Buffer.from([1])]));
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01')).subarray(0, 16);
  const baseNonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01')).subarray(0, 12);
  const records = body.subarray(21 + idlen);
  const out: Buffer[] = [];
  for (let seq = 0, at = 0; at < records.length; seq += 1, at += rs) {
    const record = records.subarray(at, Math.min(at + rs, records.length));
    const nonce = Buffer.from(baseNonce);
    // the record's sequence number is XORed into the nonce's low bytes (RFC 8188 §2.3)
    nonce.writeUInt32BE((nonce.readUInt32BE(8) ^ seq) >>> 0, 8);
    const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
    decipher.setAuthTag(record.subarray(record.length - 16));
    const padded = Buffer.concat([decipher.update(record.subarray(0, record.length - 16)), decipher.final()]);
    // the delimiter: 2 ends the last record, 1 any other; zeros after it are padding
    let end = padded.length - 1;
    while (end >= 0 && padded[end] === 0) end -= 1;
    const last = at + rs >= records.length;
    if (padded[end] !== (last ? 2 : 1)) throw new Error(`record ${seq} has no ${last ? 'final' : ''} padding delimiter`);
    out.push(padded.subarray(0, end));
  }
  return Buffer.concat(out);
}
