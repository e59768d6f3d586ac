import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { config } from '#functions/commons/config.ts';
import { bodyOf, errorResult, header, json, type Result } from '#functions/commons/http.ts';
import { log } from '#functions/commons/logger.ts';
import { RateLimiter } from '#functions/commons/rate-limit.ts';
import { ingestPlatform } from '#functions/handlers/ingest-platform.ts';
import { ForbiddenError, TooManyRequestsError } from '#functions/services/errors.ts';
import { ingestSubmission } from '#functions/services/ingest.ts';
import { authenticate, bearerTokenHash } from '#functions/services/tokens.ts';

/**
 * POST /api/ingest: a bearer token, a CSV or JSON body of daily records; the
 * answer is the receipt, row by row. `?province=` may name the province the
 * sender means; a token of another province gets 403. Each token may send a
 * burst of INGEST_BURST submissions, then INGEST_RATE_PER_SECOND: 429 past it.
 */
let limiter: RateLimiter | undefined;

/** Each presented token (or, without one, each address) has its own bucket: 429 past it. */
function checkRate(event: APIGatewayProxyEventV2, tokenHash: string | undefined): void {
  limiter ??= new RateLimiter(config().ingestRate);
  const key = tokenHash ? `token:${tokenHash}` : `address:${event.requestContext?.http?.sourceIp ?? ''}`;
  const wait = limiter.take(key);
  if (wait > 0) {
    const { perSecond, burst } = limiter.limit;
    throw new TooManyRequestsError(
      `too many submissions: each token may send ${burst} at once and then ${perSecond} a second; send again in ${wait} s`,
      wait,
    );
  }
}

export async function handler(event: APIGatewayProxyEventV2): Promise<Result> {
  try {
    const tokenHash = bearerTokenHash(header(event, 'authorization'));
    checkRate(event, tokenHash);
    const { store, archive, recompute, published } = ingestPlatform();
    const scope = await authenticate(store, tokenHash);
    const asked = event.queryStringParameters?.province;
    if (asked && asked !== scope.province) {
      throw new ForbiddenError(`this token writes province ${scope.province}, not ${asked}`);
    }
    const receipt = await ingestSubmission(
      { store, archive, recompute, published },
      { body: bodyOf(event), formatHint: header(event, 'content-type'), scope },
    );
    log.info('ingested', {
      province: receipt.province,
      source: 'api',
      submission: receipt.id,
      ...receipt.counts,
    });
    return json(201, receipt, { location: `/api/submissions/${receipt.id}` });
  } catch (error) {
    return errorResult(error, event);
  }
}
