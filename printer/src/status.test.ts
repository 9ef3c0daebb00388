import { describe, expect, it } from 'vitest';
import {
  conditionOf,
  encodeStatusAnswer,
  interpretStatus,
  isStatusByte,
  parseErrorCause,
  parseOfflineCause,
  parsePaperSensor,
  parsePrinterStatus,
  statusRequest,
  statusRequests,
  type StatusRequest,
} from './status.js';
import { StatusConversation } from './transports/status-conversation.js';

const AT = '2026-04-06T01:02:03.000Z';
const at = new Date(AT);

describe('DLE EOT requests', () => {
  it('are 0x10 0x04 n, sent for n = 1, 2, 4 by default', () => {
    expect([...statusRequest(1)]).toEqual([0x10, 0x04, 0x01]);
    expect([...statusRequest(4)]).toEqual([0x10, 0x04, 0x04]);
    expect([...statusRequests()]).toEqual([0x10, 0x04, 1, 0x10, 0x04, 2, 0x10, 0x04, 4]);
  });
});

describe('DLE EOT answer bits (Epson ESC/POS)', () => {
  it('fixed bits: bit 1 and bit 4 set, bits 0 and 7 clear', () => {
    expect(isStatusByte(0x12)).toBe(true);
    expect(isStatusByte(0x7e)).toBe(true);
    expect(isStatusByte(0x13)).toBe(false); // bit 0 set (XOFF)
    expect(isStatusByte(0x10)).toBe(false); // bit 1 clear
    expect(isStatusByte(0x02)).toBe(false); // bit 4 clear
    expect(isStatusByte(0x92)).toBe(false); // bit 7 set
  });

  it('n=1 printer status: bit 3 is offline', () => {
    expect(parsePrinterStatus(0x12)).toEqual({ offline: false });
    expect(parsePrinterStatus(0x1a)).toEqual({ offline: true });
    expect(parsePrinterStatus(0x16)).toEqual({ offline: false }); // bit 2: drawer pin, not offline
  });

  it('n=2 offline cause: bit 2 cover, bit 3 feed button, bit 5 paper end stop, bit 6 error', () => {
    expect(parseOfflineCause(0x12)).toEqual({ coverOpen: false, feedButton: false, paperEndStop: false, error: false });
    expect(parseOfflineCause(0x16)).toMatchObject({ coverOpen: true });
    expect(parseOfflineCause(0x1a)).toMatchObject({ feedButton: true, coverOpen: false });
    expect(parseOfflineCause(0x32)).toMatchObject({ paperEndStop: true, coverOpen: false });
    expect(parseOfflineCause(0x52)).toMatchObject({ error: true, paperEndStop: false });
  });

  it('n=3 error cause: bit 3 autocutter, bit 5 unrecoverable, bit 6 auto-recoverable', () => {
    expect(parseErrorCause(0x1a)).toEqual({ autocutter: true, unrecoverable: false, autoRecoverable: false });
    expect(parseErrorCause(0x32)).toEqual({ autocutter: false, unrecoverable: true, autoRecoverable: false });
    expect(parseErrorCause(0x52)).toEqual({ autocutter: false, unrecoverable: false, autoRecoverable: true });
  });

  it('n=4 paper sensor: bits 2-3 near end, bits 5-6 paper end', () => {
    expect(parsePaperSensor(0x12)).toEqual({ nearEnd: false, paperEnd: false });
    expect(parsePaperSensor(0x1e)).toEqual({ nearEnd: true, paperEnd: false });
    expect(parsePaperSensor(0x16)).toEqual({ nearEnd: true, paperEnd: false }); // bit 2 alone
    expect(parsePaperSensor(0x1a)).toEqual({ nearEnd: true, paperEnd: false }); // bit 3 alone
    expect(parsePaperSensor(0x72)).toEqual({ nearEnd: false, paperEnd: true });
    expect(parsePaperSensor(0x7e)).toEqual({ nearEnd: true, paperEnd: true });
  });
});

describe('interpretStatus()', () => {
  it('all 0x12 is ok', () => {
    expect(interpretStatus({ 1: 0x12, 2: 0x12, 4: 0x12 }, at)).toEqual({ state: 'ok', at: AT });
  });

  it('cover open wins over paper end (the bytes a printer sends with both)', () => {
    expect(interpretStatus({ 1: 0x1a, 2: 0x36, 4: 0x72 }, at).state).toBe('cover_open');
  });

  it('paper end from the sensor or from the offline cause is paper_out', () => {
    expect(interpretStatus({ 1: 0x1a, 2: 0x32, 4: 0x7e }, at).state).toBe('paper_out');
    expect(interpretStatus({ 1: 0x12, 2: 0x12, 4: 0x72 }, at).state).toBe('paper_out');
    expect(interpretStatus({ 1: 0x1a, 2: 0x32 }, at).state).toBe('paper_out');
  });

  it('offline with an error names the error cause', () => {
    expect(interpretStatus({ 1: 0x1a, 2: 0x52, 3: 0x1a, 4: 0x12 }, at)).toEqual({ state: 'offline', detail: 'autocutter error', at: AT });
    expect(interpretStatus({ 1: 0x1a, 2: 0x52, 4: 0x12 }, at)).toEqual({ state: 'offline', detail: 'error', at: AT });
    expect(interpretStatus({ 1: 0x1a, 2: 0x12, 4: 0x12 }, at)).toEqual({ state: 'offline', detail: 'offline', at: AT });
  });

  it('near end alone is near_end (the printer still prints)', () => {
    expect(interpretStatus({ 1: 0x12, 2: 0x12, 4: 0x1e }, at)).toEqual({ state: 'near_end', detail: 'roll paper near end', at: AT });
  });

  it('no valid answer is unreachable', () => {
    expect(interpretStatus({}, at).state).toBe('unreachable');
    expect(interpretStatus({ 1: 0x00, 2: 0xff, 4: 0x13 }, at).state).toBe('unreachable');
  });
});

describe('encodeStatusAnswer() (what the simulator answers)', () => {
  const answers = (s: Parameters<typeof conditionOf>[0]) => ([1, 2, 3, 4] as StatusRequest[]).map((n) => encodeStatusAnswer(n, conditionOf(s)));

  it('answers per state, byte by byte', () => {
    expect(answers('ok')).toEqual([0x12, 0x12, 0x12, 0x12]);
    expect(answers('near_end')).toEqual([0x12, 0x12, 0x12, 0x1e]);
    expect(answers('paper_out')).toEqual([0x1a, 0x32, 0x12, 0x7e]);
    expect(answers('cover_open')).toEqual([0x1a, 0x16, 0x12, 0x12]);
    expect(answers('offline')).toEqual([0x1a, 0x52, 0x1a, 0x12]);
  });

  it('round-trips through interpretStatus()', () => {
    for (const s of ['ok', 'near_end', 'paper_out', 'cover_open', 'offline'] as const) {
      const [a1, a2, a3, a4] = answers(s);
      expect(interpretStatus({ 1: a1, 2: a2, 3: a3, 4: a4 }, at).state).toBe(s);
    }
  });
});

describe('StatusConversation', () => {
  it('asks n=3 only after n=2 reports an error, then finishes', () => {
    const c = new StatusConversation(() => at);
    expect([...c.initial]).toEqual([...statusRequests()]);
    const step1 = c.feed(Uint8Array.of(0x1a, 0x52));
    expect(step1.write && [...step1.write]).toEqual([0x10, 0x04, 0x03]);
    expect(step1.done).toBeUndefined();
    const step2 = c.feed(Uint8Array.of(0x12, 0x1a));
    expect(step2.done).toEqual({ state: 'offline', detail: 'autocutter error', at: AT });
  });

  it('skips bytes that are not status answers and reports what it has when cut short', () => {
    const c = new StatusConversation(() => at);
    expect(c.feed(Uint8Array.of(0x11, 0x13, 0x12)).done).toBeUndefined(); // XON, XOFF, then n=1
    expect(c.incomplete('timeout')).toEqual({ state: 'ok', at: AT });
    expect(new StatusConversation(() => at).incomplete('ECONNREFUSED')).toEqual({ state: 'unreachable', detail: 'ECONNREFUSED', at: AT });
  });
});
