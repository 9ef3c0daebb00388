import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock/manual-clock.js';
import { AddressLimits, CommandLimiter, DEFAULT_SOCKET_LIMITS, TokenBucket } from './limits.js';

const T0 = '2026-04-06T01:00:00Z';
const takeAll = (b: TokenBucket, n: number) => Array.from({ length: n }, () => b.take()).filter(Boolean).length;

describe('TokenBucket', () => {
  it('gives its burst at once, then its rate as the clock moves', () => {
    const clock = new ManualClock(T0);
    const b = new TokenBucket(5, 2, clock);
    expect(takeAll(b, 10)).toBe(5);
    clock.advance(500);
    expect(takeAll(b, 10)).toBe(1);
    clock.advance(60_000);
    expect(takeAll(b, 10)).toBe(5); // never more than its size
  });

  it('is not locked out by a clock that jumps back (NTP): it refills from the new time', () => {
    const clock = new ManualClock(T0);
    const b = new TokenBucket(2, 1, clock);
    expect(takeAll(b, 2)).toBe(2);
    clock.set(new Date(Date.parse(T0) - 3600_000).toISOString());
    expect(b.take()).toBe(false);
    clock.advance(1000);
    expect(b.take()).toBe(true);
  });
});

describe('AddressLimits', () => {
  const limits = { ...DEFAULT_SOCKET_LIMITS, anonymousPerAddress: 2, addressBurst: 3, addressPerSecond: 1 };

  it('caps the open anonymous sockets of an address, and frees a place when one closes', () => {
    const a = new AddressLimits(limits, new ManualClock(T0));
    expect([a.open('x'), a.open('x'), a.open('x'), a.open('y')]).toEqual(['ok', 'ok', 'too-many', 'ok']);
    a.close('x');
    expect(a.open('x')).toBe('ok');
  });

  it('remembers a drained bucket after the address’s sockets close (no fresh burst by reconnecting) and forgets it once full', () => {
    const clock = new ManualClock(T0);
    const a = new AddressLimits(limits, clock);
    a.open('x');
    expect([a.take('x'), a.take('x'), a.take('x'), a.take('x')]).toEqual([true, true, true, false]);
    a.close('x');
    a.sweep();
    a.open('x');
    expect(a.take('x')).toBe(false);
    a.close('x');
    clock.advance(3000);
    a.sweep();
    expect(a.size).toBe(0);
  });

  it('refuses new connections from an address whose handshakes are spent, until they refill', () => {
    const clock = new ManualClock(T0);
    const a = new AddressLimits({ ...limits, anonymousPerAddress: 100, handshakeBurst: 2, handshakePerSecond: 1 }, clock);
    expect([a.open('x'), a.open('x'), a.open('x')]).toEqual(['ok', 'ok', 'too-fast']);
    expect([a.mayConnect('x'), a.mayConnect('y')]).toEqual([false, true]);
    clock.advance(1000);
    expect(a.mayConnect('x')).toBe(true);
    expect(a.open('x')).toBe('ok');
  });
});

describe('CommandLimiter', () => {
  it('says disconnect after enough refusals in a row, and an accepted command resets the count', () => {
    const clock = new ManualClock(T0);
    const l = new CommandLimiter({ socketBurst: 1, socketPerSecond: 1, disconnectAfterRefused: 3 }, clock);
    const socket = {};
    expect([l.admit(socket, null), l.admit(socket, null), l.admit(socket, null)]).toEqual(['ok', 'refused', 'refused']);
    clock.advance(1000);
    expect(l.admit(socket, null)).toBe('ok');
    expect([l.admit(socket, null), l.admit(socket, null), l.admit(socket, null)]).toEqual(['refused', 'refused', 'disconnect']);
  });
});
