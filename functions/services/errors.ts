/**
 * What can go wrong in a request, in the product's words. The services throw
 * these; each front end says them its own way, from one table each: the API
 * as problem+json with a status (commons/http.ts), the commands as one line
 * and an exit code (cli/args.ts), the file drop as an error file beside the
 * file. None of them knows HTTP.
 */

import { UnknownMethodologyError } from '#core/methodology/catalog.ts';
import { PeriodError } from '#core/periods/period.ts';
import { UnknownProvinceError } from '#core/registry/registry.ts';
import { ProvinceBusyError, StoreBusyError } from '#functions/store/store.ts';

/** How long a sender is asked to wait after a passing fault. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * The kinds of fault, each with one meaning for every front end:
 * - invalid: the input is wrong as sent; sending it again cannot help
 * - unauthenticated: no token, or not one we issued
 * - not-permitted: the token may not do this
 * - not-found: the thing asked for does not exist
 * - too-large: the input is over a limit; split it
 * - rate-limited: too many requests from one sender; wait `retryAfterSeconds`
 * - unavailable: a part of the platform is down or busy; nothing was kept; try again
 * - interrupted: a submission was archived but not finished; send it again or replay it
 */
export type FaultKind =
  | 'invalid'
  | 'unauthenticated'
  | 'not-permitted'
  | 'not-found'
  | 'too-large'
  | 'rate-limited'
  | 'unavailable'
  | 'interrupted';

/** The kinds a sender can retry as they are: a command exits 75 (EX_TEMPFAIL) on them, 2 on the others. */
export const PASSING_FAULTS: ReadonlySet<FaultKind> = new Set(['rate-limited', 'unavailable', 'interrupted']);

export abstract class DomainError extends Error {
  abstract readonly kind: FaultKind;
  constructor(
    message: string,
    /** facts for the sender beyond the message: the submission id, a position, `retryAfterSeconds` */
    readonly details: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export class InvalidInputError extends DomainError {
  override name = 'InvalidInputError';
  readonly kind = 'invalid';
}

export class UnauthenticatedError extends DomainError {
  override name = 'UnauthenticatedError';
  readonly kind = 'unauthenticated';
}

export class NotPermittedError extends DomainError {
  override name = 'NotPermittedError';
  readonly kind = 'not-permitted';
}

export class NotFoundError extends DomainError {
  override name = 'NotFoundError';
  readonly kind = 'not-found';
}

export class TooLargeError extends DomainError {
  override name = 'TooLargeError';
  readonly kind = 'too-large';
}

export class RateLimitedError extends DomainError {
  override name = 'RateLimitedError';
  readonly kind = 'rate-limited';
  constructor(message: string, retryAfterSeconds: number) {
    super(message, { retryAfterSeconds });
  }
}

/** A part of the platform is down or busy; nothing of the request was kept. */
export class UnavailableError extends DomainError {
  override name = 'UnavailableError';
  readonly kind = 'unavailable';
  constructor(message: string, cause?: unknown, details: Record<string, unknown> = {}) {
    super(message, { ...details, retryAfterSeconds: RETRY_AFTER_SECONDS }, { cause });
  }
}

/**
 * The platform could not finish a submission it had already archived (the
 * database failed or throttled part-way, or the writer lost its lease). The
 * sender may send it again, or an operator replays the archived body
 * (`npm run replay -- ID`); either way rows already written come back
 * unchanged, so nothing is doubled, and the days it touched are ranked again
 * by the next writer of the province.
 */
export class SubmissionInterruptedError extends DomainError {
  override name = 'SubmissionInterruptedError';
  readonly kind = 'interrupted';
  constructor(submissionId: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      `submission ${submissionId} is archived but could not be finished (${reason}); send it again in a moment: rows already stored will come back unchanged`,
      { submission: submissionId, retryAfterSeconds: RETRY_AFTER_SECONDS },
      { cause },
    );
  }
}

const THROTTLED = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TimeoutError',
]);

/**
 * The faults of the core and of the store port, said as domain faults; undefined
 * for anything else (a bug). Shared by every front end.
 */
export function asDomainError(error: unknown): DomainError | undefined {
  if (error instanceof DomainError) return error;
  if (error instanceof PeriodError) return new InvalidInputError(error.message, {}, { cause: error });
  if (error instanceof UnknownProvinceError || error instanceof UnknownMethodologyError) {
    return new NotFoundError(error.message, {}, { cause: error });
  }
  if (error instanceof ProvinceBusyError || error instanceof StoreBusyError) {
    return new UnavailableError(`${error.message}; try again shortly`, error);
  }
  const name = error instanceof Error ? error.name : typeof error;
  if (THROTTLED.has(name)) return new UnavailableError('the database is busy; try again shortly', error);
  if ((error as { $fault?: string } | null)?.$fault === 'server') {
    // an AWS service failed on its side, still after the SDK's own retries: passing, not a fault of ours
    return new UnavailableError('a service the platform depends on failed; try again shortly', error);
  }
  return undefined;
}
