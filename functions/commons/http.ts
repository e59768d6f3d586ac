import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { config } from '#functions/commons/config.ts';
import { errorFields, log } from '#functions/commons/logger.ts';
import { asDomainError, type FaultKind } from '#functions/services/errors.ts';

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

/** An Excel workbook's content type. */
export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An Excel workbook to download, base64 as API Gateway carries binary answers. */
export function xlsx(body: Uint8Array, fileName: string): Result {
  return {
    statusCode: 200,
    headers: {
      'content-type': XLSX_TYPE,
      'content-disposition': `attachment; filename="${fileName.replace(/[^\w.-]/g, '_')}"`,
      ...SECURITY_HEADERS,
    },
    body: Buffer.from(body).toString('base64'),
    isBase64Encoded: true,
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

/** Each kind of fault's answer: the one place a domain fault becomes a status. */
export const FAULT_STATUS: Record<FaultKind, { status: number; title: string }> = {
  invalid: { status: 400, title: 'Bad Request' },
  unauthenticated: { status: 401, title: 'Unauthorized' },
  'not-permitted': { status: 403, title: 'Forbidden' },
  'not-found': { status: 404, title: 'Not Found' },
  'too-large': { status: 413, title: 'Content Too Large' },
  'rate-limited': { status: 429, title: 'Too Many Requests' },
  unavailable: { status: 503, title: 'Service Unavailable' },
  interrupted: { status: 503, title: 'Service Unavailable' },
};

/**
 * Maps a failure to its answer, application/problem+json (RFC 9457) whose
 * `instance` names the occurrence: the submission the fault names, or the
 * request (its id in the API's logs). Domain faults become 4xx/503 with what
 * is wrong, anything else a bare 500 that is logged.
 */
export function errorResult(error: unknown, event?: APIGatewayProxyEventV2): Result {
  const requestId = event?.requestContext?.requestId;
  const fault = asDomainError(error);
  // the occurrence: the submission the fault names (its receipt, once it has one), else the request
  const submission = fault?.details.submission;
  const where = {
    instance:
      typeof submission === 'string'
        ? `/api/submissions/${submission}`
        : requestId
          ? `urn:request:${requestId}`
          : (event?.rawPath ?? '/'),
    requestId,
  };
  if (fault) {
    const { status, title } = FAULT_STATUS[fault.kind];
    if (status >= 500) {
      // the cause of a 503 is a fault of ours: logged, then the sender told when to come back
      const cause = fault.cause ?? error;
      log.warn('unavailable', {
        detail: fault.message,
        cause: cause instanceof Error && cause !== fault ? `${cause.name}: ${cause.message}` : undefined,
        path: event?.rawPath,
      });
    }
    const wait = fault.details.retryAfterSeconds;
    return problem(
      status,
      title,
      fault.message,
      { ...where, ...fault.details },
      wait === undefined ? {} : { 'retry-after': String(wait) },
    );
  }
  log.error('unhandled error', { ...errorFields(error), path: event?.rawPath, requestId });
  return problem(500, 'Internal Server Error', 'something went wrong on our side; it has been logged', where);
}

/**
 * The answer for this request's origin, as a new object: the answer kept in the
 * read cache is shared by every request, so nothing of one request is written
 * into it. When the API allows any origin, every answer varies by Origin, so
 * that no cache in between gives one origin's answer to another.
 */
export function withCors(
  event: APIGatewayProxyEventV2,
  result: Result,
  origins = config().corsOrigins,
): Result {
  if (!origins.length) return result;
  const origin = header(event, 'origin');
  const headers: Record<string, string> = {
    ...result.headers,
    vary: result.headers.vary ? `${result.headers.vary}, Origin` : 'Origin',
  };
  if (origin && origins.includes(origin)) headers['access-control-allow-origin'] = origin;
  return { ...result, headers };
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
