import type { ErrorBody } from '@madoguchi/shared';

/**
 * A refused request, as every page sees it: the API's `code` (shared/errors.ts), its reason,
 * the field it names and, when issuing is closed, the next opening; `NETWORK` when no answer came.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly reason: string | null = null,
    readonly field: string | null = null,
    readonly nextOpening: string | null = null,
  ) {
    super(code);
  }
}

/** Anything a request threw, as an ApiError (a failure that is not one counts as no network). */
export const asApiError = (e: unknown): ApiError => (e instanceof ApiError ? e : new ApiError(0, 'NETWORK'));

/** The ApiError of an error answer, from its `{ error: { code, reason, field, nextOpening } }` body. */
export async function apiErrorOf(res: Response): Promise<ApiError> {
  const body = (await res.json().catch(() => null)) as { error?: Partial<ErrorBody['error']> } | null;
  const e = body?.error;
  return new ApiError(res.status, e?.code ?? (res.status >= 500 ? 'INTERNAL' : 'generic'), e?.reason ?? null, e?.field ?? null, e?.nextOpening ?? null);
}
