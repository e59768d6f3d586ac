/**
 * Errors the services raise for the HTTP layer to answer; each carries its
 * status. One whose extra names `retryAfterSeconds` is answered with that
 * Retry-After header too.
 */

/** How long a sender is asked to wait after a passing fault (503). */
export const RETRY_AFTER_SECONDS = 5;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export class UnauthorizedError extends HttpError {
  override name = 'UnauthorizedError';
  constructor(message: string) {
    super(401, 'Unauthorized', message);
  }
}

export class ForbiddenError extends HttpError {
  override name = 'ForbiddenError';
  constructor(message: string, extra: Record<string, unknown> = {}) {
    super(403, 'Forbidden', message, extra);
  }
}

export class NotFoundError extends HttpError {
  override name = 'NotFoundError';
  constructor(message: string) {
    super(404, 'Not Found', message);
  }
}

export class BadRequestError extends HttpError {
  override name = 'BadRequestError';
  constructor(message: string, extra: Record<string, unknown> = {}, options?: ErrorOptions) {
    super(400, 'Bad Request', message, extra, options);
  }
}

export class PayloadTooLargeError extends HttpError {
  override name = 'PayloadTooLargeError';
  constructor(message: string) {
    super(413, 'Payload Too Large', message);
  }
}

/**
 * The platform could not finish a submission it had already archived (the
 * database failed or throttled part-way). The sender may send it again, or an
 * operator replays the archived body (`npm run replay -- ID`); either way
 * rows already written come back unchanged, so nothing is doubled.
 */
export class SubmissionInterruptedError extends HttpError {
  override name = 'SubmissionInterruptedError';
  constructor(submissionId: string, cause: unknown) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    super(
      503,
      'Service Unavailable',
      `submission ${submissionId} is archived but could not be finished (${reason}); send it again in a moment: rows already stored will come back unchanged`,
      { submission: submissionId, retryAfterSeconds: RETRY_AFTER_SECONDS },
      { cause },
    );
  }
}

/** A part of the platform is down or busy; nothing of the request was kept. */
export class UnavailableError extends HttpError {
  override name = 'UnavailableError';
  constructor(message: string, cause?: unknown) {
    super(503, 'Service Unavailable', message, { retryAfterSeconds: RETRY_AFTER_SECONDS }, { cause });
  }
}

export class TooManyRequestsError extends HttpError {
  override name = 'TooManyRequestsError';
  constructor(message: string, retryAfterSeconds: number) {
    super(429, 'Too Many Requests', message, { retryAfterSeconds });
  }
}
