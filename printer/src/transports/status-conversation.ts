import {
  BIT,
  interpretStatus,
  isStatusByte,
  STANDARD_REQUESTS,
  statusRequest,
  statusRequests,
  unreachableStatus,
  type PrinterStatus,
  type StatusAnswers,
  type StatusRequest,
} from '../status.js';

export interface StatusStep {
  /** Bytes to write to the printer next (a follow-up request), if any. */
  write?: Uint8Array;
  /** The final status, once every request has its answer. */
  done?: PrinterStatus;
}

/**
 * One DLE EOT exchange over a byte stream: write `initial`, feed what comes back. Asks for the error
 * cause (n=3) only when the offline cause says an error occurred. Bytes without the fixed status
 * bits (XON/XOFF, automatic status back) are skipped.
 */
export class StatusConversation {
  readonly initial: Uint8Array = statusRequests(STANDARD_REQUESTS);
  private readonly waiting: StatusRequest[] = [...STANDARD_REQUESTS];
  private readonly answers: StatusAnswers = {};
  private received = 0;

  constructor(private readonly now: () => Date) {}

  feed(chunk: Uint8Array): StatusStep {
    const step: StatusStep = {};
    for (const b of chunk) {
      if (!isStatusByte(b)) continue;
      const n = this.waiting.shift();
      if (n === undefined) break;
      this.answers[n] = b;
      this.received++;
      if (n === 2 && b & BIT.offlineCause.error) {
        this.waiting.push(3);
        step.write = statusRequest(3);
      }
    }
    if (this.waiting.length === 0) step.done = interpretStatus(this.answers, this.now());
    return step;
  }

  /** The status from what has arrived when the exchange ends early (timeout, closed, error). */
  incomplete(detail: string): PrinterStatus {
    if (this.received === 0) return unreachableStatus(this.now(), detail);
    return interpretStatus(this.answers, this.now());
  }
}
