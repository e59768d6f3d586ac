import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { config } from '#functions/commons/config.ts';
import { bodyOf, errorResult, header, json, type Result, withCors } from '#functions/commons/http.ts';
import { lambdaHandler, log } from '#functions/commons/logger.ts';
import { emitFreshness, emitIngestMetrics } from '#functions/commons/metrics.ts';
import { RateLimiter } from '#functions/commons/rate-limit.ts';
import { ingestPlatform } from '#functions/handlers/ingest-platform.ts';
import { NotPermittedError, RateLimitedError } from '#functions/services/errors.ts';
import { ingestSubmission } from '#functions/services/ingest.ts';
import { authenticate, bearerTokenHash } from '#functions/services/tokens.ts';

/**
 * POST /api/ingest: a bearer token, a CSV or JSON body of daily records; the
 * answer is the receipt, row by row. `?province=` may name the province the
 * sender means; a token of another province gets 403. Each token may send a
 * burst of INGEST_BURST submissions, then INGEST_RATE_PER_SECOND: 429 past it.
 */
let limiter: RateLimiter | undefined;

/** The hashes of tokens this process has seen accepted, newest last; bounded. */
const knownTokens = new Set<string>();
const MAX_KNOWN_TOKENS = 1_000;

function rememberToken(hash: string): void {
  knownTokens.delete(hash);
  knownTokens.add(hash);
  if (knownTokens.size > MAX_KNOWN_TOKENS) knownTokens.delete(knownTokens.values().next().value as string);
}

function limited(wait: number, who: string): RateLimitedError {
  const { perSecond, burst } = (limiter as RateLimiter).limit;
  return new RateLimitedError(
    `too many submissions: ${who} may send ${burst} at once and then ${perSecond} a second; send again in ${wait} s`,
    wait,
  );
}

/**
 * Who a request is counted against. A token that was accepted has a bucket of
 * its own. Requests without a token, or with one that is not known, are
 * counted against their source address, and only when refused: made-up
 * tokens, each new, can buy neither a fresh bucket nor a database look-up
 * each, while a sender's first request with a good token costs its
 * address nothing. 429 past either limit.
 */
async function authenticateWithinRate(event: APIGatewayProxyEventV2, tokenHash: string | undefined) {
  limiter ??= new RateLimiter(config().ingestRate);
  const address = `address:${event.requestContext?.http?.sourceIp ?? ''}`;
  if (!tokenHash || !knownTokens.has(tokenHash)) {
    const wait = limiter.peek(address);
    if (wait > 0) throw limited(wait, 'an address whose token is refused');
  }
  const { store } = ingestPlatform();
  let scope: Awaited<ReturnType<typeof authenticate>>;
  try {
    scope = await authenticate(store, tokenHash);
  } catch (error) {
    limiter.take(address);
    throw error;
  }
  if (tokenHash) {
    rememberToken(tokenHash);
    const wait = limiter.take(`token:${tokenHash}`);
    if (wait > 0) throw limited(wait, 'each token');
  }
  return scope;
}

export const handler = lambdaHandler(async (event: APIGatewayProxyEventV2): Promise<Result> => {
  try {
    const tokenHash = bearerTokenHash(header(event, 'authorization'));
    const scope = await authenticateWithinRate(event, tokenHash);
    const { store, archive, recompute, published } = ingestPlatform();
    const asked = event.queryStringParameters?.province;
    if (asked && asked !== scope.province) {
      throw new NotPermittedError(`this token writes province ${scope.province}, not ${asked}`);
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
    emitIngestMetrics(receipt.province, receipt.counts);
    await emitFreshness(store, receipt.province);
    return withCors(event, json(201, receipt, { location: `/api/submissions/${receipt.id}` }));
  } catch (error) {
    return withCors(event, errorResult(error, event));
  }
});
