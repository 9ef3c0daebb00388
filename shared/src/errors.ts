import type { Static } from 'typebox';
import type { ErrorSchema } from './schemas.js';

/**
 * The closed set of error codes. The core throws them, the edges map them to HTTP statuses,
 * and the pages translate them through the message catalogues.
 */
export const ERROR_STATUS = {
  VALIDATION: 400,
  /** a Web Push subscription whose endpoint is not one of the allowed push services */
  PUSH_ENDPOINT_NOT_ALLOWED: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LOCKED_OUT: 429,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ISSUING_CLOSED: 409,
  ISSUING_PAUSED: 409,
  EMERGENCY: 409,
  INVALID_TRANSITION: 409,
  NO_CURRENT_TICKET: 409,
  COUNTER_NOT_OPEN: 409,
  COUNTER_BUSY: 409,
  CONFIRM_NO_SHOW: 409,
  IDEMPOTENCY_MISMATCH: 409,
  NUMBERS_EXHAUSTED: 409,
  NOT_SAME_DAY: 409,
  /** bookings: the slot has no place left, booking is closed for the day, the slot is outside the hours */
  SLOT_FULL: 409,
  BOOKING_CLOSED: 409,
  OUTSIDE_HOURS: 409,
  /** check-in: before the window opens, after it closed, or a second time */
  TOO_EARLY: 409,
  TOO_LATE: 409,
  ALREADY_CHECKED_IN: 409,
  /** a device or engine the request needs is off (call buttons, speech) */
  UNAVAILABLE: 503,
  /** the disk holding the database is full: nothing was written */
  STORAGE_FULL: 507,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** Why issuing is closed: lets the kiosk say more than "closed". */
export type ClosedReason = 'closed_day' | 'outside_hours' | 'cutoff';

/** An error answer (ErrorSchema), its code one of the closed set. */
export interface ErrorBody {
  error: Static<typeof ErrorSchema>['error'] & { code: ErrorCode };
}

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { field?: string; reason?: string; nextOpening?: string | null } = {},
  ) {
    super(message);
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;
