import type { PrinterStatus } from '../status.js';

/** How bytes reach one printer. Failures to reach it are reported as status, never thrown by status(). */
export interface PrinterTransport {
  /** Delivers one job; rejects when the printer cannot be reached or the timeout passes. */
  send(bytes: Uint8Array, timeoutMs: number): Promise<void>;
  /** Asks the printer for its state; resolves `unreachable` rather than rejecting. */
  status(timeoutMs: number): Promise<PrinterStatus>;
  close(): Promise<void>;
}

/** Schedules fn after ms; returns a function that cancels it. Injected so tests need not wait. */
export type SetTimer = (fn: () => void, ms: number) => () => void;

export const realTimer: SetTimer = (fn, ms) => {
  const t = setTimeout(fn, ms);
  return () => clearTimeout(t);
};

export class TransportTimeoutError extends Error {
  constructor(what: string, ms: number) {
    super(`${what} timed out after ${ms} ms`);
    this.name = 'TransportTimeoutError';
  }
}

/** What `work` settles to, or a TransportTimeoutError when it has not settled within `ms` on `setTimer`. */
export function withTimeout<T>(setTimer: SetTimer, what: string, ms: number, work: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const cancel = setTimer(() => reject(new TransportTimeoutError(what, ms)), ms);
    work.then(
      (v) => {
        cancel();
        resolve(v);
      },
      (e: unknown) => {
        cancel();
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

export class TransportClosedError extends Error {
  constructor() {
    super('transport is closed');
    this.name = 'TransportClosedError';
  }
}
