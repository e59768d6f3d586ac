import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { UnknownMethodologyError } from '#core/methodology/catalog.ts';
import { PeriodError } from '#core/periods/period.ts';
import { UnknownProvinceError } from '#core/registry/registry.ts';
import { errorFields, log } from '#functions/commons/logger.ts';
import { HttpError, RETRY_AFTER_SECONDS } from '#functions/services/errors.ts';
import { UnprocessedItemsError } from '#functions/store/dynamo/batch.ts';
import { LeaseBusyError } from '#functions/store/dynamo/dynamo-store.ts';

/**
 * The one place that shapes HTTP answers: JSON, CSV, and errors as
 * application/problem+json (RFC 9457), with the security headers on every one.
 */

export type Result = APIGatewayProxyStructuredResultV2 & { headers: Record<string, string> };

export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
};

/**
 * The dashboard's policy, served by the local platform and by CloudFront: scripts
 * only from the site itself, no frames around it. Styles allow inline ones for
 * the page's few critical rules in index.html.
 */
export const DASHBOARD_CSP =
  "default-src 'self'; script-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Result {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...SECURITY_HEADERS, ...headers },
    body: JSON.stringify(body),
  };
}

export function csv(body: string, fileName: string, headers: Record<string, string> = {}): Result {
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`,
      ...SECURITY_HEADERS,
      ...headers,
    },
    body,
  };
}

export function problem(
  status: number,
  title: string,
  detail: string,
  extra: Record<string, unknown> = {},
  headers = {},
): Result {
  return {
    statusCode: status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...SECURITY_HEADERS, ...headers },
    body: JSON.stringify({ type: 'about:blank', title, status, detail, ...extra }),
  };
}

/** 503 for a passing fault of a part the platform depends on: the sender is told when to come back. */
function unavailable(detail: string): Result {
  return problem(503, 'Service Unavailable', detail, {}, { 'retry-after': String(RETRY_AFTER_SECONDS) });
}

/** Maps a failure to its answer: known faults to 4xx/503 with what is wrong, anything else to a bare 500. */
export function errorResult(error: unknown, event?: APIGatewayProxyEventV2): Result {
  if (error instanceof HttpError) {
    if (error.status === 503) {
      // the cause of a 503 is a fault of ours: logged, then the sender told when to come back
      log.warn('unavailable', {
        detail: error.message,
        cause: error.cause instanceof Error ? `${error.cause.name}: ${error.cause.message}` : undefined,
        path: event?.rawPath,
      });
    }
    const wait = error.extra.retryAfterSeconds;
    return problem(
      error.status,
      error.title,
      error.message,
      error.extra,
      wait === undefined ? {} : { 'retry-after': String(wait) },
    );
  }
  if (error instanceof PeriodError) return problem(400, 'Bad Request', error.message);
  if (error instanceof UnknownProvinceError || error instanceof UnknownMethodologyError) {
    return problem(404, 'Not Found', error.message);
  }
  if (error instanceof LeaseBusyError || error instanceof UnprocessedItemsError) {
    return unavailable(`${error.message}; try again shortly`);
  }
  const name = error instanceof Error ? error.name : typeof error;
  if (
    [
      'ProvisionedThroughputExceededException',
      'ThrottlingException',
      'RequestLimitExceeded',
      'TimeoutError',
    ].includes(name)
  ) {
    return unavailable('the database is busy; try again shortly');
  }
  if ((error as { $fault?: string } | null)?.$fault === 'server') {
    // an AWS service failed on its side, still after the SDK's own retries: passing, not a fault of ours
    log.warn('unavailable', { ...errorFields(error), path: event?.rawPath });
    return unavailable('a service the platform depends on failed; try again shortly');
  }
  log.error('unhandled error', {
    ...errorFields(error),
    path: event?.rawPath,
    requestId: event?.requestContext?.requestId,
  });
  return problem(500, 'Internal Server Error', 'something went wrong on our side; it has been logged');
}

/** The body of an event as bytes. */
export function bodyOf(event: APIGatewayProxyEventV2): Buffer {
  if (!event.body) return Buffer.alloc(0);
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64') : Buffer.from(event.body, 'utf8');
}

/** A header by name, whatever its case. */
export function header(event: APIGatewayProxyEventV2, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [k, v] of Object.entries(event.headers ?? {})) if (k.toLowerCase() === wanted) return v;
  return undefined;
}
