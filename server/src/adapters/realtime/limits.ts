import { refill, takeToken, type Bucket, type Rate } from '../../domain/token-bucket.js';
import type { Clock } from '../../ports/clock.js';

/**
 * How much one socket and one address may ask of the realtime layer (docs/product.md §6: a flood
 * answers with an error early; everyone else keeps their normal latency). The defaults sit well
 * above honest use: a page sends a command on a sequence gap, a kiosk or phone page resyncs once a
 * minute, a clerk presses a few keys in a row; a lobby of phones shares one public address behind
 * the office Wi-Fi's NAT.
 */
export interface SocketLimits {
  /** commands one socket may send in a burst (its bucket's size) */
  socketBurst: number;
  /** commands per second one socket may keep sending (the bucket's refill) */
  socketPerSecond: number;
  /** commands the anonymous sockets of one client address may send together in a burst */
  addressBurst: number;
  /** commands per second the anonymous sockets of one address may keep sending together */
  addressPerSecond: number;
  /** refused commands in a row (no accepted one between) after which the socket is disconnected */
  disconnectAfterRefused: number;
  /** anonymous sockets (no token, no session) open at once from one client address; more are refused at the handshake */
  anonymousPerAddress: number;
  /** anonymous handshakes one address may make in a burst (a lobby's phones coming back after a Wi-Fi drop) */
  handshakeBurst: number;
  /**
   * anonymous handshakes per second one address may keep making; once its burst is spent, every
   * new connection from the address is refused before the WebSocket upgrade, so a flooder that is
   * disconnected cannot buy a fresh socket bucket by reconnecting
   */
  handshakePerSecond: number;
}

export const DEFAULT_SOCKET_LIMITS: SocketLimits = {
  socketBurst: 20,
  socketPerSecond: 5,
  addressBurst: 200,
  addressPerSecond: 50,
  disconnectAfterRefused: 20,
  anonymousPerAddress: 200,
  handshakeBurst: 200,
  handshakePerSecond: 5,
};

/** A token bucket (domain/token-bucket.ts) on the injected clock. */
export class TokenBucket {
  private bucket: Bucket;
  private readonly rate: Rate;

  constructor(
    capacity: number,
    perSecond: number,
    private readonly clock: Clock,
  ) {
    this.rate = { burst: capacity, perMinute: perSecond * 60 };
    this.bucket = refill(undefined, this.rate, clock.now().getTime());
  }

  private now(): Bucket {
    this.bucket = refill(this.bucket, this.rate, this.clock.now().getTime());
    return this.bucket;
  }

  /** Takes one token if there is one. */
  take(): boolean {
    const t = takeToken(this.bucket, this.rate, this.clock.now().getTime());
    this.bucket = t.bucket;
    return t.ok;
  }

  /** Whether a token is there, without taking it. */
  ready(): boolean {
    return this.now().tokens >= 1;
  }

  /** Whether the bucket is back to full (nothing to remember about its owner). */
  full(): boolean {
    return this.now().tokens >= this.rate.burst;
  }
}

interface AddressState {
  bucket: TokenBucket;
  handshakes: TokenBucket;
  anonymous: number;
}

/**
 * Per-address state of the anonymous sockets: how many are open, and their shared command bucket.
 * An address's entry outlives its sockets until its bucket is full again, so closing and reopening
 * sockets does not buy a fresh burst; idle entries are swept as addresses come and go.
 */
export class AddressLimits {
  private readonly byAddress = new Map<string, AddressState>();
  private changes = 0;

  constructor(
    private readonly limits: SocketLimits,
    private readonly clock: Clock,
  ) {}

  private state(address: string): AddressState {
    let s = this.byAddress.get(address);
    if (!s) {
      s = {
        bucket: new TokenBucket(this.limits.addressBurst, this.limits.addressPerSecond, this.clock),
        handshakes: new TokenBucket(this.limits.handshakeBurst, this.limits.handshakePerSecond, this.clock),
        anonymous: 0,
      };
      this.byAddress.set(address, s);
    }
    return s;
  }

  /** Counts an anonymous socket of the address in, or says why not: the address has its cap, or connects too often. */
  open(address: string): 'ok' | 'too-many' | 'too-fast' {
    const s = this.state(address);
    if (s.anonymous >= this.limits.anonymousPerAddress) return 'too-many';
    if (!s.handshakes.take()) return 'too-fast';
    s.anonymous += 1;
    return 'ok';
  }

  /**
   * Whether a new connection from the address may even start (checked before the WebSocket
   * upgrade, when it is not yet known whether it will be anonymous): not while the address's
   * anonymous handshakes are spent.
   */
  mayConnect(address: string): boolean {
    return this.byAddress.get(address)?.handshakes.ready() ?? true;
  }

  close(address: string): void {
    const s = this.byAddress.get(address);
    if (s) s.anonymous = Math.max(0, s.anonymous - 1);
    if (++this.changes % 256 === 0) this.sweep();
  }

  /** One command of an anonymous socket of the address. */
  take(address: string): boolean {
    return this.state(address).bucket.take();
  }

  /** Open anonymous sockets of an address (tests, diagnostics). */
  anonymousOf(address: string): number {
    return this.byAddress.get(address)?.anonymous ?? 0;
  }

  get size(): number {
    return this.byAddress.size;
  }

  /** Forgets addresses with no open socket and a full bucket. */
  sweep(): void {
    for (const [address, s] of this.byAddress) if (s.anonymous === 0 && s.bucket.full() && s.handshakes.full()) this.byAddress.delete(address);
  }
}

export type Verdict = 'ok' | 'refused' | 'disconnect';

/**
 * Admits or refuses each command a socket sends: its own bucket first, then (anonymous sockets
 * only: the others are accountable and revocable) its address's shared bucket. A socket that keeps
 * sending refused commands is to be disconnected. Sockets are keys of a WeakMap: nothing to clean.
 */
export class CommandLimiter {
  readonly limits: SocketLimits;
  readonly addresses: AddressLimits;
  private readonly sockets = new WeakMap<object, { bucket: TokenBucket; refused: number }>();

  constructor(limits: Partial<SocketLimits>, private readonly clock: Clock) {
    this.limits = { ...DEFAULT_SOCKET_LIMITS, ...limits };
    this.addresses = new AddressLimits(this.limits, clock);
  }

  /** `anonymousAddress`: the client address of an anonymous socket, null for an authenticated one. */
  admit(socket: object, anonymousAddress: string | null): Verdict {
    let s = this.sockets.get(socket);
    if (!s) {
      s = { bucket: new TokenBucket(this.limits.socketBurst, this.limits.socketPerSecond, this.clock), refused: 0 };
      this.sockets.set(socket, s);
    }
    const ok = s.bucket.take() && (anonymousAddress === null || this.addresses.take(anonymousAddress));
    if (ok) {
      s.refused = 0;
      return 'ok';
    }
    s.refused += 1;
    return s.refused >= this.limits.disconnectAfterRefused ? 'disconnect' : 'refused';
  }
}
