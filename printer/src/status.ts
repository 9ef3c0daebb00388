// Real-time status of ESC/POS printers: DLE EOT n (0x10 0x04 n). Each answer is one byte whose
// bits 0, 1, 4 and 7 are fixed (0, 1, 1, 0), so 0x12 means "nothing to report".
//   n=1 printer status:   bit 3 offline
//   n=2 offline cause:    bit 2 cover open, bit 3 paper being fed by the FEED button,
//                         bit 5 printing stopped by paper end, bit 6 error occurred
//   n=3 error cause:      bit 3 autocutter error, bit 5 unrecoverable error, bit 6 auto-recoverable error
//   n=4 paper sensor:     bits 2-3 roll paper near end, bits 5-6 roll paper end

export type PrinterState = 'ok' | 'near_end' | 'paper_out' | 'cover_open' | 'offline' | 'unreachable';

export interface PrinterStatus {
  state: PrinterState;
  detail?: string;
  /** ISO time of the observation. */
  at: string;
}

/** States in which a job must not be sent: the printer would not print it. */
export const BLOCKING_STATES: ReadonlySet<PrinterState> = new Set(['paper_out', 'cover_open', 'offline', 'unreachable']);

export type StatusRequest = 1 | 2 | 3 | 4;

export const DLE = 0x10;
export const EOT = 0x04;

/** Fixed bits of every DLE EOT answer, and their value. */
const FIXED_MASK = 0x93;
const FIXED_VALUE = 0x12;
/** The answer with no bit set: online, no cause, paper present. */
export const STATUS_OK_BYTE = FIXED_VALUE;

export const BIT = {
  printer: { offline: 0x08 },
  offlineCause: { coverOpen: 0x04, feedButton: 0x08, paperEndStop: 0x20, error: 0x40 },
  errorCause: { autocutter: 0x08, unrecoverable: 0x20, autoRecoverable: 0x40 },
  paperSensor: { nearEnd: 0x0c, paperEnd: 0x60 },
} as const;

/** The bytes of one real-time status request: DLE EOT n. */
export function statusRequest(n: StatusRequest): Uint8Array {
  return Uint8Array.of(DLE, EOT, n);
}

/** The requests the transports send, in order: printer status, offline cause, paper sensor. */
export const STANDARD_REQUESTS: readonly StatusRequest[] = [1, 2, 4];

export function statusRequests(ns: readonly StatusRequest[] = STANDARD_REQUESTS): Uint8Array {
  const out = new Uint8Array(ns.length * 3);
  ns.forEach((n, i) => out.set(statusRequest(n), i * 3));
  return out;
}

/** Whether a byte has the fixed bits of a DLE EOT answer. */
export function isStatusByte(b: number): boolean {
  return (b & FIXED_MASK) === FIXED_VALUE;
}

export interface PrinterStatusBits {
  offline: boolean;
}
export interface OfflineCauseBits {
  coverOpen: boolean;
  feedButton: boolean;
  paperEndStop: boolean;
  error: boolean;
}
export interface ErrorCauseBits {
  autocutter: boolean;
  unrecoverable: boolean;
  autoRecoverable: boolean;
}
export interface PaperSensorBits {
  nearEnd: boolean;
  paperEnd: boolean;
}

export function parsePrinterStatus(b: number): PrinterStatusBits {
  return { offline: (b & BIT.printer.offline) !== 0 };
}

export function parseOfflineCause(b: number): OfflineCauseBits {
  const c = BIT.offlineCause;
  return { coverOpen: (b & c.coverOpen) !== 0, feedButton: (b & c.feedButton) !== 0, paperEndStop: (b & c.paperEndStop) !== 0, error: (b & c.error) !== 0 };
}

export function parseErrorCause(b: number): ErrorCauseBits {
  const c = BIT.errorCause;
  return { autocutter: (b & c.autocutter) !== 0, unrecoverable: (b & c.unrecoverable) !== 0, autoRecoverable: (b & c.autoRecoverable) !== 0 };
}

export function parsePaperSensor(b: number): PaperSensorBits {
  return { nearEnd: (b & BIT.paperSensor.nearEnd) !== 0, paperEnd: (b & BIT.paperSensor.paperEnd) !== 0 };
}

/** The answers received, by request; a missing or malformed answer is undefined. */
export interface StatusAnswers {
  1?: number;
  2?: number;
  3?: number;
  4?: number;
}

function iso(at: Date | string): string {
  return typeof at === 'string' ? at : at.toISOString();
}

export function unreachableStatus(at: Date | string, detail?: string): PrinterStatus {
  return detail ? { state: 'unreachable', detail, at: iso(at) } : { state: 'unreachable', at: iso(at) };
}

/**
 * Turns DLE EOT answers into one state. Precedence: no answer at all → unreachable; cover open;
 * paper end; any other offline condition; paper near end; ok.
 */
export function interpretStatus(answers: StatusAnswers, at: Date | string): PrinterStatus {
  const valid = (b: number | undefined): number | undefined => (b !== undefined && isStatusByte(b) ? b : undefined);
  const p = valid(answers[1]);
  const o = valid(answers[2]);
  const e = valid(answers[3]);
  const s = valid(answers[4]);
  if (p === undefined && o === undefined && s === undefined) return unreachableStatus(at, 'no status answer');
  const printer = p === undefined ? undefined : parsePrinterStatus(p);
  const cause = o === undefined ? undefined : parseOfflineCause(o);
  const error = e === undefined ? undefined : parseErrorCause(e);
  const paper = s === undefined ? undefined : parsePaperSensor(s);
  const result = (state: PrinterState, detail?: string): PrinterStatus => (detail ? { state, detail, at: iso(at) } : { state, at: iso(at) });

  if (cause?.coverOpen) return result('cover_open', 'cover open');
  if (paper?.paperEnd || cause?.paperEndStop) return result('paper_out', 'roll paper end');
  if (printer?.offline || cause?.error || cause?.feedButton) {
    const reasons: string[] = [];
    if (error?.autocutter) reasons.push('autocutter error');
    if (error?.unrecoverable) reasons.push('unrecoverable error');
    if (error?.autoRecoverable) reasons.push('auto-recoverable error');
    if (cause?.error && reasons.length === 0) reasons.push('error');
    if (cause?.feedButton) reasons.push('paper being fed by the FEED button');
    return result('offline', reasons.length > 0 ? reasons.join(', ') : 'offline');
  }
  if (paper?.nearEnd) return result('near_end', 'roll paper near end');
  return result('ok');
}

/** Conditions a printer can be in; what the simulator answers from. */
export interface PrinterCondition {
  offline?: boolean;
  coverOpen?: boolean;
  paperEnd?: boolean;
  nearEnd?: boolean;
  autocutterError?: boolean;
}

/** The byte a printer in this condition answers to DLE EOT n, per the bit tables above. */
export function encodeStatusAnswer(n: StatusRequest, c: PrinterCondition): number {
  const offline = !!(c.offline || c.coverOpen || c.paperEnd || c.autocutterError);
  let b = FIXED_VALUE;
  switch (n) {
    case 1:
      if (offline) b |= BIT.printer.offline;
      break;
    case 2:
      if (c.coverOpen) b |= BIT.offlineCause.coverOpen;
      if (c.paperEnd) b |= BIT.offlineCause.paperEndStop;
      if (c.autocutterError) b |= BIT.offlineCause.error;
      break;
    case 3:
      if (c.autocutterError) b |= BIT.errorCause.autocutter;
      break;
    case 4:
      if (c.nearEnd || c.paperEnd) b |= BIT.paperSensor.nearEnd;
      if (c.paperEnd) b |= BIT.paperSensor.paperEnd;
      break;
  }
  return b;
}

/** The condition behind each simulated state. */
export function conditionOf(state: Exclude<PrinterState, 'unreachable'>): PrinterCondition {
  switch (state) {
    case 'ok':
      return {};
    case 'near_end':
      return { nearEnd: true };
    case 'paper_out':
      return { paperEnd: true };
    case 'cover_open':
      return { coverOpen: true };
    case 'offline':
      return { autocutterError: true };
  }
}
