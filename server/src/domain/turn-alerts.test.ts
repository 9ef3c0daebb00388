import { describe, expect, it } from 'vitest';
import { isNear, lineCode, LINE_CODE_ALPHABET, mayAddAlert, normaliseLineCode, planAlert, pushEndpointAllowed } from './turn-alerts.js';

const T = { ahead: 5, minutes: 10 };
const waiting = (ahead: number, estimatedWaitMinutes: number) => ({ waiting: true as const, ahead, estimatedWaitMinutes });

describe('isNear', () => {
  it('is near by people ahead or by minutes, whichever comes first', () => {
    expect(isNear({ ahead: 6, estimatedWaitMinutes: 11 }, T)).toBe(false);
    expect(isNear({ ahead: 5, estimatedWaitMinutes: 40 }, T)).toBe(true);
    expect(isNear({ ahead: 20, estimatedWaitMinutes: 10 }, T)).toBe(true);
  });

  it('without an estimate (no counter serves the queue) only the people ahead count', () => {
    expect(isNear({ ahead: 20, estimatedWaitMinutes: null }, T)).toBe(false);
    expect(isNear({ ahead: 5, estimatedWaitMinutes: null }, T)).toBe(true);
  });
});

describe('planAlert', () => {
  it('tells near once, when crossed', () => {
    expect(planAlert({ nearSent: false }, T, [], waiting(6, 30))).toEqual({ messages: [], nearSent: false, ends: false });
    expect(planAlert({ nearSent: false }, T, [], waiting(5, 30))).toEqual({ messages: [{ kind: 'near' }], nearSent: true, ends: false });
    expect(planAlert({ nearSent: true }, T, [], waiting(2, 3))).toEqual({ messages: [], nearSent: true, ends: false });
  });

  it('tells called and recalled with the counter, and never near after a call', () => {
    expect(planAlert({ nearSent: false }, T, [{ kind: 'called', counter: '窓口1', recall: false }], { waiting: false })).toEqual({
      messages: [{ kind: 'called', counter: '窓口1' }],
      nearSent: true,
      ends: false,
    });
    // transferred back to a queue after the call
    expect(planAlert({ nearSent: false }, T, [{ kind: 'called', counter: 'A', recall: true }], waiting(0, 0)).messages).toEqual([{ kind: 'recalled', counter: 'A' }]);
  });

  it('ends with a message when unserved, silently when served', () => {
    for (const reason of ['no_show', 'cancelled', 'expired'] as const) {
      expect(planAlert({ nearSent: true }, T, [{ kind: 'ended', reason }], { waiting: false })).toEqual({ messages: [{ kind: 'ended', reason }], nearSent: true, ends: true });
    }
    expect(planAlert({ nearSent: true }, T, [{ kind: 'called', counter: 'A', recall: false }, { kind: 'ended', reason: 'served' }], { waiting: false })).toEqual({
      messages: [{ kind: 'called', counter: 'A' }],
      nearSent: true,
      ends: true,
    });
  });

  it('a cancelled ticket that was near gets no near, only the end', () => {
    expect(planAlert({ nearSent: false }, T, [{ kind: 'ended', reason: 'cancelled' }], { waiting: false }).messages).toEqual([{ kind: 'ended', reason: 'cancelled' }]);
  });
});

describe('alerts per ticket', () => {
  it('allows three', () => {
    expect(mayAddAlert(2)).toBe(true);
    expect(mayAddAlert(3)).toBe(false);
  });
});

describe('LINE codes', () => {
  it('are six characters of the unambiguous alphabet', () => {
    const c = lineCode(Uint8Array.from([0, 1, 2, 200, 255, 24]));
    expect(c).toHaveLength(6);
    for (const ch of c) expect(LINE_CODE_ALPHABET).toContain(ch);
    expect(LINE_CODE_ALPHABET).not.toMatch(/[0O1IL2Z5S8B]/);
  });

  it('are read as typed: case, spaces, full-width', () => {
    expect(normaliseLineCode(' acd-efg ')).toBe('ACDEFG');
    expect(normaliseLineCode('ＡＣＤＥＦＧ')).toBe('ACDEFG');
    expect(normaliseLineCode('ACDEF0')).toBeNull();
    expect(normaliseLineCode('stop')).toBeNull();
  });
});

describe('pushEndpointAllowed', () => {
  it('allows the known push services over https', () => {
    expect(pushEndpointAllowed('https://fcm.googleapis.com/fcm/send/abc')).toBe(true);
    expect(pushEndpointAllowed('https://updates.push.services.mozilla.com/wpush/v2/x')).toBe(true);
    expect(pushEndpointAllowed('https://web.push.apple.com/QG')).toBe(true);
    expect(pushEndpointAllowed('https://wns2-par02p.notify.windows.com/w/?token=x')).toBe(true);
  });

  it('refuses anything else: other hosts, look-alikes, http, ports, credentials', () => {
    expect(pushEndpointAllowed('https://evil.example/fcm')).toBe(false);
    expect(pushEndpointAllowed('https://fcm.googleapis.com.evil.example/x')).toBe(false);
    expect(pushEndpointAllowed('https://evilpush.apple.com/x')).toBe(false);
    expect(pushEndpointAllowed('https://push.apple.com/x')).toBe(false);
    expect(pushEndpointAllowed('http://fcm.googleapis.com/x')).toBe(false);
    expect(pushEndpointAllowed('https://fcm.googleapis.com:8443/x')).toBe(false);
    expect(pushEndpointAllowed('https://u:p@fcm.googleapis.com/x')).toBe(false);
    expect(pushEndpointAllowed('not a url')).toBe(false);
    expect(pushEndpointAllowed('https://127.0.0.1/x')).toBe(false);
  });

  it('adds PUSH_ALLOWED_HOSTS, with or without a port', () => {
    expect(pushEndpointAllowed('https://127.0.0.1:4443/p/1', ['127.0.0.1:4443'])).toBe(true);
    expect(pushEndpointAllowed('https://127.0.0.1:4444/p/1', ['127.0.0.1:4443'])).toBe(false);
    expect(pushEndpointAllowed('https://push.city.example/p', [' push.city.example '])).toBe(true);
    expect(pushEndpointAllowed('https://push.city.example:9/p', ['push.city.example'])).toBe(false);
  });
});
