import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { bodyOf, errorResult, header, json, type Result } from '#functions/commons/http.ts';
import { log } from '#functions/commons/logger.ts';
import { ingestPlatform } from '#functions/handlers/ingest-platform.ts';
import { ForbiddenError } from '#functions/services/errors.ts';
import { ingestSubmission } from '#functions/services/ingest.ts';
import { authenticate } from '#functions/services/tokens.ts';

/**
 * POST /api/ingest: a bearer token, a CSV or JSON body of daily records; the
 * answer is the receipt, row by row. `?province=` may name the province the
 * sender means; a token of another province gets 403.
 */
export async function handler(event: APIGatewayProxyEventV2): Promise<Result> {
  try {
    const { store, archive, recompute } = ingestPlatform();
    const scope = await authenticate(store, header(event, 'authorization'));
    const asked = event.queryStringParameters?.province;
    if (asked && asked !== scope.province) {
      throw new ForbiddenError(`this token writes province ${scope.province}, not ${asked}`);
    }
    const receipt = await ingestSubmission(
      { store, archive, recompute },
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
